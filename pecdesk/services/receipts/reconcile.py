"""Reconciliation: settle *unknown* jobs from the ACCETTAZIONE receipts in the mailbox.

A job is unknown when its request may or may not have been committed. If it was, the service
drops ``ACCETTAZIONE: <subject> <code>`` into the sending mailbox, and that receipt's body names
every recipient. The rule, which a wrong PC clock, a big mailbox or the sender writing to
itself cannot fool:

- **A receipt is this job's only if** its code is owned by no job, its subject is the job's,
  and its body names every recipient of the job and no recipient of any other job still
  pending with that subject (queued, in flight, unknown or not sent). The sending mailbox, the
  ``sender`` and addresses written in the subject prove nothing: every receipt of that subject
  names them (so a job to the sender's own address is matched by what else its receipt names).
- **Times are the service's.** Receipt dates are the service's clock; a job's request time is
  ours, turned into the service's with the offset measured when it was claimed
  (``jobs.clock_offset``, from the ``Date`` header of the latest answer; for a job claimed
  before its process had heard the service, the offset of the nearest claim within
  ``NEIGHBOURS`` seconds); "now" is ours plus the offset the client measures while reading
  the mailbox. A receipt dated more than ``tolerance`` before the request (``unmeasured`` when
  no offset was measured for the job) is not given to it; when several jobs could own a
  receipt, the nearest in time gets it, one receipt per job.
- **"Not sent" only when nothing could be its receipt**: no receipt as above dated after the
  request minus ``unmeasured`` (whoever got it), in a reading of the whole mailbox back to
  that moment, once ``grace`` seconds have passed in the service's clock. When either offset
  is missing, the wait is ``grace`` plus ``unmeasured`` on our own clock. A receipt that could
  be the job's but went to another job, or that its time rules out, leaves it *unknown*.
- **Pages are read back to the job's time, however many** (:meth:`InboxPager.read_back`); a
  read that could not reach it decides no "not sent".

A not-sent job goes again only when the person confirms (:meth:`QueueStore.requeue_not_sent`);
right before it leaves, :meth:`Reconciler.recheck` looks once more.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pecdesk.api import PecMassivaClient
from pecdesk.domain.jobs import JobState, addresses_in, sent_from, service_key
from pecdesk.services.events import Events
from pecdesk.services.mailbox.paging import InboxPager, ReadBack
from pecdesk.services.receipts.match import Candidate, Look, norm_subject
from pecdesk.storage import JobRecord, QueueStore

DEFAULT_GRACE = 1800.0
"""Seconds after a request before a missing ACCETTAZIONE means "not sent" (receipts can lag)."""
TOLERANCE = 300.0
"""Seconds a job's request time may be off in the service's clock when its offset was measured."""
UNMEASURED = 3 * 3600.0
"""Seconds it may be off otherwise (our clock may have been changed since): hours."""
REUSE_FOR_RECHECK = 30.0
"""Seconds a whole-mailbox reading serves the next re-checks (a re-send of many PECs does not
read the mailbox back once per PEC); the search by subject before it is always fresh."""
NEIGHBOURS = 600.0
"""A job claimed before its process heard the service's clock takes the offset measured at the
nearest claim within this many seconds (ours) instead."""

_TAGS = re.compile(r"<[^>]*>")
_UNSETTLED = (JobState.UNKNOWN, JobState.NOT_SENT)
_PENDING = (JobState.QUEUED, JobState.SUBMITTING, JobState.UNKNOWN, JobState.NOT_SENT)


@dataclass(frozen=True, slots=True)
class ReconcileReport:
    """What one reconciliation pass decided.

    Attributes:
        submitted: ``(job id, code)`` of the jobs found sent.
        rejected: ``(job id, code)`` of the jobs found refused (AVVISO DI NON ACCETTAZIONE).
        not_sent: ids of the jobs with no receipt after the grace window.
        unknown: ids of the jobs still waiting (inside the grace window, or a receipt that
            may be theirs went to another job).
    """

    submitted: tuple[tuple[int, str], ...] = ()
    rejected: tuple[tuple[int, str], ...] = ()
    not_sent: tuple[int, ...] = ()
    unknown: tuple[int, ...] = ()


class Reconciler:
    """Matches unknown (and not-sent) jobs with receipts found in the mailbox.

    Only the jobs of ``sender`` (case ignored) queued for ``service`` are looked at (jobs
    queued before campaigns were bound to a service count as any service's): the receipts of
    another account's or another service's sendings are in another mailbox, so not finding
    them here proves nothing. ``clock`` must be the client's clock (the offsets it measures
    are against it), and the queue's. Each job it settles is announced on ``events``
    (``job_changed``).
    """

    def __init__(
        self,
        *,
        store: QueueStore,
        client: PecMassivaClient,
        clock: Callable[[], float] = time.time,
        sender: str,
        service: str,
        tolerance: float = TOLERANCE,
        unmeasured: float = UNMEASURED,
        events: Events | None = None,
    ) -> None:
        self._store = store
        self._sender = sender
        self._service = service_key(service)
        self._events = events if events is not None else Events()
        self._client = client
        self.pages = InboxPager(client)  # the newest page first, whatever the page base
        self._clock = clock
        self.tolerance = tolerance
        self.unmeasured = max(unmeasured, tolerance)
        self._bodies: dict[int, set[str]] = {}
        self._last_full: tuple[float, float | None, ReadBack] | None = None

    async def read_back(
        self, query: str | None, since: float | None, *, reuse: float = 0.0
    ) -> ReadBack:
        """The mailbox (or a search of it) read back to ``since``, in the service's clock.

        A complete reading of the whole mailbox (``query`` None) at most ``reuse`` seconds old
        that reached at least as far back is given again instead of reading it anew.
        """
        last = self._last_full
        if query is None and reuse > 0 and last is not None:
            taken, reached, found = last
            covers = reached is None or (since is not None and reached <= since)
            if time.monotonic() - taken <= reuse and found.complete and covers:
                return found
        found = await self.pages.read_back(query, since)
        if query is None:
            self._last_full = (time.monotonic(), since, found)
        return found

    @property
    def offset(self) -> float | None:
        """The service's clock minus ours, as the client last measured it."""
        return self._client.clock_offset

    def _own(self, job: JobRecord) -> bool:
        return sent_from(job.sender, self._sender) and job.service in ("", self._service)

    async def _look(self, extra: JobRecord | None = None) -> tuple[list[JobRecord], Look]:
        """The pending jobs of this mailbox and service (and ``extra``), ready to be matched."""
        if self.offset is None:
            await self.pages.page(1)  # its answer's Date header tells the service's clock
        pending = [j for j in await self._store.jobs(states=_PENDING) if self._own(j)]
        if extra is not None and extra.id not in {j.id for j in pending}:
            pending.append(extra)
        offsets: dict[int, float] = {}
        for job in pending:
            if job.clock_offset is not None:
                offsets[job.id] = job.clock_offset
            elif job.submitting_at is not None:  # claimed before its process heard the service
                near = await self._store.offset_near(job.submitting_at, NEIGHBOURS)
                if near is not None:
                    offsets[job.id] = near
        return pending, Look(self, pending, await self._store.used_codes(), offsets)

    async def reconcile(self, grace: float = DEFAULT_GRACE) -> ReconcileReport:
        """One pass over every unknown and not-sent job.

        Raises:
            PecError: the mailbox could not be read (nothing is decided then).
        """
        pending, look = await self._look()
        jobs = [j for j in pending if j.state in _UNSETTLED]
        if not jobs:
            return ReconcileReport()
        for subject in sorted({norm_subject(job.subject) for job in jobs}):
            await look.read(subject, [j for j in jobs if norm_subject(j.subject) == subject])
        matches = await look.match()
        overdue = await self._overdue(look, jobs, matches, grace)
        if overdue:  # before declaring anything unsent, read the whole mailbox back to them
            complete = await look.read(None, overdue)
            matches = await look.match()
            overdue = await self._overdue(look, overdue, matches, grace) if complete else []
        return await self._apply(jobs, matches, overdue, grace)

    async def _overdue(
        self, look: Look, jobs: Iterable[JobRecord], matches: dict[int, Candidate], grace: float
    ) -> list[JobRecord]:
        """Unknown jobs past the grace with no receipt that could be theirs."""
        now = self._clock()
        return [
            j for j in jobs
            if j.state is JobState.UNKNOWN and j.id not in matches
            and look.elapsed(j, now) >= grace and not await look.contested(j)
        ]

    async def recheck(self, job: JobRecord) -> bool:
        """Look for a re-queued job's receipt right before it leaves again.

        Found: the job is settled (submitted or rejected with the receipt's code, or unknown
        when a receipt that may be its own went to another job, or the mailbox could not be
        read back to its time) and True is returned: do not send it. Nothing: its ``recheck``
        flag is cleared and False is returned: send it.

        Raises:
            PecError: the mailbox could not be read (nothing is decided then).
        """
        _pending, look = await self._look(job)
        await look.read(norm_subject(job.subject), [job])
        if await self._settle_rechecked(look, job):
            return True
        if not await look.read(None, [job], reuse=REUSE_FOR_RECHECK):
            return await self._store.settle_rechecked(
                job.id, JobState.UNKNOWN,
                reason="not sent again: the mailbox could not be read back to its first sending",
            )
        if await self._settle_rechecked(look, job):
            return True
        await self._store.clear_recheck(job.id)
        return False

    async def _settle_rechecked(self, look: Look, job: JobRecord) -> bool:
        matched = (await look.match()).get(job.id)
        if matched is not None:
            where = f"receipt #{matched.item.id} in the mailbox"
            state = JobState.SUBMITTED if matched.accepted else JobState.REJECTED
            reason = f"found {where} before sending it again"
            if not matched.accepted:
                reason = f"AVVISO DI NON ACCETTAZIONE ({where}, before sending it again)"
            await self._store.settle_rechecked(job.id, state, reason=reason, code=matched.code)
            return True
        if await look.contested(job):
            await self._store.settle_rechecked(
                job.id, JobState.UNKNOWN,
                reason="not sent again: a receipt in the mailbox may be this PEC's",
            )
            return True
        return False

    async def named(self, candidate: Candidate) -> set[str]:
        """Every address a receipt's body names (read once per receipt)."""
        named = self._bodies.get(candidate.item.id)
        if named is None:
            message = await self._client.message(candidate.item.id)
            named = addresses_in(html.unescape(_TAGS.sub(" ", message.body)))
            self._bodies[candidate.item.id] = named
        return named

    def noise(self, job: JobRecord) -> set[str]:
        """Addresses that prove nothing about a receipt's recipients.

        Every receipt of the job's subject names them: the sender, the mailbox, and any
        address written in the subject.
        """
        return {job.sender.lower(), self._sender.lower(), *addresses_in(job.subject)}

    async def _apply(
        self,
        jobs: list[JobRecord],
        matches: dict[int, Candidate],
        overdue: list[JobRecord],
        grace: float,
    ) -> ReconcileReport:
        submitted, rejected = [], []
        unsettled = {j.id for j in jobs}
        for job_id, candidate in matches.items():
            if job_id not in unsettled:
                continue  # a job in flight or re-queued: its answer or its re-check settles it
            where = f"receipt #{candidate.item.id} in the mailbox"
            if candidate.accepted:
                if await self._store.mark_submitted(job_id, candidate.code, f"found {where}"):
                    submitted.append((job_id, candidate.code))
            elif await self._store.mark_rejected(
                job_id, candidate.code, f"AVVISO DI NON ACCETTAZIONE ({where})"
            ):
                rejected.append((job_id, candidate.code))
        reason = f"no ACCETTAZIONE in the mailbox {grace:.0f} s after sending (service's clock)"
        not_sent = await self._store.mark_not_sent([j.id for j in overdue], reason)
        settled = {job_id for job_id, _ in (*submitted, *rejected)} | set(not_sent)
        for ids, state in (([j for j, _ in submitted], JobState.SUBMITTED),
                           ([j for j, _ in rejected], JobState.REJECTED),
                           (not_sent, JobState.NOT_SENT)):
            for job_id in ids:
                self._events.job_changed.emit(job_id, state)
        waiting = [j.id for j in jobs if j.state is JobState.UNKNOWN and j.id not in settled]
        return ReconcileReport(tuple(submitted), tuple(rejected), tuple(not_sent), tuple(waiting))
