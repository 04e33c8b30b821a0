"""The send queue's progress stream: immutable snapshots for plain callbacks or async iteration.

Qt-free on purpose: the GUI binds :meth:`ProgressFeed.subscribe` to a signal, the command line
prints from it, and tests iterate :meth:`ProgressFeed.updates`.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from pecdesk.domain.jobs import PENDING_STATES, JobState
from pecdesk.errors import PecError

_log = logging.getLogger(__name__)
_RATE_WINDOW = 20


@dataclass(frozen=True, slots=True)
class JobEvent:
    """One job's outcome, as the progress stream reports it.

    Attributes:
        job_id: the job.
        recipients: its recipients.
        state: its new state.
        code: the sending code, when known.
        reason: why, for states other than submitted.
    """

    job_id: int
    recipients: tuple[str, ...]
    state: JobState
    code: str | None = None
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Progress:
    """A snapshot of the queue.

    Attributes:
        done: jobs of the current campaigns no longer queued or in flight.
        total: jobs of the current campaigns.
        rate: requests per second over the last few jobs (0 before there is any).
        eta_seconds: estimated seconds to empty the queue; None when nothing is queued.
        current: the recipient(s) of the job in flight, "" when none.
        counts: jobs by state (every state present, zeros included).
        running: whether the queue is working (possibly paused).
        paused: whether the queue is paused.
        pause_reason: why, when the queue paused itself (e.g. refused credentials).
        pause_error: the error behind ``pause_reason``, for the UI to show in its language.
        resume_at: POSIX time at which the pause ends by itself; None when it does not.
        event: the job outcome that produced this snapshot, if one did.
    """

    done: int
    total: int
    rate: float
    eta_seconds: float | None
    current: str
    counts: Mapping[JobState, int]
    running: bool
    paused: bool
    pause_reason: str = ""
    pause_error: PecError | None = None
    resume_at: float | None = None
    event: JobEvent | None = None


class ProgressTracker:
    """Counts by state and recent request times; turns them into :class:`Progress` snapshots.

    Attributes:
        counts: jobs by state in the current scope.
        interval: seconds between requests the throttle allows (for the ETA before any data).
    """

    def __init__(self, *, interval: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.counts: dict[JobState, int] = {}
        self.interval = interval
        self._finished: deque[float] = deque(maxlen=_RATE_WINDOW)
        self._clock = clock
        self._paused = False

    def reset(self, counts: Mapping[JobState, int]) -> None:
        """Replace the counts (after loading them from the store)."""
        self.counts = dict(counts)

    def move(self, old: JobState, new: JobState, *, counted: bool = True) -> None:
        """One job moved from ``old`` to ``new`` (``counted`` False: outside the progress)."""
        if not counted:
            return
        self.counts[old] = max(0, self.counts.get(old, 0) - 1)
        self.counts[new] = self.counts.get(new, 0) + 1
        if old is JobState.SUBMITTING:
            self._finished.append(self._clock())

    def _note_pause(self, paused: bool) -> None:
        """Forget the request times from before a pause once it ends.

        The pause itself is no sending time: kept in the window it would make the rate look
        slower (and the ETA longer) for the next twenty requests; until two new answers
        arrive the ETA falls back to the throttle's interval.
        """
        if self._paused and not paused:
            self._finished.clear()
        self._paused = paused

    def rate(self) -> float:
        """Requests answered per second over the recent window."""
        if len(self._finished) < 2:
            return 0.0
        span = self._finished[-1] - self._finished[0]
        return (len(self._finished) - 1) / span if span > 0 else 0.0

    def snapshot(self, *, current: str, running: bool, paused: bool, pause_reason: str,
                 pause_error: PecError | None = None, resume_at: float | None = None,
                 event: JobEvent | None = None) -> Progress:
        """The current :class:`Progress`."""
        self._note_pause(paused)
        counts = {state: self.counts.get(state, 0) for state in JobState}
        total = sum(counts.values())
        pending = sum(counts[s] for s in PENDING_STATES)
        rate = self.rate()
        eta: float | None = None
        if pending:
            eta = pending / rate if rate > 0 else pending * self.interval
        return Progress(
            done=total - pending, total=total, rate=rate, eta_seconds=eta, current=current,
            counts=MappingProxyType(counts), running=running, paused=paused,
            pause_reason=pause_reason, pause_error=pause_error, resume_at=resume_at, event=event,
        )


class ProgressFeed:
    """Delivers snapshots to callbacks and to async iterators."""

    def __init__(self) -> None:
        self._callbacks: list[Callable[[Progress], None]] = []
        self._queues: list[asyncio.Queue[Progress | None]] = []
        self.latest: Progress | None = None

    def subscribe(self, callback: Callable[[Progress], None]) -> Callable[[], None]:
        """Call ``callback`` with every snapshot; returns a function that unsubscribes."""
        self._callbacks.append(callback)

        def unsubscribe() -> None:
            if callback in self._callbacks:
                self._callbacks.remove(callback)

        return unsubscribe

    async def updates(self) -> AsyncIterator[Progress]:
        """Every snapshot from now until the current run of the queue ends."""
        queue: asyncio.Queue[Progress | None] = asyncio.Queue()
        self._queues.append(queue)
        try:
            while (item := await queue.get()) is not None:
                yield item
        finally:
            self._queues.remove(queue)

    def publish(self, progress: Progress) -> None:
        """Hand ``progress`` to every subscriber; a failing callback is logged, not fatal."""
        self.latest = progress
        for callback in list(self._callbacks):
            try:
                callback(progress)
            except Exception:
                _log.exception("a progress subscriber failed")
        for queue in self._queues:
            queue.put_nowait(progress)

    def end(self) -> None:
        """End every async iteration (the run is over)."""
        for queue in self._queues:
            queue.put_nowait(None)
