"""The sandbox's conventions (api.md 8.1): valid addresses, recipient routes and sending codes."""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import Enum

from pecdesk.sandbox.dates import code_stamp

# Providers of ordinary (non-PEC) e-mail; a recipient there gets ACCETTAZIONE only.
ORDINARY_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "yahoo.com",
        "yahoo.it",
        "icloud.com",
    }
)

_ADDRESS = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
)


class Route(Enum):
    """What happens to one recipient of a sending, the first matching rule winning.

    Attributes:
        HOSTED: a mailbox of this sandbox: POSTA CERTIFICATA there, CONSEGNA to the sender.
        FAIL: local part ``fail…``: permanent AVVISO DI MANCATA CONSEGNA.
        FULL: local part ``full…``: temporary AVVISO DI MANCATA CONSEGNA (mailbox full).
        SLOW: local part ``slow…``: the 12-hour and 24-hour timeout notices.
        ORDINARY: an ordinary e-mail domain: no outcome after ACCETTAZIONE.
        PEC: any other PEC domain: CONSEGNA.
    """

    HOSTED = "hosted"
    FAIL = "fail"
    FULL = "full"
    SLOW = "slow"
    ORDINARY = "ordinary"
    PEC = "pec"


def is_address(text: str) -> bool:
    """Tell whether ``text`` looks like one bare e-mail address with a dotted domain."""
    return _ADDRESS.fullmatch(text) is not None


def is_ordinary_domain(address: str) -> bool:
    """Tell whether ``address`` belongs to an ordinary (non-PEC) e-mail domain."""
    domain = address.rpartition("@")[2].lower()
    return domain in ORDINARY_DOMAINS or domain.rpartition(".")[2] == "example"


def route(address: str, is_hosted: Callable[[str], bool]) -> Route:
    """Decide the route of one recipient: hosted, then local-part conventions, then domain."""
    if is_hosted(address):
        return Route.HOSTED
    local = address.partition("@")[0].lower()
    for prefix, by_name in (("fail", Route.FAIL), ("full", Route.FULL), ("slow", Route.SLOW)):
        if local.startswith(prefix):
            return by_name
    if is_ordinary_domain(address):
        return Route.ORDINARY
    return Route.PEC


def distinct(addresses: list[str]) -> list[str]:
    """Drop repeated addresses (compared case-insensitively), keeping the first spelling."""
    seen: set[str] = set()
    kept: list[str] = []
    for address in addresses:
        key = address.lower()
        if key not in seen:
            seen.add(key)
            kept.append(address)
    return kept


def next_code(timestamp: float, last: int) -> int:
    """Return the sending code for ``timestamp``: ``YYYYMMDDhhmmss`` + two digits, above ``last``.

    Codes are 16 digits, unique and strictly increasing: the first send in a second ends in 00;
    later ones, and any send after a clock step backwards, take the next free value.
    """
    return max(code_stamp(timestamp) * 100, last + 1)


def code_pattern(code: str) -> re.Pattern[str]:
    """Match ``code`` as a whole word, never inside a longer number or word."""
    return re.compile(rf"(?<!\w){re.escape(code)}(?!\w)")
