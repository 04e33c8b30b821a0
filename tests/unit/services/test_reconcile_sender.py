"""Receipts name the sending mailbox: when it is also a recipient, each still finds its job."""

from __future__ import annotations

from pathlib import Path

import pytest

from pecdesk.domain.jobs import JobState
from tests.helpers.engine import (
    campaign,
    engine,
    ledger_codes,
    ledger_recipients,
    wait_until,
)
from tests.helpers.reconcile import RESET_ALWAYS, interrupted_job_one, later, wait_acceptances
from tests.helpers.sandbox import MAILBOX, SandboxFactory

pytestmark = pytest.mark.anyio

TO_SELF_TOO = ["anna@pec.it", MAILBOX, "luca@pec.it"]


async def test_every_job_gets_its_own_receipt_when_the_sender_writes_to_itself(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """PECs to two people and to the sending mailbox itself are each found with their code.

    One PEC each, all answers lost: the three are found sent, each with the code the service
    gave it, none not sent.
    """
    box = sandbox_factory(**RESET_ALWAYS)
    async with engine(box, tmp_path) as e:
        await e.store.add_campaign(campaign(TO_SELF_TOO))
        assert (await e.queue.run()).counts == {JobState.UNKNOWN: 3}
        await wait_acceptances(e.client, 3)
        report = await later(e.mailbox, 60).reconcile(grace=0)
        assert len(report.submitted) == 3 and not report.not_sent and not report.unknown
        codes = ledger_codes(box)
        for job in await e.store.jobs():
            assert job.code is not None and codes[job.code] == job.recipients


@pytest.mark.parametrize("never_left", [0, 1], ids=["other-never-left", "self-never-left"])
async def test_only_the_job_that_never_left_is_not_sent(
    sandbox_factory: SandboxFactory, tmp_path: Path, never_left: int
) -> None:
    """Of a PEC to someone and one to the sending mailbox, only the one that never left is not sent.

    The other's answer was lost: it is found sent with its code, and sending the first again
    reaches each recipient once.
    """
    box = sandbox_factory(**RESET_ALWAYS)
    async with engine(box, tmp_path) as e:
        await e.store.add_campaign(campaign(["anna@pec.it", MAILBOX]))
        jobs = await e.store.jobs()
        lost = jobs[never_left]
        await interrupted_job_one(e.store, lost.id)
        assert (await e.queue.run()).counts == {JobState.UNKNOWN: 2}
        await wait_acceptances(e.client, 1)
        report = await later(e.mailbox, 60).reconcile(grace=0)
        assert report.not_sent == (lost.id,)
        ((sent_id, code),) = report.submitted
        assert sent_id == jobs[1 - never_left].id
        assert ledger_codes(box)[code] == jobs[1 - never_left].recipients
        assert await e.store.requeue_not_sent_from(e.mailbox.sender) == [lost.id]
        await e.queue.run()
        await wait_until(lambda: len(box.ledger()) == 2)
    assert ledger_recipients(box) == {"anna@pec.it": 1, MAILBOX: 1}
