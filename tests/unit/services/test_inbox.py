"""InboxService against the sandbox (plain asyncio, no Qt), and against malformed services."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest

from pecdesk.accounts.account import Account
from pecdesk.api import PecMassivaClient
from pecdesk.domain.models import InboxItem, Message
from pecdesk.domain.receipts import ReceiptKind
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.mailbox.inbox import (
    PAGE_SIZE,
    InboxChangedError,
    InboxRow,
    InboxService,
    Listing,
    base_key,
    message_key,
)
from pecdesk.services.mailbox.mail import MailService
from pecdesk.services.mailbox.text import text_of
from pecdesk.storage.mail_cache import MailCache
from tests.helpers.sandbox import (
    MAILBOX,
    OTHER_MAILBOX,
    OTHER_PASSWORD,
    PASSWORD,
    TOKEN,
    SandboxFactory,
)

T = TypeVar("T")
Use = Callable[[InboxService], Awaitable[T]]


def account(base_url: str, *, mailbox: str = MAILBOX, password: str = PASSWORD) -> Account:
    """The test mailbox at ``base_url``."""
    return Account(base_url, TOKEN, mailbox, password, mailbox)


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[MailCache]:
    """A mail cache in a throwaway data dir."""
    opened = MailCache.open(tmp_path)
    yield opened
    opened.close()


def with_service(
    acct: Account,
    cache: MailCache | None,
    use: Callable[[InboxService], Coroutine[Any, Any, T]],
    transport: httpx.AsyncBaseTransport | None = None,
) -> T:
    """Run ``use(service)`` on a fresh loop with a client for ``acct``."""

    async def go() -> T:
        async with PecMassivaClient(
            acct.base_url, acct.token, acct.username, acct.password, transport=transport
        ) as client:
            return await use(
                InboxService(mail=MailService(client=client, account=acct), cache=cache)
            )

    return asyncio.run(go())


async def every_row(listing: Listing) -> tuple[list[InboxRow], int]:
    """All rows of ``listing`` and how many pages it took."""
    rows: list[InboxRow] = []
    number = 0
    while True:
        number += 1
        page = await listing.page(number)
        rows.extend(page.rows)
        if page.last:
            return rows, number


def served_ids(box: EmbeddedSandbox) -> list[int]:
    """Every id GET /inbox lists, page after page, read straight from the sandbox."""
    ids: list[int] = []
    for page in range(1, 100):
        data = httpx.get(
            f"{box.base_url}/inbox",
            params={"page": page},
            headers={
                "Authorization": f"Bearer {TOKEN}",
                "x-username": MAILBOX,
                "x-password": PASSWORD,
            },
            timeout=5.0,
        ).json()["data"]
        ids.extend(int(item["id"]) for item in data)
        if len(data) < PAGE_SIZE:
            return ids
    raise AssertionError


@pytest.mark.parametrize("paging", ["ceil", "floor"])
def test_server_listing_has_no_gaps_or_duplicates(
    sandbox_factory: SandboxFactory, cache: MailCache, paging: str
) -> None:
    """300 messages come in service order, each once; the empty 13th page ends the listing."""
    box = sandbox_factory(paging=paging)
    box.seed_inbox(MAILBOX, 300)

    async def use(inbox: InboxService) -> tuple[list[InboxRow], int, list[InboxRow]]:
        rows, pages = await every_row(inbox.server())
        saved, _ = await every_row(inbox.saved())
        return rows, pages, saved

    rows, pages, saved = with_service(account(box.base_url), cache, use)
    assert [r.id for r in rows] == served_ids(box)
    assert len({r.id for r in rows}) == len({r.key for r in rows}) == 300
    assert pages == 13  # 12 full pages, then an empty one: n_of_pages is never consulted
    assert [r.key for r in saved] == [r.key for r in rows]  # the saved copy, same order


def test_listing_stops_when_a_page_brings_nothing_new(cache: MailCache) -> None:
    """A service that ignores ``page`` (always the same 25) cannot make the listing loop."""
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.params.get("page", ""))
        data = [
            {
                "id": i,
                "sender": "a@pec.it",
                "recipient": MAILBOX,
                "object": f"S{i}",
                "date": "Wed, 26 Aug 2020 10:00:35 +0200",
            }
            for i in range(1, 26)
        ]
        body = {
            "success": True,
            "message": "",
            "data": data,
            "total": 900,
            "page": 1,
            "n_of_pages": 36,
        }
        return httpx.Response(200, json=body)

    async def use(inbox: InboxService) -> tuple[list[InboxRow], int]:
        return await every_row(inbox.server())

    rows, pages = with_service(account("http://pec.test"), cache, use, httpx.MockTransport(handler))
    assert len(rows) == 25
    assert pages == 2
    assert calls == ["0", "2"]  # page 0 answered as page 1: counted from 1 (services/paging)


def test_local_search_is_offline_and_searches_opened_text(
    sandbox_factory: SandboxFactory, cache: MailCache
) -> None:
    """After one listing, the saved copy is searched without the service, bodies included."""
    box = sandbox_factory()
    box.seed_inbox(MAILBOX, 60)

    async def first(inbox: InboxService) -> InboxRow:
        rows, _ = await every_row(inbox.server())
        certified = next(r for r in rows if r.kind is ReceiptKind.CERTIFIED_MAIL)
        await inbox.open(certified)
        return certified

    url = box.base_url
    certified = with_service(account(url), cache, first)
    box.stop()  # offline from here on

    async def search(inbox: InboxService) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for query in ("ANOMALIA", "gentile cliente", certified.item.subject[-12:]):
            rows, _ = await every_row(inbox.saved(query))
            found[query] = [r.key for r in rows]
        return found

    found = with_service(account(url), cache, search)
    assert found["ANOMALIA"]
    assert found["gentile cliente"] == [certified.key]  # only its text says so, and it is saved
    assert certified.key in found[certified.item.subject[-12:]]


def test_kinds_of_real_receipts(sandbox_factory: SandboxFactory, cache: MailCache) -> None:
    """One sending yields every receipt kind; each is told apart, with the sending code."""
    box = sandbox_factory(pec_timeout=0.3)
    recipients = [OTHER_MAILBOX, "fail.archivio@pec.vecchio.it", "slow.segreteria@pec.lento.it"]

    async def use(inbox: InboxService) -> tuple[str, dict[ReceiptKind, InboxRow]]:
        async with PecMassivaClient(box.base_url, TOKEN, MAILBOX, PASSWORD) as client:
            sent = await client.send(MAILBOX, recipients, "Diffida n. 12", "<p>Testo</p>")
            await client.send("impostore@pec.it", "x@pec.altro.it", "Prova", "Testo")
        deadline = time.monotonic() + 5
        kinds: dict[ReceiptKind, InboxRow] = {}
        while time.monotonic() < deadline and len(kinds) < 6:
            await asyncio.sleep(0.1)
            rows, _ = await every_row(inbox.server())
            for row in rows:
                opened = await inbox.open(row)  # the text tells the two timeout notices apart
                kinds[opened.row.kind] = opened.row
        return sent.message_id, kinds

    code, kinds = with_service(account(box.base_url), cache, use)
    assert set(kinds) == {
        ReceiptKind.ACCEPTANCE,
        ReceiptKind.DELIVERY,
        ReceiptKind.NON_DELIVERY,
        ReceiptKind.TIMEOUT_WARNING,
        ReceiptKind.TIMEOUT_FINAL,
        ReceiptKind.NON_ACCEPTANCE,
    }
    for kind in (ReceiptKind.ACCEPTANCE, ReceiptKind.DELIVERY, ReceiptKind.TIMEOUT_FINAL):
        assert kinds[kind].code == code

    async def other(inbox: InboxService) -> list[InboxRow]:
        rows, _ = await every_row(inbox.server())
        return rows

    envelope = with_service(
        account(box.base_url, mailbox=OTHER_MAILBOX, password=OTHER_PASSWORD), None, other
    )
    assert [r.kind for r in envelope] == [ReceiptKind.CERTIFIED_MAIL]
    assert envelope[0].item.sender == MAILBOX  # "Per conto di: …" cleaned to the address


def test_open_saves_text_and_read_flag(sandbox_factory: SandboxFactory, cache: MailCache) -> None:
    """The first open fetches and saves the text; the next one reads it back, offline."""
    box = sandbox_factory()
    box.seed_inbox(MAILBOX, 3)

    async def use(inbox: InboxService) -> tuple[bool, bool, bool, str]:
        rows, _ = await every_row(inbox.server())
        first = await inbox.open(rows[0])
        again = await inbox.open(rows[0])
        relisted, _ = await every_row(inbox.server())
        return first.from_cache, again.from_cache, relisted[0].is_read, again.message.body

    first_cached, second_cached, read, body = with_service(account(box.base_url), cache, use)
    assert (first_cached, second_cached, read) == (False, True, True)
    assert body


def test_delete_highest_id_first_and_forget(
    sandbox_factory: SandboxFactory, cache: MailCache
) -> None:
    """Deleted messages leave the mailbox and the saved copy; the others stay."""
    box = sandbox_factory()
    box.seed_inbox(MAILBOX, 30)

    async def use(inbox: InboxService) -> tuple[list[int], list[InboxRow], list[InboxRow]]:
        rows, _ = await every_row(inbox.server())
        doomed = [rows[0], rows[5], rows[27]]
        deleted = await inbox.delete(doomed)
        after, _ = await every_row(inbox.server())
        saved, _ = await every_row(inbox.saved())
        return [r.id for r in deleted], after, saved

    deleted, after, saved = with_service(account(box.base_url), cache, use)
    assert deleted == sorted(deleted, reverse=True)
    assert len(after) == 27
    assert not set(deleted) & {r.id for r in after}
    assert [r.key for r in saved] == [r.key for r in after]


def renumbered_service(requests: list[str]) -> httpx.MockTransport:
    """A service whose message 7 is no longer the one its list shows (ids renumbered)."""

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(f"{request.method} {request.url.path}")
        if request.url.path == "/inbox":
            data = [
                {
                    "id": 7,
                    "sender": "a@pec.it",
                    "recipient": MAILBOX,
                    "object": "Listed",
                    "date": "Wed, 26 Aug 2020 10:00:35 +0200",
                }
            ]
            return httpx.Response(
                200, json={"success": True, "message": "", "data": data, "total": 1}
            )
        if request.method == "GET":
            detail = {
                "sender": "b@pec.it",
                "recipient": MAILBOX,
                "object": "Another one",
                "date": "Thu, 27 Aug 2020 10:00:35 +0200",
                "body": "x",
            }
            return httpx.Response(200, json={"success": True, "message": "", "data": detail})
        return httpx.Response(200, json={"success": True, "message": "Message deleted"})

    return httpx.MockTransport(handler)


def test_renumbered_ids_never_delete_the_wrong_message(cache: MailCache) -> None:
    """If the id now holds another message, nothing is deleted and the change is reported."""
    requests: list[str] = []

    async def use(inbox: InboxService) -> BaseException:
        rows, _ = await every_row(inbox.server())
        with pytest.raises(InboxChangedError) as deleting:
            await inbox.delete(rows)
        with pytest.raises(InboxChangedError):
            await inbox.open(rows[0])
        return deleting.value

    error = with_service(account("http://pec.test"), cache, use, renumbered_service(requests))
    assert "Listed" in str(error)
    assert "DELETE /inbox/7" not in requests


def test_without_a_cache_everything_still_works(sandbox_factory: SandboxFactory) -> None:
    """No cache: the service lists, opens and flags; the saved copy is simply empty."""
    box = sandbox_factory()
    box.seed_inbox(MAILBOX, 3)

    async def use(inbox: InboxService) -> tuple[int, int, bool]:
        rows, _ = await every_row(inbox.server())
        opened = await inbox.open(rows[0])
        flagged = await inbox.set_read(rows[:1], False)
        saved, _ = await every_row(inbox.saved())
        return len(rows), len(saved), opened.row.is_read and not flagged[0].is_read

    assert with_service(account(box.base_url), None, use) == (3, 0, True)


def test_keys_match_between_list_row_and_message() -> None:
    """A list row and the full message of the same mail have the same fingerprint."""
    item = InboxItem(7, "a@pec.it", '"a@pec.it"', MAILBOX, None, "Wed, 26 Aug 2020", "Oggetto ")
    message = Message("a@pec.it", "a@pec.it", MAILBOX, None, "Wed, 26 Aug 2020", "Oggetto", "b")
    assert message_key(item) == message_key(message)
    assert base_key(message_key(item) + "#2") == message_key(item)


def test_text_of_strips_markup_in_linear_time() -> None:
    """Scripts and styles are dropped, entities decoded; hostile markup cannot make it crawl."""
    assert text_of("<style>p{}</style><p>Caro&nbsp;cliente &amp; co.</p><script>x()</script>") == (
        "Caro cliente & co."
    )
    started = time.perf_counter()
    for hostile in ("<" * 300_000, "<script" * 40_000, "<style>" + "<a " * 60_000):
        text_of(hostile)
    assert time.perf_counter() - started < 2.0


def test_json_fixture_is_valid() -> None:
    """Guard for the hand-written service answers above: they are plain JSON."""
    assert json.loads(json.dumps({"ok": True}))
