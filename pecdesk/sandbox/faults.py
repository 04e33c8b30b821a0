"""Fault injection and the per-token rate limit of ``POST /send``."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable
from enum import StrEnum


class Fault(StrEnum):
    """Faults injected into ``POST /send`` requests that passed every check.

    Attributes:
        MYSQL_500: 500 ``MySQL Error 1205`` before commit (nothing happens).
        RATE_429: a spurious 429 (nothing happens).
        RESET: commit, then drop the connection without any response.
        SLOW: commit, then answer only after the configured slow-reply delay.
    """

    MYSQL_500 = "mysql_500"
    RATE_429 = "rate_429"
    RESET = "reset"
    SLOW = "slow"

    @property
    def commits(self) -> bool:
        """Whether the send is committed despite the fault."""
        return self in (Fault.RESET, Fault.SLOW)


ALL_FAULTS = tuple(Fault)


class FaultInjector:
    """Draws faults from a seeded generator so a given seed replays the same faults."""

    def __init__(self, rate: float, kinds: Iterable[Fault | str], seed: int | None) -> None:
        self._rate = rate
        self._kinds = [Fault(k) for k in kinds]
        self._random = random.Random(seed)

    def draw(self) -> Fault | None:
        """Return the fault for the next eligible request, or None."""
        if self._rate <= 0 or not self._kinds:
            return None
        if self._random.random() >= self._rate:
            return None
        return self._random.choice(self._kinds)


class Throttle:
    """Per-token rate limit: at most ``rate`` committed sends per second.

    A request is refused when it arrives less than ``1/rate`` s after the last *committed* one;
    refused requests do not move the window. ``rate <= 0`` disables the limit.
    """

    def __init__(self, rate: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._interval = 1.0 / rate if rate > 0 else 0.0
        self._clock = clock
        self._last: dict[str, float] = {}

    def allows(self, token: str) -> bool:
        """Tell whether a send with ``token`` may commit now."""
        last = self._last.get(token)
        return last is None or self._clock() - last >= self._interval

    def committed(self, token: str) -> None:
        """Note that a send with ``token`` committed now."""
        self._last[token] = self._clock()
