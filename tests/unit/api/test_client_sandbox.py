"""Every endpoint of the client against the sandbox over real HTTP on 127.0.0.1."""

from __future__ import annotations

import asyncio
import re
import socket
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import TypeVar

import pytest

from pecdesk.api import (
    AuthError,
    DailyLimitError,
    InvalidRequestError,
    NetworkError,
    NotFoundError,
    OutcomeUnknownError,
    PecMassivaClient,
    RateLimitedError,
    ServerError,
)
from pecdesk.domain.models import Receipt
from pecdesk.sandbox import EmbeddedSandbox, Fault, SandboxConfig
from pecdesk.sandbox.faults import BAD_ANSWERS
from tests.helpers.sandbox import (
    MAILBOX,
    OTHER_MAILBOX,
    OTHER_PASSWORD,
    PASSWORD,
    TOKEN,
    SandboxFactory,
)

T = TypeVar("T")
Action = Callable[[PecMassivaClient], Awaitable[T]]


def use(
    box: EmbeddedSandbox,
    action: Action[T],
    *,
    password: str = PASSWORD,
    user: str = MAILBOX,
    token: str = TOKEN,
    timeout: float = 5.0,
) -> T:
    """Run ``action`` with a client logged into ``box``."""

    async def go() -> T:
        async with PecMassivaClient(box.base_url, token, user, password, timeout=timeout) as c:
            return await action(c)

    return asyncio.run(go())


async def wait_receipts(
    client: PecMassivaClient, code: str, done: Callable[[list[Receipt]], bool]
) -> list[Receipt]:
    """Poll GET /send/{code} until ``done`` holds (server-side timing, not UI)."""
    receipts: list[Receipt] = []
    for _ in range(200):
        receipts = await client.sending_receipts(code)
        if done(receipts):
            return receipts
        await asyncio.sleep(0.02)
    raise AssertionError(f"receipts never complete: {[r.subject for r in receipts]}")


def prefixes(receipts: list[Receipt]) -> list[str]:
    return [r.subject.split(":", 1)[0] for r in receipts]


def test_send_returns_code_and_reaches_ledger(sandbox: EmbeddedSandbox) -> None:
    """A send answers a 16-digit code and sent=1; the sandbox ledger holds it once."""
    result = use(
        sandbox,
        lambda c: c.send(
            MAILBOX, "mario.rossi@pec.it", "Diffida", "<p>Testo</p>", [("a.pdf", b"%PDF-1.4")]
        ),
    )
    assert re.fullmatch(r"\d{16}", result.message_id)
    assert result.sent == 1
    entries = [e for e in sandbox.ledger() if e["message_id"] == result.message_id]
    assert len(entries) == 1
    assert entries[0]["recipients"] == ["mario.rossi@pec.it"]
    assert entries[0]["subject"] == "Diffida"


def test_receipts_empty_before_acceptance(sandbox_factory: SandboxFactory) -> None:
    """Right after a send, before any receipt arrives, receipts are an empty list."""
    box = sandbox_factory(receipt_delay=30.0)

    async def go(c: PecMassivaClient) -> list[Receipt]:
        sent = await c.send(MAILBOX, "mario.rossi@pec.it", "Prova", "Corpo")
        return await c.sending_receipts(sent.message_id)

    assert use(box, go) == []


@pytest.mark.parametrize(
    ("recipient", "expected"),
    [
        ("mario.rossi@pec.it", ["ACCETTAZIONE", "CONSEGNA"]),
        ("fail.verdi@pec.it", ["ACCETTAZIONE", "AVVISO DI MANCATA CONSEGNA"]),
        ("full.neri@pec.it", ["ACCETTAZIONE", "AVVISO DI MANCATA CONSEGNA"]),
        (
            "slow.gialli@pec.it",
            [
                "ACCETTAZIONE",
                "AVVISO DI MANCATA CONSEGNA PER SUP. TEMPO MASSIMO",
                "AVVISO DI MANCATA CONSEGNA PER SUP. TEMPO MASSIMO",
            ],
        ),
        ("anna.bruni@gmail.com", ["ACCETTAZIONE"]),
        ("contatti@studio.example", ["ACCETTAZIONE"]),
        (OTHER_MAILBOX, ["ACCETTAZIONE", "CONSEGNA"]),
    ],
)
def test_receipts_for_each_recipient_convention(
    sandbox: EmbeddedSandbox, recipient: str, expected: list[str]
) -> None:
    """Each recipient convention yields its receipts, read through the client."""

    async def go(c: PecMassivaClient) -> list[Receipt]:
        sent = await c.send(MAILBOX, recipient, "Comunicazione", "Gentile cliente")
        got = await wait_receipts(c, sent.message_id, lambda r: len(r) >= len(expected))
        await asyncio.sleep(0.3)  # nothing further may arrive
        again = await c.sending_receipts(sent.message_id)
        assert len(again) == len(got)
        assert all(r.subject.endswith(f"Comunicazione {sent.message_id}") for r in again)
        return again

    receipts = use(sandbox, go)
    assert sorted(prefixes(receipts)) == sorted(expected)
    assert all(r.sender == "posta-certificata@pecmassiva.com" for r in receipts)
    assert all(r.recipient == MAILBOX for r in receipts)
    assert all(r.date is not None for r in receipts)
    acceptance = next(r for r in receipts if r.subject.startswith("ACCETTAZIONE:"))
    assert acceptance.body == ""
    outcome = [r for r in receipts if not r.subject.startswith("ACCETTAZIONE:")]
    assert all(recipient in r.body for r in outcome)


