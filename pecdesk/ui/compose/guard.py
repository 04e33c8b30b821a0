"""Compose's guards: the question before PECs leave, the "already sent" notice, the close guard.

A PEC that has left is a legal communication that cannot be withdrawn, so Send never queues
anything without the person's word: the question names how many PECs go out and from which
mailbox; when the very same PECs were already sent (or may have been), it names that earlier
sending — its date and how many of these recipients got it — and only an explicit "Send again"
goes on. Every question is opened with :func:`pecdesk.ui.dialogs.ask.ask` (``open()`` and a
future), never a nested ``exec()`` loop: the send queue's progress, the Sent tab's timers and
the receipt tracker keep running while the person thinks.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from PySide6.QtCore import QDateTime, QEvent, QLocale, QObject
from PySide6.QtWidgets import QWidget

from pecdesk.services.sending import EarlierSending
from pecdesk.services.sending.compose import Prepared
from pecdesk.ui.widgets.tasks import TaskRunner

Ask = Callable[[str, str], Awaitable[bool]]


@dataclass(frozen=True, slots=True)
class Question:
    """A yes/no question: its title, its text and the affirmative button's words."""

    title: str
    text: str
    yes: str


def local_time(ts: float) -> str:
    """A POSIX time in the UI's locale, date and time (short format)."""
    moment = QDateTime.fromSecsSinceEpoch(int(ts))
    return QLocale().toString(moment, QLocale.FormatType.ShortFormat)


def period(earlier: EarlierSending) -> str:
    """When the earlier sending happened: one date, or the first and the last."""
    first, last = local_time(earlier.first_at), local_time(earlier.last_at)
    return first if first == last else f"{first} – {last}"


class SendQuestions(QObject):
    """The words of Send's question and of the "already sent" notice (one translation context)."""

    def send_question(self, prepared: Prepared, mailbox: str, at: float = 0.0) -> Question:
        """How many PECs, from which mailbox; "send again", naming the earlier one, if they went.

        With ``at`` (a scheduled sending) the question says when they will leave.
        """
        plan = prepared.plan
        pecs = len(plan.jobs)
        earlier = prepared.earlier
        if earlier is None:
            recipients = "\n\n" + self.tr(
                "Recipients: {count}. A PEC that has left cannot be withdrawn."
            ).format(count=plan.recipient_count)
            if at:
                text = self.tr("Schedule %n PEC(s) from the mailbox {mailbox} for {when}?", "",
                               pecs).format(mailbox=mailbox, when=local_time(at))
                return Question(self.tr("Schedule the PECs"), text + recipients,
                                self.tr("Schedule"))
            text = self.tr("Send %n PEC(s) from the mailbox {mailbox}?", "", pecs).format(
                mailbox=mailbox)
            return Question(self.tr("Send the PECs"), text + recipients, self.tr("Send"))
        reached, waiting = earlier.recipients, earlier.queued  # (lupdate wants plain names)
        text = self.tr(
            "This very PEC was already sent from {mailbox} on {date} to %n of these "
            "recipient(s), or may have been.", "", reached,
        ).format(mailbox=mailbox, date=period(earlier))
        if waiting:
            text += " " + self.tr("%n of those PECs are still waiting in the queue.", "",
                                  waiting)
        text += "\n\n" + self.tr(
            "Sending again makes a second legal communication to each of them. Send %n PEC(s) "
            "again from {mailbox}?", "", pecs,
        ).format(mailbox=mailbox)
        if at:
            text += "\n\n" + self.tr("They will leave on {when}.", "", pecs).format(
                when=local_time(at))
        return Question(self.tr("Send again?"), text, self.tr("Send again"))

    def already_sent(self, mailbox: str, when: float, recipients: int, *,
                     waiting: bool = False) -> str:
        """The notice above Send when what the form holds was already sent (or is queued).

        ``waiting``: none of those PECs has left yet (queued, or scheduled for later).
        """
        if waiting:
            return self.tr(
                "This message is already in the queue of {mailbox} (since {date}) for %n "
                "recipient(s): it has not left yet. The Sent tab shows when it will. Sending it "
                "once more needs \"Send again…\", which asks first.", "", recipients,
            ).format(mailbox=mailbox, date=local_time(when))
        return self.tr(
            "This message was already sent from {mailbox} on {date} to %n recipient(s). "
            "Sending it once more needs \"Send again…\", which asks first.", "", recipients,
        ).format(mailbox=mailbox, date=local_time(when))


class CloseGuard(QObject):
    """Keeps the window open while PECs are leaving until the person confirms closing.

    The close event is refused at once and the question opens without a nested loop; a Yes
    closes the window again, this time for good. When nothing is being sent the window closes
    as usual (the draft is saved first).

    Attributes:
        asking: whether the question is open now.
    """

    def __init__(
        self,
        *,
        parent: QWidget,
        tasks: TaskRunner | None,
        sending: Callable[[], bool],
        ask: Ask,
        closing: Callable[[], object],
    ) -> None:
        super().__init__(parent)
        self._owner = parent
        self._tasks = tasks
        self._sending = sending
        self._ask = ask
        self._closing = closing
        self._window: QWidget | None = None
        self._confirmed = False
        self.asking = False

    def watch(self, window: QWidget) -> None:
        """Guard ``window`` (the top-level window the tab lives in; once)."""
        if window is not self._window:
            window.installEventFilter(self)
            self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """Refuse to close while PECs are still being sent, and ask instead."""
        if event.type() != QEvent.Type.Close or watched is not self._window:
            return super().eventFilter(watched, event)
        if self._sending() and not self._confirmed and self._tasks is not None:
            event.ignore()
            if not self.asking:
                self.asking = True
                self._tasks.run_task(self._confirm(self._window), parent=self._owner)
            return True
        self._confirmed = False
        self._closing()
        return super().eventFilter(watched, event)

    async def _confirm(self, window: QWidget) -> None:
        try:
            agreed = await self._ask(
                self.tr("PECs are still being sent"),
                self.tr("Closing pecdesk stops the sending. The PECs not sent yet stay queued "
                        "and go out with the next sending; one leaving at that very moment is "
                        "checked against its receipts. Close anyway?"),
            )
        finally:
            self.asking = False
        if agreed:
            self._confirmed = True
            window.close()
