"""Retry of temporary failures: only those recipients, as a new linked sending, once."""

from __future__ import annotations

from pathlib import Path

import pytest

from pecdesk.services.sending.retry import permanent_failures, retry_temporary, temporary_failures
from tests.helpers.sandbox import SandboxFactory
from tests.helpers.tracking import ledgered

pytestmark = pytest.mark.anyio


async def test_retry_sends_only_to_temporary_failures(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """full* and slow* are re-sent in a linked campaign; fail* is listed for correction."""
    box = sandbox_factory(pec_timeout=0.5)
    async with ledgered(box, tmp_path) as led:
        cid = await led.send(["ok@pec.it", "full.a@pec.it", "slow.b@pec.it", "fail.c@pec.it"],
                             subject="Sollecito")
        await led.track_until_final()
        assert [r.address for r in await permanent_failures(led.ledger, cid)] == [
            "fail.c@pec.it"
        ]
        sent_before = len(box.ledger())
        child = await retry_temporary(
            ledger=led.ledger, store=led.engine.store, campaign_id=cid,
            enqueue=led.engine.store.add_campaign,
        )
        assert child is not None
        await led.engine.queue.run()
        new = box.ledger()[sent_before:]
        assert sorted(r for e in new for r in e["recipients"]) == [
            "full.a@pec.it", "slow.b@pec.it"
        ]
        assert all(e["subject"] == "Sollecito" for e in new)
        (overview,) = [c for c in await led.ledger.overview() if c.id == child]
        assert overview.parent_id == cid
        # Already retried: nothing left to retry for the original campaign.
        assert await temporary_failures(led.ledger, cid) == []
        assert await retry_temporary(
            ledger=led.ledger, store=led.engine.store, campaign_id=cid,
            enqueue=led.engine.store.add_campaign,
        ) is None
