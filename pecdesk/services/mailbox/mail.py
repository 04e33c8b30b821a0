"""MailService: the inbox, one message and the mailbox quota, for the UI (async, Qt-free)."""

from __future__ import annotations

from dataclasses import dataclass

from pecdesk.accounts.account import Account
from pecdesk.api import PecMassivaClient
from pecdesk.domain.models import InboxPage, Message, Quota
from pecdesk.services.mailbox.paging import InboxPager

INBOX_PAGE_SIZE = 25
"""Messages per GET /inbox page, as the service documents it."""


@dataclass(frozen=True, slots=True)
class AccountDescription:
    """What the UI may show about the active account: no secrets.

    Attributes:
        mailbox: the PEC address in use.
        is_builtin_sandbox: True when pecdesk talks to its own sandbox, not PEC Massiva.
    """

    mailbox: str
    is_builtin_sandbox: bool


def has_more_pages(page: InboxPage, rows_loaded: int) -> bool:
    """Whether another inbox page may follow ``page``, given ``rows_loaded`` rows so far.

    A short page ends the list, and so does having every message the service counts; the
    service's page count alone is not trusted (its base and rounding are undocumented).
    """
    return len(page.items) >= INBOX_PAGE_SIZE and rows_loaded < page.total


class MailService:
    """Reads the mailbox of one account through the PEC Massiva client.

    Attributes:
        account: the public description of the account in use.
    """

    def __init__(self, *, client: PecMassivaClient, account: Account) -> None:
        self._client = client
        self._pages = InboxPager(client)
        self.account = AccountDescription(
            mailbox=account.sender, is_builtin_sandbox=account.is_builtin_sandbox
        )

    async def inbox_page(self, page: int, query: str = "") -> InboxPage:
        """One page of the INBOX counted from 1 (newest first), whatever the service's page base.

        A ``query`` uses the service's own search, which can be slow on big mailboxes.
        """
        return await self._pages.page(page, query or None)

    async def message(self, message_id: int) -> Message:
        """One message with its decoded body."""
        return await self._client.message(message_id)

    async def delete_message(self, message_id: int) -> None:
        """Delete one message from the INBOX (ids may renumber afterwards)."""
        await self._client.delete_message(message_id)

    async def quota(self) -> Quota:
        """How full the mailbox is."""
        return await self._client.quota()
