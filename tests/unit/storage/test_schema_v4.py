"""Schema version 4 (scheduled sendings): a version-3 store with data upgrades without a change."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pecdesk.domain.jobs import JobState
from pecdesk.storage import QueueStore
from pecdesk.storage.queue_schema import QUEUE_MIGRATIONS
from pecdesk.storage.queue_store import STORE_FILE_NAME

SENDER = "studio@pecmassiva.com"
SERVICE = "https://test.ws.pecmassiva.com"
TABLES = ("campaigns", "jobs", "job_recipients", "attempts", "attachments")


def make_version_3(path: Path) -> None:
    """A store as pecdesk wrote it at schema 3: a sent job and a queued one."""
    connection = sqlite3.connect(path)
    for number, steps in enumerate(QUEUE_MIGRATIONS[:3]):
        for step in steps:
            connection.execute(step)
        connection.execute(f"PRAGMA user_version={number + 1}")
    connection.execute(
        "INSERT INTO campaigns (id, created_at, sender, subject, body, one_for_all, digest, "
        "service) VALUES (1, 100.0, ?, 'Avviso', 'Testo', 0, 'd1', ?)", (SENDER, SERVICE),
    )
    for job_id, state, code in ((1, "submitted", "2026120409000000"), (2, "queued", None)):
        connection.execute(
            "INSERT INTO jobs (id, campaign_id, position, digest, state, code, created_at, "
            "updated_at) VALUES (?, 1, ?, ?, ?, ?, 100.0, 100.0)",
            (job_id, job_id - 1, f"j{job_id}", state, code),
        )
        connection.execute("INSERT INTO job_recipients VALUES (?, 0, ?)",
                           (job_id, f"cliente{job_id}@pec.it"))
    connection.execute("INSERT INTO attempts (job_id, started_at, finished_at, outcome) "
                       "VALUES (1, 101.0, 102.0, 'submitted')")
    connection.commit()
    connection.close()


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the version-3 tables, in the version-3 columns only."""
    connection = sqlite3.connect(path)
    try:
        found = {}
        for table in TABLES:
            columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")
                       if row[1] != "not_before"]
            found[table] = connection.execute(
                f"SELECT {', '.join(columns)} FROM {table} ORDER BY rowid"
            ).fetchall()
        return found
    finally:
        connection.close()


@pytest.mark.anyio
async def test_version_3_with_data_upgrades_to_4_unchanged(tmp_path: Path) -> None:
    """The old rows stay byte for byte; old campaigns are not scheduled; the queued job is due."""
    path = tmp_path / STORE_FILE_NAME
    make_version_3(path)
    before = dump(path)
    store = QueueStore.open(tmp_path)
    try:
        assert len(QUEUE_MIGRATIONS) == 4
        assert store.database.schema_version == 4
        assert dump(path) == before
        (summary,) = await store.campaigns()
        assert summary.not_before == 0.0 and summary.scheduled_at(200.0) is None
        job = await store.next_queued(SENDER, SERVICE, due_by=0.0)
        assert job is not None and job.id == 2 and job.not_before == 0.0
        assert await store.scheduled(SENDER, SERVICE) == []
        assert (await store.jobs(job_ids=[1]))[0].state is JobState.SUBMITTED
    finally:
        store.close()
