"""Preparing a sending (Qt-free): one planning step and the repeat guard, for every front door."""

from pecdesk.services.sending.guard import (
    EarlierSending,
    RepeatSendingError,
    earlier_sending,
    period,
)
from pecdesk.services.sending.plan import SendingPlan, columns_of, plan_sending

__all__ = [
    "EarlierSending",
    "RepeatSendingError",
    "SendingPlan",
    "columns_of",
    "earlier_sending",
    "period",
    "plan_sending",
]
