"""Reconciliation of unknown jobs from the ACCETTAZIONE receipts in the sandbox's mailbox."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from pecdesk.app.wiring import open_mailbox
from pecdesk.domain.jobs import JobState
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.receipts.reconcile import Reconciler
from tests.helpers.engine import (
    campaign,
    engine,
    ledger_codes,
    ledger_recipients,
    recipients,
    sandbox_account,
    wait_until,
)
from tests.helpers.reconcile import (
    RESET_ALWAYS,
    interrupted_job,
    interrupted_job_one,
    later,
    wait_acceptances,
)
from tests.helpers.sandbox import MAILBOX, OTHER_MAILBOX, OTHER_PASSWORD, SandboxFactory

pytestmark = pytest.mark.anyio


async def test_unknown_jobs_get_their_own_codes(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """Committed-but-unanswered jobs (same subject for three) get exactly their ledger codes."""
    box = sandbox_factory(**RESET_ALWAYS)
    same = recipients(3)
    odd_subject = "Pratica 2024 per ufficio@studio.it"
    async with engine(box, tmp_path) as e:
        await e.store.add_campaign(campaign(same, subject="Avviso di pagamento"))
        await e.store.add_campaign(campaign(["altro@pec.it"], subject=odd_subject))
        result = await e.queue.run()
        assert result.counts == {JobState.UNKNOWN: 4}
        await wait_acceptances(e.client, 4)
        report = await e.reconciler().reconcile(grace=3600)
        assert len(report.submitted) == 4 and not report.not_sent and not report.unknown
        codes = ledger_codes(box)
        for job in await e.store.jobs():
            assert job.state is JobState.SUBMITTED
            assert job.code is not None and codes[job.code] == job.recipients
    assert set(ledger_recipients(box).values()) == {1}


async def test_one_receipt_never_serves_two_jobs(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """Two unknown jobs, same subject and recipient, one receipt: one is matched, not both.

    The other stays unknown while that receipt could be its own; once the receipt's code
    belongs to the first job, nothing else could be, and it is not sent.
    """
    box = sandbox_factory(**RESET_ALWAYS)
    async with engine(box, tmp_path) as e:
        await e.store.add_campaign(campaign(["mario@pec.it"]))
        await e.queue.run()  # committed, answer lost: unknown
        await e.store.add_campaign(campaign(["mario@pec.it"]))
        never_sent = (await e.store.jobs(states=[JobState.QUEUED]))[0]
        await interrupted_job(e.store, never_sent.id)
        await wait_acceptances(e.client, 1)
        report = await e.reconciler().reconcile(grace=0)
        assert len(report.submitted) == 1 and not report.not_sent
        ((_, code),) = report.submitted
        assert code == box.ledger()[0]["message_id"]
        assert report.unknown == (never_sent.id,)
        again = await e.reconciler().reconcile(grace=0)
        assert again.not_sent == (never_sent.id,)


async def test_not_sent_only_after_the_grace_window(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """A job that never left stays unknown inside the grace window, then becomes not sent."""
    box = sandbox_factory()
    async with engine(box, tmp_path) as e:
        await e.store.add_campaign(campaign(["mario@pec.it"]))
        (job,) = await e.store.jobs()
        await interrupted_job(e.store, job.id)
        first = await e.reconciler().reconcile(grace=3600)
        assert first.unknown == (job.id,) and not first.not_sent
        second = await e.reconciler().reconcile(grace=0)
        assert second.not_sent == (job.id,)
        (after,) = await e.store.jobs()
        assert after.state is JobState.NOT_SENT and "no ACCETTAZIONE" in after.reason
    assert box.ledger() == []


async def test_another_accounts_unknown_jobs_are_left_alone(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """Reconciling one mailbox never declares another account's unknown job not sent."""
    box = sandbox_factory()
    async with engine(box, tmp_path) as e:
        await e.store.add_campaign(campaign(["mario@pec.it"], sender=OTHER_MAILBOX))
        (job,) = await e.store.jobs()
        await interrupted_job(e.store, job.id)
        mine = Reconciler(
            store=e.store, client=e.client, sender=MAILBOX, service=e.mailbox.service
        )
        report = await mine.reconcile(grace=0)
        assert not report.not_sent and not report.unknown
        (after,) = await e.store.jobs()
        assert after.state is JobState.UNKNOWN  # its own account will look for its receipt
        theirs = sandbox_account(box, mailbox=OTHER_MAILBOX, password=OTHER_PASSWORD)
        async with open_mailbox(theirs, e.store) as other:
            report = await other.reconciler.reconcile(grace=0)  # its own account's look
        assert report.not_sent == (job.id,)


