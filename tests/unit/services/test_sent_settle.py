"""The Sent service settles sendings of unknown outcome from the inbox, as `queue reconcile`."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from pecdesk.domain.jobs import JobState
from pecdesk.services.receipts.sent import SentService
from pecdesk.services.receipts.tracking import TrackReport
from tests.helpers.engine import Engine, campaign, engine, recipients, wait_until
from tests.helpers.reconcile import RESET_ALWAYS, interrupted_job, wait_acceptances
from tests.helpers.sandbox import SandboxFactory

pytestmark = pytest.mark.anyio


def sent_service(e: Engine, tmp_path: Path) -> SentService:
    """The Sent service of the test mailbox over the engine's store, client and queue."""
    return e.mailbox.sent_service(tmp_path / "archive")


async def test_unknown_outcomes_are_settled_while_watching(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """Sends whose answer was lost become submitted, with their codes, once their receipts show."""
    box = sandbox_factory(**RESET_ALWAYS)
    async with engine(box, tmp_path) as e:
        await e.queue.enqueue(campaign(recipients(2)))
        assert (await e.queue.run()).counts == {JobState.UNKNOWN: 2}
        await wait_acceptances(e.client, 2)
        sent = sent_service(e, tmp_path)
        changes: list[TrackReport] = []
        watcher = asyncio.create_task(sent.watch(changes.append))
        await wait_until(lambda: bool(changes))
        watcher.cancel()
        await asyncio.gather(watcher, return_exceptions=True)
        jobs = await e.store.jobs()
        assert {j.state for j in jobs} == {JobState.SUBMITTED}
        assert {j.code for j in jobs} == {entry["message_id"] for entry in box.ledger()}
    assert sorted(job for job, _ in changes[0].changed) == [1, 2]


async def test_not_sent_goes_again_only_when_asked(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """No receipt after the grace window: not sent; "send again" queues it, and it leaves once."""
    box = sandbox_factory()
    async with engine(box, tmp_path) as e:
        campaign_id = await e.queue.enqueue(campaign(["mario@pec.it"]))
        (job,) = await e.store.jobs()
        await interrupted_job(e.store, job.id)
        sent = sent_service(e, tmp_path)
        report = await sent.settle_unknown(grace=0)
        assert report.not_sent == (job.id,)
        assert await sent.not_sent(campaign_id) == [job.id]
        assert box.ledger() == []  # deciding "not sent" sends nothing
        assert await sent.resend_not_sent(campaign_id) == [job.id]
        await sent.send_queued()
        (after,) = await e.store.jobs()
        assert after.state is JobState.SUBMITTED
        assert await sent.not_sent(campaign_id) == []
    assert len(box.ledger()) == 1
