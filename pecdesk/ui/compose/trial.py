"""Test send: the previewed recipient's message to the account's own mailbox, then its receipts.

The PEC goes through the send queue as any other, its subject marked as a test; the line under
the form follows it to its ACCETTAZIONE and CONSEGNA (or says what went wrong). Only one test
send runs at a time, and "Stop waiting" ends the wait, never the PEC.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QPushButton, QWidget

from pecdesk.errors import PecError
from pecdesk.recipients import Recipient
from pecdesk.services.sending.compose import ComposeService
from pecdesk.services.sending.preflight import Letter
from pecdesk.services.sending.receipt_wait import Stage
from pecdesk.ui.compose.later import ReceiptWaitLine
from pecdesk.ui.widgets.tasks import TaskRunner


class TrialSend(QObject):
    """The "Test send to myself" button and the line that follows the test PEC.

    Both widgets are children of ``parent``, which lays them out.

    Attributes:
        button: sends the previewed recipient's message to the account's own mailbox.
        line: the test send's progress line and result, with "Stop waiting".

    Signals:
        changed(): a test send started or ended (whether Send and Test send are enabled may
            change).
        failed(PecError): the test send, or the run of the queue it started, failed.
        ran(RunResult): the run of the queue the test send started ended.
    """

    changed = Signal()
    failed = Signal(object)
    ran = Signal(object)

    def __init__(
        self,
        *,
        compose: ComposeService | None,
        tasks: TaskRunner | None,
        letter: Callable[[], Letter],
        parent: QWidget,
    ) -> None:
        """Send ``letter()`` (the letter as it is when the button is pressed)."""
        super().__init__(parent)
        self._parent = parent
        self._compose = compose
        self._tasks = tasks
        self._letter = letter
        self._recipient: Recipient | None = None
        self._subject = ""
        self._wait: asyncio.Task[None] | None = None
        self.button = QPushButton(self.tr("Test send to myself"), parent)
        self.button.clicked.connect(self.start)
        self.line = ReceiptWaitLine(compose.sender if compose is not None else "", parent)
        self.line.stop_requested.connect(self._stop_waiting)

    @property
    def running(self) -> bool:
        """Whether a test send is under way (sent, or waiting for its receipts)."""
        return self._wait is not None

    def set_preview(self, recipient: Recipient | None, subject: str) -> None:
        """The recipient the preview shows (whose message is sent), and the subject template."""
        self._recipient = recipient
        self._subject = subject

    def enable(self, allowed: bool) -> None:
        """Enable the button if ``allowed`` (Send's state agrees) and a test send can go now."""
        self.button.setEnabled(
            allowed
            and self._compose is not None
            and self._tasks is not None
            and not self.running
            and self._recipient is not None
            and bool(self._subject.strip())
        )

    def start(self) -> None:
        """Send the previewed recipient's message to the account's own mailbox, then wait."""
        recipient = self._recipient
        if self._compose is None or self._tasks is None or recipient is None or self.running:
            return
        # The subject's test marker, in the words the recipient (the user) reads.
        marker = self.tr("[TEST]")
        coro = self._test(self._compose, recipient, self._letter(), marker)
        self._wait = self._tasks.run_task(coro, parent=self._parent, on_error=self._failed)
        self._wait.add_done_callback(self._ended)
        self.changed.emit()

    async def _test(
        self, compose: ComposeService, recipient: Recipient, letter: Letter, marker: str
    ) -> None:
        self.line.show_stage(Stage.SENDING)
        prepared = await compose.prepare_test(recipient, letter, marker=marker)
        campaign_id = await compose.queue_prepared(prepared)
        assert self._tasks is not None
        self._tasks.run_task(
            self._run_queue(compose), parent=self._parent, on_error=self.failed.emit
        )
        outcome = await compose.wait_for_receipts(campaign_id, on_stage=self.line.show_stage)
        self.line.show_outcome(outcome)

    async def _run_queue(self, compose: ComposeService) -> None:
        result = await compose.run_queue()
        if result is not None:
            self.ran.emit(result)

    def _failed(self, error: PecError) -> None:
        self.line.hide()
        self.failed.emit(error)

    def _ended(self, task: asyncio.Task[None]) -> None:
        if task is self._wait:
            self._wait = None
            if task.cancelled():
                self.line.show_stopped()
            self.changed.emit()

    def _stop_waiting(self) -> None:
        """Stop waiting for the test send's receipts (the PEC itself is not touched)."""
        if self._wait is not None:
            self._wait.cancel()
