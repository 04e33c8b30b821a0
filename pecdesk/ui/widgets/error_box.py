"""Telling the person about a PecError: its texts in their language, and a box that needs no loop.

This lives among the widgets, not the dialogs, because the task runner
(:mod:`pecdesk.ui.widgets.tasks`) shows these boxes and the widgets import no feature folder.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from pecdesk.errors import PecError

ERROR_CONTEXT = "PecError"


def error_texts(err: PecError) -> tuple[str, str]:
    """The translated title and message of ``err``, its parameters filled in."""
    title = QCoreApplication.translate(ERROR_CONTEXT, err.title)
    template = QCoreApplication.translate(ERROR_CONTEXT, err.template)
    try:
        message = template.format(**err.params)
    except (KeyError, IndexError, ValueError):
        # A translation with a broken placeholder must not hide the error itself.
        message = err.message
    return title, message


def open_box(box: QMessageBox) -> QMessageBox:
    """Show ``box`` window-modal without a nested event loop, and free it when closed.

    ``exec()`` would spin a nested loop inside an asyncio task step, which qasync cannot
    re-enter safely; ``open()`` returns at once.
    """
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.open()
    return box


def show_error(parent: QWidget, err: PecError) -> QMessageBox:
    """Tell the person about a :class:`PecError` they can act on."""
    title, message = error_texts(err)
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent
    )
    return open_box(box)
