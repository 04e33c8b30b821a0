"""NewMailCheck on the sandbox: what is new, what a deletion must not make new, the unread count."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from pecdesk.accounts.account import Account
from pecdesk.api import PecMassivaClient
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.mailbox.inbox import InboxService
from pecdesk.services.mailbox.mail import MailService
from pecdesk.services.mailbox.new_mail import NewMailCheck
from pecdesk.storage.mail_cache import MailCache
from tests.helpers.sandbox import MAILBOX, PASSWORD, TOKEN

pytestmark = pytest.mark.anyio


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[MailCache]:
    """A mail cache in a throwaway data dir."""
    opened = MailCache.open(tmp_path)
    yield opened
    opened.close()


def client_for(box: EmbeddedSandbox) -> tuple[PecMassivaClient, Account]:
    acct = Account(box.base_url, TOKEN, MAILBOX, PASSWORD, MAILBOX)
    return PecMassivaClient(acct.base_url, acct.token, acct.username, acct.password), acct


async def test_first_look_is_silent_then_only_arrivals_count(sandbox: EmbeddedSandbox) -> None:
    """Mail already there is not news; deleting brings older mail up, which is not news either."""
    sandbox.seed_inbox(MAILBOX, 30)
    client, acct = client_for(sandbox)
    async with client:
        mail = MailService(client=client, account=acct)
        check = NewMailCheck(InboxService(mail=mail, cache=None))
        first = await check.check()
        assert first.rows == () and check.seeded
        page = await client.inbox_page(1)
        for item in page.items[:3]:  # the three newest go: three older ones join page 1
            await client.delete_message(item.id)
        assert (await check.check()).rows == ()
        sandbox.seed_inbox(MAILBOX, 2)
        news = await check.check()
        assert len(news.rows) == 2
        assert [row.item.subject for row in news.rows] == [
            item.subject for item in (await client.inbox_page(1)).items[:2]
        ]
        assert (await check.check()).rows == ()  # told once


async def test_unread_counts_from_the_saved_copy(
    sandbox: EmbeddedSandbox, cache: MailCache
) -> None:
    """With a saved copy the count covers it; opening a message takes one off."""
    sandbox.seed_inbox(MAILBOX, 4)
    client, acct = client_for(sandbox)
    async with client:
        inbox = InboxService(mail=MailService(client=client, account=acct), cache=cache)
        check = NewMailCheck(inbox)
        await check.check()
        assert await check.unread() == 4
        listed = await inbox.server().page(1)
        await inbox.open(listed.rows[0])
        assert await check.unread() == 3


async def test_unread_without_a_saved_copy_counts_the_rows_seen(
    sandbox: EmbeddedSandbox,
) -> None:
    """Without a cache, the rows the checks saw are counted, and marks are followed."""
    sandbox.seed_inbox(MAILBOX, 2)
    client, acct = client_for(sandbox)
    async with client:
        inbox = InboxService(mail=MailService(client=client, account=acct), cache=None)
        check = NewMailCheck(inbox)
        await check.check()
        assert await check.unread() == 2
        listed = await inbox.server().page(1)
        opened = await inbox.open(listed.rows[0])
        check.mark([opened.row])
        assert await check.unread() == 1
        check.forget([listed.rows[1]])
        assert await check.unread() == 0


async def test_a_later_check_does_not_unread_an_opened_message(sandbox: EmbeddedSandbox) -> None:
    """A check after a message was opened does not count it unread again.

    Without a cache the service lists every message unread; the title went back to "(3)".
    """
    sandbox.seed_inbox(MAILBOX, 3)
    client, acct = client_for(sandbox)
    async with client:
        inbox = InboxService(mail=MailService(client=client, account=acct), cache=None)
        check = NewMailCheck(inbox)
        await check.check()
        listed = await inbox.server().page(1)
        opened = await inbox.open(listed.rows[0])
        check.mark([opened.row])
        assert await check.unread() == 2
        await check.check()
        assert await check.unread() == 2
        check.mark([replace(opened.row, is_read=False)])  # "mark as unread" still counts
        await check.check()
        assert await check.unread() == 3
