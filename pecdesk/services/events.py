"""What a mailbox's services tell: campaigns added or removed, jobs moved, receipts filed.

Qt-free, so the services stay testable with plain asyncio; the window re-emits these as Qt
signals (:mod:`pecdesk.ui.widgets.service_signals`). One :class:`Events` per mailbox, built by
:func:`pecdesk.app.wiring.open_mailbox` and handed to each of its services, so a listener hears
every change of that mailbox whichever service made it (Compose's queue, a retry from the Sent
tab, the tracker, the reconciler) and no other mailbox's.

The services run on the event loop's thread and emit from there, so callbacks run on that
thread too, synchronously, in the order they subscribed. A callback must be quick (schedule
any real work); one that raises is logged and the others still run: a broken listener never
breaks a sending.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Generic, ParamSpec

from pecdesk.domain.jobs import JobState

_log = logging.getLogger(__name__)

P = ParamSpec("P")
Unsubscribe = Callable[[], None]
"""Call it to stop hearing an event (calling it twice does nothing)."""


class Topic(Generic[P]):
    """One kind of event: its subscribers, called with the event's arguments.

    Attributes:
        name: what the event is called (for the log).
    """

    def __init__(self, name: str) -> None:
        self.name = name
        # (token, callback): the token tells two subscriptions of one callback apart.
        self._callbacks: list[tuple[object, Callable[P, None]]] = []

    def subscribe(self, callback: Callable[P, None]) -> Unsubscribe:
        """Call ``callback`` at every emit from now on; returns the handle that stops it."""
        entry = (object(), callback)
        self._callbacks.append(entry)

        def unsubscribe() -> None:
            if entry in self._callbacks:
                self._callbacks.remove(entry)

        return unsubscribe

    def emit(self, *args: P.args, **kwargs: P.kwargs) -> None:
        """Call every subscriber; one that raises is logged and the rest still run."""
        for _token, callback in list(self._callbacks):
            try:
                callback(*args, **kwargs)
            except Exception:
                _log.exception("A subscriber of %s failed", self.name)

    @property
    def subscribers(self) -> int:
        """How many callbacks listen now."""
        return len(self._callbacks)


class Events:
    """The events of one mailbox's services.

    Attributes:
        campaign_added: ``(campaign_id)``: a campaign was stored (queued, or a retry).
        job_changed: ``(job_id, state)``: a job's state changed (claimed, answered,
            cancelled, settled by the reconciler).
        receipt_classified: ``(campaign_id, job_id, addresses)``: receipts were filed in the
            ledger and changed these recipients' state or times (addresses lower-case).
        campaign_removed: ``(campaign_id)``: the person deleted a campaign's local history
            (past retention); it is gone from the store.
    """

    def __init__(self) -> None:
        self.campaign_added: Topic[[int]] = Topic("campaign_added")
        self.job_changed: Topic[[int, JobState]] = Topic("job_changed")
        self.receipt_classified: Topic[[int, int, tuple[str, ...]]] = Topic("receipt_classified")
        self.campaign_removed: Topic[[int]] = Topic("campaign_removed")
