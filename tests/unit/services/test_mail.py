"""MailService against the sandbox with plain asyncio (no Qt), and the paging rule."""

from __future__ import annotations

import pytest

from pecdesk.accounts.account import Account
from pecdesk.api import AuthError, PecMassivaClient
from pecdesk.domain.models import InboxItem, InboxPage
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.mailbox.mail import (
    INBOX_PAGE_SIZE,
    AccountDescription,
    MailService,
    has_more_pages,
)
from tests.helpers.sandbox import MAILBOX, PASSWORD, TOKEN, SandboxFactory

pytestmark = pytest.mark.anyio


def account(box: EmbeddedSandbox, password: str = PASSWORD) -> Account:
    """The sandbox's test mailbox as a configured account."""
    return Account(box.base_url, TOKEN, MAILBOX, password, MAILBOX)


def page(n_items: int, *, total: int, number: int = 1, pages: int = 1) -> InboxPage:
    """An inbox page with ``n_items`` placeholder rows."""
    items = tuple(
        InboxItem(i, "a@pec.it", "a@pec.it", MAILBOX, None, "", f"s{i}") for i in range(n_items)
    )
    return InboxPage(items=items, total=total, page=number, pages=pages)


@pytest.mark.parametrize(
    ("n_items", "total", "loaded", "expected"),
    [
        (25, 30, 25, True),  # a full page and messages left
        (5, 30, 30, False),  # a short page ends the list
        (25, 25, 25, False),  # a full page, but the count is reached
        (0, 30, 25, False),  # an empty page ends the list whatever the count says
        (25, 981, 975, True),  # n_of_pages is not consulted
    ],
)
def test_has_more_pages(n_items: int, total: int, loaded: int, expected: bool) -> None:
    """More pages exist only after a full page and while fewer rows than the total are loaded."""
    assert INBOX_PAGE_SIZE == 25
    assert has_more_pages(page(n_items, total=total, pages=1), loaded) is expected


async def test_service_reads_inbox_and_quota(sandbox: EmbeddedSandbox) -> None:
    """The service lists the inbox, opens a message and reads the quota over real HTTP."""
    sandbox.seed_inbox(MAILBOX, 3)
    acct = account(sandbox)
    async with PecMassivaClient(acct.base_url, acct.token, acct.username, acct.password) as c:
        mail = MailService(client=c, account=acct)
        first = await mail.inbox_page(1)
        message = await mail.message(first.items[0].id)
        subject, fraction = message.subject, (await mail.quota()).fraction
    assert len(first.items) == 3
    assert first.total == 3
    assert subject == first.items[0].subject
    assert 0.0 <= fraction <= 1.0


async def test_service_describes_account_without_secrets(sandbox: EmbeddedSandbox) -> None:
    """The UI gets the mailbox and the sandbox flag, nothing else."""
    acct = account(sandbox)
    async with PecMassivaClient(acct.base_url, acct.token, acct.username, acct.password) as c:
        described = MailService(client=c, account=acct).account
    assert described == AccountDescription(mailbox=MAILBOX, is_builtin_sandbox=False)


async def test_service_passes_pec_errors_through(sandbox: EmbeddedSandbox) -> None:
    """A refused password surfaces as the client's AuthError."""
    with pytest.raises(AuthError):
        acct = account(sandbox, password="wrong")
        async with PecMassivaClient(acct.base_url, acct.token, acct.username, acct.password) as c:
            await MailService(client=c, account=acct).inbox_page(1)


async def test_first_page_is_the_newest_on_a_zero_based_service(
    sandbox_factory: SandboxFactory,
) -> None:
    """On a service counting pages from 0, page 1 of the inbox is still the newest 25."""
    box = sandbox_factory(paging="zero")
    box.seed_inbox(MAILBOX, 30)
    acct = account(box)
    async with PecMassivaClient(acct.base_url, acct.token, acct.username, acct.password) as c:
        first = await MailService(client=c, account=acct).inbox_page(1)
        served_first = await c.inbox_page(page=0)
    mine, newest = [i.id for i in first.items], [i.id for i in served_first.items]
    assert mine == newest
    assert len(mine) == 25
