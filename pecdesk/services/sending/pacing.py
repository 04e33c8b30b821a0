"""Waiting in the send loop: wake-ups on control changes, and precise throttle slots."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

from pecdesk.services.sending.throttle import Throttle

_SPIN = 0.002  # seconds before a slot when the queue stops sleeping and starts yielding
_LEAD_FLOOR = 0.003


class Wakeup:
    """A generation counter and an event: sleepers wake when anything changes.

    Attributes:
        generation: bumped by every :meth:`poke`; read it before looking at the state, pass it
            to :meth:`wait`, and a change in between is never missed.
    """

    def __init__(self) -> None:
        self.generation = 0
        self._event = asyncio.Event()

    def poke(self) -> None:
        """Something changed (pause, resume, stop, enqueue): wake every sleeper."""
        self.generation += 1
        self._event.set()

    async def wait(self, timeout: float | None, generation: int) -> None:
        """Sleep until ``timeout`` passes or :meth:`poke` is called.

        Returns at once if a poke happened since ``generation`` was read.
        """
        if self.generation != generation:
            return
        self._event.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._event.wait(), timeout)


class Pacer:
    """Brings the send loop to each throttle slot: claim late, start on time."""

    def __init__(self, throttle: Throttle, wakeup: Wakeup) -> None:
        self._throttle = throttle
        self._wakeup = wakeup
        self._claim_time = 0.002

    def claimed(self, seconds: float) -> None:
        """Note how long journaling a job as *submitting* took (a moving average)."""
        self._claim_time = 0.8 * self._claim_time + 0.2 * seconds

    async def near_slot(self, halted: Callable[[], bool]) -> bool:
        """Wait until the next slot is one claim away; False if ``halted()`` turns true.

        The job is claimed only in the last moments before its slot, so a process killed
        while waiting leaves the job *queued*, not *unknown*.
        """
        while True:
            if halted():
                return False
            lead = min(self._throttle.interval, 2 * self._claim_time + _LEAD_FLOOR)
            delay = self._throttle.delay()
            if delay <= lead:
                return True
            await self._wakeup.wait(delay - lead, self._wakeup.generation)

    async def at_slot(self) -> None:
        """Sleep until the slot, precisely.

        Event-loop timers fire up to a millisecond late (epoll rounds up) or, on Windows, early;
        either would cost throughput or invite a 429. So sleep until just before the slot, then
        yield to the loop until it comes.
        """
        while (delay := self._throttle.delay()) > _SPIN:
            await asyncio.sleep(delay - _SPIN)
        while self._throttle.delay() > 0:
            await asyncio.sleep(0)
