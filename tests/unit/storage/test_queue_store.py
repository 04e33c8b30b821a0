"""The queue store: private file, migrations, the state machine as compare-and-set, durability."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
from collections.abc import Awaitable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest

from pecdesk.domain.jobs import JobState
from pecdesk.errors import StorageError
from pecdesk.storage import (
    AttachmentData,
    NewCampaign,
    NewJob,
    Outcome,
    QueueStore,
    RunnerLock,
)
from pecdesk.storage.db import Database, _migrate
from pecdesk.storage.queue_schema import QUEUE_MIGRATIONS as MIGRATIONS

T = TypeVar("T")
ROOT = Path(__file__).resolve().parents[3]


def run(awaitable: Awaitable[T]) -> T:
    async def wrapper() -> T:
        return await awaitable

    return asyncio.run(wrapper())


def campaign(*addresses: str, subject: str = "Avviso", body: str = "Testo") -> NewCampaign:
    jobs = tuple(NewJob((a,), subject, body) for a in addresses)
    pdf = AttachmentData("a.pdf", b"%PDF-1.4 contenuto")
    return NewCampaign("studio@pecmassiva.com", subject, body, False, (pdf,), jobs)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[QueueStore]:
    opened = QueueStore.open(tmp_path / "data")
    yield opened
    opened.close()


def test_new_store_is_private_and_fully_migrated(store: QueueStore, tmp_path: Path) -> None:
    """The file is 0600 in a 0700 dir, in WAL mode with foreign keys and synchronous=FULL."""
    path = store.database.path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert store.database.schema_version == len(MIGRATIONS)
    pragmas = store.database.call(
        lambda c: [
            c.execute(f"PRAGMA {p}").fetchone()[0]
            for p in ("journal_mode", "foreign_keys", "synchronous")
        ]
    )
    assert pragmas == ["wal", 1, 2]


def test_migrations_run_in_order_and_only_once(tmp_path: Path) -> None:
    """Only the migrations above user_version run; a failing one is rolled back entirely."""
    connection = sqlite3.connect(tmp_path / "m.db", isolation_level=None)
    try:
        steps = [("CREATE TABLE a (x)",), ("CREATE TABLE b (x)", "INSERT INTO b VALUES (1)")]
        _migrate(connection, steps[:1])
        _migrate(connection, steps)
        _migrate(connection, steps)
        assert connection.execute("PRAGMA user_version").fetchone() == (2,)
        assert connection.execute("SELECT COUNT(*) FROM b").fetchone() == (1,)
        broken = [*steps, ("CREATE TABLE c (x)", "INSERT INTO nowhere VALUES (1)")]
        with pytest.raises(sqlite3.OperationalError):
            _migrate(connection, broken)
        assert connection.execute("PRAGMA user_version").fetchone() == (2,)
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
        assert "c" not in tables
    finally:
        connection.close()


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    """A store written by a newer pecdesk is not touched."""
    path = tmp_path / "new.db"
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version={len(MIGRATIONS) + 5}")
    connection.close()
    with pytest.raises(StorageError, match="newer pecdesk"):
        Database(path, migrations=MIGRATIONS)


def test_sqlite_errors_become_storage_errors(store: QueueStore) -> None:
    """A failing statement surfaces as StorageError, and a closed store refuses work."""
    with pytest.raises(StorageError, match="database error"):
        store.database.call(lambda c: c.execute("SELEC 1"))
    store.close()
    with pytest.raises(StorageError, match="closed"):
        store.database.call(lambda c: c.execute("SELECT 1"))


def test_campaign_round_trip_rebuilds_the_exact_payload(store: QueueStore) -> None:
    """Jobs come back queued, in order, with recipients, merged texts and attachment bytes."""
    new = NewCampaign(
        "studio@pecmassiva.com",
        "Avviso {{nome}}",
        "Gentile {{nome}}",
        False,
        (AttachmentData("a.pdf", b"%PDF"),),
        (
            NewJob(("a@pec.it",), "Avviso Anna", "Gentile Anna"),
            NewJob(("b@pec.it",), "Avviso {{nome}}", "Gentile {{nome}}"),
        ),
    )
    campaign_id = run(store.add_campaign(new))
    jobs = run(store.jobs(campaign_ids=[campaign_id]))
    assert [j.recipients for j in jobs] == [("a@pec.it",), ("b@pec.it",)]
    assert [j.state for j in jobs] == [JobState.QUEUED] * 2
    assert [j.subject for j in jobs] == ["Avviso Anna", "Avviso {{nome}}"]
    payload = run(store.load_payload(jobs[0].id))
    assert payload.payload.body == "Gentile Anna"
    assert payload.attachments == (AttachmentData("a.pdf", b"%PDF"),)
    found = run(store.find_campaign(new.digest()))
    assert found is not None and found.id == campaign_id and found.is_open
    assert run(store.find_campaign("0" * 64)) is None


def test_altered_payload_is_never_sent(store: QueueStore) -> None:
    """If the stored texts no longer match the digest, the payload cannot be loaded."""
    run(store.add_campaign(campaign("a@pec.it")))
    store.database.call(lambda c: c.execute("UPDATE campaigns SET body = 'altro'"))
    (job,) = run(store.jobs())
    with pytest.raises(StorageError, match="altered"):
        run(store.load_payload(job.id))


def test_claim_is_a_compare_and_set(store: QueueStore) -> None:
    """Only a queued job can be claimed, and only once; a claimed job cannot be cancelled."""
    run(store.add_campaign(campaign("a@pec.it", "b@pec.it")))
    first, second = run(store.jobs())
    attempt = run(store.claim(first.id))
    assert attempt is not None
    assert run(store.claim(first.id)) is None
    assert run(store.cancel([first.id, second.id])) == [second.id]
    (claimed,) = run(store.jobs(job_ids=[first.id]))
    assert claimed.state is JobState.SUBMITTING and claimed.attempts == 1
    assert run(store.claim(second.id)) is None


def test_outcomes_follow_the_state_machine(store: QueueStore) -> None:
    """Outcomes need submitting; not_sent needs unknown; re-queue needs not_sent, resets."""
    run(store.add_campaign(campaign("a@pec.it", "b@pec.it")))
    a, b = run(store.jobs())
    assert not run(store.finish(a.id, 0, Outcome(JobState.SUBMITTED, code="1")))
    attempt = run(store.claim(a.id))
    assert attempt is not None
    assert run(store.mark_not_sent([a.id], "x")) == []
    assert run(store.finish(a.id, attempt, Outcome(JobState.UNKNOWN, reason="timeout")))
    assert run(store.requeue_not_sent([a.id])) == []
    assert run(store.mark_not_sent([a.id, b.id], "no receipt")) == [a.id]
    assert run(store.requeue_not_sent_from("STUDIO@pecmassiva.com")) == [a.id]
    (again,) = run(store.jobs(job_ids=[a.id]))
    assert again.state is JobState.QUEUED and again.attempts == 0 and again.reason == ""


def test_reconciliation_settles_only_unsettled_jobs(store: QueueStore) -> None:
    """A job queued (re-queued by the person) or in flight is not marked from a receipt."""
    run(store.add_campaign(campaign("a@pec.it", "b@pec.it")))
    a, b = run(store.jobs())
    assert not run(store.mark_submitted(a.id, "2025010112000001", "found"))  # queued
    assert run(store.claim(b.id)) is not None
    assert not run(store.mark_rejected(b.id, "2025010112000002", "refused"))  # submitting
    states = {job.id: job.state for job in run(store.jobs())}
    assert states == {a.id: JobState.QUEUED, b.id: JobState.SUBMITTING}


def test_retry_outcome_keeps_backoff_and_refund(store: QueueStore) -> None:
    """A re-queued job keeps its backoff time; a refunded attempt does not count."""
    run(store.add_campaign(campaign("a@pec.it")))
    (job,) = run(store.jobs())
    attempt = run(store.claim(job.id))
    assert attempt is not None
    run(store.finish(job.id, attempt, Outcome(JobState.QUEUED, reason="500", retry_at=123.0)))
    attempt = run(store.claim(job.id))
    assert attempt is not None
    run(store.finish(job.id, attempt, Outcome(JobState.QUEUED, refund_attempt=True)))
    (after,) = run(store.jobs())
    assert after.attempts == 1 and after.next_attempt_at == 0.0
    assert run(store.last_request_at()) is not None


def test_a_code_belongs_to_one_job_only(store: QueueStore) -> None:
    """The store refuses to give one sending code to two jobs."""
    run(store.add_campaign(campaign("a@pec.it", "b@pec.it")))
    a, b = run(store.jobs())
    for job in (a, b):
        attempt = run(store.claim(job.id))
        assert attempt is not None
        run(store.finish(job.id, attempt, Outcome(JobState.UNKNOWN)))
    assert run(store.mark_submitted(a.id, "2025010112000000", "found"))
    with pytest.raises(StorageError):
        run(store.mark_submitted(b.id, "2025010112000000", "found"))
    assert run(store.used_codes()) == {"2025010112000000"}


def test_interrupted_submitting_jobs_become_unknown(store: QueueStore) -> None:
    """recover_interrupted turns submitting into unknown and closes the open attempt."""
    run(store.add_campaign(campaign("a@pec.it", "b@pec.it")))
    a, _b = run(store.jobs())
    run(store.claim(a.id))
    assert run(store.recover_interrupted()) == [a.id]
    (job,) = run(store.jobs(states=[JobState.UNKNOWN]))
    assert job.id == a.id and "interrupted" in job.reason
    outcomes = store.database.call(lambda c: c.execute("SELECT outcome FROM attempts").fetchall())
    assert outcomes == [("interrupted",)]


def test_submitting_is_on_disk_before_claim_returns(tmp_path: Path) -> None:
    """A process killed right after claim() leaves the job submitting on disk (then unknown)."""
    script = textwrap.dedent(f"""
        import asyncio, os, signal
        from pathlib import Path
        from pecdesk.storage import NewCampaign, NewJob, QueueStore
        store = QueueStore.open(Path({str(tmp_path)!r}))
        job = NewJob(("a@pec.it",), "S", "B")
        new = NewCampaign("s@pecmassiva.com", "S", "B", False, (), (job,))
        async def go():
            await store.add_campaign(new)
            (queued,) = await store.jobs()
            await store.claim(queued.id)
            os.kill(os.getpid(), signal.SIGKILL)
        asyncio.run(go())
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=False, timeout=60)
    assert done.returncode == -9
    reopened = QueueStore.open(tmp_path)
    try:
        (job,) = run(reopened.jobs())
        assert job.state is JobState.SUBMITTING
        assert run(reopened.recover_interrupted()) == [job.id]
    finally:
        reopened.close()


