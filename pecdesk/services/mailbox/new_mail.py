"""What arrived in the INBOX since the last look, and how many messages are still unread.

The service has no "new" or "unread" flag (api.md 4.4), so new mail is what the first page of
``GET /inbox`` (newest first) shows above the newest message already known, and unread is what
this computer has not opened. Only the first page is read at each check: more than 25 messages
between two checks are told as 25. Asking by position, not by id or by "not seen before",
matters: ids renumber after deletions (api.md 7.7), and a deletion brings older messages up into
the first page that must not count as new.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from pecdesk.domain.receipts import ReceiptKind
from pecdesk.errors import StorageError
from pecdesk.services.mailbox.inbox import InboxRow, InboxService

_log = logging.getLogger(__name__)
UNREAD_SCAN = 5000
"""How many saved messages, newest first, are looked at to count the unread ones."""


@dataclass(frozen=True, slots=True)
class MailNews:
    """What one check found.

    Attributes:
        rows: the messages that arrived since the last check, newest first.
        certified: how many of them are certified mail from someone (POSTA CERTIFICATA).
        anomalies: how many are anomaly notices (ANOMALIA MESSAGGIO).
    """

    rows: tuple[InboxRow, ...]
    certified: int
    anomalies: int

    @property
    def worth_telling(self) -> bool:
        """Whether a person would want to hear of these (receipts of our sendings are not)."""
        return bool(self.certified or self.anomalies)


class NewMailCheck:
    """Looks at the INBOX's first page and tells what is new since the previous look.

    The first look (or :meth:`seed`) only learns where the mailbox stands: mail already there
    when pecdesk opens is not news. Rows seen but not opened are remembered, so that the unread
    count works without a saved copy too.
    """

    def __init__(self, inbox: InboxService) -> None:
        self._inbox = inbox
        self._known: set[str] | None = None
        self._unread: dict[str, bool] = {}
        self._read: set[str] = set()  # opened or marked read here: a listing cannot undo it

    @property
    def seeded(self) -> bool:
        """Whether the mailbox's state is known (a first look happened)."""
        return self._known is not None

    def seed(self, rows: Sequence[InboxRow]) -> None:
        """Take ``rows`` (the first page, listed elsewhere) as what is already there."""
        self._known = {row.key for row in rows}
        self._remember(rows)

    async def check(self) -> MailNews:
        """List the first page and return what arrived since the last check (nothing at first).

        Raises:
            PecError: the service could not be reached or refused.
        """
        page = await self._inbox.server().page(1)
        rows = page.rows
        if self._known is None:
            self.seed(rows)
            return MailNews((), 0, 0)
        fresh: list[InboxRow] = []
        for row in rows:  # newest first: the new ones come before the first known one
            if row.key in self._known:
                break
            fresh.append(row)
        self._known.update(row.key for row in rows)
        self._remember(rows)
        return MailNews(
            tuple(fresh),
            certified=sum(row.kind is ReceiptKind.CERTIFIED_MAIL for row in fresh),
            anomalies=sum(row.kind is ReceiptKind.ANOMALY for row in fresh),
        )

    def mark(self, rows: Sequence[InboxRow]) -> None:
        """Rows were opened, or marked read or unread: count them as they are now."""
        for row in rows:
            if row.is_read:
                self._read.add(row.key)
            else:
                self._read.discard(row.key)
        self._remember(rows)

    def forget(self, rows: Sequence[InboxRow]) -> None:
        """Rows were deleted."""
        for row in rows:
            self._unread.pop(row.key, None)
            self._read.discard(row.key)

    async def unread(self) -> int:
        """How many messages are not opened: from the saved copy, else from the rows seen."""
        try:
            saved = await self._inbox.saved_rows(UNREAD_SCAN)
        except StorageError as err:
            _log.warning("Unread messages not counted from the saved copy: %s", err.message)
            saved = None
        if saved is not None:
            return sum(not row.is_read for row in saved)
        return sum(self._unread.values())

    def _remember(self, rows: Sequence[InboxRow]) -> None:
        """Note each row's read state; a row this computer has read stays read.

        Without a saved copy the service lists every row unread, so a listing cannot tell.
        """
        for row in rows:
            self._unread[row.key] = not row.is_read and row.key not in self._read