def test_hosted_recipient_gets_certified_mail(sandbox: EmbeddedSandbox) -> None:
    """A hosted mailbox receives POSTA CERTIFICATA "Per conto di" the sender, body intact."""
    body = "<p>Importo: 1.250,00 € + IVA al 22% — <b>scadenza</b> 30/11</p>"

    async def send(c: PecMassivaClient) -> str:
        sent = await c.send(MAILBOX, OTHER_MAILBOX, "Fattura n. 7", body)
        await wait_receipts(c, sent.message_id, lambda r: len(r) >= 2)
        return sent.message_id

    code = use(sandbox, send)

    async def read(c: PecMassivaClient) -> tuple[str, str, str]:
        page = await c.inbox_page(1, code)
        (item,) = page.items
        message = await c.message(item.id)
        return item.sender_text, message.subject, message.body

    sender_text, subject, received = use(sandbox, read, user=OTHER_MAILBOX, password=OTHER_PASSWORD)
    assert "Per conto di" in sender_text and MAILBOX in sender_text
    assert subject == f"POSTA CERTIFICATA: Fattura n. 7 {code}"
    assert body in received


def test_several_recipients_one_acceptance(sandbox: EmbeddedSandbox) -> None:
    """One POST to three recipients: sent=3, one ACCETTAZIONE, one outcome each."""
    rcpts = ["a.uno@pec.it", "fail.due@pec.it", "a.uno@pec.it", "c.tre@gmail.com"]

    async def go(c: PecMassivaClient) -> tuple[int, list[Receipt]]:
        sent = await c.send(MAILBOX, rcpts, "Circolare", "Testo")
        return sent.sent, await wait_receipts(c, sent.message_id, lambda r: len(r) >= 3)

    count, receipts = use(sandbox, go)
    assert count == 3
    assert sorted(prefixes(receipts)) == ["ACCETTAZIONE", "AVVISO DI MANCATA CONSEGNA", "CONSEGNA"]


def test_delete_sending(sandbox: EmbeddedSandbox) -> None:
    """DELETE /send/{code} removes the receipts; deleting again is NotFoundError."""

    async def go(c: PecMassivaClient) -> list[Receipt]:
        sent = await c.send(MAILBOX, "x.y@pec.it", "Da cancellare", "b")
        await wait_receipts(c, sent.message_id, lambda r: len(r) >= 2)
        await c.delete_sending(sent.message_id)
        left = await c.sending_receipts(sent.message_id)
        with pytest.raises(NotFoundError):
            await c.delete_sending(sent.message_id)
        return left

    assert use(sandbox, go) == []


def test_inbox_paging_without_overlap_and_query(sandbox: EmbeddedSandbox) -> None:
    """60 messages come as pages of 25/25/10 with distinct ids; q narrows the list."""
    sandbox.seed_inbox(MAILBOX, 60)

    async def go(c: PecMassivaClient) -> tuple[list[int], list[int], int]:
        ids: list[int] = []
        sizes: list[int] = []
        page_no = 1
        while True:
            page = await c.inbox_page(page_no)
            sizes.append(len(page.items))
            ids.extend(item.id for item in page.items)
            if len(page.items) < 25:
                break
            page_no += 1
        first = await c.inbox_page(1)
        return ids, sizes, first.total

    ids, sizes, total = use(sandbox, go)
    assert total == 60
    assert sizes[:3] == [25, 25, 10]
    assert len(ids) == len(set(ids)) == 60


def test_query_filters_inbox(sandbox: EmbeddedSandbox) -> None:
    """The q search is case-insensitive: only matching messages are listed."""

    async def go(c: PecMassivaClient) -> tuple[int, int, set[str]]:
        a = await c.send(MAILBOX, OTHER_MAILBOX, "Sollecito Zebra", "b")
        await c.send(MAILBOX, OTHER_MAILBOX, "Altro argomento", "b")
        await wait_receipts(c, a.message_id, lambda r: len(r) >= 2)
        everything = await c.inbox_page(1)
        only = await c.inbox_page(1, "zebra")
        return everything.total, only.total, {i.subject for i in only.items}

    total, filtered, subjects = use(sandbox, go)
    assert filtered < total
    assert subjects and all("Zebra" in s for s in subjects)


