"""Where a send queue's run stands: whether it may start a request, what it covers, what it shows.

The queue's controls (pause, resume, stop, hold) and the courier that takes each job out
(:mod:`pecdesk.services.sending.courier`) read and change the same few facts: is the queue
paused or stopping, which campaigns the progress bar counts, whose request is in flight.
They live here, with no I/O, so both sides share them without holding each other, and every
change is published to the progress feed in one way.
"""

from __future__ import annotations

from collections.abc import Collection

from pecdesk.domain.jobs import JobState
from pecdesk.errors import PecError
from pecdesk.services.sending.pacing import Wakeup
from pecdesk.services.sending.progress import JobEvent, ProgressFeed, ProgressTracker
from pecdesk.services.sending.throttle import Throttle
from pecdesk.storage import QueueStore


class RunState:
    """The state of one send queue's runs, and the progress snapshots it publishes.

    Attributes:
        feed: the progress stream.
        wakeup: poked on every change, so a waiting run looks again.
        running: a run is in progress.
        paused: no new request starts until :meth:`resume`.
        stopping: the run ends once the request in flight (if any) is journaled.
        pause_reason: why the queue paused itself ("" when someone paused it).
        pause_error: the error behind ``pause_reason``, if one is.
        resume_at: POSIX time to resume by itself; 0 waits for :meth:`resume`.
        current: the recipients of the request in flight ("" when none is).
        scope: the campaigns the run covers and the progress counts.
        uncounted: campaigns left out of the progress (test sends).
        held: scheduled campaigns held until the person says so.
    """

    def __init__(self, throttle: Throttle) -> None:
        """Pace the snapshots' estimates on ``throttle``'s interval."""
        self._throttle = throttle
        self.feed = ProgressFeed()
        self._tracker = ProgressTracker(interval=throttle.interval)
        self.wakeup = Wakeup()
        self.running = self.paused = self.stopping = False
        self.pause_reason = ""
        self.pause_error: PecError | None = None
        self.resume_at = 0.0
        self.current = ""
        self.scope: set[int] = set()
        self.uncounted: set[int] = set()
        self.held: set[int] = set()

    @property
    def halted(self) -> bool:
        """Whether no new request may start (paused or stopping)."""
        return self.paused or self.stopping

    def pause(
        self, reason: str = "", error: PecError | None = None, resume_at: float = 0.0
    ) -> None:
        """Start no new request; see :meth:`pecdesk.services.sending.queue.SendQueue.pause`."""
        self.paused, self.pause_reason, self.pause_error = True, reason, error
        self.resume_at = resume_at
        self.poke()

    def resume(self) -> None:
        """Start requests again."""
        self.paused, self.pause_reason, self.pause_error = False, "", None
        self.resume_at = 0.0
        self.poke()

    def stop(self) -> None:
        """End the current run after the request in flight; nothing when none runs."""
        if self.running:
            self.stopping = True
            self.poke()

    def hold(self, campaign_ids: Collection[int]) -> None:
        """Claim no job of these campaigns until :meth:`release`."""
        self.held |= set(campaign_ids)
        self.poke()

    def release(self, campaign_ids: Collection[int] | None = None) -> None:
        """Let held campaigns (those given, or all) go out once due."""
        self.held -= self.held if campaign_ids is None else set(campaign_ids)
        self.poke()

    def join(self, campaign_id: int, *, counted: bool = True) -> None:
        """Cover ``campaign_id`` in this run (counted in the progress, or not)."""
        (self.scope if counted else self.uncounted).add(campaign_id)

    def covers(self, campaign_id: int) -> bool:
        """Whether the run already covers ``campaign_id``, counted or not."""
        return campaign_id in self.scope or campaign_id in self.uncounted

    def move(self, campaign_id: int, old: JobState, new: JobState) -> None:
        """Count one job of ``campaign_id`` moving from ``old`` to ``new``."""
        self._tracker.move(old, new, counted=campaign_id not in self.uncounted)

    async def recount(self, store: QueueStore) -> None:
        """Count the covered campaigns' jobs afresh from ``store``, and publish."""
        self._tracker.reset(await store.counts(self.scope))
        self.publish()

    def poke(self) -> None:
        """Wake a waiting run, and publish."""
        self.wakeup.poke()
        self.publish()

    def publish(self, event: JobEvent | None = None) -> None:
        """Send a snapshot (with ``event``, a job's new state, if any) to the feed."""
        self._tracker.interval = self._throttle.interval
        self.feed.publish(
            self._tracker.snapshot(
                current=self.current,
                running=self.running,
                paused=self.paused,
                pause_reason=self.pause_reason,
                pause_error=self.pause_error,
                resume_at=self.resume_at or None,
                event=event,
            )
        )
