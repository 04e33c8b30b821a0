"""Dialogs: the one way to ask a question from a coroutine (:mod:`.ask`), accounts and settings."""
