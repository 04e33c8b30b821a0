"""A not-sent PEC sent again is looked for in the mailbox once more, right before it leaves."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from pecdesk.domain.jobs import JobState
from tests.helpers.engine import Engine, campaign, engine, ledger_recipients
from tests.helpers.reconcile import (
    RESET_ALWAYS,
    interrupted_job,
    later,
    rechecking_queue,
    wait_acceptances,
)
from tests.helpers.sandbox import SandboxFactory

pytestmark = pytest.mark.anyio


async def resend(e: Engine, door: str, campaign_id: int, tmp_path: Path) -> dict[JobState, int]:
    """Send the not-sent jobs again through ``door``; the jobs by state after.

    "cli": the store's re-queue and a queue run, as ``pecdesk queue resend-not-sent``;
    "sent": the Sent tab's service ("Send again what was not sent").
    """
    queue = rechecking_queue(e.mailbox)
    if door == "sent":
        sent = dataclasses.replace(e.mailbox, queue=queue).sent_service(tmp_path / "archive")
        assert await sent.resend_not_sent(campaign_id)
        await sent.send_queued()
    else:
        assert await e.store.requeue_not_sent_from(e.mailbox.sender)
        await queue.run()
    return await e.store.counts()


@pytest.mark.parametrize("door", ["cli", "sent"])
async def test_a_late_acceptance_stops_the_resend(
    sandbox_factory: SandboxFactory, tmp_path: Path, door: str
) -> None:
    """A late ACCETTAZIONE found at the re-check keeps a not-sent PEC from leaving twice.

    Its answer lost and its receipt late, the PEC was judged not sent; by the time the person
    sends it again the receipt is there: it is settled as sent with that receipt's code.
    """
    box = sandbox_factory(receipt_delay=1.0, **RESET_ALWAYS)
    async with engine(box, tmp_path) as e:
        campaign_id = await e.store.add_campaign(campaign(["mario@pec.it"]))
        await e.client.quota()
        await e.queue.run()
        early = await later(e.mailbox, 60).reconcile(grace=0)  # before the receipt
        assert len(early.not_sent) == 1
        await wait_acceptances(e.client, 1)
        assert await resend(e, door, campaign_id, tmp_path) == {JobState.SUBMITTED: 1}
        (job,) = await e.store.jobs()
        assert job.code == box.ledger()[0]["message_id"] and not job.recheck
        assert "before sending it again" in job.reason
    assert ledger_recipients(box) == {"mario@pec.it": 1}


@pytest.mark.parametrize("door", ["cli", "sent"])
async def test_a_pec_with_no_receipt_goes_again_once(
    sandbox_factory: SandboxFactory, tmp_path: Path, door: str
) -> None:
    """Nothing in the mailbox at the re-check: the flag is cleared and the PEC leaves once."""
    box = sandbox_factory()
    async with engine(box, tmp_path) as e:
        campaign_id = await e.store.add_campaign(campaign(["mario@pec.it"]))
        (job,) = await e.store.jobs()
        await interrupted_job(e.store, job.id)
        assert (await e.reconciler().reconcile(grace=0)).not_sent == (job.id,)
        assert await resend(e, door, campaign_id, tmp_path) == {JobState.SUBMITTED: 1}
        (after,) = await e.store.jobs()
        assert not after.recheck and after.code == box.ledger()[0]["message_id"]
    assert ledger_recipients(box) == {"mario@pec.it": 1}


async def test_a_receipt_that_may_be_its_own_stops_the_resend(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """A receipt that could be the re-sent job's, though another may own it, stops the re-send.

    The same PEC queued twice: the first never left (not sent), the second's answer was lost.
    When the first is sent again, the mailbox holds one receipt that could be either's: the
    first does not leave (unknown, or sent if the receipt is its), the recipient gets one.
    """
    box = sandbox_factory(**RESET_ALWAYS)
    async with engine(box, tmp_path) as e:
        await e.store.add_campaign(campaign(["mario@pec.it"]))
        (first,) = await e.store.jobs()
        await interrupted_job(e.store, first.id)
        assert (await e.reconciler().reconcile(grace=0)).not_sent == (first.id,)
        await e.store.add_campaign(campaign(["mario@pec.it"]))
        await e.queue.run()  # the second: committed, answer lost
        await wait_acceptances(e.client, 1)
        assert await e.store.requeue_not_sent_from(e.mailbox.sender) == [first.id]
        await rechecking_queue(e.mailbox).run()
        (after, _second) = await e.store.jobs()
        assert after.state in (JobState.UNKNOWN, JobState.SUBMITTED)
        assert not after.recheck
    assert ledger_recipients(box) == {"mario@pec.it": 1}


async def test_a_mailbox_that_cannot_be_read_pauses_the_resend(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """The service unreachable at the re-check: the queue pauses, nothing leaves.

    The PEC stays queued and marked for its re-check.
    """
    box = sandbox_factory()
    async with engine(box, tmp_path) as e:
        await e.store.add_campaign(campaign(["mario@pec.it"]))
        (job,) = await e.store.jobs()
        await interrupted_job(e.store, job.id)
        await e.reconciler().reconcile(grace=0)
        assert await e.store.requeue_not_sent_from(e.mailbox.sender) == [job.id]
        box.stop()
        result = await rechecking_queue(e.mailbox).run(stop_on_pause=True)
        assert result.paused_reason
        (after,) = await e.store.jobs()
        assert after.state is JobState.QUEUED and after.recheck
    assert box.ledger() == []


async def test_only_a_job_awaiting_its_recheck_can_be_settled_from_the_queue(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """Only a job re-queued after "not sent" can be settled from *queued*, and once.

    A queued job never judged not sent cannot be settled by a re-check: the store allows the
    shortcut from *queued* only for the jobs marked for it.
    """
    box = sandbox_factory()
    async with engine(box, tmp_path) as e:
        await e.store.add_campaign(campaign(["mario@pec.it", "anna@pec.it"]))
        plain, lost = await e.store.jobs()
        await interrupted_job(e.store, lost.id)
        await e.reconciler().reconcile(grace=0)
        await e.store.requeue_not_sent_from(e.mailbox.sender)
        settle = e.store.settle_rechecked
        assert not await settle(plain.id, JobState.SUBMITTED, reason="x", code="1")
        assert await settle(lost.id, JobState.SUBMITTED, reason="found", code="2")
        assert not await settle(lost.id, JobState.SUBMITTED, reason="again", code="3")
        jobs = {j.id: j for j in await e.store.jobs()}
        assert jobs[plain.id].state is JobState.QUEUED
        assert (jobs[lost.id].state, jobs[lost.id].code) == (JobState.SUBMITTED, "2")
