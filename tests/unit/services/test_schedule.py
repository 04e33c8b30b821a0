"""Scheduled sendings on the sandbox: held until due, asked about after a restart, run when due."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from pecdesk.app.wiring import open_mailbox
from pecdesk.domain.jobs import JobState
from pecdesk.recipients import from_text
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.sending.compose import ComposeService, ScheduleInPastError
from pecdesk.services.sending.heap import Collector
from pecdesk.services.sending.preflight import Letter
from pecdesk.services.sending.throttle import Throttle
from pecdesk.storage import QueueStore
from tests.helpers.engine import sandbox_account
from tests.helpers.sandbox import MAILBOX

LETTER = Letter("Convocazione assemblea", "<p>Gentile condomino, è convocata l'assemblea.</p>")
HOUR = 3600.0


class Clock:
    """A clock the test moves by hand (starts at the real time: the sandbox's is real)."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


@asynccontextmanager
async def composer(
    box: EmbeddedSandbox, data_dir: Path, clock: Clock
) -> AsyncIterator[ComposeService]:
    """A ComposeService wired as the app wires it, every piece reading ``clock``."""
    store = await asyncio.to_thread(QueueStore.open, data_dir, clock=clock)
    try:
        async with open_mailbox(sandbox_account(box), store, throttle=Throttle(500.0),
                                clock=clock) as mailbox:
            yield ComposeService(sender=MAILBOX, max_message_bytes=10_000_000,
                                 queue=mailbox.queue, collector=Collector(), store=store,
                                 ledger=mailbox.ledger, clock=clock)
    finally:
        await asyncio.to_thread(store.close)


async def schedule(compose: ComposeService, addresses: str, at: float) -> int:
    """Schedule ``addresses`` for ``at`` through Compose's own call; the campaign id."""
    prepared = await compose.prepare(from_text(addresses), LETTER)
    assert await compose.send_prepared(prepared, not_before=at) is None  # nothing ran
    return max(s.campaign_id for s in await compose.schedule.all())


@pytest.mark.anyio
async def test_the_queue_holds_a_job_until_its_time(
    sandbox: EmbeddedSandbox, tmp_path: Path
) -> None:
    """Before its time no run sends a scheduled PEC, nor can it be claimed; after it, it goes."""
    clock = Clock()
    async with composer(sandbox, tmp_path, clock) as compose:
        campaign = await schedule(compose, "a@pec.it, b@pec.it", clock.now + HOUR)
        now = await compose.send(from_text("c@pec.it"), LETTER)  # a sending for now runs
        assert now is not None and campaign not in now.campaign_ids
        assert [r["recipients"] for r in sandbox.ledger()] == [["c@pec.it"]]
        jobs = await compose.store.jobs(campaign_ids=[campaign])
        assert {job.state for job in jobs} == {JobState.QUEUED}
        assert await compose.store.claim(jobs[0].id) is None  # the claim itself refuses
        assert await compose.waiting() == 0  # not "left by an earlier session"
        clock.now += HOUR - 1
        await compose.run_queue()
        assert len(sandbox.ledger()) == 1
        clock.now += 1
        result = await compose.run_queue()
        assert result is not None and result.counts == {JobState.SUBMITTED: 3}
        assert len(sandbox.ledger()) == 3
        assert await compose.schedule.all() == []


@pytest.mark.anyio
async def test_a_time_already_past_is_refused(sandbox: EmbeddedSandbox, tmp_path: Path) -> None:
    """Scheduling for a time that has passed queues nothing."""
    clock = Clock()
    async with composer(sandbox, tmp_path, clock) as compose:
        prepared = await compose.prepare(from_text("a@pec.it"), LETTER)
        with pytest.raises(ScheduleInPastError):
            await compose.send_prepared(prepared, not_before=clock.now)
        assert await compose.store.jobs() == []


@pytest.mark.anyio
async def test_a_restart_after_the_time_holds_the_sending_for_a_word(
    sandbox: EmbeddedSandbox, tmp_path: Path
) -> None:
    """Overdue at the next start: held (no run sends it) until "send now"; the store kept it."""
    clock = Clock()
    async with composer(sandbox, tmp_path, clock) as compose:
        first = await schedule(compose, "a@pec.it", clock.now + HOUR)
        second = await schedule(compose, "b@pec.it", clock.now + 2 * HOUR)
    clock.now += 1.5 * HOUR  # pecdesk was closed at the first one's time
    async with composer(sandbox, tmp_path, clock) as compose:
        overdue = await compose.hold_overdue()
        assert [(s.campaign_id, s.count) for s in overdue] == [(first, 1)]
        assert await compose.waiting() == 0
        await compose.send(from_text("c@pec.it"), LETTER)  # another sending runs the queue
        assert [r["recipients"] for r in sandbox.ledger()] == [["c@pec.it"]]
        assert await compose.cancel() == []  # Cancel of that sending leaves the held one
        result = await compose.send_overdue([first])
        assert result is not None
        assert [r["recipients"] for r in sandbox.ledger()][-1] == ["a@pec.it"]
        assert [s.campaign_id for s in await compose.schedule.later()] == [second]
        assert await compose.hold_overdue() == []  # asked once per session


@pytest.mark.anyio
async def test_cancel_withdraws_an_overdue_sending(
    sandbox: EmbeddedSandbox, tmp_path: Path
) -> None:
    """"Cancel" at start withdraws the held PECs; nothing leaves."""
    clock = Clock()
    async with composer(sandbox, tmp_path, clock) as compose:
        campaign = await schedule(compose, "a@pec.it, b@pec.it", clock.now + HOUR)
    clock.now += 2 * HOUR
    async with composer(sandbox, tmp_path, clock) as compose:
        await compose.hold_overdue()
        assert len(await compose.cancel_scheduled([campaign])) == 2
        await compose.run_queue()
        states = {job.state for job in await compose.store.jobs(campaign_ids=[campaign])}
        assert states == {JobState.CANCELLED}
    assert sandbox.ledger() == []


@pytest.mark.anyio
async def test_the_schedule_runs_the_queue_when_due(
    sandbox: EmbeddedSandbox, tmp_path: Path
) -> None:
    """While the window is open, a sending goes out on its own once due, and not before."""
    clock = Clock()
    async with composer(sandbox, tmp_path, clock) as compose:
        keeper = asyncio.create_task(compose.keep_schedule())
        try:
            campaign = await schedule(compose, "a@pec.it", clock.now + 120)
            await asyncio.sleep(0.3)  # the keeper looked (poked by the new campaign)
            assert sandbox.ledger() == []
            clock.now += 120
            compose.schedule.poke()  # what the once-a-minute look would find
            for _ in range(200):
                if sandbox.ledger():
                    break
                await asyncio.sleep(0.02)
            (job,) = await compose.store.jobs(campaign_ids=[campaign])
            assert job.state is JobState.SUBMITTED
            assert job.submitting_at is not None and job.submitting_at >= job.not_before
        finally:
            keeper.cancel()
            with pytest.raises(asyncio.CancelledError):
                await keeper
