"""Wall-clock helpers: Europe/Rome local time in the formats PEC Massiva and PEC receipts use."""

from __future__ import annotations

from datetime import datetime
from email.utils import format_datetime
from zoneinfo import ZoneInfo

ROME = ZoneInfo("Europe/Rome")


def rome(timestamp: float) -> datetime:
    """Return the POSIX ``timestamp`` as an aware Europe/Rome datetime, whole seconds."""
    return datetime.fromtimestamp(int(timestamp), ROME)


def rfc2822(timestamp: float) -> str:
    """Format like the API's lists, e.g. ``Wed, 26 Aug 2020 10:00:35 +0200``."""
    return format_datetime(rome(timestamp))


def iso8601(timestamp: float) -> str:
    """Format as ISO 8601 with the Rome offset, e.g. ``2020-08-26T10:00:35+02:00``."""
    return rome(timestamp).isoformat()


def code_stamp(timestamp: float) -> int:
    """Return ``YYYYMMDDhhmmss`` of Rome local time as an integer (a sending code's head)."""
    return int(rome(timestamp).strftime("%Y%m%d%H%M%S"))


def giorno_ora(timestamp: float) -> str:
    """Word a moment as Italian receipts do: ``Il giorno 26/08/2020 alle ore 10:00:35 (+0200)``."""
    moment = rome(timestamp)
    return moment.strftime("Il giorno %d/%m/%Y alle ore %H:%M:%S (%z)")
