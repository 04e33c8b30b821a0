"""What an earlier session left: overdue scheduled sendings, and PECs still in the queue.

When the window opens, scheduled sendings whose time passed while pecdesk was closed are held
(nothing may send them before the person says so) and asked about; then the schedule is kept
for as long as the window is, and PECs an earlier session queued but never sent are announced
with a button that sends them. The sending itself is Send's: this widget only asks for it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from pecdesk.services.sending.compose import ComposeService
from pecdesk.services.sending.schedule import Scheduled
from pecdesk.ui.compose.later import Overdue, ask_overdue
from pecdesk.ui.widgets.banner import Banner, BannerKind
from pecdesk.ui.widgets.tasks import TaskRunner


class LeftoverSendings(QWidget):
    """A banner about PECs still waiting from an earlier session, and "Send them now".

    Hidden while there is nothing to say.

    Attributes:
        banner: says how many PECs of an earlier sending are still waiting.
        button: asks for them to be sent.

    Signals:
        send_waiting_requested(): send what an earlier session left in the queue.
        send_overdue_requested(list): send these overdue scheduled sendings (campaign ids) now.
        failed(PecError): keeping the schedule, or asking about it, failed.
    """

    send_waiting_requested = Signal()
    send_overdue_requested = Signal(list)
    failed = Signal(object)

    def __init__(
        self,
        *,
        compose: ComposeService | None,
        tasks: TaskRunner | None,
        parent: QWidget | None = None,
    ) -> None:
        """Look at ``compose``'s queue and schedule through ``tasks`` (both None: nothing to do)."""
        super().__init__(parent)
        self._compose = compose
        self._tasks = tasks
        self.banner = Banner(BannerKind.WARNING, self)
        self.button = QPushButton(self.tr("Send them now"), self)
        self.button.clicked.connect(self.send_waiting_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner, 1)
        layout.addWidget(self.button)
        self.dismiss()

    def look(self) -> None:
        """In the background: ask about overdue sendings, keep the schedule, say what waits."""
        if self._compose is not None and self._tasks is not None:
            self._tasks.run_task(self._look(self._compose, self._tasks), parent=self)

    def dismiss(self) -> None:
        """Say nothing more about waiting PECs (they are being sent)."""
        self.banner.clear()
        self.button.hide()
        self.hide()

    async def _look(self, compose: ComposeService, tasks: TaskRunner) -> None:
        """Hold the overdue ones first, then keep time; then count what an earlier session left.

        The overdue ones are held before anything may run the queue; the schedule is kept
        (each scheduled sending sent when due) only after that, for as long as the window is.
        """
        overdue = await compose.hold_overdue()
        tasks.run_task(compose.keep_schedule(), parent=self, on_error=self.failed.emit)
        if overdue:
            tasks.run_task(
                self._ask_overdue(compose, overdue), parent=self, on_error=self.failed.emit
            )
        count = await compose.waiting()
        if count:
            self.banner.show_message(
                self.tr(
                    "%n PEC(s) of an earlier sending are still waiting in the queue: pecdesk was "
                    "closed before they left.",
                    "",
                    count,
                )
            )
            self.button.show()
            self.show()

    async def _ask_overdue(self, compose: ComposeService, overdue: list[Scheduled]) -> None:
        choice = await ask_overdue(self, overdue)
        ids = [s.campaign_id for s in overdue]
        if choice is Overdue.SEND_NOW:
            self.send_overdue_requested.emit(ids)
        elif choice is Overdue.CANCEL:
            await compose.cancel_scheduled(ids)
