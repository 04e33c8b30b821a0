"""Qt-free marker for strings that the UI translates later.

The core must not import Qt, yet its error titles and messages are shown to people. They are
written in English here, marked with :func:`translatable` so that ``pyside6-lupdate`` extracts
them (it recognises the ``QT_TRANSLATE_NOOP`` name), and translated by the UI with
``QCoreApplication.translate(context, text)`` when shown.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Return ``text`` unchanged; marks it for extraction under ``context``."""
    del context
    return text


translatable = QT_TRANSLATE_NOOP
