"""The words for a recipient's delivery state, one table for the Sent tab and the evidence.

The Sent tab and the ledger CSV inside an evidence ZIP must name a state the same way, so both
translate these source texts (context ``SentState``): the window through Qt, the evidence through
the ``translate`` it is given.
"""

from __future__ import annotations

from collections.abc import Callable

from pecdesk.domain.delivery import DeliveryState
from pecdesk.i18n import QT_TRANSLATE_NOOP

CONTEXT = "SentState"
# lupdate needs the context as a literal.
STATE_NAMES: dict[DeliveryState, str] = {
    DeliveryState.QUEUED: QT_TRANSLATE_NOOP("SentState", "Queued"),
    DeliveryState.SUBMITTED: QT_TRANSLATE_NOOP("SentState", "Sent, awaiting receipts"),
    DeliveryState.ACCEPTED: QT_TRANSLATE_NOOP("SentState", "Accepted"),
    DeliveryState.DELAYED: QT_TRANSLATE_NOOP("SentState", "Delayed"),
    DeliveryState.DELIVERED: QT_TRANSLATE_NOOP("SentState", "Delivered"),
    DeliveryState.REJECTED: QT_TRANSLATE_NOOP("SentState", "Not accepted"),
    DeliveryState.FAILED: QT_TRANSLATE_NOOP("SentState", "Not delivered"),
    DeliveryState.FAILED_TIMEOUT: QT_TRANSLATE_NOOP("SentState", "Not delivered in time"),
    DeliveryState.UNKNOWN: QT_TRANSLATE_NOOP("SentState", "Outcome unknown"),
    DeliveryState.NOT_SENT: QT_TRANSLATE_NOOP("SentState", "Not sent"),
    DeliveryState.CANCELLED: QT_TRANSLATE_NOOP("SentState", "Cancelled"),
}
_ORDINARY = QT_TRANSLATE_NOOP("SentState", "Accepted (ordinary e-mail: no delivery receipt)")


def state_name(
    state: DeliveryState, translate: Callable[[str, str], str], *, ordinary: bool = False
) -> str:
    """``state`` in words through ``translate(context, text)``; ordinary e-mail says so."""
    if ordinary and state is DeliveryState.ACCEPTED:
        return translate(CONTEXT, _ORDINARY)
    return translate(CONTEXT, STATE_NAMES[state])
