"""Send, Test send and the progress of the Compose tab; the guards around them; the tray notice.

Send never queues twice by accident: it is disabled while a sending from this window is being
prepared, asked about, queued, running or paused; it asks first, naming how many PECs leave and
from which mailbox (:mod:`pecdesk.ui.compose.guard`); and a form whose PECs already went — sent
from this window or restored from a draft after a restart — says so and offers "Send again…",
whose question names the earlier sending. The service behind it refuses a repeat nobody
confirmed (``ComposeService.send_prepared``), so the guard holds even if the window is wrong.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Coroutine
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pecdesk.errors import PecError
from pecdesk.recipients import Recipient
from pecdesk.services.sending.compose import BlockedSendingError, ComposeService
from pecdesk.services.sending.draft import Draft
from pecdesk.services.sending.preflight import Report
from pecdesk.services.sending.progress import Progress
from pecdesk.services.sending.queue import RunResult
from pecdesk.ui.compose.guard import CloseGuard, SendQuestions, local_time
from pecdesk.ui.compose.later import choose_time
from pecdesk.ui.compose.leftover import LeftoverSendings
from pecdesk.ui.compose.progress import ProgressPanel
from pecdesk.ui.compose.trial import TrialSend
from pecdesk.ui.dialogs.ask import ask, show_error
from pecdesk.ui.widgets.banner import Banner, BannerKind
from pecdesk.ui.widgets.tasks import TaskRunner


class SendControls(QWidget):
    """The buttons that send, and the progress panel once something is queued.

    It knows the form only through what the tab gives it: the ``form`` callable (the form as
    it is when Send or Test send is pressed), :meth:`set_report` and :meth:`set_preview`. It
    asks the tab for things through its signals; it never holds the tab. The test send
    (:mod:`~pecdesk.ui.compose.trial`) and what an earlier session left
    (:mod:`~pecdesk.ui.compose.leftover`) are parts of their own; Send runs what they ask for.

    Attributes:
        send_button: sends to every recipient ("Send again…" once the form was sent); disabled
            while the pre-flight report blocks and while this window's sending is under way.
        later_button: schedules the sending for a date and time ("Send later…").
        test_button: sends the previewed recipient's message to the account's own mailbox,
            then waits for its receipts (``test_line`` says how it goes and how it ended).
        test_line: the test send's progress line and result, with "Stop waiting".
        note: why Send is disabled, or what just happened.
        trial: the test send (``test_button`` and ``test_line`` are its widgets).
        sent_banner: says the form's PECs were already sent (when, how many).
        leftover: what an earlier session left (overdue scheduled sendings, waiting PECs).
        waiting_banner: says PECs of an earlier session are still queued.
        waiting_button: sends them.
        progress: the progress panel; None without a send queue.
        close_guard: asks before the window closes mid-send.
        last_result: how the last run of the queue ended.

    Signals:
        flush_requested(): save the draft now (PECs are about to leave, or the window closes).
        report_found(Report): the planning step found blocking errors the live check had not.
    """

    flush_requested = Signal()
    report_found = Signal(object)

    def __init__(
        self,
        *,
        compose: ComposeService | None,
        tasks: TaskRunner | None,
        form: Callable[[], Draft],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._form = form
        self._report = Report()
        self._compose = compose
        self._tasks = tasks
        self._busy = False  # a Send is being prepared, asked about or queued
        self._cancelling = False
        self._form_version = 0  # bumped by every edit: a late lookup must not tell old news
        self._queue_state: tuple[bool, bool] | None = None
        self.last_result: RunResult | None = None
        self._words = SendQuestions(self)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.trial = TrialSend(compose=compose, tasks=tasks, letter=lambda: self._form().letter(),
                               parent=self)
        self.trial.changed.connect(self.refresh)
        self.trial.failed.connect(self._failed)
        self.trial.ran.connect(self._ran)
        self.test_button = self.trial.button
        self.test_line = self.trial.line
        self.send_button = QPushButton(self.tr("Send"), self)
        self.send_button.clicked.connect(self.send_all)
        self.later_button = QPushButton(self.tr("Send later…"), self)
        self.later_button.clicked.connect(self.send_later)
        self.progress: ProgressPanel | None = None
        self.sent_banner = Banner(BannerKind.INFO, self)
        self.sent_banner.hide()
        self.leftover = LeftoverSendings(compose=compose, tasks=tasks, parent=self)
        self.leftover.send_waiting_requested.connect(self.send_waiting)
        self.leftover.send_overdue_requested.connect(self._send_overdue)
        self.leftover.failed.connect(self._failed)
        self.waiting_banner = self.leftover.banner
        self.waiting_button = self.leftover.button
        self.close_guard = CloseGuard(parent=self, tasks=tasks, sending=lambda: self.sending,
                                      # looked up when asked: tests replace self.ask
                                      ask=lambda title, text: self.ask(title, text),  # noqa: PLW0108
                                      closing=self.flush_requested.emit)
        self._lay_out(compose)
        self.leftover.look()

    def _lay_out(self, compose: ComposeService | None) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.leftover)
        layout.addWidget(self.sent_banner)
        layout.addWidget(self.test_line)
        if compose is not None:
            self.progress = ProgressPanel(compose.queue, self)
            self.progress.cancel_requested.connect(self._cancel)
            self.progress.progressed.connect(self._queue_changed,
                                             Qt.ConnectionType.QueuedConnection)
            layout.addWidget(self.progress)
        row = QHBoxLayout()
        self._row = row
        row.addWidget(self.note, 1)
        row.addWidget(self.test_button)
        row.addWidget(self.send_button)
        row.addWidget(self.later_button)
        layout.addLayout(row)

    def put_first(self, button: QWidget) -> None:
        """Put ``button`` first in the row of Send (the tab's New message, left of the note)."""
        self._row.insertWidget(0, button)

    # -- state ----------------------------------------------------------------------------------

    @property
    def sending(self) -> bool:
        """Whether the queue is running (possibly paused)."""
        return self._compose is not None and self._compose.queue.running

    @property
    def busy(self) -> bool:
        """Whether a Send from this window is being prepared, confirmed, queued or sent."""
        return self._busy or self.sending

    @property
    def already_sent(self) -> bool:
        """Whether the form holds PECs that were already sent (Send reads "Send again…")."""
        return not self.sent_banner.isHidden()

    async def ask(self, title: str, question: str, *, yes: str = "", no: str = "") -> bool:
        """Ask a yes/no question without a nested event loop (tests may replace this)."""
        return await ask(self, title, question, yes=yes, no=no, icon=QMessageBox.Icon.Warning)

    def confirm(self, title: str, question: str, *, on_no: Callable[[], object]) -> None:
        """Ask ``question``; call ``on_no`` unless the person agrees (nothing to ask with: no)."""
        if self._tasks is None:
            on_no()
            return

        async def asking() -> None:
            if not await self.ask(title, question):
                on_no()

        self._tasks.run_task(asking(), parent=self)

    def set_report(self, report: Report) -> None:
        """The latest pre-flight report of the form: Send follows it."""
        self._report = report
        self.refresh()

    def set_preview(self, recipient: Recipient | None, subject: str) -> None:
        """The recipient the preview shows (Test send's), and the subject template."""
        self.trial.set_preview(recipient, subject)
        self.refresh()

    def refresh(self) -> None:
        """Enable Send and Test send as the report and the queue allow; say why not."""
        report = self._report
        usable = self._compose is not None and self._tasks is not None
        paused = self._compose is not None and self._compose.queue.paused and self.sending
        self.send_button.setEnabled(usable and report.ok and not self.busy)
        self.later_button.setEnabled(self.send_button.isEnabled())
        self.send_button.setText(self.tr("Send again…") if self.already_sent else self.tr("Send"))
        self.trial.enable(not self._busy)
        if not usable:
            self.note.setText(self.tr("Sending is not available in this window."))
        elif paused:
            self.note.setText(self.tr("The sending is paused: resume it, or cancel the rest, "
                                      "before sending anything else."))
        elif self.busy:
            self.note.setText(self.tr("Sending. You can keep working in the other tabs; Send "
                                      "is available again when this sending ends."))
        elif not report.ok:
            self.note.setText(self.tr("Fix the {count} error(s) in the pre-flight report to "
                                      "send.").format(count=len(report.blocking)))
        else:
            self.note.setText(self.tr("Ready: {count} warning(s).").format(
                count=len(report.warnings)))
        window = self.window()
        if window is not self:
            self.close_guard.watch(window)

    def _queue_changed(self, progress: Progress) -> None:
        state = (progress.running, progress.paused)
        if state != self._queue_state:
            self._queue_state = state
            self.refresh()

    def form_edited(self) -> None:
        """The person changed the form: what it holds now is not the sending that went."""
        self._form_version += 1
        if self.already_sent:
            self.sent_banner.clear()
            self.refresh()

    def _show_sent(self, when: float, recipients: int, *, waiting: bool = False) -> None:
        if self._compose is not None:
            self.sent_banner.show_message(self._words.already_sent(
                self._compose.sender, when, recipients, waiting=waiting))
            self.refresh()

    # -- already sent? --------------------------------------------------------------------------

    def look_for_earlier(self) -> None:
        """Find out in the background whether the form's PECs already went (a restored draft)."""
        if self._compose is not None and self._tasks is not None and self._report.ok:
            self._tasks.run_task(self._lookup(self._form_version, self._form()), parent=self,
                                 on_error=lambda _error: None)  # Send asks again anyway

    async def _lookup(self, version: int, form: Draft) -> None:
        assert self._compose is not None
        prepared = await self._compose.prepare(form.recipients(), form.letter(),
                                               columns=form.fields)
        earlier = prepared.earlier
        if earlier is not None and version == self._form_version and not self._busy:
            self._show_sent(earlier.last_at, earlier.recipients,
                            waiting=earlier.none_left)

    # -- sending --------------------------------------------------------------------------------

    def send_all(self) -> None:
        """Plan and check once more, ask (naming count and mailbox, or the earlier sending), send.

        The full check runs in the planning step, off the window's thread: a form changed
        since the live report is checked there, and its errors come back as ``report_found``.
        """
        if self._compose is None or self._tasks is None or self.busy or not self._report.ok:
            return
        self.flush_requested.emit()  # a restart finds the form as it was sent
        self._start(self._send(self._compose, self._form()), on_error=self._failed)

    def send_later(self) -> None:
        """As :meth:`send_all`, after asking when: the PECs wait in the queue until then."""
        if self._compose is None or self._tasks is None or self.busy or not self._report.ok:
            return
        self.flush_requested.emit()
        self._start(self._send(self._compose, self._form(), later=True), on_error=self._failed)

    def _start(self, coro: Coroutine[Any, Any, None], *,
               on_error: Callable[[PecError], None]) -> None:
        """Run one Send (or the waiting PECs), Send disabled until it ends."""
        assert self._tasks is not None

        async def guarded() -> None:
            self._busy = True
            self.refresh()
            try:
                await coro
            finally:
                self._busy = False
                # Destroying the tab cancels this task: its buttons are already gone then.
                if shiboken6.isValid(self.send_button):
                    self.refresh()

        self._tasks.run_task(guarded(), parent=self, on_error=on_error)

    async def _send(self, compose: ComposeService, form: Draft, *, later: bool = False) -> None:
        self.note.setText(self.tr("Preparing the sending…"))
        prepared = await compose.prepare(form.recipients(), form.letter(), columns=form.fields)
        if not prepared.plan.ok:  # the full planning step found what the live check did not
            self.report_found.emit(prepared.plan.report)
            raise BlockedSendingError(count=len(prepared.plan.report.blocking))
        at = await choose_time(self) if later else 0.0
        if at is None:
            return
        question = self._words.send_question(prepared, compose.sender, at)
        if not await self.ask(question.title, question.text, yes=question.yes):
            return
        count = prepared.plan.recipient_count
        # Queued, then run: as send_prepared does, with the campaign id for the Sent tab link.
        campaign_id = await compose.queue_prepared(prepared, again=prepared.earlier is not None,
                                                   not_before=at)
        if self.progress is not None:
            self.progress.show_campaign_link(campaign_id, scheduled=bool(at))
        if at:
            self.sent_banner.show_message(self.tr("Scheduled: %n PEC(s) will leave on {when}.",
                                                  "", count).format(when=local_time(at)))
            return
        self._show_sent(time.time(), count)
        self._ran(await compose.run_queue())

    def test_send(self) -> None:
        """Send the previewed recipient's message to the account's own mailbox, then wait.

        Send stays available meanwhile (see :class:`~pecdesk.ui.compose.trial.TrialSend`).
        """
        self.trial.start()

    async def _run(self, coro: Coroutine[Any, Any, RunResult | None]) -> None:
        self._ran(await coro)

    def _ran(self, result: RunResult | None) -> None:
        if result is not None:
            self.last_result = result

    def _failed(self, error: PecError) -> None:
        show_error(self, error)
        self.sent_banner.clear()  # nothing was queued, or the lookup below says otherwise
        self.refresh()
        self.look_for_earlier()

    # -- what an earlier session left -----------------------------------------------------------

    def _send_overdue(self, ids: list[int]) -> None:
        """Send the overdue scheduled sendings ``ids`` now (the person said so)."""
        if self._compose is not None and self._tasks is not None:
            self._start(self._run(self._compose.send_overdue(ids)), on_error=self._failed)

    def send_waiting(self) -> None:
        """Send what an earlier session left in the queue."""
        if self._compose is None or self._tasks is None or self.busy:
            return
        self.leftover.dismiss()
        self._start(self._run(self._compose.send_waiting()), on_error=self._failed)

    # -- cancelling -----------------------------------------------------------------------------

    def _cancel(self) -> None:
        if self._compose is not None and self._tasks is not None and not self._cancelling:
            self._cancelling = True
            self._tasks.run_task(self._confirm_cancel(self._compose), parent=self)

    async def _confirm_cancel(self, compose: ComposeService) -> None:
        """Ask, then withdraw what has not left and end the run (a paused one too)."""
        try:
            agreed = await self.ask(
                self.tr("Cancel the sending"),
                self.tr("The PECs not sent yet will not be sent. Those already sent stay "
                        "sent. Cancel the rest?"),
            )
        finally:
            self._cancelling = False
        if not agreed:
            return
        await compose.cancel()
        queue = compose.queue
        queue.stop()  # nothing else this mailbox left queued goes out either
        if queue.paused:
            queue.resume()  # a paused run would otherwise wait for ever with nothing to send

