"""QueueStore: the durable journal of campaigns and jobs behind the send queue (async API).

Every method runs its SQL on the database thread (:class:`~pecdesk.storage.db.Database`), so an
event loop awaiting it stays free; every state change is one committed, fsync'd transaction.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

from pecdesk.domain.jobs import JobState, sent_from
from pecdesk.storage import jobs_sql
from pecdesk.storage.db import Database
from pecdesk.storage.lock import RunnerLock
from pecdesk.storage.queue_schema import QUEUE_MIGRATIONS
from pecdesk.storage.records import (
    CampaignSummary,
    EarlierJob,
    JobRecord,
    NewCampaign,
    Outcome,
    SendPayload,
)

STORE_FILE_NAME = "pecdesk.sqlite3"
LOCK_FILE_NAME = "send-queue.lock"
INTERRUPTED = "interrupted while being sent: it may or may not have left"


def _in(column: str, values: Collection[object]) -> str:
    return f"{column} IN ({','.join('?' * len(values))})"


_UNSETTLED = (JobState.UNKNOWN, JobState.NOT_SENT)
"""The states reconciliation may settle."""


class QueueStore:
    """Campaigns, jobs, recipients, payload digests, states and attempts.

    Attributes:
        database: the database the store lives in.
    """

    def __init__(self, database: Database, *, clock: Callable[[], float] = time.time) -> None:
        self.database = database
        self._clock = clock

    @classmethod
    def open(cls, data_dir: Path, *, clock: Callable[[], float] = time.time) -> QueueStore:
        """Open (creating and migrating if needed) the store in ``data_dir``."""
        database = Database(data_dir / STORE_FILE_NAME, migrations=QUEUE_MIGRATIONS)
        return cls(database, clock=clock)

    def close(self) -> None:
        """Close the database."""
        self.database.close()

    def runner_lock(self) -> RunnerLock:
        """The lock every process running this store's queue must hold (GUI and CLI alike)."""
        return RunnerLock(self.database.path.with_name(LOCK_FILE_NAME))

    async def add_campaign(self, new: NewCampaign) -> int:
        """Enqueue a campaign and all its jobs atomically; return the campaign id."""
        now = self._clock()
        return await self.database.run(lambda c: jobs_sql.insert_campaign(c, new, now))

    async def jobs_with_digests(
        self, digests: Collection[str], *, states: Collection[JobState]
    ) -> list[EarlierJob]:
        """The jobs in ``states`` that send one of these payloads (the repeat guard's look-up)."""
        wanted, among = list(digests), list(states)
        return await self.database.run(lambda c: jobs_sql.jobs_with_digests(c, wanted, among))

    async def find_campaign(self, digest: str) -> CampaignSummary | None:
        """The latest stored campaign with this digest (the very same PECs), if any."""
        row = await self.database.run(
            lambda c: c.execute(
                "SELECT MAX(id) FROM campaigns WHERE digest = ?", (digest,)
            ).fetchone()
        )
        if row is None or row[0] is None:
            return None
        found = [s for s in await self.campaigns() if s.id == row[0]]
        return found[0] if found else None

    async def recover_interrupted(self) -> list[int]:
        """Jobs left *submitting* by a process that died become *unknown*; return their ids."""
        now = self._clock()
        return await self.database.run(
            lambda c: jobs_sql.recover_interrupted(c, now, INTERRUPTED)
        )

    async def next_queued(
        self,
        sender: str,
        service: str,
        *,
        due_by: float | None = None,
        skip: Collection[int] = (),
    ) -> JobRecord | None:
        """The oldest queued job that is due (its ``next_attempt_at`` may still lie ahead).

        Args:
            sender: only jobs sent from this PEC address (case ignored).
            service: only jobs for this service (:func:`~pecdesk.domain.jobs.service_key`),
                or for no service in particular (queued before campaigns were bound to one).
            due_by: POSIX time; jobs of campaigns scheduled after it are not due (default:
                now, by the store's clock).
            skip: campaigns whose jobs are held back (not returned).
        """
        due = self._clock() if due_by is None else due_by
        held = sorted(skip)
        return await self.database.run(
            lambda c: jobs_sql.next_queued(c, sender, service, due, held)
        )

    async def scheduled(self, sender: str, service: str) -> list[tuple[int, float, int]]:
        """``(campaign id, scheduled time, queued jobs)`` of the mailbox's scheduled campaigns.

        Every campaign given a time that still holds queued jobs, due or not, oldest time
        first; only those from ``sender`` on ``service`` (see :meth:`next_queued`).
        """
        return await self.database.run(lambda c: jobs_sql.scheduled(c, sender, service))

    async def load_payload(self, job_id: int) -> SendPayload:
        """The exact request of a job, its digest verified."""
        return await self.database.run(lambda c: jobs_sql.load_payload(c, job_id))

    async def claim(
        self, job_id: int, *, start_at: float | None = None, clock_offset: float | None = None
    ) -> int | None:
        """Durably mark a queued job *submitting*; the attempt id, or None if not queued.

        Args:
            job_id: the job.
            start_at: POSIX time its request is planned to start (default: now).
            clock_offset: the service's clock minus ours, as last measured (None: unknown);
                reconciliation reads the job's time in the service's clock with it.
        """
        start = self._clock() if start_at is None else start_at
        return await self.database.run(lambda c: jobs_sql.claim(c, job_id, start, clock_offset))

    async def finish(self, job_id: int, attempt_id: int, outcome: Outcome) -> bool:
        """Durably record the answer to a job's request."""
        now = self._clock()
        return await self.database.run(
            lambda c: jobs_sql.finish(c, job_id, attempt_id, outcome, now)
        )

    async def jobs(
        self,
        *,
        states: Collection[JobState] | None = None,
        campaign_ids: Collection[int] | None = None,
        job_ids: Collection[int] | None = None,
    ) -> list[JobRecord]:
        """Jobs filtered by state, campaign and id (each filter optional), in id order."""
        where, params = self._filter(states, campaign_ids, job_ids)
        return await self.database.run(lambda c: jobs_sql.select_jobs(c, where, params))

    async def counts(self, campaign_ids: Collection[int] | None = None) -> dict[JobState, int]:
        """How many jobs are in each state (states with none are absent)."""
        where, params = self._filter(None, campaign_ids, None)

        def query(c: sqlite3.Connection) -> dict[JobState, int]:
            rows = c.execute(
                f"SELECT j.state, COUNT(*) FROM jobs j WHERE {where} GROUP BY j.state",  # noqa: S608
                params,
            )
            return {JobState(state): int(n) for state, n in rows}

        return await self.database.run(query)

    async def campaigns(self, *, only_open: bool = False) -> list[CampaignSummary]:
        """Every campaign with its job counts (``only_open``: those with jobs not yet final)."""

        def query(c: sqlite3.Connection) -> list[CampaignSummary]:
            found: dict[int, CampaignSummary] = {}
            for cid, created, subject, one, sender, service, later, state, n in c.execute(
                "SELECT c.id, c.created_at, c.subject, c.one_for_all, c.sender, c.service, "
                "c.not_before, j.state, COUNT(j.id) FROM campaigns c "
                "LEFT JOIN jobs j ON j.campaign_id = c.id GROUP BY c.id, j.state ORDER BY c.id"
            ):
                summary = found.setdefault(
                    cid,
                    CampaignSummary(cid, created, subject, bool(one), {}, sender, service, later),
                )
                if state is not None:
                    summary.counts[JobState(state)] = int(n)
            summaries = list(found.values())
            if only_open:
                summaries = [s for s in summaries if s.is_open]
            return summaries

        return await self.database.run(query)

    async def cancel(self, job_ids: Sequence[int]) -> list[int]:
        """Cancel those of ``job_ids`` that are still queued; return the cancelled ids."""
        return await self._set(job_ids, JobState.CANCELLED, reason="cancelled by the user")

    async def cancel_queued(self, campaign_ids: Collection[int] | None = None) -> list[int]:
        """Cancel every queued job (of the given campaigns); return the cancelled ids."""
        queued = await self.jobs(states=[JobState.QUEUED], campaign_ids=campaign_ids)
        return await self.cancel([job.id for job in queued])

    async def mark_submitted(self, job_id: int, code: str, reason: str) -> bool:
        """Reconciliation found the job's ACCETTAZIONE: unknown/not sent → submitted(code).

        Only from those two states: the app reconciles while its queue runs, and a job the
        person re-queued meanwhile belongs to the queue's journal from then on.
        """
        return bool(await self._set([job_id], JobState.SUBMITTED, reason=reason, code=code,
                                    sources=_UNSETTLED))

    async def mark_rejected(self, job_id: int, code: str, reason: str) -> bool:
        """Reconciliation found an AVVISO DI NON ACCETTAZIONE: unknown/not sent → rejected."""
        return bool(await self._set([job_id], JobState.REJECTED, reason=reason, code=code,
                                    sources=_UNSETTLED))

    async def mark_not_sent(self, job_ids: Sequence[int], reason: str) -> list[int]:
        """Reconciliation found no ACCETTAZIONE within the grace window: unknown → not sent."""
        return await self._set(
            job_ids, JobState.NOT_SENT, reason=reason, sources=[JobState.UNKNOWN]
        )

    async def requeue_not_sent(self, job_ids: Sequence[int]) -> list[int]:
        """The user confirmed: these *not sent* jobs go back in the queue; their ids.

        Each is marked ``recheck``: a queue given a re-checker looks for its receipt once more
        right before it leaves (:meth:`pecdesk.services.receipts.reconcile.Reconciler.recheck`).
        Jobs no longer *not sent* are left alone.
        """
        ids = list(job_ids)
        now = self._clock()
        return await self.database.run(lambda c: jobs_sql.requeue(c, ids, now))

    async def requeue_not_sent_from(self, sender: str) -> list[int]:
        """:meth:`requeue_not_sent` every *not sent* job of mailbox ``sender`` (case ignored).

        The store holds every account's jobs: another mailbox's go again only from there.
        """
        jobs = await self.jobs(states=[JobState.NOT_SENT])
        return await self.requeue_not_sent([j.id for j in jobs if sent_from(j.sender, sender)])

    async def settle_rechecked(
        self, job_id: int, state: JobState, *, reason: str, code: str | None = None
    ) -> bool:
        """A re-queued job's last look found a receipt: queued → ``state``.

        Submitted or rejected with the receipt's code, or unknown when the receipt may be
        another job's. Only a job still marked ``recheck``; False when it was not (claimed,
        cancelled or checked meanwhile).
        """
        now = self._clock()
        return await self.database.run(
            lambda c: jobs_sql.settle_rechecked(c, job_id, state, now, reason=reason, code=code)
        )

    async def clear_recheck(self, job_id: int) -> bool:
        """A re-queued job's last look found nothing: it leaves as any queued job."""
        return await self.database.run(lambda c: jobs_sql.clear_recheck(c, job_id))

    async def offset_near(self, at: float, within: float) -> float | None:
        """The clock offset measured at the claim nearest to ``at`` (ours), within ``within`` s.

        For a job claimed before its process had heard the service's clock: the offset of its
        neighbours in time stands in for its own.
        """
        row = await self.database.run(
            lambda c: c.execute(
                "SELECT clock_offset FROM jobs WHERE clock_offset IS NOT NULL "
                "AND submitting_at BETWEEN ? AND ? ORDER BY ABS(submitting_at - ?) LIMIT 1",
                (at - within, at + within, at),
            ).fetchone()
        )
        return None if row is None else float(row[0])

    async def used_codes(self) -> set[str]:
        """Every sending code already attached to a job."""
        rows = await self.database.run(
            lambda c: c.execute("SELECT code FROM jobs WHERE code IS NOT NULL").fetchall()
        )
        return {str(row[0]) for row in rows}

    async def last_request_at(self) -> float | None:
        """POSIX time the most recent request of this store started, None if never."""
        row = await self.database.run(
            lambda c: c.execute("SELECT MAX(started_at) FROM attempts").fetchone()
        )
        return None if row is None or row[0] is None else float(row[0])

    async def _set(
        self,
        job_ids: Sequence[int],
        new: JobState,
        *,
        reason: str | None = None,
        code: str | None = None,
        sources: Collection[JobState] | None = None,
    ) -> list[int]:
        ids = list(job_ids)
        now = self._clock()
        return await self.database.run(
            lambda c: jobs_sql.set_states(
                c, ids, new, now, sources=sources, reason=reason, code=code
            )
        )

    @staticmethod
    def _filter(
        states: Collection[JobState] | None,
        campaign_ids: Collection[int] | None,
        job_ids: Collection[int] | None,
    ) -> tuple[str, tuple[object, ...]]:
        clauses: list[str] = ["1"]
        params: list[object] = []
        for column, values in (
            ("j.state", None if states is None else [s.value for s in states]),
            ("j.campaign_id", campaign_ids),
            ("j.id", job_ids),
        ):
            if values is not None:
                clauses.append(_in(column, values))
                params.extend(values)
        return " AND ".join(clauses), tuple(params)
