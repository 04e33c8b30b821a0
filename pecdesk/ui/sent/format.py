"""How the Sent tab words delivery states and times (translated, locale-aware)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale
from PySide6.QtGui import QColor

from pecdesk.domain.delivery import DeliveryState
from pecdesk.domain.state_names import state_name

GOOD = QColor("#1b7f3b")
BAD = QColor("#b3261e")
WAIT = QColor("#8a6d00")


def state_label(state: DeliveryState, *, ordinary: bool = False) -> str:
    """The translated name of a state (accepted to ordinary e-mail says so)."""
    return state_name(state, QCoreApplication.translate, ordinary=ordinary)


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


def format_time_long(ts: float | None) -> str:
    """A POSIX time with date, seconds and UTC offset, for attestations ("" for None)."""
    if ts is None:
        return ""
    return datetime.fromtimestamp(ts).astimezone().strftime("%d/%m/%Y %H:%M:%S (%z)")
