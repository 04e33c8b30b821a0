"""Tracking receipts from the real sandbox until every recipient reaches its final state."""

from __future__ import annotations

import asyncio
import random
from pathlib import Path

import pytest

from pecdesk.domain.delivery import DeliveryState
from pecdesk.services.receipts.tracking import Tracker
from tests.helpers.sandbox import OTHER_MAILBOX, SandboxFactory
from tests.helpers.tracking import ledgered

pytestmark = pytest.mark.anyio

OUTCOMES = {
    "rossi@pec.it": DeliveryState.DELIVERED,
    "fail.verdi@pec.it": DeliveryState.FAILED,
    "full.neri@pec.it": DeliveryState.FAILED,
    "slow.gialli@pec.it": DeliveryState.FAILED_TIMEOUT,
    "mario@gmail.com": DeliveryState.ACCEPTED,
    OTHER_MAILBOX: DeliveryState.DELIVERED,
}


async def test_every_outcome_reaches_its_final_state(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """Delivered, fail*, full*, slow* (both notices), ordinary e-mail and a hosted mailbox."""
    box = sandbox_factory(pec_timeout=0.5)
    async with ledgered(box, tmp_path) as led:
        cid = await led.send(list(OUTCOMES))
        await led.track_until_final()
        rows = {r.address: r for r in await led.ledger.rows(cid)}
        assert {a: r.state for a, r in rows.items()} == OUTCOMES
        assert rows["full.neri@pec.it"].temporary
        assert "casella piena" in rows["full.neri@pec.it"].reason
        assert not rows["fail.verdi@pec.it"].temporary
        assert "inesistente" in rows["fail.verdi@pec.it"].reason
        assert rows["slow.gialli@pec.it"].temporary
        assert rows["mario@gmail.com"].ordinary and rows["mario@gmail.com"].is_final
        delivered = rows["rossi@pec.it"]
        assert delivered.code and delivered.accepted_at and delivered.final_at
        assert delivered.final_at >= delivered.accepted_at
        assert await led.ledger.sendings_to_track() == []


async def test_one_pec_for_all_reads_the_recipient_from_each_receipt(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """A multi-recipient sending: each CONSEGNA or failure goes to the recipient it names."""
    box = sandbox_factory(pec_timeout=0.5)
    async with ledgered(box, tmp_path) as led:
        cid = await led.send(["uno@pec.it", "fail.due@pec.it", "tre@gmail.com"],
                             one_for_all=True)
        await led.track_until_final()
        assert await led.states(cid) == {
            "uno@pec.it": DeliveryState.DELIVERED,
            "fail.due@pec.it": DeliveryState.FAILED,
            "tre@gmail.com": DeliveryState.ACCEPTED,
        }


async def test_shuffled_and_repeated_receipts_never_downgrade(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """Feeding the same receipts again, reversed and shuffled, changes no final state."""
    box = sandbox_factory(pec_timeout=0.5)
    async with ledgered(box, tmp_path) as led:
        cid = await led.send(list(OUTCOMES))
        await led.track_until_final()
        before = await led.ledger.rows(cid)
        receipts = []
        for sending in await led.ledger.sendings(campaign_id=cid):
            receipts += await led.engine.client.sending_receipts(sending.code)
        rng = random.Random(5)
        for order in (list(reversed(receipts)), rng.sample(receipts, len(receipts))):
            report = await led.tracker.feed(order + order)
            assert report.changed == []
        assert await led.ledger.rows(cid) == before


async def test_inbox_receipts_count_too(sandbox_factory: SandboxFactory, tmp_path: Path) -> None:
    """Receipts fed from elsewhere (the Inbox) settle a sending without polling it."""
    box = sandbox_factory()
    async with ledgered(box, tmp_path) as led:
        cid = await led.send(["bianchi@pec.it"])
        (sending,) = await led.ledger.sendings(campaign_id=cid)
        for _ in range(400):
            receipts = await led.engine.client.sending_receipts(sending.code)
            if len(receipts) >= 2:
                break
            await asyncio.sleep(0.01)
        fresh = Tracker(
            ledger=led.ledger, client=led.engine.client, sender=led.engine.mailbox.sender,
            service=led.engine.mailbox.service,
        )
        report = await fresh.feed(receipts)
        assert report.changed == [(sending.job_id, "bianchi@pec.it")]
        assert await led.states(cid) == {"bianchi@pec.it": DeliveryState.DELIVERED}


async def test_pending_before_receipts_and_overdue_warning(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """Before any receipt the sending is pending; accepted-only PEC recipients become overdue."""
    box = sandbox_factory(receipt_delay=0.05, pec_timeout=30.0)
    async with ledgered(box, tmp_path) as led:
        cid = await led.send(["slow.lento@pec.it"])
        report = await led.tracker.refresh()
        assert report.errors == []
        for _ in range(400):
            await led.tracker.refresh()
            if (await led.states(cid))["slow.lento@pec.it"] is DeliveryState.ACCEPTED:
                break
            await asyncio.sleep(0.01)
        assert await led.tracker.overdue() == []
        (late,) = await led.tracker.overdue(after=0.0)
        assert late.address == "slow.lento@pec.it"


async def test_inbox_rows_settle_single_recipient_sendings(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """Inbox rows (no text) are enough for a one-recipient sending; timeouts are left alone."""
    box = sandbox_factory(pec_timeout=0.5)
    async with ledgered(box, tmp_path) as led:
        cid = await led.send(["rossi@pec.it", "slow.x@pec.it"])
        for _ in range(400):
            page = await led.engine.client.inbox_page(1)
            if sum("TEMPO MASSIMO" in i.subject for i in page.items) >= 2:
                break
            await asyncio.sleep(0.01)
        service = led.engine.mailbox.sent_service(tmp_path / "archive")
        await service.feed_inbox(list(page.items))
        assert await led.states(cid) == {
            "rossi@pec.it": DeliveryState.DELIVERED,
            "slow.x@pec.it": DeliveryState.ACCEPTED,
        }
        await led.track_until_final()  # the notices' text comes from GET /send/{code}
        assert (await led.states(cid))["slow.x@pec.it"] is DeliveryState.FAILED_TIMEOUT
        assert (await led.states(cid))["rossi@pec.it"] is DeliveryState.DELIVERED
