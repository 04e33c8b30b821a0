"""Which "SUP. TEMPO MASSIMO" notices in a mail list are the final (24-hour) one, with no text.

The 12-hour warning and the 24-hour final notice share one subject (domain.md a2), and a mail
list (``GET /inbox``) carries no text: only the subject (kind and sending code) and the date.
The Sent tab's tracker decides with the same rules (:func:`pecdesk.domain.delivery.apply`): a
notice dated :data:`~pecdesk.domain.delivery.FINAL_TIMEOUT_AFTER` or more after the sending's
ACCETTAZIONE is final, and so is a second notice about the same sending. A list names no
recipient, so "the same sending" is its code; to keep a message sent to several slow recipients
at once (one code, one warning each, minutes apart) from reading as final, a second notice counts
only when it came markedly later than the first: at least :data:`LATER_RATIO` times as long
after the ACCETTAZIONE (the final comes at 22–24 h, the warning at 12 h), or, with no
ACCETTAZIONE in the list, :data:`LATER_GAP` seconds after the first notice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from pecdesk.domain.delivery import FINAL_TIMEOUT_AFTER
from pecdesk.domain.receipts import ReceiptKind

WARNING_AFTER = 12 * 3600.0
"""Seconds after the send at which the warning comes (domain.md a2)."""
LATER_GAP = FINAL_TIMEOUT_AFTER - WARNING_AFTER
"""Seconds after an earlier notice from which a second one is final (no ACCETTAZIONE listed)."""
LATER_RATIO = 1.5
"""How many times as long after the ACCETTAZIONE as an earlier notice a final one comes."""
_TIMEOUTS = (ReceiptKind.TIMEOUT_WARNING, ReceiptKind.TIMEOUT_FINAL)


@dataclass(frozen=True, slots=True)
class ListedReceipt:
    """What a list row says about a receipt.

    Attributes:
        kind: its kind from the subject.
        code: the sending code at the end of its subject ("" for other mail).
        at: its date (POSIX time), None when the service gave none that parses.
    """

    kind: ReceiptKind
    code: str
    at: float | None


def final_timeouts(receipts: Sequence[ListedReceipt]) -> set[int]:
    """The positions in ``receipts`` of the timeout notices that are final (see the module).

    Those already classified final stay so; a notice with no date is never judged by date.
    """
    accepted: dict[str, float] = {}
    notices: dict[str, list[tuple[float, int]]] = defaultdict(list)
    final: set[int] = set()
    for index, receipt in enumerate(receipts):
        if receipt.kind is ReceiptKind.TIMEOUT_FINAL:
            final.add(index)
        if not receipt.code or receipt.at is None:
            continue
        if receipt.kind is ReceiptKind.ACCEPTANCE:
            accepted[receipt.code] = min(receipt.at, accepted.get(receipt.code, receipt.at))
        elif receipt.kind in _TIMEOUTS:
            notices[receipt.code].append((receipt.at, index))
    for code, dated in notices.items():
        start = accepted.get(code)
        first = min(at for at, _ in dated)
        for at, index in dated:
            if start is not None:
                is_final = at - start >= FINAL_TIMEOUT_AFTER or (
                    at > first and at - start >= LATER_RATIO * (first - start)
                )
            else:
                is_final = at - first >= LATER_GAP
            if is_final:
                final.add(index)
    return final
