"""Send, Test send and the progress of the Compose tab; the close guard and the tray notice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from pecdesk.errors import PecError
from pecdesk.services.compose import ComposeService
from pecdesk.services.progress import Progress
from pecdesk.services.send_queue import RunResult
from pecdesk.ui.banner import Banner, BannerKind
from pecdesk.ui.compose_progress import ProgressPanel, notify_finished
from pecdesk.ui.dialogs import show_error
from pecdesk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from pecdesk.ui.compose_tab import ComposeTab


class SendControls(QWidget):
    """The buttons that send, and the progress panel once something is queued.

    Attributes:
        send_button: sends to every recipient; disabled while the pre-flight report blocks.
        test_button: sends the previewed recipient's message to the account's own mailbox.
        note: why Send is disabled, or what just happened.
        waiting_banner: says PECs of an earlier session are still queued.
        waiting_button: sends them.
        progress: the progress panel; None without a send queue.
        last_result: how the last run of the queue ended.
    """

    def __init__(
        self, *, tab: ComposeTab, compose: ComposeService | None, tasks: TaskRunner | None
    ) -> None:
        super().__init__(tab)
        self._tab = tab
        self._compose = compose
        self._tasks = tasks
        self._guarded: QWidget | None = None
        self.last_result: RunResult | None = None
        self._tray: QSystemTrayIcon | None = None
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.test_button = QPushButton(self.tr("Test send to myself"), self)
        self.test_button.clicked.connect(self.test_send)
        self.send_button = QPushButton(self.tr("Send"), self)
        self.send_button.clicked.connect(self.send_all)
        self.progress: ProgressPanel | None = None
        self.waiting_banner = Banner(BannerKind.WARNING, self)
        self.waiting_banner.hide()
        self.waiting_button = QPushButton(self.tr("Send them now"), self)
        self.waiting_button.hide()
        self.waiting_button.clicked.connect(self.send_waiting)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        waiting_row = QHBoxLayout()
        waiting_row.addWidget(self.waiting_banner, 1)
        waiting_row.addWidget(self.waiting_button)
        layout.addLayout(waiting_row)
        if compose is not None:
            self.progress = ProgressPanel(compose.queue, self)
            self.progress.cancel_requested.connect(self._cancel)
            self.progress.finished.connect(self._finished)
            layout.addWidget(self.progress)
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.test_button)
        row.addWidget(self.send_button)
        layout.addLayout(row)
        if compose is not None and tasks is not None:
            tasks.run_task(self._look_for_waiting(), parent=self)

    async def _look_for_waiting(self) -> None:
        """Say so when an earlier session left PECs of this mailbox in the queue."""
        count = await self._compose.waiting() if self._compose is not None else 0
        if count:
            self.waiting_banner.show_message(self.tr(
                "%n PEC(s) of an earlier sending are still waiting in the queue: pecdesk was "
                "closed before they left.", "", count))
            self.waiting_button.show()

    def send_waiting(self) -> None:
        """Send what an earlier session left in the queue."""
        if self._compose is None or self._tasks is None:
            return
        self.waiting_banner.clear()
        self.waiting_button.hide()
        self._tasks.run_task(self._run(self._compose.send_waiting()), parent=self,
                             on_error=self._failed)

    @property
    def sending(self) -> bool:
        """Whether the queue is running (possibly paused)."""
        return self._compose is not None and self._compose.queue.running

    def ask(self, title: str, question: str) -> bool:
        """Ask a yes/no question (tests replace this)."""
        answer = QMessageBox.warning(
            self, title, question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def refresh(self) -> None:
        """Enable Send and Test send as the report allows; say why not."""
        report = self._tab.report
        usable = self._compose is not None and self._tasks is not None
        self.send_button.setEnabled(usable and report.ok)
        self.test_button.setEnabled(usable and self._tab.preview_recipient() is not None
                                    and bool(self._tab.subject_edit.text().strip()))
        if not usable:
            self.note.setText(self.tr("Sending is not available in this window."))
        elif not report.ok:
            self.note.setText(self.tr("Fix the {count} error(s) in the pre-flight report to "
                                      "send.").format(count=len(report.blocking)))
        else:
            self.note.setText(self.tr("Ready: {count} warning(s).").format(
                count=len(report.warnings)))
        self._guard_window()

    def send_all(self) -> None:
        """Check once more, then queue one PEC per recipient (or one to all) and run."""
        if self._compose is None or self._tasks is None or not self._tab.check_now().ok:
            return
        coro = self._compose.send(self._tab.recipients(), self._tab.letter())
        self._tasks.run_task(self._run(coro), parent=self, on_error=self._failed)
        self.note.setText(self.tr("Queued. You can keep working in the other tabs."))

    def test_send(self) -> None:
        """Send the previewed recipient's message to the account's own mailbox."""
        recipient = self._tab.preview_recipient()
        if self._compose is None or self._tasks is None or recipient is None:
            return
        # The subject's test marker, in the words the recipient (the user) reads.
        marker = self.tr("[TEST]")
        coro = self._compose.test_send(recipient, self._tab.letter(), marker=marker)
        self._tasks.run_task(self._run(coro), parent=self, on_error=self._failed)
        self.note.setText(self.tr("Test message queued for {mailbox}.").format(
            mailbox=self._compose.sender))

    async def _run(self, coro: object) -> None:
        result = await coro  # type: ignore[misc]
        if isinstance(result, RunResult):
            self.last_result = result

    def _failed(self, error: PecError) -> None:
        show_error(self, error)
        self.refresh()

    def _cancel(self) -> None:
        if self._compose is not None and self._tasks is not None and self.ask(
            self.tr("Cancel the sending"),
            self.tr("The PECs not sent yet will not be sent. Those already sent stay sent. "
                    "Cancel the rest?"),
        ):
            self._tasks.run_task(self._compose.cancel(), parent=self)

    def _finished(self, progress: Progress) -> None:
        if self.progress is not None and self.progress.was_long():
            self._tray = notify_finished(self, progress, self._tray)

    # -- closing the window during a send -------------------------------------------------------

    def _guard_window(self) -> None:
        window = self.window()
        if window is not self and window is not self._guarded:
            window.installEventFilter(self)
            self._guarded = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """Ask before the window closes while PECs are still being sent."""
        closing = event.type() == QEvent.Type.Close and watched is self._guarded
        if closing and self.sending and not self.ask(
            self.tr("PECs are still being sent"),
            self.tr("Closing pecdesk stops the sending. The PECs not sent yet stay queued and "
                    "go out with the next sending; one leaving at that very moment is checked "
                    "against its receipts. Close anyway?"),
        ):
            event.ignore()
            return True
        if closing:
            self._tab.flush_draft()
        return super().eventFilter(watched, event)