def test_message_and_delete_message(sandbox: EmbeddedSandbox) -> None:
    """A listed message can be read and deleted; reading it again is NotFoundError."""
    sandbox.seed_inbox(MAILBOX, 3)

    async def go(c: PecMassivaClient) -> None:
        page = await c.inbox_page()
        target = page.items[0]
        message = await c.message(target.id)
        assert message.subject == target.subject
        await c.delete_message(target.id)
        with pytest.raises(NotFoundError):
            await c.message(target.id)
        assert (await c.inbox_page()).total == 2

    use(sandbox, go)


def test_quota(sandbox: EmbeddedSandbox) -> None:
    """INBOX quota has a limit and a usage below it; another mailbox name is refused."""
    quota = use(sandbox, lambda c: c.quota("INBOX"))
    assert quota.limit == 1048576
    assert 0 <= quota.usage <= quota.limit
    assert use(sandbox, lambda c: c.quota("inbox")).limit == 1048576
    with pytest.raises(InvalidRequestError):
        use(sandbox, lambda c: c.quota("Archivio"))


def test_bad_token_is_auth_error(sandbox: EmbeddedSandbox) -> None:
    """A wrong bearer token is refused on GET and on POST /send."""
    with pytest.raises(AuthError) as caught:
        use(sandbox, lambda c: c.inbox_page(), token="0" * 24)
    assert caught.value.status == 401
    with pytest.raises(AuthError):
        use(sandbox, lambda c: c.send(MAILBOX, "a@pec.it", "s", "b"), token="0" * 24)


def test_bad_mailbox_password_is_auth_error(sandbox: EmbeddedSandbox) -> None:
    """Wrong mailbox credentials are refused in headers (GET) and in the body (POST)."""
    with pytest.raises(AuthError):
        use(sandbox, lambda c: c.quota(), password="sbagliata")
    with pytest.raises(AuthError):
        use(sandbox, lambda c: c.send(MAILBOX, "a@pec.it", "s", "b"), password="sbagliata")
    assert sandbox.ledger() == []


def test_invalid_send_is_invalid_request(sandbox: EmbeddedSandbox) -> None:
    """A send with no recipient is a 400 and commits nothing."""
    with pytest.raises(InvalidRequestError) as caught:
        use(sandbox, lambda c: c.send(MAILBOX, [], "s", "b"))
    assert caught.value.status == 400
    assert sandbox.ledger() == []


def test_unknown_message_is_not_found(sandbox: EmbeddedSandbox) -> None:
    """An unknown inbox id is NotFoundError."""
    with pytest.raises(NotFoundError):
        use(sandbox, lambda c: c.message(987654))


def test_rate_limit_burst_then_next_second(sandbox_factory: SandboxFactory) -> None:
    """At 1 send/s a burst gets 429; after a second the next send goes through."""
    box = sandbox_factory(send_rate=1.0)

    async def go(c: PecMassivaClient) -> None:
        await c.send(MAILBOX, "a@pec.it", "uno", "b")
        with pytest.raises(RateLimitedError):
            await c.send(MAILBOX, "b@pec.it", "due", "b")
        await asyncio.sleep(1.05)  # the service's window, not a UI wait
        await c.send(MAILBOX, "c@pec.it", "tre", "b")

    use(box, go)
    assert [e["subject"] for e in box.ledger()] == ["uno", "tre"]


def test_injected_faults_surface_as_the_right_errors(sandbox_factory: SandboxFactory) -> None:
    """With every send faulty: 500 and 429 commit nothing; reset and slow commit but are unknown."""
    box = sandbox_factory(fault_rate=1.0, seed=7, slow_reply=2.0)
    outcomes: dict[str, str] = {}

    async def go(c: PecMassivaClient) -> None:
        for n in range(40):
            subject = f"tentativo {n}"
            try:
                await c.send(MAILBOX, f"r{n}@pec.it", subject, "b")
                outcomes[subject] = "ok"
            except ServerError:
                outcomes[subject] = "500"
            except RateLimitedError:
                outcomes[subject] = "429"
            except NetworkError as error:
                outcomes[subject] = "unknown" if error.outcome_unknown else "refused"
            if len(set(outcomes.values())) == 3 and list(outcomes.values()).count("unknown") >= 4:
                break

    use(box, go, timeout=0.5)
    committed = {e["subject"]: e["fault"] for e in box.ledger()}
    assert {"500", "429", "unknown"} <= set(outcomes.values())
    assert "ok" not in outcomes.values()
    for subject, outcome in outcomes.items():
        assert (subject in committed) == (outcome == "unknown"), (subject, outcome)
    assert {"reset", "slow"} <= set(committed.values())


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A loopback socket that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
                held.append(conn)
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    listener.close()


