"""The engine under injected faults: no duplicate, every job settled, reconciliation exact."""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path

import pytest

from pecdesk.domain.jobs import PENDING_STATES, JobState
from tests.conftest import SandboxFactory
from tests.unit.services.engine_helpers import campaign, engine, ledger_recipients, recipients
from tests.unit.services.test_reconcile import wait_acceptances

SENDS = 220


@pytest.mark.slow
def test_faults_never_duplicate_and_reconcile_exactly(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """fault_rate 0.1 over 220 sends: once each at most; unknowns settle to the truth.

    Committed-but-unanswered sends (reset after commit, reply slower than the client waits)
    are found with exactly their codes; an unknown that never left becomes not sent.
    """
    box = sandbox_factory(send_rate=200.0, fault_rate=0.1, seed=20251127, slow_reply=0.4)
    addresses = recipients(SENDS)

    async def go() -> None:
        async with engine(box, tmp_path, rate=200.0, timeout=0.15) as e:
            await e.store.add_campaign(campaign(addresses, subject="Sollecito"))
            # One job a crash interrupted before its request left: unknown, never committed.
            await e.store.add_campaign(campaign(["mai.partita@pec.it"], subject="Sollecito"))
            crashed = (await e.store.jobs())[-1]
            assert await e.store.claim(crashed.id) is not None
            result = await e.queue.run()
            assert not any(result.counts.get(s) for s in PENDING_STATES)
            assert result.counts.get(JobState.UNKNOWN, 0) > 0
            ledger = box.ledger()
            faults = Counter(entry["fault"] for entry in ledger)
            assert faults["reset"] and faults["slow"]  # both commit-then-no-answer faults hit
            unknown_before = {j.id for j in await e.store.jobs(states=[JobState.UNKNOWN])}
            await wait_acceptances(e.client, len(ledger))
            report = await e.reconciler().reconcile(grace=0)
            assert not report.unknown
            jobs = await e.store.jobs()
            by_code = {entry["message_id"]: entry for entry in ledger}
            owners = Counter(job.code for job in jobs if job.code)
            assert set(owners) == set(by_code) and set(owners.values()) == {1}
            for job in jobs:
                if job.state is JobState.SUBMITTED:
                    assert job.code is not None
                    assert tuple(by_code[job.code]["recipients"]) == job.recipients
                else:
                    assert job.state in (JobState.NOT_SENT, JobState.FAILED)
                    assert all(job.recipients[0] not in e["recipients"] for e in ledger)
            committed_unknown = {
                job.id
                for job in jobs
                if job.id in unknown_before and job.state is JobState.SUBMITTED
            }
            lost = {entry["recipients"][0] for entry in ledger if entry["fault"]}
            assert len(committed_unknown) == len(lost)
            assert set(report.not_sent) == unknown_before - committed_unknown
            assert report.not_sent == (crashed.id,)

    asyncio.run(go())
    counts = ledger_recipients(box)
    assert max(counts.values()) == 1
