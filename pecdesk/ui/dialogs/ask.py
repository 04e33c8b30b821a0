"""Small dialogs: a yes/no question, About, a PecError message and the crash report."""

from __future__ import annotations

import asyncio
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

import pecdesk
from pecdesk.ui.widgets.error_box import error_texts, open_box, show_error

QUESTION_BOX = "questionBox"
"""The object name of every yes/no question :func:`ask` opens (tests find it by it)."""

# error_texts and show_error live with the widgets (the task runner shows them); kept here
# for the callers that take every small dialog from this module.
__all__ = ["QUESTION_BOX", "ask", "error_texts", "show_about", "show_crash", "show_error"]


async def ask(
    parent: QWidget,
    title: str,
    question: str,
    *,
    yes: str = "",
    no: str = "",
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
) -> bool:
    """Ask a yes/no question window-modally and wait for the answer without a nested loop.

    ``QMessageBox.question()`` and ``exec()`` spin a nested event loop: inside a coroutine on
    qasync, the first timer that starts another task then fails with "Cannot enter into task"
    (a crash dialog every few seconds while the box stays open). This opens the box with
    ``open()`` and awaits its ``finished`` signal through a future, so the loop keeps running
    normally while the person thinks. No is the default; closing the box or cancelling the
    waiting coroutine counts as No.

    Args:
        parent: the widget the box is modal to.
        title: the box's title.
        question: the question, as plain text.
        yes: the affirmative button's text ("" keeps Qt's "Yes").
        no: the negative button's text ("" keeps Qt's "No").
        icon: the box's icon.

    Returns:
        True when the person chose the affirmative button.
    """
    box = QMessageBox(icon, title, question, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName(QUESTION_BOX)
    yes_button = box.addButton(QMessageBox.StandardButton.Yes)
    no_button = box.addButton(QMessageBox.StandardButton.No)
    if yes:
        yes_button.setText(yes)
    if no:
        no_button.setText(no)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)
    answer: asyncio.Future[bool] = asyncio.get_running_loop().create_future()

    def finished(_code: int) -> None:
        if not answer.done():
            answer.set_result(box.clickedButton() is yes_button)

    box.finished.connect(finished)
    open_box(box)
    try:
        return await answer
    finally:
        if shiboken6.isValid(box) and box.isVisible():
            box.reject()  # the coroutine was cancelled (its widget went): close the question


def show_about(parent: QWidget) -> QMessageBox:
    """The About box: name, version and what the program is for."""
    title = QCoreApplication.translate("AboutDialog", "About pecdesk")
    text = QCoreApplication.translate(
        "AboutDialog",
        "pecdesk {version}\n\nBulk certified e-mail (PEC) for small offices, "
        "through the PEC Massiva service.",
    ).format(version=pecdesk.__version__)
    box = QMessageBox(
        QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent
    )
    box.setObjectName("aboutBox")
    return open_box(box)


def show_crash(parent: QWidget | None, *, summary: str, log_file: Path) -> QMessageBox:
    """Report a bug: what went wrong (``summary``, already free of secrets) and where the log is.

    Without a ``parent`` the caller must keep the returned box referenced while it is open.
    """
    title = QCoreApplication.translate("CrashDialog", "pecdesk ran into a bug")
    text = QCoreApplication.translate(
        "CrashDialog",
        "Something unexpected happened. pecdesk may keep working, "
        "but it is safer to restart it.\n\n"
        "{summary}\n\nThe details are in the log file:\n{log_file}",
    ).format(summary=summary, log_file=log_file)
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("crashBox")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return open_box(box)
