"""The send queue's SQL: synchronous functions run on the database thread.

Every state change is a compare-and-set (``UPDATE … WHERE state IN (allowed sources)``) inside
its own ``BEGIN IMMEDIATE`` transaction, so a transition the state machine forbids, or one that
lost a race with another writer, changes nothing and reports so.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

from pecdesk.domain.jobs import JobState, Payload, sources_of
from pecdesk.errors import StorageError
from pecdesk.storage.db import transaction
from pecdesk.storage.records import (
    AttachmentData,
    EarlierJob,
    JobRecord,
    NewCampaign,
    Outcome,
    SendPayload,
)

_JOB_COLUMNS = (
    "j.id, j.campaign_id, j.position, COALESCE(j.subject, c.subject), c.sender, j.state, "
    "j.code, j.reason, j.attempts, j.next_attempt_at, j.submitting_at, j.finished_at, c.service, "
    "j.recheck, j.clock_offset, c.not_before"
)


def insert_campaign(connection: sqlite3.Connection, new: NewCampaign, now: float) -> int:
    """Store a campaign, its attachments and all its jobs in one transaction; return its id."""
    refs = tuple(a.ref for a in new.attachments)
    with transaction(connection):
        cursor = connection.execute(
            "INSERT INTO campaigns (created_at, sender, subject, body, one_for_all, digest, "
            "service, not_before) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (now, new.sender, new.subject, new.body, int(new.one_for_all), new.digest(),
             new.service, new.not_before),
        )
        campaign_id = int(cursor.lastrowid or 0)
        connection.executemany(
            "INSERT INTO attachments VALUES (?, ?, ?, ?, ?, ?)",
            [
                (campaign_id, i, a.name, ref.sha256, ref.size, a.content)
                for i, (a, ref) in enumerate(zip(new.attachments, refs, strict=True))
            ],
        )
        (first_id,) = connection.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM jobs").fetchone()
        jobs, recipients, own = [], [], []
        for position, job in enumerate(new.jobs):
            job_id = first_id + position
            digest = new.payload(job).digest()
            jobs.append((
                job_id, campaign_id, position,
                None if job.subject == new.subject else job.subject,
                None if job.body == new.body else job.body,
                digest, JobState.QUEUED.value, now, now,
            ))
            recipients += [(job_id, i, address) for i, address in enumerate(job.recipients)]
            own += [
                (job_id, i, a.name, a.ref.sha256, a.ref.size, a.content)
                for i, a in enumerate(job.attachments)
            ]
        connection.executemany(
            "INSERT INTO jobs (id, campaign_id, position, subject, body, digest, state, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            jobs,
        )
        connection.executemany("INSERT INTO job_recipients VALUES (?, ?, ?)", recipients)
        connection.executemany("INSERT INTO job_attachments VALUES (?, ?, ?, ?, ?, ?)", own)
    return campaign_id


def _recipients(connection: sqlite3.Connection, job_ids: Sequence[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {job_id: [] for job_id in job_ids}
    for start in range(0, len(job_ids), 500):
        chunk = job_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = connection.execute(
            f"SELECT job_id, address FROM job_recipients WHERE job_id IN ({marks}) "  # noqa: S608
            "ORDER BY job_id, position",
            chunk,
        )
        for job_id, address in rows:
            found[job_id].append(address)
    return found


def select_jobs(
    connection: sqlite3.Connection, where: str = "1", params: Sequence[object] = ()
) -> list[JobRecord]:
    """Jobs matching the SQL condition ``where`` on ``j`` (jobs) and ``c`` (campaigns)."""
    rows = connection.execute(
        f"SELECT {_JOB_COLUMNS} FROM jobs j JOIN campaigns c ON c.id = j.campaign_id "  # noqa: S608
        f"WHERE {where} ORDER BY j.id",
        tuple(params),
    ).fetchall()
    recipients = _recipients(connection, [row[0] for row in rows])
    return [
        JobRecord(
            id=row[0], campaign_id=row[1], position=row[2],
            recipients=tuple(recipients[row[0]]), subject=row[3], sender=row[4],
            state=JobState(row[5]), code=row[6], reason=row[7], attempts=row[8],
            next_attempt_at=row[9], submitting_at=row[10], finished_at=row[11],
            service=row[12], recheck=bool(row[13]), clock_offset=row[14], not_before=row[15],
        )
        for row in rows
    ]


def next_queued(
    connection: sqlite3.Connection,
    sender: str,
    service: str,
    due_by: float,
    skip: Sequence[int] = (),
) -> JobRecord | None:
    """The queued job to send next (the oldest due; its backoff may not have passed yet).

    A job of a campaign scheduled after ``due_by`` is never the next one, nor one of the
    campaigns in ``skip`` (held until the person says what to do with them).

    Only the jobs of one PEC address (case ignored) on one service: a queue sends only its own
    account's jobs, never another account's through its credentials, and never a job meant for
    another service (a test service's jobs never go out on production). Jobs whose campaign
    has no service (queued before campaigns were bound to one) are any service's: see
    :func:`pecdesk.domain.jobs.queued_for`.
    """
    row = connection.execute(
        "SELECT j.id FROM jobs j JOIN campaigns c ON c.id = j.campaign_id "  # noqa: S608
        "WHERE j.state = 'queued' AND lower(c.sender) = lower(?) AND c.service IN ('', ?) "
        f"AND c.not_before <= ? AND c.id NOT IN ({','.join('?' * len(skip))}) "
        "ORDER BY j.id LIMIT 1",
        (sender, service, due_by, *skip),
    ).fetchone()
    if row is None:
        return None
    found = select_jobs(connection, "j.id = ?", (row[0],))
    return found[0] if found else None


def load_payload(connection: sqlite3.Connection, job_id: int) -> SendPayload:
    """Rebuild the exact request of ``job_id`` and check it against the stored digest.

    Raises:
        StorageError: the job is missing or its stored payload no longer matches its digest.
    """
    row = connection.execute(
        "SELECT c.id, c.sender, COALESCE(j.subject, c.subject), COALESCE(j.body, c.body), "
        "j.digest FROM jobs j JOIN campaigns c ON c.id = j.campaign_id WHERE j.id = ?",
        (job_id,),
    ).fetchone()
    if row is None:
        raise StorageError(reason=f"job {job_id} does not exist")
    campaign_id, sender, subject, body, digest = row
    shared = tuple(
        AttachmentData(name, content)
        for name, content in connection.execute(
            "SELECT name, content FROM attachments WHERE campaign_id = ? ORDER BY position",
            (campaign_id,),
        )
    )
    own = tuple(
        AttachmentData(name, content)
        for name, content in connection.execute(
            "SELECT name, content FROM job_attachments WHERE job_id = ? ORDER BY position",
            (job_id,),
        )
    )
    attachments = (*shared, *own)
    recipients = tuple(_recipients(connection, [job_id])[job_id])
    payload = Payload(sender, recipients, subject, body, tuple(a.ref for a in attachments))
    if payload.digest() != digest:
        raise StorageError(reason=f"the stored content of job {job_id} was altered")
    return SendPayload(job_id, payload, attachments, len(own))


def _set_state(
    connection: sqlite3.Connection,
    job_ids: Iterable[int],
    new: JobState,
    now: float,
    *,
    sources: Iterable[JobState] | None = None,
    assignments: str = "",
    params: Sequence[object] = (),
) -> list[int]:
    """Move each of ``job_ids`` still in an allowed source state to ``new``; return the moved."""
    legal = sources_of(new)
    allowed = sorted(s.value for s in (legal if sources is None else sources) if s in legal)
    marks = ",".join("?" * len(allowed))
    extra = f", {assignments}" if assignments else ""
    moved = []
    for job_id in job_ids:
        cursor = connection.execute(
            f"UPDATE jobs SET state = ?, updated_at = ?{extra} "  # noqa: S608
            f"WHERE id = ? AND state IN ({marks})",
            (new.value, now, *params, job_id, *allowed),
        )
        if cursor.rowcount:
            moved.append(job_id)
    return moved


def claim(
    connection: sqlite3.Connection, job_id: int, now: float, clock_offset: float | None = None
) -> int | None:
    """Journal ``job_id`` as *submitting* (queued → submitting); return the attempt id.

    ``clock_offset`` (the service's clock minus ours, None when not measured) is kept with the
    job: reconciliation turns ``submitting_at`` into the service's time with it.
    Returns None when the job is no longer queued (cancelled, or claimed elsewhere), or when
    its campaign is scheduled after ``now``: a job never leaves before its time, whoever asks.
    """
    with transaction(connection):
        early = connection.execute(
            "SELECT 1 FROM jobs j JOIN campaigns c ON c.id = j.campaign_id "
            "WHERE j.id = ? AND c.not_before > ?",
            (job_id, now),
        ).fetchone()
        if early is not None:
            return None
        moved = _set_state(
            connection, [job_id], JobState.SUBMITTING, now,
            sources=[JobState.QUEUED],
            assignments="attempts = attempts + 1, submitting_at = ?, clock_offset = ?, "
            "recheck = 0",
            params=(now, clock_offset),
        )
        if not moved:
            return None
        cursor = connection.execute(
            "INSERT INTO attempts (job_id, started_at) VALUES (?, ?)", (job_id, now)
        )
        return int(cursor.lastrowid or 0)


def finish(
    connection: sqlite3.Connection, job_id: int, attempt_id: int, outcome: Outcome, now: float
) -> bool:
    """Journal the answer of the request ``attempt_id`` (submitting → the outcome's state)."""
    refund = 1 if outcome.refund_attempt else 0
    final = None if outcome.state is JobState.QUEUED else now
    with transaction(connection):
        moved = _set_state(
            connection, [job_id], outcome.state, now,
            sources=[JobState.SUBMITTING],
            assignments="code = COALESCE(?, code), reason = ?, next_attempt_at = ?, "
            "attempts = attempts - ?, finished_at = COALESCE(?, finished_at)",
            params=(outcome.code, outcome.reason, outcome.retry_at, refund, final),
        )
        connection.execute(
            "UPDATE attempts SET finished_at = ?, outcome = ?, detail = ? WHERE id = ?",
            (now, outcome.state.value, outcome.reason, attempt_id),
        )
    return bool(moved)


def recover_interrupted(connection: sqlite3.Connection, now: float, reason: str) -> list[int]:
    """Turn every job left *submitting* (its process died mid-request) into *unknown*."""
    with transaction(connection):
        stuck = [r[0] for r in connection.execute("SELECT id FROM jobs WHERE state='submitting'")]
        moved = _set_state(
            connection, stuck, JobState.UNKNOWN, now,
            sources=[JobState.SUBMITTING], assignments="reason = ?, finished_at = ?",
            params=(reason, now),
        )
        connection.execute(
            "UPDATE attempts SET outcome = 'interrupted', finished_at = ? "
            "WHERE finished_at IS NULL",
            (now,),
        )
    return moved


def set_states(
    connection: sqlite3.Connection,
    job_ids: Sequence[int],
    new: JobState,
    now: float,
    *,
    sources: Iterable[JobState] | None = None,
    reason: str | None = None,
    code: str | None = None,
) -> list[int]:
    """Move jobs to ``new`` (cancel, reconcile, re-queue) in one transaction; return the moved."""
    final = now if new.is_final or new is JobState.NOT_SENT else None
    with transaction(connection):
        return _set_state(
            connection, job_ids, new, now, sources=sources,
            assignments="reason = COALESCE(?, reason), code = COALESCE(?, code), "
            "finished_at = COALESCE(?, finished_at), next_attempt_at = 0",
            params=(reason, code, final),
        )


def requeue(connection: sqlite3.Connection, job_ids: Sequence[int], now: float) -> list[int]:
    """Put *not sent* jobs back in the queue (the user confirmed), with a fresh attempt count.

    Each is marked ``recheck``: the mailbox is looked at once more right before it leaves.
    Its last ``submitting_at`` and ``clock_offset`` stay: they say from when to look.
    """
    with transaction(connection):
        return _set_state(
            connection, job_ids, JobState.QUEUED, now, sources=[JobState.NOT_SENT],
            assignments="reason = '', attempts = 0, next_attempt_at = 0, finished_at = NULL, "
            "recheck = 1",
        )


_RECHECK_VERDICTS = frozenset({JobState.SUBMITTED, JobState.REJECTED, JobState.UNKNOWN})


def settle_rechecked(
    connection: sqlite3.Connection,
    job_id: int,
    new: JobState,
    now: float,
    *,
    reason: str,
    code: str | None = None,
) -> bool:
    """A re-queued job's last look found a receipt: queued (recheck) → submitted/rejected/unknown.

    The only way out of *queued* other than a request or a cancellation, and only for a job
    still waiting for its re-check (so never one the queue has claimed meanwhile).
    """
    if new not in _RECHECK_VERDICTS:
        msg = f"a re-check cannot make a job {new.value}"
        raise ValueError(msg)
    final = None if new is JobState.UNKNOWN else now
    with transaction(connection):
        cursor = connection.execute(
            "UPDATE jobs SET state = ?, updated_at = ?, reason = ?, code = COALESCE(?, code), "
            "finished_at = COALESCE(?, finished_at), recheck = 0 "
            "WHERE id = ? AND state = 'queued' AND recheck = 1",
            (new.value, now, reason, code, final, job_id),
        )
        return bool(cursor.rowcount)


def clear_recheck(connection: sqlite3.Connection, job_id: int) -> bool:
    """The re-check found nothing: the job leaves as any queued job (still queued)."""
    with transaction(connection):
        cursor = connection.execute(
            "UPDATE jobs SET recheck = 0 WHERE id = ? AND state = 'queued' AND recheck = 1",
            (job_id,),
        )
        return bool(cursor.rowcount)


def jobs_with_digests(
    connection: sqlite3.Connection, digests: Sequence[str], states: Iterable[JobState]
) -> list[EarlierJob]:
    """The jobs in ``states`` whose payload digest is one of ``digests`` (index ``jobs_digest``)."""
    wanted = sorted(set(digests))
    values = [state.value for state in states]
    found: list[EarlierJob] = []
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks, state_marks = ",".join("?" * len(chunk)), ",".join("?" * len(values))
        query = (
            "SELECT j.id, j.campaign_id, j.digest, j.state, "  # noqa: S608
            "COALESCE(j.submitting_at, j.created_at), c.service "
            "FROM jobs j JOIN campaigns c ON c.id = j.campaign_id "
            f"WHERE j.digest IN ({marks}) AND j.state IN ({state_marks})"
        )
        rows = connection.execute(query, (*chunk, *values))
        found += [
            EarlierJob(row[0], row[1], row[2], JobState(row[3]), float(row[4]), row[5])
            for row in rows
        ]
    return sorted(found, key=lambda job: job.id)


def scheduled(
    connection: sqlite3.Connection, sender: str, service: str
) -> list[tuple[int, float, int]]:
    """``(campaign id, not_before, queued jobs)`` of every scheduled campaign with queued jobs.

    Only those of one PEC address (case ignored) on one service (or on none), oldest time first.
    """
    rows = connection.execute(
        "SELECT c.id, c.not_before, COUNT(j.id) FROM campaigns c "
        "JOIN jobs j ON j.campaign_id = c.id AND j.state = 'queued' "
        "WHERE c.not_before > 0 AND lower(c.sender) = lower(?) AND c.service IN ('', ?) "
        "GROUP BY c.id ORDER BY c.not_before, c.id",
        (sender, service),
    )
    return [(int(cid), float(at), int(n)) for cid, at, n in rows]

