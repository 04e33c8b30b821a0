"""What the GUI-stall benchmarks share: a 5 ms ticker on the GUI thread and its summary.

``benchmarks/ui_stall.py`` (Compose) and ``benchmarks/sent_scale.py`` (Sent) both measure how
late a 5 ms QTimer fires while the window works; a late tick is time the window could not paint
or take a key press.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt, QTimer

TICK_MS = 5


class Ticker:
    """A 5 ms QTimer on the GUI thread that records how late each tick comes (ms)."""

    def __init__(self) -> None:
        self.late: list[float] = []
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._last = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.late.append(max(0.0, (now - self._last) * 1000 - TICK_MS))
        self._last = now

    @contextmanager
    def running(self) -> Iterator[list[float]]:
        """Tick while the block runs; yields the lateness list of this block."""
        self.late = []
        self._last = time.perf_counter()
        self._timer.start()
        try:
            yield self.late
        finally:
            self._timer.stop()


def summary(late: list[float]) -> tuple[float, float, float]:
    """Median, p99 and max lateness (ms)."""
    ordered = sorted(late) or [0.0]
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return statistics.median(ordered), p99, ordered[-1]


async def until(condition: Callable[[], bool], timeout: float = 120.0) -> None:
    """Wait (without blocking the loop) until ``condition()`` holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the tab did not get there in time")
        await asyncio.sleep(0.01)
