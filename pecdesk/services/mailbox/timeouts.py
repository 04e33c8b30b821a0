"""A listing's judge of timeout notices: the 24-hour one is final in the list, opened or not.

A page from ``GET /inbox`` has no text, so a final "SUP. TEMPO MASSIMO" notice would read as the
12-hour warning (*delayed*) until opened. The judge keeps the receipts one listing has seen and
applies :func:`~pecdesk.domain.timeout_notices.final_timeouts` to them as pages arrive. The
list is newest first, so the warning (or the ACCETTAZIONE) that makes a notice final may come on
a later page: the notices of earlier pages that turn final then are handed back to be updated.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, Protocol, TypeVar

from pecdesk.domain.models import InboxItem
from pecdesk.domain.receipts import ReceiptKind
from pecdesk.domain.timeout_notices import ListedReceipt, final_timeouts

_JUDGED = (ReceiptKind.ACCEPTANCE, ReceiptKind.TIMEOUT_WARNING, ReceiptKind.TIMEOUT_FINAL)


class ListedRow(Protocol):
    """What the judge reads of a list row (an :class:`~pecdesk.services.mailbox.inbox.InboxRow`)."""

    @property
    def key(self) -> str:
        """The row's fingerprint, unique within the listing."""

    @property
    def item(self) -> InboxItem:
        """Its headers (the date)."""

    @property
    def kind(self) -> ReceiptKind:
        """Its kind so far."""

    @property
    def code(self) -> str:
        """The sending code it refers to."""


R = TypeVar("R", bound=ListedRow)


class TimeoutJudge(Generic[R]):
    """Marks final the timeout notices of one listing (see the module).

    Args:
        mark_final: the row as a final notice (its kind changed, nothing else).
    """

    def __init__(self, mark_final: Callable[[R], R]) -> None:
        self._mark_final = mark_final
        self._seen: dict[str, R] = {}  # by key, in listing order

    def judge(self, rows: Sequence[R]) -> tuple[list[R], list[R]]:
        """``rows`` (a new page) with final notices marked, and earlier rows that turned final."""
        new_keys = {row.key for row in rows}
        self._seen.update((row.key, row) for row in rows if row.code and row.kind in _JUDGED)
        seen = list(self._seen.values())
        listed = [
            ListedReceipt(r.kind, r.code, r.item.date.timestamp() if r.item.date else None)
            for r in seen
        ]
        turned: dict[str, R] = {}
        for index in final_timeouts(listed):
            row = seen[index]
            if row.kind is ReceiptKind.TIMEOUT_WARNING:
                turned[row.key] = self._seen[row.key] = self._mark_final(row)
        page = [turned.get(row.key, row) for row in rows]
        earlier = [row for key, row in turned.items() if key not in new_keys]
        return page, earlier
