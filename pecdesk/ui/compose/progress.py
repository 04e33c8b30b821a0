"""The sending progress panel, bound to the send queue's progress stream.

The queue calls back on the event loop's thread (the GUI thread under qasync); the snapshot
still goes through a queued signal, so the UI updates from Qt's event loop whatever happens.

The queue counts every campaign it covered in this session; the panel shows the current run
only: what was still to send when the run started, plus what joined it (the test send is
never counted, see ``SendQueue.enqueue(counted=False)``). A run that ended with PECs
withdrawn says *cancelled*, with how many had left before, never *finished*.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QDateTime, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pecdesk.domain.jobs import JobState
from pecdesk.services.sending.progress import Progress
from pecdesk.services.sending.queue import SendQueue
from pecdesk.ui.dialogs.ask import error_texts

_RUN_STATES = (
    JobState.SUBMITTED, JobState.FAILED, JobState.REJECTED, JobState.UNKNOWN,
    JobState.NOT_SENT, JobState.CANCELLED,
)


@dataclass(frozen=True, slots=True)
class RunView:
    """A snapshot seen from the current run: its own PECs only.

    Attributes:
        done: this run's PECs no longer queued or in flight.
        total: this run's PECs.
        counts: this run's PECs by final state.
        cancelled: whether PECs of this run were withdrawn (Cancel the rest).
    """

    done: int
    total: int
    counts: Mapping[JobState, int]
    cancelled: bool

    @property
    def sent(self) -> int:
        """PECs of this run the service accepted."""
        return self.counts.get(JobState.SUBMITTED, 0)


def run_view(progress: Progress, start: Progress | None) -> RunView:
    """``progress`` minus what was already final when the run began (``start``)."""
    base_done = start.done if start is not None else 0
    counts = {
        state: max(0, progress.counts.get(state, 0)
                   - (start.counts.get(state, 0) if start is not None else 0))
        for state in _RUN_STATES
    }
    return RunView(
        done=max(0, progress.done - base_done), total=max(0, progress.total - base_done),
        counts=counts, cancelled=counts[JobState.CANCELLED] > 0,
    )


class ProgressPanel(QWidget):
    """Bar "n of N", rate, ETA, current recipient, counts, and pause/resume/cancel.

    Attributes:
        bar: the determinate progress bar.
        status_label: rate, ETA and the recipient in flight.
        counts_label: sent, failed and unknown.
        pause_button: pauses or resumes the queue.
        cancel_button: withdraws what has not left yet.
        open_button: shows the last sending queued from here in the Sent tab (hidden until
            one is, see :meth:`show_campaign_link`).
        campaign_id: that sending's campaign; None until one is queued.
        latest: the last snapshot shown.
        run: ``latest`` seen from the current (or last) run.

    Signals:
        progressed(object): a :class:`Progress` snapshot arrived.
        cancel_requested(): the person asked to cancel.
        finished(object): the run ended (the last snapshot).
        open_campaign_requested(int): the person asked to see this campaign in the Sent tab
            (the window decides how).
    """

    progressed = Signal(object)
    cancel_requested = Signal()
    finished = Signal(object)
    open_campaign_requested = Signal(int)

    def __init__(self, queue: SendQueue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._queue = queue
        self.latest: Progress | None = None
        self.run: RunView | None = None
        self._start: Progress | None = None
        self._was_running = False
        self._dismissed = False  # put away by New message until the next run or link
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
        self.campaign_id: int | None = None
        self.open_button = QPushButton(self.tr("Show in the Sent tab"), self)
        self.open_button.setToolTip(self.tr("Each recipient's state and receipts, as they come"))
        self.open_button.hide()
        self.open_button.clicked.connect(self._open_campaign)
        row = QHBoxLayout()
        row.addWidget(self.bar, 1)
        row.addWidget(self.pause_button)
        row.addWidget(self.cancel_button)
        # Status, counts and the link share one line (the status wraps if it must): the body
        # above keeps its lines on 768 px screens, and the bar's row is full at 1,024 px.
        self.status_label.setWordWrap(True)
        counts_row = QHBoxLayout()
        counts_row.addWidget(self.status_label, 1)
        counts_row.addWidget(self.counts_label)
        counts_row.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addLayout(counts_row)
        self.progressed.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe: Callable[[], None] = queue.subscribe(self.progressed.emit)
        self.destroyed.connect(lambda *_: self._unsubscribe())
        self._set_controls(running=False, paused=False)
        # Hidden until a sending runs: an empty "0 of 0" bar took the body's lines at 768 px.
        self.hide()

    def show_campaign_link(self, campaign_id: int, *, scheduled: bool = False) -> None:
        """Offer to show campaign ``campaign_id`` (just queued from here) in the Sent tab.

        A ``scheduled`` campaign has no run yet: the bar, counts and buttons of the last run
        would read as its own, so only the link shows until a run starts.
        """
        self.campaign_id = campaign_id
        self._dismissed = False
        self._show_run(not scheduled or (self.latest is not None and self.latest.running))
        self.open_button.show()
        self.show()

    def _show_run(self, visible: bool) -> None:
        """Show or hide what describes a run (all but the Sent tab link)."""
        for widget in (self.bar, self.pause_button, self.cancel_button, self.counts_label):
            widget.setVisible(visible)
        if not visible:
            self.status_label.clear()  # the last run's words; kept as the room left of the link
        self.status_label.setVisible(not visible or bool(self.status_label.text()))

    def dismiss(self) -> None:
        """Put away the panel of a finished run (New message).

        The old "25 of 25" is not the new letter's. A run still going stays in sight; the next
        run or campaign link shows the panel again.
        """
        if self.latest is not None and self.latest.running:
            return
        self._dismissed = True
        self.hide()

    def _open_campaign(self) -> None:
        if self.campaign_id is not None:
            self.open_campaign_requested.emit(self.campaign_id)

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
        if progress.running and not self._was_running:
            self._start = progress  # what earlier runs left final is not this run's
            self._dismissed = False
            self._show_run(True)
        view = self.run = run_view(progress, self._start)
        self.bar.setRange(0, max(view.total, 1))
        self.bar.setValue(view.done)
        self.bar.setFormat(self.tr("{done} of {total}").format(done=view.done,
                                                              total=view.total))
        self._set_controls(running=progress.running, paused=progress.paused)
        if self.bar.isVisibleTo(self):  # else only the link shows (a scheduled sending)
            self.status_label.setText(self._status(progress, view))
            self.status_label.setVisible(bool(self.status_label.text()))
        if (view.total or progress.running) and not self._dismissed:
            self.show()
        counts = view.counts
        self.counts_label.setText(
            self.tr("Sent: {sent} · Failed: {failed} · Unknown: {unknown} · Cancelled: "
                    "{cancelled}").format(
                sent=counts[JobState.SUBMITTED],
                failed=counts[JobState.FAILED] + counts[JobState.REJECTED],
                unknown=counts[JobState.UNKNOWN] + counts[JobState.NOT_SENT],
                cancelled=counts[JobState.CANCELLED],
            )
        )
        if self._was_running and not progress.running:
            self.finished.emit(progress)
        self._was_running = progress.running

    def _status(self, progress: Progress, view: RunView) -> str:
        if progress.paused and progress.running:
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
            if view.cancelled:
                return self.tr("Cancelled: {sent} of {total} PECs had been sent before; the "
                               "others will not be sent.").format(sent=view.sent,
                                                                  total=view.total)
            return self.tr("Finished.") if view.total else ""
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
