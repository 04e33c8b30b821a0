"""The client-side rate limit of ``POST /send``: requests spaced so none lands inside the window.

PEC Massiva allows one request per second (api.md 4.1); the sandbox, like the service, refuses a
send that *arrives* less than ``1/rate`` seconds after the last *committed* one (api.md 8.1). The
client sees neither moment, only when its request left and when the answer came, so the next
request may leave once both of these hold:

- one interval (``1/rate`` plus a small margin) after the previous request *left*: a request
  that arrives no sooner than the previous one commits no sooner either;
- one interval after the previous answer, less the usual round trip (a low quantile of the
  recent ones): a slow answer may hide a late commit, and the next request waits by the excess.

Times are the request's last byte written and the answer's headers read (see
:func:`pecdesk.api.exchange.wire_times`), not when the queue called the client: the Python work
around a request varies by milliseconds and the service sees none of it. The queue is told to
call that much earlier (the least recent lead, so a request never leaves early). The margin is
a fraction of a millisecond plus a small share of the interval: jitter is absolute, and a share
alone either wastes the 1/s service's time or is too thin at the sandbox's faster rates.
After a 429 the throttle holds back for the service's ``Retry-After`` (one interval without
it) and widens its margin, which narrows back after a calm spell. The last start can be seeded
from the journal so a restart, like a resume, never bursts.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

DEFAULT_RATE = 1.0
"""Requests per second PEC Massiva documents for ``POST /send``."""

# Margin between two requests: 0.3 ms of jitter plus 0.2 % of the interval (2.3 ms at 1/s).
# Tuned on loopback with the sandbox in its own process (benchmarks/bulk_send.py).
_MIN_MARGIN = 0.0002
_MARGIN_SHARE = 0.001
_MAX_MARGIN_SHARE = 0.1
_SAMPLES = 50  # round trips: the recent ones describe the path as it is now
_LEAD_SAMPLES = 1000  # leads: the least of a long history, so a lull in load never over-learns
_KNOWN_AFTER = 10  # round trips to see before trusting their distribution
_USUAL_SHARE = 0.25  # a round trip up to the lower quartile is "usual": no push back
_CALM_AFTER = 100  # requests without a 429 before a widened margin narrows again
# Call at most 1 ms early (and never more than a quarter of the interval): the least lead of
# small requests is about 0.6 ms on loopback; a request much larger than the next (big
# attachments, then none) would otherwise teach a lead the next one leaves well before.
_MAX_LEAD = 0.001
_MAX_LEAD_SHARE = 0.25


class Throttle:
    """Decides when the next request may start.

    Attributes:
        rate: allowed requests per second.
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
        self._fixed_margin = margin
        self._base_margin = self._default_margin() if margin is None else margin
        self._margin = self._base_margin
        self._calm = 0
        self._clock = clock
        self._next_start = clock()
        self._called: float | None = None  # when the client was last called
        self._left: float | None = None  # when that request left (or is assumed to have)
        self._leads: deque[float] = deque(maxlen=_LEAD_SAMPLES)
        self._least_lead = 0.0
        self._round_trips: deque[float] = deque(maxlen=_SAMPLES)

    def _default_margin(self) -> float:
        return _MIN_MARGIN + _MARGIN_SHARE / self.rate

    @property
    def clock(self) -> Callable[[], float]:
        """The clock every time given to :meth:`answered` must be read from."""
        return self._clock

    @property
    def interval(self) -> float:
        """Seconds between two requests, margin included."""
        return 1.0 / self.rate + self._margin

    @property
    def lead(self) -> float:
        """Seconds between calling the client and the request leaving, at the least (recently)."""
        if len(self._leads) < _KNOWN_AFTER:  # the first ones include connecting
            return 0.0
        return min(self._least_lead, _MAX_LEAD, _MAX_LEAD_SHARE / self.rate)

    def set_rate(self, rate: float) -> None:
        """Change the rate; the next start is recomputed from the last one."""
        if rate <= 0:
            msg = "the sending rate must be positive"
            raise ValueError(msg)
        self.rate = rate
        if self._fixed_margin is None:
            self._base_margin = self._default_margin()
            self._margin = max(self._margin, self._base_margin)
        if self._left is not None:
            self._next_start = max(self._next_start, self._left + self.interval)

    def seed(self, last_start_wall: float | None, now_wall: float | None = None) -> None:
        """Account for a request started at POSIX time ``last_start_wall`` by an earlier run."""
        if last_start_wall is None:
            return
        now_wall = time.time() if now_wall is None else now_wall
        remaining = min(self.interval, last_start_wall + self.interval - now_wall)
        if remaining > 0:
            self._next_start = max(self._next_start, self._clock() + remaining)

    def delay(self) -> float:
        """Seconds to wait before calling the client for the next request (0: call now)."""
        return max(0.0, self._next_start - self.lead - self._clock())

    def started(self) -> None:
        """Note that the client is called for a request now."""
        now = self._clock()
        self._called = now
        # Until the answer tells when it left, assume the usual (least) lead.
        self._left = now + self.lead
        self._next_start = max(self._next_start, self._left + self.interval)
        self._calm += 1
        if self._calm >= _CALM_AFTER and self._margin > self._base_margin:
            self._margin = max(self._base_margin, self._margin * 0.8)
            self._calm = 0

    def answered(self, sent: float | None = None, answered: float | None = None) -> None:
        """Note that the request last started is over (answered, refused or failed).

        Args:
            sent: when its last byte was written (:attr:`clock`); None when not known.
            answered: when its answer's headers were read; None: now.

        The service counts from when it *committed* the request, somewhere between ``sent``
        and ``answered``. A request with a usual round trip committed about as long after
        leaving as the next one will; a slower one may have committed later by up to the
        excess, so the next request waits by that excess.
        """
        if self._called is None:
            return
        now = self._clock()
        got = now if answered is None else answered
        left = self._called if sent is None else sent
        if sent is not None:
            lead = max(0.0, sent - self._called)
            dropped = self._leads[0] if len(self._leads) == self._leads.maxlen else None
            self._leads.append(lead)
            if len(self._leads) == 1 or lead < self._least_lead:
                self._least_lead = lead
            elif dropped == self._least_lead:
                self._least_lead = min(self._leads)
            self._left = left
        self._round_trips.append(max(0.0, got - left))
        known = sorted(self._round_trips)
        usual = known[int(len(known) * _USUAL_SHARE)] if len(known) >= _KNOWN_AFTER else 0.0
        if sent is not None and answered is None:
            usual = 0.0  # it left but no answer came: it may have committed just now
        self._next_start = max(
            self._next_start, left + self.interval, got - usual + self.interval
        )

    def hold(self, seconds: float) -> None:
        """Back off: no request starts for at least ``seconds`` from now."""
        self._next_start = max(self._next_start, self._clock() + max(0.0, seconds))

    def rate_limited(self, retry_after: float | None) -> float:
        """The service said "too many requests": widen the margin, hold back; return the wait.

        The wait is the service's ``retry_after`` when it gave one, else one interval.
        """
        ceiling = _MAX_MARGIN_SHARE / self.rate
        self._margin = min(ceiling, max(self._margin * 2, 0.01 / self.rate))
        self._calm = 0
        wait = retry_after if retry_after is not None and retry_after > 0 else self.interval
        self.hold(wait)
        return wait
