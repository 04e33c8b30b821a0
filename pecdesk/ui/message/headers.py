"""How a message's headers read on screen: its date in the user's locale and time zone.

The Inbox list and the reading pane both show it; it lives here, with the message, so the
Inbox imports the message folder and never the other way round.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QLocale


def format_date(date: datetime | None, fallback: str, locale: QLocale) -> str:
    """``date`` in the local time zone and the locale's short format, else the service's text."""
    if date is None:
        return fallback
    moment = QDateTime.fromMSecsSinceEpoch(round(date.timestamp() * 1000))
    return locale.toString(moment.toLocalTime(), QLocale.FormatType.ShortFormat)
