"""Fault injection, the per-token rate limit and the optional daily cap of ``POST /send``."""

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
        SMTP: a 200 with ``success: false`` and an SMTP error text in ``message_id``, before
            commit (nothing happens), as the PHP SDK reports a mail server failure (api.md 7.14).
        PHP_WARNING: commit, then a 201 whose body is a PHP warning printed before the JSON.
        TRUNCATED: commit, then a 201 whose JSON is cut in half (Content-Length agrees).
        GATEWAY_502: commit, then a gateway's HTML 502 page, as a proxy that gave up waiting.
        JSON_ARRAY: commit, then a 201 whose JSON is an array holding the envelope.
        SUCCESS_TEXT: commit, then a 201 envelope whose ``success`` is the string "true".
        SUCCESS_FALSE_TEXT: commit, then a 201 envelope whose ``success`` is the string "false".
        SUCCESS_ZERO: commit, then a 201 envelope whose ``success`` is the number 0.

    The last seven are the hostile answers of issue 12: each hides a committed send behind an
    answer that is not a clean success. All are opt-in (see :data:`DEFAULT_FAULTS`).
    """

    MYSQL_500 = "mysql_500"
    RATE_429 = "rate_429"
    RESET = "reset"
    SLOW = "slow"
    SMTP = "smtp"
    PHP_WARNING = "php_warning"
    TRUNCATED = "truncated"
    GATEWAY_502 = "gateway_502"
    JSON_ARRAY = "json_array"
    SUCCESS_TEXT = "success_text"
    SUCCESS_FALSE_TEXT = "success_false_text"
    SUCCESS_ZERO = "success_zero"

    @property
    def commits(self) -> bool:
        """Whether the send is committed despite the fault."""
        return self in (Fault.RESET, Fault.SLOW) or self.answers_badly

    @property
    def answers_badly(self) -> bool:
        """Whether the fault commits and then answers with something other than a clean success."""
        return self in BAD_ANSWERS


ALL_FAULTS = tuple(Fault)
BAD_ANSWERS = frozenset(
    {
        Fault.PHP_WARNING,
        Fault.TRUNCATED,
        Fault.GATEWAY_502,
        Fault.JSON_ARRAY,
        Fault.SUCCESS_TEXT,
        Fault.SUCCESS_FALSE_TEXT,
        Fault.SUCCESS_ZERO,
    }
)
"""Faults that commit the send and then answer with something that is not a clean success."""
DEFAULT_FAULTS = (Fault.MYSQL_500, Fault.RATE_429, Fault.RESET, Fault.SLOW)
"""What ``--fault-rate`` picks from unless ``--fault-kinds`` says otherwise (SMTP and the bad
answers after commit are opt-in)."""


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


class DailyCap:
    """At most ``cap`` PECs (recipients) committed per token per calendar day; 0: no cap.

    api.md 8 lists a daily cap (3,500 on the service's plans) as optional. A send whose
    recipients would go past it is refused before commit. Counts live in memory: a restarted
    sandbox starts the day afresh.
    """

    def __init__(self, cap: int, day: Callable[[], str]) -> None:
        self._cap = cap
        self._day = day
        self._used: dict[tuple[str, str], int] = {}

    def allows(self, token: str, recipients: int) -> bool:
        """Tell whether ``recipients`` more PECs fit in today's allowance of ``token``."""
        return self._cap <= 0 or self._used.get((token, self._day()), 0) + recipients <= self._cap

    def committed(self, token: str, recipients: int) -> None:
        """Note a committed send of ``recipients`` PECs."""
        key = (token, self._day())
        self._used[key] = self._used.get(key, 0) + recipients
