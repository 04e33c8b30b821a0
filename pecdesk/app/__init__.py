"""The composition root: start-up, the wiring factory, the self-test and the built-in sandbox.

Only this folder builds concrete objects and hands them to each other (:mod:`.wiring` for an
account's client, queue, reconciler, tracker and the window's services). It imports no Qt: it
drives the window through :mod:`pecdesk.ui.window`.
"""