async def test_resend_not_sent_requeues_and_sends_once(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """Only the user's confirmation re-queues a not-sent job; it is then sent exactly once."""
    box = sandbox_factory()
    async with engine(box, tmp_path) as e:
        await e.store.add_campaign(campaign(["mario@pec.it", "anna@pec.it"]))
        first = (await e.store.jobs())[0]
        await interrupted_job(e.store, first.id)
        await e.reconciler().reconcile(grace=0)
        result = await e.queue.run()  # a run does not touch not-sent jobs
        assert result.counts == {JobState.NOT_SENT: 1, JobState.SUBMITTED: 1}
        assert await e.store.requeue_not_sent_from(e.mailbox.sender) == [first.id]
        result = await e.queue.run()
        assert result.counts == {JobState.SUBMITTED: 2}
    assert ledger_recipients(box) == {"mario@pec.it": 1, "anna@pec.it": 1}


async def test_a_late_receipt_turns_not_sent_into_submitted(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """A receipt arriving after the not-sent verdict still settles the job as submitted."""
    box = sandbox_factory(receipt_delay=0.4, **RESET_ALWAYS)
    async with engine(box, tmp_path) as e:
        await e.store.add_campaign(campaign(["mario@pec.it"]))
        await e.client.quota()  # the client hears the service's clock before sending
        await e.queue.run()
        early = await later(e.mailbox, 60).reconcile(grace=0)  # the 0 s grace surely passed
        assert len(early.not_sent) == 1
        await wait_acceptances(e.client, 1)
        late = await e.reconciler().reconcile(grace=0)
        assert [code for _, code in late.submitted] == [box.ledger()[0]["message_id"]]


async def test_a_non_acceptance_notice_means_rejected(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """AVVISO DI NON ACCETTAZIONE (a sender not the mailbox's) settles the job as rejected."""
    box = sandbox_factory(**RESET_ALWAYS)
    # MAILBOX's credentials sending as OTHER_MAILBOX: accepted, then refused by the provider.
    async with engine(box, tmp_path, sender=OTHER_MAILBOX) as e:
        await e.store.add_campaign(campaign(["mario@pec.it"], sender=OTHER_MAILBOX))
        await e.queue.run()
        await wait_acceptances(e.client, 1)
        report = await e.reconciler().reconcile(grace=0)
        assert len(report.rejected) == 1
        (job,) = await e.store.jobs()
        assert job.state is JobState.REJECTED and "NON ACCETTAZIONE" in job.reason


async def test_receipts_of_other_sendings_are_ignored(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """A receipt already owned by a submitted job, or for other recipients, is not borrowed."""
    box: EmbeddedSandbox = sandbox_factory()
    async with engine(box, tmp_path) as e:
        await e.store.add_campaign(campaign(["mario@pec.it", "anna@pec.it"]))
        await e.queue.run()
        await e.store.add_campaign(campaign(["mario@pec.it", "luca@pec.it"]))
        for job in await e.store.jobs(states=[JobState.QUEUED]):
            await interrupted_job_one(e.store, job.id)
        await wait_acceptances(e.client, 2)
        await wait_until(lambda: len(box.ledger()) == 2)
        report = await e.reconciler().reconcile(grace=0)
        assert not report.submitted and len(report.not_sent) == 2


async def test_another_services_unknown_jobs_are_left_alone(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """A reconciler of one service never judges a job queued for another.

    Its receipts are in that service's mailbox. A job queued before campaigns were bound to a
    service counts as this service's.
    """
    box = sandbox_factory()
    async with engine(box, tmp_path) as e:
        production = dataclasses.replace(
            campaign(["mario@pec.it"]), service="https://ws.pecmassiva.com"
        )
        await e.store.add_campaign(production)
        await e.store.add_campaign(campaign(["anna@pec.it"]))  # no service: from before
        theirs, legacy = await e.store.jobs()
        for job in (theirs, legacy):
            await interrupted_job_one(e.store, job.id)
        report = await later(e.mailbox, 60).reconcile(grace=0)
        assert report.not_sent == (legacy.id,) and not report.unknown
        jobs = {j.id: j.state for j in await e.store.jobs()}
        assert jobs[theirs.id] is JobState.UNKNOWN
