"""The client-side rate limit of ``POST /send``: request starts spaced at least 1/rate apart.

PEC Massiva allows one request per second (api.md 4.1); the sandbox refuses a send that arrives
less than ``1/rate`` seconds after the last committed one. Spacing is measured from the *start*
of each request, pushed back when a request was slower than usual (it may have committed late),
a small margin absorbs jitter (it doubles after a 429 and narrows back after a calm spell), and
a backoff holds every request back after a refusal. The last start time can be seeded from the
journal so a restart, like a resume, never bursts.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

DEFAULT_RATE = 1.0
"""Requests per second PEC Massiva documents for ``POST /send``."""

# Jitter allowance between two request starts: 1.5 % of the interval, at least 0.4 ms (tuned
# on loopback, see benchmarks/bulk_send.py). It doubles after a 429, then narrows back slowly.
_MIN_MARGIN = 0.0004
_MARGIN_SHARE = 0.015
_MAX_MARGIN_SHARE = 0.1
_ROUND_TRIPS = 50
_KNOWN_AFTER = 10  # round trips to see before trusting their distribution
_CALM_AFTER = 100  # requests without a 429 before a widened margin narrows again
_USUAL_SHARE = 0.25  # a round trip up to the lower quartile is "usual": no push back


class Throttle:
    """Decides when the next request may start.

    Attributes:
        rate: allowed request starts per second.
    """

    def __init__(
        self,
        rate: float = DEFAULT_RATE,
        *,
        margin: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if rate <= 0:
            msg = "the sending rate must be positive"
            raise ValueError(msg)
        self.rate = rate
        self._base_margin = max(_MIN_MARGIN, _MARGIN_SHARE / rate) if margin is None else margin
        self._margin = self._base_margin
        self._calm = 0
        self._clock = clock
        self._next_start = clock()
        self._last_start: float | None = None
        self._round_trips: deque[float] = deque(maxlen=_ROUND_TRIPS)

    @property
    def interval(self) -> float:
        """Seconds between two request starts, margin included."""
        return 1.0 / self.rate + self._margin

    def set_rate(self, rate: float) -> None:
        """Change the rate; the next start is recomputed from the last one."""
        if rate <= 0:
            msg = "the sending rate must be positive"
            raise ValueError(msg)
        self.rate = rate
        if self._last_start is not None:
            self._next_start = max(self._next_start, self._last_start + self.interval)

    def seed(self, last_start_wall: float | None, now_wall: float | None = None) -> None:
        """Account for a request started at POSIX time ``last_start_wall`` by an earlier run."""
        if last_start_wall is None:
            return
        now_wall = time.time() if now_wall is None else now_wall
        remaining = min(self.interval, last_start_wall + self.interval - now_wall)
        if remaining > 0:
            self._next_start = max(self._next_start, self._clock() + remaining)

    def delay(self) -> float:
        """Seconds to wait before the next request may start (0 when it may start now)."""
        return max(0.0, self._next_start - self._clock())

    def started(self) -> None:
        """Note that a request starts now."""
        now = self._clock()
        self._last_start = now
        self._next_start = max(self._next_start, now + self.interval)
        self._calm += 1
        if self._calm >= _CALM_AFTER and self._margin > self._base_margin:
            self._margin = max(self._base_margin, self._margin * 0.8)
            self._calm = 0

    def answered(self) -> None:
        """Note that the answer to the request last started has arrived now.

        The service counts from when it *committed* the request, somewhere between our start
        and its answer. A request with a usual (lower-quartile) round trip committed about as
        long after its start as the next one will; a slower one (a new connection, a busy
        server, a slow path on either side) may have committed later by up to the excess, so
        the next start is pushed back by that excess.
        """
        if self._last_start is None:
            return
        now = self._clock()
        round_trip = now - self._last_start
        self._round_trips.append(round_trip)
        # Until a few round trips are known, assume the usual one could be instantaneous.
        known = sorted(self._round_trips)
        usual = known[int(len(known) * _USUAL_SHARE)] if len(known) >= _KNOWN_AFTER else 0.0
        self._next_start = max(self._next_start, now - usual + self.interval)

    def hold(self, seconds: float) -> None:
        """Back off: no request starts for at least ``seconds`` from now."""
        self._next_start = max(self._next_start, self._clock() + max(0.0, seconds))

    def rate_limited(self, retry_after: float | None) -> float:
        """The service said "too many requests": widen the margin, hold back; return the wait.

        The wait is ``retry_after`` when the service gave one, else one interval.
        """
        ceiling = _MAX_MARGIN_SHARE / self.rate
        self._margin = min(ceiling, max(self._margin * 2, 0.01 / self.rate))
        self._calm = 0
        wait = retry_after if retry_after is not None and retry_after > 0 else self.interval
        self.hold(wait)
        return wait