@pytest.mark.anyio
async def test_timeout_after_sending_is_outcome_unknown(silent_server: int) -> None:
    """A request that left but got no answer may have been committed: outcome_unknown."""
    with pytest.raises(NetworkError) as caught:
        async with PecMassivaClient(
            f"http://127.0.0.1:{silent_server}", TOKEN, MAILBOX, PASSWORD, timeout=0.3
        ) as c:
            await c.send(MAILBOX, "a@pec.it", "s", "b")
    assert caught.value.outcome_unknown is True


@pytest.mark.anyio
async def test_refused_connection_certainly_not_sent() -> None:
    """Nobody listening: the request never left, outcome_unknown is False."""
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    with pytest.raises(NetworkError) as caught:
        async with PecMassivaClient(f"http://127.0.0.1:{port}", TOKEN, MAILBOX, PASSWORD) as c:
            await c.send(MAILBOX, "a@pec.it", "s", "b")
    assert caught.value.outcome_unknown is False
    assert PASSWORD not in str(caught.value) and TOKEN not in repr(caught.value)


def test_daily_cap_is_a_daily_limit_error(sandbox_factory: SandboxFactory) -> None:
    """Past the sandbox's daily cap the client raises DailyLimitError (a RateLimitedError)."""
    box = sandbox_factory(daily_cap=1, send_rate=0)  # no rate limit in the way

    async def two(client: PecMassivaClient) -> None:
        await client.send(MAILBOX, "a@pec.it", "Uno", "<p>1</p>")
        await client.send(MAILBOX, "b@pec.it", "Due", "<p>2</p>")

    with pytest.raises(DailyLimitError) as caught:
        use(box, two)
    assert isinstance(caught.value, RateLimitedError)
    assert caught.value.server_message == "Daily sending limit reached"
    assert len(box.ledger()) == 1


def test_smtp_failure_is_a_server_error_with_its_text(sandbox_factory: SandboxFactory) -> None:
    """A 200 with success false and an SMTP text in message_id: a ServerError naming it."""
    box = sandbox_factory(fault_rate=1.0, fault_kinds=["smtp"])
    with pytest.raises(ServerError) as caught:
        use(box, lambda c: c.send(MAILBOX, "a@pec.it", "Uno", "<p>1</p>"))
    assert caught.value.server_message.startswith("SMTP Error")
    assert box.ledger() == []


@pytest.mark.parametrize("fault", sorted(BAD_ANSWERS))
def test_committed_send_with_a_bad_answer_is_outcome_unknown(
    sandbox_factory: SandboxFactory, fault: Fault
) -> None:
    """The sandbox commits, then answers badly: the client says unknown, never sent or failed."""
    box = sandbox_factory(fault_rate=1.0, fault_kinds=[fault])
    with pytest.raises(OutcomeUnknownError) as caught:
        use(box, lambda c: c.send(MAILBOX, "a@pec.it", "Uno", "<p>1</p>"))
    assert caught.value.status == (502 if fault is Fault.GATEWAY_502 else 201)
    assert [(e["subject"], e["fault"]) for e in box.ledger()] == [("Uno", str(fault))]


@pytest.mark.anyio
async def test_clock_offset_measures_the_client_clock_against_the_sandbox(
    sandbox: EmbeddedSandbox,
) -> None:
    """A client clock ten minutes slow sees the service ten minutes ahead (Date, whole seconds)."""

    def slow() -> float:
        return time.time() - 600

    async with PecMassivaClient(sandbox.base_url, TOKEN, MAILBOX, PASSWORD, clock=slow) as c:
        before = c.clock_offset
        await c.quota()
        offset = c.clock_offset
    assert before is None
    assert offset is not None and 598.5 <= offset <= 601.0


@pytest.mark.anyio
async def test_sandbox_dates_its_answers_by_its_own_clock() -> None:
    """A sandbox whose clock runs two hours ahead says so in Date, even on a refusal."""
    box = EmbeddedSandbox(
        SandboxConfig(tokens=[TOKEN], mailboxes={MAILBOX: PASSWORD}),
        clock=lambda: time.time() + 7200,
    )
    box.start()
    try:
        async with PecMassivaClient(box.base_url, TOKEN, MAILBOX, "sbagliata") as c:
            with pytest.raises(AuthError):
                await c.quota()
            offset = c.clock_offset
    finally:
        box.stop()
    assert offset is not None and 7198.5 <= offset <= 7201.0
