"""The command line: `pecdesk send`, `pecdesk queue ...`, `pecdesk status`, `pecdesk export`.

Qt-free; one module per command, the parser and dispatch in :mod:`.main`, what they share in
:mod:`.common`. It opens its mailbox through :mod:`pecdesk.app.wiring`, like the window.
"""
