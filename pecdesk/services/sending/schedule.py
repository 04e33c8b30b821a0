"""Sendings scheduled for a date and time: listed, held when overdue, run when due (Qt-free).

A scheduled campaign lives in the persistent queue like any other, with its ``not_before``
time (:class:`~pecdesk.storage.NewCampaign`); the queue never claims one of its jobs earlier
(:meth:`pecdesk.storage.QueueStore.next_queued`, and the claim itself refuses). This module adds
what the window and the command line need around that:

- :meth:`Schedule.hold_overdue`: at start, the sendings whose time passed while pecdesk was
  closed are held until the person says "send now", "keep waiting" or "cancel": a PEC meant for
  yesterday at 9:00 does not leave today unannounced;
- :meth:`Schedule.keep`: while the window is open, run the queue when a scheduled sending comes
  due (once per sending: one the person stopped or cancelled is not started again).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass

from pecdesk.services.sending.queue import RunResult, SendQueue
from pecdesk.storage import QueueStore

CHECK_EVERY = 60.0
"""Seconds between looks at the clock: a suspended laptop's timers run late."""


@dataclass(frozen=True, slots=True)
class Scheduled:
    """A sending held in the queue until its time.

    Attributes:
        campaign_id: the campaign.
        at: POSIX time it may leave.
        count: its PECs still queued.
    """

    campaign_id: int
    at: float
    count: int


class Schedule:
    """The scheduled sendings of one mailbox's queue.

    Attributes:
        queue: the send queue (its mailbox and service choose the campaigns).
    """

    def __init__(
        self,
        *,
        queue: SendQueue,
        store: QueueStore,
        clock: Callable[[], float] = time.time,
        check_every: float = CHECK_EVERY,
    ) -> None:
        self.queue = queue
        self._store = store
        self._clock = clock
        self._check_every = check_every
        self._started: set[int] = set()  # campaigns :meth:`keep` already ran the queue for
        self._wake = asyncio.Event()

    async def all(self) -> list[Scheduled]:
        """Every scheduled sending of this queue still holding queued PECs, earliest first."""
        rows = await self._store.scheduled(self.queue.sender, self.queue.service)
        return [Scheduled(cid, at, count) for cid, at, count in rows]

    async def later(self) -> list[Scheduled]:
        """Those whose time has not come yet."""
        now = self._clock()
        return [s for s in await self.all() if s.at > now]

    async def due(self) -> list[Scheduled]:
        """Those whose time has come (held or not)."""
        now = self._clock()
        return [s for s in await self.all() if s.at <= now]

    async def hold_overdue(self) -> list[Scheduled]:
        """Hold every due scheduled sending not asked about yet; return them.

        Called at start, before anything runs the queue: these are the sendings whose time
        passed while pecdesk was closed.
        """
        overdue = [s for s in await self.due() if s.campaign_id not in self._started]
        self.queue.hold([s.campaign_id for s in overdue])
        self._started |= {s.campaign_id for s in overdue}  # never started behind the question
        return overdue

    def send_now(self, campaign_ids: list[int]) -> None:
        """The person said "send now": release them (:meth:`keep`, or a run, sends them)."""
        self._started -= set(campaign_ids)
        self.queue.release(campaign_ids)
        self.poke()

    def poke(self) -> None:
        """Look at the schedule now (a sending was scheduled or released)."""
        self._wake.set()

    async def keep(self, *, ran: Callable[[RunResult], None] | None = None) -> None:
        """Run the queue whenever a scheduled sending comes due, until cancelled.

        A due sending is run for once: if that run ends with it still queued (stopped,
        cancelled), it waits for the person, never for a loop that would start it again.

        Args:
            ran: told how each run this started ended.
        """
        unsubscribe = self.queue.events.campaign_added.subscribe(lambda _cid: self.poke())
        try:
            while True:
                self._wake.clear()
                ready = [s for s in await self.due()
                         if s.campaign_id not in self._started | self.queue.held]
                if ready and not self.queue.running:
                    self._started |= {s.campaign_id for s in ready}
                    result = await self.queue.run()
                    if ran is not None:
                        ran(result)
                    continue
                await self._sleep_until_next()
        finally:
            unsubscribe()

    async def _sleep_until_next(self) -> None:
        later = await self.later()
        wait = self._check_every
        if later:
            wait = min(wait, max(0.0, later[0].at - self._clock()))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), timeout=wait)
