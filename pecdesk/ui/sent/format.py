"""How the Sent tab words delivery states, reasons and times (translated, locale-aware)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale
from PySide6.QtGui import QColor

from pecdesk.domain.delivery import DeliveryState
from pecdesk.domain.reason_names import reason_name
from pecdesk.domain.state_names import state_name

GOOD = QColor("#1b7f3b")
BAD = QColor("#b3261e")
WAIT = QColor("#8a6d00")


def state_label(state: DeliveryState, *, ordinary: bool = False) -> str:
    """The translated name of a state (accepted to ordinary e-mail says so)."""
    return state_name(state, QCoreApplication.translate, ordinary=ordinary)


def reason_label(reason: str) -> str:
    """A journaled reason in the UI's language; the service's own words kept as they came."""
    return reason_name(reason, QCoreApplication.translate)


def state_color(state: DeliveryState) -> QColor | None:
    """Green for delivered, red for failures, amber for delays and uncertainty."""
    if state is DeliveryState.DELIVERED:
        return GOOD
    if state in (DeliveryState.FAILED, DeliveryState.FAILED_TIMEOUT, DeliveryState.REJECTED,
                 DeliveryState.NOT_SENT):
        return BAD
    if state in (DeliveryState.DELAYED, DeliveryState.UNKNOWN):
        return WAIT
    return None


def format_time(ts: float | None) -> str:
    """A POSIX time in the locale's short date and seconds ("" for None)."""
    if ts is None:
        return ""
    moment = QDateTime.fromSecsSinceEpoch(int(ts))
    return QLocale().toString(moment, QLocale.FormatType.ShortFormat) + moment.toString(":ss")


def format_time_short(ts: float) -> str:
    """A POSIX time as the locale's short date and time, to the minute (a scheduled time)."""
    return QLocale().toString(QDateTime.fromSecsSinceEpoch(int(ts)),
                              QLocale.FormatType.ShortFormat)


def format_time_long(ts: float | None) -> str:
    """A POSIX time with date, seconds and UTC offset, for attestations ("" for None)."""
    if ts is None:
        return ""
    return datetime.fromtimestamp(ts).astimezone().strftime("%d/%m/%Y %H:%M:%S (%z)")
