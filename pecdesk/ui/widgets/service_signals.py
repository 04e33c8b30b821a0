"""The mailbox's service events (:mod:`pecdesk.services.events`) as Qt signals, for the window.

The services stay Qt-free; this adapter subscribes to their :class:`Events` and re-emits each
one as a Qt signal. A signal delivered to a widget from another thread is queued to the
widget's own (the GUI) thread, so a slot never runs elsewhere, even if a service ever emits
off the loop's thread. ``changed`` folds a burst of events (a bulk sending moves every job
twice) into one signal per :data:`SETTLE_MS`, for views that reload rather than patch.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from pecdesk.domain.jobs import JobState
from pecdesk.services.events import Events, Unsubscribe

SETTLE_MS = 300
"""How long ``changed`` waits after the first of a burst of events before it fires."""


class ServiceSignals(QObject):
    """Re-emits one mailbox's service events as Qt signals; unsubscribes when destroyed.

    Signals:
        campaign_added(int): a campaign was stored (its id).
        job_changed(int, object): a job (its id) took a state (a JobState).
        receipt_classified(int, int, object): receipts of a campaign's job (ids) were filed
            and changed these recipients (a tuple of addresses).
        campaign_removed(int): a campaign's local history was deleted (its id).
        changed(): something above happened; at most once every SETTLE_MS.
    """

    campaign_added = Signal(int)
    job_changed = Signal(int, object)
    receipt_classified = Signal(int, int, object)
    campaign_removed = Signal(int)
    changed = Signal()
    _happened = Signal()  # to the adapter's own thread, where its timer lives

    def __init__(self, events: Events, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.changed)
        self._happened.connect(self._soon)
        handles: list[Unsubscribe] = [
            events.campaign_added.subscribe(self._campaign_added),
            events.job_changed.subscribe(self._job_changed),
            events.receipt_classified.subscribe(self._receipt_classified),
            events.campaign_removed.subscribe(self._campaign_removed),
        ]
        self._handles = handles
        # A closure over the handles, not over self: by then the Python wrapper may be gone.
        self.destroyed.connect(lambda *_: [unsubscribe() for unsubscribe in handles])

    def close(self) -> None:
        """Stop listening (the events' owner may outlive this adapter)."""
        for unsubscribe in self._handles:
            unsubscribe()
        self._settle.stop()

    def _campaign_added(self, campaign_id: int) -> None:
        self.campaign_added.emit(campaign_id)
        self._happened.emit()

    def _job_changed(self, job_id: int, state: JobState) -> None:
        self.job_changed.emit(job_id, state)
        self._happened.emit()

    def _receipt_classified(
        self, campaign_id: int, job_id: int, addresses: tuple[str, ...]
    ) -> None:
        self.receipt_classified.emit(campaign_id, job_id, addresses)
        self._happened.emit()

    def _campaign_removed(self, campaign_id: int) -> None:
        self.campaign_removed.emit(campaign_id)
        self._happened.emit()

    def _soon(self) -> None:
        if not self._settle.isActive():
            self._settle.start()
