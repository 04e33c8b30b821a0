"""Send later and the test send's wait: the time picker, the overdue question, the wait line.

Every dialog here opens with ``open()`` and is awaited through its ``finished`` signal: a nested
event loop (``exec()``) breaks qasync (see :func:`pecdesk.ui.dialogs.ask.ask`).
"""

from __future__ import annotations

import asyncio
import enum
from collections.abc import Sequence

import shiboken6
from PySide6.QtCore import QDateTime, QLocale, QObject, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pecdesk.services.sending.receipt_wait import ReceiptOutcome, Stage, Verdict
from pecdesk.services.sending.schedule import Scheduled
from pecdesk.ui.compose.guard import local_time

LATER_DIALOG = "sendLaterDialog"
OVERDUE_BOX = "overdueBox"
"""Object names the tests find the dialogs by."""
EARLIEST = 60
"""Seconds from now before which a sending cannot be scheduled."""


def _time_text(at: float) -> str:
    return QLocale().toString(QDateTime.fromSecsSinceEpoch(int(at)).time(),
                              QLocale.FormatType.ShortFormat)


class SendLaterDialog(QDialog):
    """Picks the date and time a sending leaves at: tomorrow at 9:00 unless changed.

    Attributes:
        picker: the date and time, at least a minute from now.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(LATER_DIALOG)
        self.setWindowTitle(self.tr("Send later"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        now = QDateTime.currentDateTime()
        self.picker = QDateTimeEdit(self)
        self.picker.setLocale(QLocale())
        self.picker.setCalendarPopup(True)
        self.picker.setDisplayFormat(QLocale().dateTimeFormat(QLocale.FormatType.ShortFormat))
        self.picker.setMinimumDateTime(now.addSecs(EARLIEST))
        tomorrow = QDateTime(now.date().addDays(1), QTime(9, 0))
        self.picker.setDateTime(tomorrow)
        note = QLabel(self.tr("The PECs wait in the queue until then. pecdesk must be open at "
                              "that time; if it is closed, it asks at the next start before "
                              "sending them."), self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Schedule"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Send on:"), self))
        row.addWidget(self.picker, 1)
        layout.addLayout(row)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def chosen(self) -> float:
        """The time picked, as POSIX seconds (whole minutes)."""
        moment = self.picker.dateTime()
        moment.setTime(QTime(moment.time().hour(), moment.time().minute()))
        return float(moment.toSecsSinceEpoch())


async def choose_time(parent: QWidget) -> float | None:
    """Ask when to send; None when the person cancels (or the window goes)."""
    dialog = SendLaterDialog(parent)
    answer: asyncio.Future[float | None] = asyncio.get_running_loop().create_future()

    def finished(code: int) -> None:
        if not answer.done():
            accepted = code == QDialog.DialogCode.Accepted.value
            answer.set_result(dialog.chosen() if accepted else None)

    dialog.finished.connect(finished)
    dialog.open()
    try:
        return await answer
    finally:
        if shiboken6.isValid(dialog):
            if dialog.isVisible():
                dialog.reject()
            dialog.deleteLater()


class Overdue(enum.Enum):
    """What to do with the scheduled sendings whose time passed while pecdesk was closed."""

    SEND_NOW = "send_now"
    KEEP_WAITING = "keep_waiting"
    CANCEL = "cancel"


class OverdueQuestion(QObject):
    """The words of the overdue question (a QObject, so ``tr`` gives them plural forms)."""

    def texts(self, count: int, first: float) -> tuple[str, str]:
        """The box's title and question for ``count`` PECs, the first due at ``first``."""
        question = self.tr(
            "%n scheduled PEC(s) should have left while pecdesk was closed (the first on "
            "{when}). Send them now?", "", count).format(when=local_time(first))
        return self.tr("Scheduled sending overdue"), question

    def buttons(self) -> tuple[str, str, str]:
        """Send now, Keep waiting, Cancel the sending."""
        return self.tr("Send now"), self.tr("Keep waiting"), self.tr("Cancel the sending")


