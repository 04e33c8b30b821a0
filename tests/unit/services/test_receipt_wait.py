"""A test send's wait for its receipts on the sandbox: delivered, refused, not delivered, none."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from pecdesk.app.wiring import open_mailbox
from pecdesk.recipients import Recipient, from_text
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.sending.compose import ComposeService
from pecdesk.services.sending.heap import Collector
from pecdesk.services.sending.preflight import Letter
from pecdesk.services.sending.receipt_wait import ReceiptOutcome, Stage, Verdict
from pecdesk.services.sending.throttle import Throttle
from pecdesk.storage import QueueStore
from tests.helpers.engine import sandbox_account
from tests.helpers.sandbox import MAILBOX, SandboxFactory

LETTER = Letter("Sollecito {{Nome}}", "<p>Gentile {{Nome}}, la fattura è scaduta.</p>")
ROW = Recipient(2, "mario.rossi@pec.it", "mario.rossi@pec.it", "", {"Nome": "Mario"})


@asynccontextmanager
async def composer(
    box: EmbeddedSandbox, data_dir: Path, *, sender: str = MAILBOX
) -> AsyncIterator[ComposeService]:
    """A ComposeService as the window gets it: polling its receipts through the tracker."""
    store = await asyncio.to_thread(QueueStore.open, data_dir)
    try:
        async with open_mailbox(sandbox_account(box, sender=sender), store,
                                throttle=Throttle(500.0)) as mailbox:
            yield ComposeService(
                sender=sender, max_message_bytes=10_000_000, queue=mailbox.queue,
                collector=Collector(), store=store, ledger=mailbox.ledger,
                poll=lambda campaign_id: mailbox.tracker.refresh(campaign_id=campaign_id),
            )
    finally:
        await asyncio.to_thread(store.close)


async def send_test(
    compose: ComposeService, stages: list[Stage], timeout: float = 30.0
) -> ReceiptOutcome:
    """Queue the test send of ``ROW``, run the queue, wait; the outcome."""
    campaign = await compose.queue_prepared(await compose.prepare_test(ROW, LETTER))
    run = asyncio.create_task(compose.run_queue())
    outcome = await compose.wait_for_receipts(campaign, timeout=timeout, on_stage=stages.append)
    await run
    return outcome


@pytest.mark.anyio
async def test_delivered_after_acceptance(sandbox_factory: SandboxFactory, tmp_path: Path) -> None:
    """ACCETTAZIONE then CONSEGNA: delivered, with both times, the stages told in order."""
    box = sandbox_factory(receipt_delay=0.3)
    stages: list[Stage] = []
    async with composer(box, tmp_path) as compose:
        outcome = await send_test(compose, stages)
    assert outcome.verdict is Verdict.DELIVERED
    assert outcome.accepted_at is not None and outcome.final_at is not None
    assert outcome.accepted_at <= outcome.final_at
    assert outcome.code and outcome.waited < 30
    order = list(Stage)
    assert stages[:2] == [Stage.SENDING, Stage.SUBMITTED]  # ACCEPTED too when polled between
    assert [order.index(s) for s in stages] == sorted(order.index(s) for s in stages)
    assert [r["recipients"] for r in box.ledger()] == [[MAILBOX]]


@pytest.mark.anyio
async def test_not_accepted(sandbox_factory: SandboxFactory, tmp_path: Path) -> None:
    """A sender that is not the mailbox's own: an AVVISO DI NON ACCETTAZIONE, said as such."""
    box = sandbox_factory(receipt_delay=0.2)
    async with composer(box, tmp_path, sender="ufficio@pecmassiva.com") as compose:
        outcome = await send_test(compose, [])
    assert outcome.verdict is Verdict.NOT_ACCEPTED
    assert outcome.final_at is not None


@pytest.mark.anyio
async def test_not_delivered(sandbox_factory: SandboxFactory, tmp_path: Path) -> None:
    """A recipient the sandbox cannot deliver to: AVVISO DI MANCATA CONSEGNA, with its reason."""
    box = sandbox_factory(receipt_delay=0.2)
    async with composer(box, tmp_path) as compose:
        plain = Letter("Sollecito", "<p>La fattura è scaduta.</p>")
        prepared = await compose.prepare(from_text("fail.verdi@legalmail.it"), plain)
        campaign = await compose.queue_prepared(prepared)
        run = asyncio.create_task(compose.run_queue())
        outcome = await compose.wait_for_receipts(campaign, timeout=30.0)
        await run
    assert outcome.verdict is Verdict.NOT_DELIVERED
    assert outcome.stage is Stage.ACCEPTED and outcome.reason


@pytest.mark.anyio
async def test_no_receipt_within_the_wait(sandbox_factory: SandboxFactory, tmp_path: Path) -> None:
    """Receipts slower than the wait: "no receipt yet", saying the acceptance is missing."""
    box = sandbox_factory(receipt_delay=60.0)
    async with composer(box, tmp_path) as compose:
        outcome = await send_test(compose, [], timeout=1.0)
    assert outcome.verdict is Verdict.NO_RECEIPT
    assert outcome.stage is Stage.SUBMITTED
    assert 1.0 <= outcome.waited < 10


@pytest.mark.anyio
async def test_stopping_the_wait_leaves_nothing_behind(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """Cancelled, the wait unsubscribes; the PEC itself went all the same."""
    box = sandbox_factory(receipt_delay=60.0)
    async with composer(box, tmp_path) as compose:
        events = compose.queue.events
        before = events.receipt_classified.subscribers, events.job_changed.subscribers
        campaign = await compose.queue_prepared(await compose.prepare_test(ROW, LETTER))
        waiting = asyncio.create_task(compose.wait_for_receipts(campaign))
        await compose.run_queue()
        await asyncio.sleep(0.1)
        waiting.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiting
        after = events.receipt_classified.subscribers, events.job_changed.subscribers
    assert after == before
    assert len(box.ledger()) == 1
