"""Reconciliation reasons in the service's time: a wrong PC clock delays a verdict, never fakes one.

The sandbox keeps the true time (receipt dates, ``Date`` headers); pecdesk's clock (client,
queue, store, reconciler) is off by ``PcClock.skew``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pecdesk.domain.jobs import JobState
from tests.helpers.engine import campaign, ledger_codes, ledger_recipients, recipients
from tests.helpers.reconcile import (
    RESET_ALWAYS,
    PcClock,
    interrupted_job,
    later,
    skewed_mailbox,
    wait_acceptances,
)
from tests.helpers.sandbox import SandboxFactory

pytestmark = pytest.mark.anyio

HOURS = 3600.0


@pytest.mark.parametrize("skew", [600.0, 5 * HOURS, -5 * HOURS])
@pytest.mark.parametrize("measured", [True, False], ids=["offset-measured", "not-measured"])
async def test_a_skewed_clock_never_turns_a_sent_pec_into_not_sent(
    sandbox_factory: SandboxFactory, tmp_path: Path, skew: float, measured: bool
) -> None:
    """However far off the PC clock, sent PECs whose answers were lost are found sent.

    Each gets its own code, whether the clock is 10 minutes fast or 5 hours off either way,
    and whether or not the client had heard the service's clock before sending; nothing is
    left to send again.
    """
    box = sandbox_factory(**RESET_ALWAYS)
    clock = PcClock(skew)
    async with skewed_mailbox(box, tmp_path, clock) as mailbox:
        await mailbox.store.add_campaign(campaign(recipients(3)))
        if measured:
            await mailbox.client.quota()  # any answer: its Date header
        assert (await mailbox.queue.run()).counts == {JobState.UNKNOWN: 3}
        jobs = await mailbox.store.jobs()
        for job in jobs:
            if measured:
                assert job.clock_offset == pytest.approx(-skew, abs=2.0)
            else:
                assert job.clock_offset is None
        await wait_acceptances(mailbox.client, 3)
        report = await later(mailbox, 60, clock).reconcile(grace=0)
        assert len(report.submitted) == 3 and not report.not_sent and not report.unknown
        codes = ledger_codes(box)
        for job in await mailbox.store.jobs():
            assert job.state is JobState.SUBMITTED
            assert job.code is not None and codes[job.code] == job.recipients
        assert await mailbox.store.requeue_not_sent_from(mailbox.sender) == []
    assert set(ledger_recipients(box).values()) == {1}


async def test_a_clock_jumping_ahead_does_not_shorten_the_grace(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """The PC clock jumping two hours ahead does not cut the grace short.

    The jump comes after a send whose receipt is still on its way: the grace is counted in the
    service's time, so the job stays unknown, then is found sent.
    """
    box = sandbox_factory(receipt_delay=1.0, **RESET_ALWAYS)
    clock = PcClock()
    async with skewed_mailbox(box, tmp_path, clock) as mailbox:
        await mailbox.store.add_campaign(campaign(["mario@pec.it"]))
        await mailbox.client.quota()
        await mailbox.queue.run()
        (job,) = await mailbox.store.jobs()
        clock.skew = 2 * HOURS
        early = await mailbox.reconciler.reconcile(grace=60)
        assert early.unknown == (job.id,) and not early.not_sent
        await wait_acceptances(mailbox.client, 1)
        late = await mailbox.reconciler.reconcile(grace=60)
        assert late.submitted == ((job.id, box.ledger()[0]["message_id"]),)


async def test_without_a_measured_offset_not_sent_waits_hours(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """Without the service's clock measured at the claim, "not sent" waits hours.

    A job that never left, claimed before the service's clock was known, on a PC clock 10
    minutes fast: not declared not sent at once, but once those hours have passed.
    """
    box = sandbox_factory()
    clock = PcClock(600.0)
    async with skewed_mailbox(box, tmp_path, clock) as mailbox:
        await mailbox.store.add_campaign(campaign(["mario@pec.it"]))
        (job,) = await mailbox.store.jobs()
        await interrupted_job(mailbox.store, job.id, clock_offset=None)
        soon = await later(mailbox, 60, clock).reconcile(grace=0)
        assert soon.unknown == (job.id,) and not soon.not_sent
        after_hours = await later(mailbox, 4 * HOURS, clock).reconcile(grace=0)
        assert after_hours.not_sent == (job.id,)
    assert box.ledger() == []


async def test_a_job_claimed_before_the_clock_was_heard_takes_its_neighbours_offset(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """A job claimed before the service's clock was heard uses the offset of the next claims.

    On a PC clock 10 minutes fast, the first job of a run never left (a crash before its
    request); the next one was claimed a minute later with the offset measured. The first is
    judged in the service's time with its neighbour's offset: not sent once the grace has
    passed, without waiting hours; the second is sent, once.
    """
    box = sandbox_factory()
    clock = PcClock(600.0)
    async with skewed_mailbox(box, tmp_path, clock) as mailbox:
        store = mailbox.store
        await store.add_campaign(campaign(["anna@pec.it", "mario@pec.it"]))
        first, _second = await store.jobs()
        assert await store.claim(first.id, start_at=clock() - 60) is not None
        assert await store.recover_interrupted() == [first.id]
        await mailbox.client.quota()
        assert (await mailbox.queue.run()).counts == {
            JobState.UNKNOWN: 1, JobState.SUBMITTED: 1
        }
        report = await later(mailbox, 60, clock).reconcile(grace=0)
        assert report.not_sent == (first.id,)
    assert ledger_recipients(box) == {"mario@pec.it": 1}
