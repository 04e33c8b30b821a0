"""The send engine against the sandbox over loopback: once each, throttled, controllable."""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
import socket
import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

import pytest

from pecdesk.app.wiring import open_mailbox
from pecdesk.domain.jobs import JobState
from pecdesk.errors import StorageError
from pecdesk.services.sending.outcomes import RetryPolicy
from pecdesk.services.sending.progress import Progress
from pecdesk.storage import QueueStore
from pecdesk.storage.db import Database
from tests.helpers.engine import (
    campaign,
    engine,
    ledger_codes,
    ledger_recipients,
    recipients,
    sandbox_account,
    states,
    wait_until,
)
from tests.helpers.sandbox import MAILBOX, OTHER_MAILBOX, SandboxFactory

pytestmark = pytest.mark.anyio

T = TypeVar("T")


async def test_fifty_recipients_each_sent_exactly_once(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """50 recipients: the ledger holds each once, one per PEC, and the store agrees."""
    box = sandbox_factory()
    addresses = recipients(50)
    async with engine(box, tmp_path) as e:
        await e.store.add_campaign(campaign(addresses))
        result = await e.queue.run()
        assert result.counts == {JobState.SUBMITTED: 50}
        jobs = await e.store.jobs()
        by_code = ledger_codes(box)
        assert {job.code: job.recipients for job in jobs} == by_code
        assert all(job.attempts == 1 for job in jobs)
    assert ledger_recipients(box) == {a: 1 for a in addresses}
    assert all(len(entry["recipients"]) == 1 for entry in box.ledger())


@pytest.mark.slow
def test_throttle_at_one_per_second_never_meets_a_429(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """send_rate 1 over 10 sends: no 429 (one attempt each), request starts ≥ 1 s apart."""
    box = sandbox_factory(send_rate=1.0)

    async def go() -> list[float]:
        async with engine(box, tmp_path, rate=1.0) as e:
            await e.store.add_campaign(campaign(recipients(10)))
            result = await e.queue.run()
            assert result.counts == {JobState.SUBMITTED: 10}
            assert all(job.attempts == 1 for job in await e.store.jobs())
            return await _request_starts(e.store)

    starts = asyncio.run(go())
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert len(box.ledger()) == 10
    assert min(gaps) >= 1.0
    assert max(gaps) < 1.2  # and not needlessly slower


async def _request_starts(store: object) -> list[float]:
    from pecdesk.storage import QueueStore  # noqa: PLC0415

    assert isinstance(store, QueueStore)
    rows = await store.database.run(
        lambda c: c.execute("SELECT started_at FROM attempts ORDER BY id").fetchall()
    )
    return [float(r[0]) for r in rows]


def test_pause_stops_new_requests_and_resume_continues_without_burst(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """After pause() at most the request in flight lands; resume() sends the rest, spaced."""
    box = sandbox_factory()

    async def go() -> None:
        async with engine(box, tmp_path, rate=40.0) as e:
            await e.store.add_campaign(campaign(recipients(12)))
            runner = asyncio.create_task(e.queue.run())
            await wait_until(lambda: len(box.ledger()) >= 3)
            e.queue.pause()
            at_pause = len(box.ledger())
            await asyncio.sleep(0.3)  # eight intervals: nothing new may start
            assert len(box.ledger()) <= at_pause + 1
            paused_count = len(box.ledger())
            assert not runner.done()
            e.queue.resume()
            result = await runner
            assert result.counts == {JobState.SUBMITTED: 12}
            starts = await _request_starts(e.store)
            gaps = [b - a for a, b in itertools.pairwise(starts)]
            assert min(gaps) >= 1 / 40
            assert paused_count < 12

    asyncio.run(go())
    assert set(ledger_recipients(box).values()) == {1}


async def test_cancel_touches_only_queued_jobs(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """Cancelling mid-run cancels what is queued; what was sent stays submitted."""
    box = sandbox_factory()
    async with engine(box, tmp_path, rate=40.0) as e:
        await e.store.add_campaign(campaign(recipients(15)))
        runner = asyncio.create_task(e.queue.run())
        await wait_until(lambda: len(box.ledger()) >= 4)
        cancelled = await e.queue.cancel()
        result = await runner
        sent = result.counts.get(JobState.SUBMITTED, 0)
        assert result.counts == {JobState.SUBMITTED: sent, JobState.CANCELLED: len(cancelled)}
        assert sent + len(cancelled) == 15
        assert len(box.ledger()) == sent
        assert await e.queue.cancel() == []  # nothing queued is left to cancel


async def test_one_pec_for_all_is_one_request(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """Only on explicit request: one job, one POST, every recipient on it."""
    box = sandbox_factory()
    addresses = recipients(3)
    async with engine(box, tmp_path) as e:
        await e.store.add_campaign(campaign(addresses, one_for_all=True))
        result = await e.queue.run()
        assert result.counts == {JobState.SUBMITTED: 1}
    (entry,) = box.ledger()
    assert [r.lower() for r in entry["recipients"]] == addresses


async def test_daily_limit_pauses_the_queue_and_keeps_the_rest_queued(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """Past the daily cap nothing fails: the queue pauses, saying why, and the rest waits."""
    box = sandbox_factory(daily_cap=3)
    async with engine(box, tmp_path) as e:
        await e.store.add_campaign(campaign(recipients(5)))
        result = await e.queue.run(stop_on_pause=True)
        assert result.counts == {JobState.SUBMITTED: 3, JobState.QUEUED: 2}
        assert "daily sending limit" in result.paused_reason
        waiting = [j for j in await e.store.jobs() if j.state is JobState.QUEUED]
        assert [j.attempts for j in waiting] == [0, 0]
    assert len(box.ledger()) == 3


async def test_the_daily_limit_pause_ends_by_itself_at_five_past_midnight(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """Left running, the paused queue tries again at 00:05 Rome time, then waits for the next."""
    box = sandbox_factory(daily_cap=1)
    rome = ZoneInfo("Europe/Rome")
    almost = datetime(2026, 11, 28, 0, 4, 59, 700_000, tzinfo=rome).timestamp()
    offset = almost - time.time()  # this queue's clock reads 00:04:59.7 as the test starts
    store = await asyncio.to_thread(QueueStore.open, tmp_path)
    seen: list[Progress] = []
    try:
        async with open_mailbox(
            sandbox_account(box), store, clock=lambda: time.time() + offset
        ) as mailbox:
            queue = mailbox.queue
            queue.subscribe(seen.append)
            await store.add_campaign(campaign(recipients(3)))
            runner = asyncio.create_task(queue.run())
            await wait_until(lambda: len({p.resume_at for p in seen if p.paused}) == 2)
            queue.stop()
            await runner
        waiting = [j.attempts for j in await store.jobs() if j.state is JobState.QUEUED]
        assert waiting == [0, 0]  # refused twice for the limit, never counted
    finally:
        await asyncio.to_thread(store.close)
    first, second = sorted({p.resume_at for p in seen if p.paused and p.resume_at})
    assert first == datetime(2026, 11, 28, 0, 5, tzinfo=rome).timestamp()
    assert second - first == 24 * 3600  # tried again at 00:05, then waits for the next night
    start = next(i for i, p in enumerate(seen) if p.paused and p.resume_at == first)
    end = next(i for i, p in enumerate(seen) if p.paused and p.resume_at == second)
    assert any(not p.paused for p in seen[start:end])  # it did resume in between
    assert len(box.ledger()) == 1


async def test_a_queue_sends_only_its_own_accounts_jobs(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """Jobs another account left queued wait for it: never sent through these credentials."""
    box = sandbox_factory()
    store = await asyncio.to_thread(QueueStore.open, tmp_path)
    try:
        theirs = await store.add_campaign(campaign(recipients(2), sender=OTHER_MAILBOX))
        async with open_mailbox(
            sandbox_account(box, mailbox=MAILBOX.upper()), store
        ) as mailbox:
            queue = mailbox.queue
            mine = await queue.enqueue(campaign(recipients(3, prefix="mio")))
            with pytest.raises(ValueError, match="sends from"):
                await queue.enqueue(campaign(["x@pec.it"], sender=OTHER_MAILBOX))
            result = await queue.run()
        assert result.counts == {JobState.SUBMITTED: 3}
        assert result.campaign_ids == {mine}
        by_campaign = {(j.campaign_id, j.state) for j in await store.jobs()}
        assert by_campaign == {(mine, JobState.SUBMITTED), (theirs, JobState.QUEUED)}
    finally:
        await asyncio.to_thread(store.close)
    assert {entry["sender"] for entry in box.ledger()} == {MAILBOX}
    assert len(box.ledger()) == 3


async def test_refused_credentials_pause_the_queue(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """An AuthError pauses with a reason; every job stays queued, no attempt is counted."""
    box = sandbox_factory()
    async with engine(box, tmp_path, password="sbagliata") as e:
        await e.store.add_campaign(campaign(recipients(5)))
        result = await e.queue.run(stop_on_pause=True)
        assert result.paused_reason and "did not accept" in result.paused_reason
        assert result.counts == {JobState.QUEUED: 5}
        assert all(job.attempts == 0 for job in await e.store.jobs())
        # Without stop_on_pause the run waits, paused, until stopped (the GUI's way).
        runner = asyncio.create_task(e.queue.run())
        await wait_until(lambda: e.queue.running and e.queue.paused)
        e.queue.stop()
        assert (await runner).stopped
    assert box.ledger() == []


async def test_rate_limit_backs_off_and_sends_each_once(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """A queue faster than the service meets 429s, backs off, and still sends each once."""
    box = sandbox_factory(send_rate=8.0)
    events: list[Progress] = []
    async with engine(box, tmp_path, rate=100.0) as e:
        e.queue.subscribe(events.append)
        await e.store.add_campaign(campaign(recipients(6)))
        result = await e.queue.run()
        assert result.counts == {JobState.SUBMITTED: 6}
        assert max(job.attempts for job in await e.store.jobs()) > 1
    retries = [p.event for p in events if p.event and p.event.state is JobState.QUEUED]
    assert retries and all("slow down" in r.reason for r in retries)
    assert set(ledger_recipients(box).values()) == {1}


async def test_errors_before_commit_are_retried_then_failed(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """A 500 every time: bounded retries, then failed; nothing reached the ledger."""
    box = sandbox_factory(fault_rate=1.0, fault_kinds=["mysql_500"])
    policy = RetryPolicy(max_attempts=3, base_delay=0.01, max_delay=0.05)
    async with engine(box, tmp_path, policy=policy) as e:
        await e.store.add_campaign(campaign(recipients(2)))
        result = await e.queue.run()
        assert result.counts == {JobState.FAILED: 2}
        jobs = await e.store.jobs()
        assert [j.attempts for j in jobs] == [3, 3]
        assert all("MySQL" in j.reason for j in jobs)
    assert box.ledger() == []


async def test_refused_connection_is_retried(tmp_path: Path) -> None:
    """A connection refused (nothing left this computer) is retried, then failed."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    policy = RetryPolicy(max_attempts=2, base_delay=0.01, max_delay=0.05)
    async with engine(f"http://127.0.0.1:{port}", tmp_path, policy=policy) as e:
        await e.store.add_campaign(campaign(recipients(1)))
        result = await e.queue.run()
        assert result.counts == {JobState.FAILED: 1}


async def test_interrupted_job_becomes_unknown_and_is_not_resent(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """A job left submitting by a dead process is unknown at start-up and never re-sent."""
    box = sandbox_factory()
    async with engine(box, tmp_path) as e:
        await e.store.add_campaign(campaign(recipients(3)))
        first = (await e.store.jobs())[0]
        assert await e.store.claim(first.id) is not None  # ... and then the crash
    async with engine(box, tmp_path) as e:
        result = await e.queue.run()
        assert result.counts == {JobState.UNKNOWN: 1, JobState.SUBMITTED: 2}
        (unknown,) = await e.store.jobs(states=[JobState.UNKNOWN])
        assert unknown.id == first.id
    assert "cliente0000@pec.it" not in ledger_recipients(box)


def test_no_burst_after_a_restart(sandbox_factory: SandboxFactory, tmp_path: Path) -> None:
    """A new run waits one interval after the last request of the previous run."""
    box = sandbox_factory()

    async def go() -> list[float]:
        async with engine(box, tmp_path, rate=4.0) as e:
            await e.store.add_campaign(campaign(recipients(1)))
            await e.queue.run()
        async with engine(box, tmp_path, rate=4.0) as e:
            await e.store.add_campaign(campaign(recipients(1, prefix="altro")))
            await e.queue.run()
            return await _request_starts(e.store)

    first, second = asyncio.run(go())
    assert second - first >= 0.25


async def test_a_second_runner_is_refused(sandbox_factory: SandboxFactory, tmp_path: Path) -> None:
    """Two runs on one store cannot overlap (the OS lock), so recovery is never wrong."""
    box = sandbox_factory()
    async with engine(box, tmp_path) as e:
        await e.store.add_campaign(campaign(recipients(1)))
        with e.store.runner_lock(), pytest.raises(StorageError):
            await e.queue.run()
        assert (await states(e.store)) == {JobState.QUEUED: 1}


async def test_progress_stream(sandbox_factory: SandboxFactory, tmp_path: Path) -> None:
    """Snapshots are immutable; they count up to done == total with a rate and an ETA."""
    box = sandbox_factory()
    async with engine(box, tmp_path, rate=100.0) as e:
        await e.store.add_campaign(campaign(recipients(20)))
        seen: list[Progress] = []

        async def collect() -> None:
            async for snapshot in e.queue.updates():
                seen.append(snapshot)

        collector = asyncio.create_task(collect())
        await asyncio.sleep(0)
        await e.queue.run()
        await collector
    last = seen[-1]
    assert (last.done, last.total, last.running) == (20, 20, False)
    assert last.counts[JobState.SUBMITTED] == 20 and last.eta_seconds is None
    assert any(s.rate > 50 for s in seen)
    assert any(s.current.startswith("cliente") for s in seen)
    etas = [s.eta_seconds for s in seen if s.event and s.eta_seconds is not None]
    assert etas and etas[0] > etas[-1]
    with pytest.raises(dataclasses.FrozenInstanceError):
        last.done = 0  # type: ignore[misc]
    with pytest.raises(TypeError):
        last.counts[JobState.SUBMITTED] = 0  # type: ignore[index]


def test_event_loop_stays_free(
    sandbox_factory: SandboxFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No SQL runs on, or blocks, the loop's thread; a 5 ms ticker keeps pace while 150 go.

    The ticker bounds are loose: the sandbox shares this process (and its GIL), so on a busy
    machine its work shows up too; the SQL trace and the blocking-call guard are the exact
    checks.
    """
    box = sandbox_factory()
    sql_threads: set[int] = set()
    blocking_call = Database.call

    def guarded_call(self: Database, work: Callable[[sqlite3.Connection], T]) -> T:
        with pytest.raises(RuntimeError):
            asyncio.get_running_loop()  # a blocking call from a coroutine would stall the loop
        return blocking_call(self, work)

    monkeypatch.setattr(Database, "call", guarded_call)

    async def go() -> list[float]:
        lateness: list[float] = []
        async with engine(box, tmp_path, rate=200.0) as e:
            await e.store.database.run(
                lambda c: c.set_trace_callback(lambda _sql: sql_threads.add(threading.get_ident()))
            )
            await e.store.add_campaign(campaign(recipients(150)))
            runner = asyncio.create_task(e.queue.run())
            while not runner.done():
                before = time.perf_counter()
                await asyncio.sleep(0.005)
                lateness.append(time.perf_counter() - before - 0.005)
            assert (await runner).counts == {JobState.SUBMITTED: 150}
            await e.store.database.run(lambda c: c.set_trace_callback(None))
        return lateness

    lateness = sorted(asyncio.run(go()))
    assert sql_threads and threading.get_ident() not in sql_threads
    assert len(lateness) > 50
    assert lateness[int(len(lateness) * 0.99)] < 0.05
    assert lateness[-1] < 0.2
