"""The sending progress panel, bound to the send queue's progress stream.

The queue calls back on the event loop's thread (the GUI thread under qasync); the snapshot
still goes through a queued signal, so the UI updates from Qt's event loop whatever happens.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from pecdesk.domain.jobs import JobState
from pecdesk.services.progress import Progress
from pecdesk.services.send_queue import SendQueue
from pecdesk.ui.dialogs import error_texts

LONG_SEND_SECONDS = 60.0
"""A send that took longer than this ends with a system-tray notice."""


class ProgressPanel(QWidget):
    """Bar "n of N", rate, ETA, current recipient, counts, and pause/resume/cancel.

    Attributes:
        bar: the determinate progress bar.
        status_label: rate, ETA and the recipient in flight.
        counts_label: sent, failed and unknown.
        pause_button: pauses or resumes the queue.
        cancel_button: withdraws what has not left yet.
        latest: the last snapshot shown.

    Signals:
        progressed(object): a :class:`Progress` snapshot arrived.
        cancel_requested(): the person asked to cancel.
        finished(object): the run ended (the last snapshot).
    """

    progressed = Signal(object)
    cancel_requested = Signal()
    finished = Signal(object)

    def __init__(self, queue: SendQueue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._queue = queue
        self.latest: Progress | None = None
        self._was_running = False
        self._started = 0.0
        self._elapsed = 0.0
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.counts_label = QLabel(self)
        self.pause_button = QPushButton(self.tr("Pause"), self)
        self.pause_button.clicked.connect(self._toggle_pause)
        self.cancel_button = QPushButton(self.tr("Cancel the rest"), self)
        self.cancel_button.clicked.connect(self.cancel_requested)
        row = QHBoxLayout()
        row.addWidget(self.bar, 1)
        row.addWidget(self.pause_button)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.status_label)
        layout.addWidget(self.counts_label)
        self.progressed.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe: Callable[[], None] = queue.subscribe(self.progressed.emit)
        self.destroyed.connect(lambda *_: self._unsubscribe())
        self._set_controls(running=False, paused=False)

    def _toggle_pause(self) -> None:
        if self._queue.paused:
            self._queue.resume()
        else:
            self._queue.pause()

    def _set_controls(self, *, running: bool, paused: bool) -> None:
        self.pause_button.setEnabled(running)
        self.cancel_button.setEnabled(running)
        self.pause_button.setText(self.tr("Resume") if paused else self.tr("Pause"))

    def _show(self, progress: Progress) -> None:
        self.latest = progress
        total = max(progress.total, 1)
        self.bar.setRange(0, total)
        self.bar.setValue(progress.done)
        self.bar.setFormat(self.tr("{done} of {total}").format(done=progress.done,
                                                              total=progress.total))
        self._set_controls(running=progress.running, paused=progress.paused)
        self.status_label.setText(self._status(progress))
        counts = progress.counts
        self.counts_label.setText(
            self.tr("Sent: {sent} · Failed: {failed} · Unknown: {unknown} · Cancelled: "
                    "{cancelled}").format(
                sent=counts.get(JobState.SUBMITTED, 0),
                failed=counts.get(JobState.FAILED, 0) + counts.get(JobState.REJECTED, 0),
                unknown=counts.get(JobState.UNKNOWN, 0) + counts.get(JobState.NOT_SENT, 0),
                cancelled=counts.get(JobState.CANCELLED, 0),
            )
        )
        if progress.running and not self._was_running:
            self._started = time.monotonic()
        if self._was_running and not progress.running:
            self._elapsed = time.monotonic() - self._started
            self.finished.emit(progress)
        self._was_running = progress.running

    def _status(self, progress: Progress) -> str:
        if progress.paused:
            reason = progress.pause_reason
            if progress.pause_error is not None:  # shown in the UI's language
                title, reason = error_texts(progress.pause_error)
                reason = f"{title}: {reason}"
            if progress.resume_at:
                when = QLocale().toString(QDateTime.fromSecsSinceEpoch(int(progress.resume_at)),
                                          QLocale.FormatType.ShortFormat)
                reason = " ".join(filter(None, (reason, self.tr(
                    "If pecdesk stays open, sending resumes by itself on {when}.").format(
                        when=when))))
            return self.tr("Paused. {reason}").format(reason=reason) if reason else self.tr(
                "Paused.")
        if not progress.running:
            return self.tr("Finished.") if progress.total else ""
        parts = []
        if progress.rate > 0:
            rate = QLocale().toString(progress.rate * 60, "f", 0)
            parts.append(self.tr("{rate} per minute").format(rate=rate))
        if progress.eta_seconds is not None:
            minutes, seconds = divmod(round(progress.eta_seconds), 60)
            parts.append(self.tr("about {m} min {s} s left").format(m=minutes, s=seconds))
        if progress.current:
            parts.append(self.tr("sending to {address}").format(address=progress.current))
        return " · ".join(parts)

    def was_long(self) -> bool:
        """Whether the run that just ended lasted long enough for a tray notice."""
        long = self._elapsed >= LONG_SEND_SECONDS
        self._elapsed = 0.0
        return long


def notify_finished(
    parent: QWidget, progress: Progress, icon: QSystemTrayIcon | None = None
) -> QSystemTrayIcon | None:
    """Show a system-tray notice that the sending ended (reusing ``icon``); None: no tray."""
    if not QSystemTrayIcon.isSystemTrayAvailable():
        return None
    if icon is None:
        icon = QSystemTrayIcon(parent.window().windowIcon(), parent)
    icon.show()
    sent = progress.counts.get(JobState.SUBMITTED, 0)
    icon.showMessage(
        QCoreApplication.translate("SendControls", "pecdesk: sending finished"),
        QCoreApplication.translate("SendControls", "{sent} of {total} PECs sent.").format(
            sent=sent, total=progress.total
        ),
    )
    return icon