async def ask_overdue(parent: QWidget, overdue: Sequence[Scheduled]) -> Overdue:
    """Ask "Send now / Keep waiting / Cancel" about overdue sendings; closing keeps waiting."""
    words = OverdueQuestion()
    title, question = words.texts(sum(s.count for s in overdue), min(s.at for s in overdue))
    send_now, keep_waiting, cancel = words.buttons()
    box = QMessageBox(QMessageBox.Icon.Question, title, question,
                      QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName(OVERDUE_BOX)
    buttons = {
        Overdue.SEND_NOW: box.addButton(send_now, QMessageBox.ButtonRole.AcceptRole),
        Overdue.KEEP_WAITING: box.addButton(keep_waiting, QMessageBox.ButtonRole.RejectRole),
        Overdue.CANCEL: box.addButton(cancel, QMessageBox.ButtonRole.DestructiveRole),
    }
    box.setDefaultButton(buttons[Overdue.KEEP_WAITING])
    box.setEscapeButton(buttons[Overdue.KEEP_WAITING])
    answer: asyncio.Future[Overdue] = asyncio.get_running_loop().create_future()

    def finished(_code: int) -> None:
        clicked = box.clickedButton()
        choice = next((k for k, b in buttons.items() if b is clicked), Overdue.KEEP_WAITING)
        if not answer.done():
            answer.set_result(choice)

    box.finished.connect(finished)
    box.open()
    try:
        return await answer
    finally:
        if shiboken6.isValid(box):
            if box.isVisible():
                box.reject()
            box.deleteLater()


class ReceiptWaitLine(QWidget):
    """One line saying how the test send is doing, then how it ended; "Stop waiting" meanwhile.

    Attributes:
        label: the line.
        stop_button: stops waiting (the PEC and its receipts go on; the Sent tab has them).

    Signals:
        stop_requested(): the person stopped waiting.
    """

    stop_requested = Signal()

    def __init__(self, mailbox: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._mailbox = mailbox
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.stop_button = QPushButton(self.tr("Stop waiting"), self)
        self.stop_button.clicked.connect(self.stop_requested.emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.stop_button)
        self.hide()

    def show_stage(self, stage: Stage, accepted_at: float | None = None) -> None:
        """Say what the test send is waiting for."""
        texts = {
            Stage.SENDING: self.tr("Test send: sending to {mailbox}…"),
            Stage.SUBMITTED: self.tr("Test send: sent; waiting for the acceptance receipt "
                                     "(ACCETTAZIONE)…"),
            Stage.ACCEPTED: self.tr("Test send: accepted; waiting for the delivery receipt "
                                    "(CONSEGNA)…"),
        }
        self.label.setText(texts[stage].format(mailbox=self._mailbox))
        self.stop_button.show()
        self.show()

    def show_outcome(self, outcome: ReceiptOutcome) -> None:
        """Say how the test send ended, in plain words."""
        self.label.setText(self.outcome_text(outcome))
        self.stop_button.hide()
        self.show()

    def show_stopped(self) -> None:
        """Say that the wait was stopped and where the receipts will show."""
        self.label.setText(self.tr("Stopped waiting for the test send: its receipts will "
                                   "show in the Sent tab when they arrive."))
        self.stop_button.hide()

    def outcome_text(self, outcome: ReceiptOutcome) -> str:
        """The sentence for ``outcome``."""
        reason = outcome.reason or self.tr("no reason given")
        accepted = _time_text(outcome.accepted_at) if outcome.accepted_at else ""
        final = _time_text(outcome.final_at) if outcome.final_at else ""
        minutes = max(1, round(outcome.waited / 60))
        texts = {
            Verdict.DELIVERED: self.tr("Test send delivered: accepted at {accepted} and "
                                       "delivered to {mailbox} at {final}. You can send to "
                                       "everyone."),
            Verdict.ACCEPTED: self.tr("Test send accepted at {accepted}. {mailbox} is not a "
                                      "PEC mailbox, so no delivery receipt will come."),
            Verdict.NOT_ACCEPTED: self.tr("Test send not accepted by the provider: {reason}. "
                                          "Nothing was delivered: fix the message before "
                                          "sending to everyone."),
            Verdict.NOT_DELIVERED: self.tr("Test send not delivered to {mailbox}: {reason}. "
                                           "Check the Sent tab before sending to everyone."),
            Verdict.NOT_SENT: self.tr("Test send not sent: {reason}."),
        }
        if outcome.verdict is Verdict.NO_RECEIPT:
            if outcome.stage is Stage.ACCEPTED:
                text = self.tr("Test send accepted at {accepted}, but no delivery receipt yet "
                               "after %n minute(s): check the Sent tab.", "", minutes)
            else:
                text = self.tr("No receipt yet after %n minute(s): check the Sent tab.", "",
                               minutes)
        else:
            text = texts[outcome.verdict]
        return text.format(mailbox=self._mailbox, reason=reason, accepted=accepted, final=final)