def test_campaign_is_all_or_nothing(store: QueueStore) -> None:
    """A campaign that fails half-way through its insert leaves nothing behind."""
    bad = campaign("a@pec.it", "b@pec.it")
    store.database.call(
        lambda c: c.execute(
            "CREATE TRIGGER no_b BEFORE INSERT ON job_recipients WHEN NEW.address = 'b@pec.it' "
            "BEGIN SELECT RAISE(ABORT, 'boom'); END"
        )
    )
    with pytest.raises(StorageError, match="boom"):
        run(store.add_campaign(bad))
    assert run(store.jobs()) == []
    assert run(store.campaigns()) == []


def test_runner_lock_is_exclusive(tmp_path: Path) -> None:
    """A second holder is refused until the first releases; the lock file is private."""
    first, second = RunnerLock(tmp_path / "q.lock"), RunnerLock(tmp_path / "q.lock")
    with first:
        with pytest.raises(StorageError, match="already sending"):
            second.acquire()
        assert not second.held
    second.acquire()
    second.release()
    if os.name == "posix":
        assert stat.S_IMODE((tmp_path / "q.lock").stat().st_mode) == 0o600


def test_campaign_summaries_and_counts(store: QueueStore) -> None:
    """Summaries count jobs by state; only_open hides campaigns whose jobs are all final."""
    first = run(store.add_campaign(campaign("a@pec.it")))
    second = run(store.add_campaign(campaign("b@pec.it", "c@pec.it", subject="Altro")))
    run(store.cancel_queued([first]))
    summaries = run(store.campaigns())
    assert [(s.id, s.counts) for s in summaries] == [
        (first, {JobState.CANCELLED: 1}),
        (second, {JobState.QUEUED: 2}),
    ]
    assert [s.id for s in run(store.campaigns(only_open=True))] == [second]
    assert run(store.counts()) == {JobState.CANCELLED: 1, JobState.QUEUED: 2}
    assert run(store.counts([second])) == {JobState.QUEUED: 2}
