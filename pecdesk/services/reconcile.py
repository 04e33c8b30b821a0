"""Reconciliation: settle *unknown* jobs from the ACCETTAZIONE receipts in the mailbox.

A job is unknown when its request may or may not have been committed. If it was, the service
drops ``ACCETTAZIONE: <subject> <code>`` into the sending mailbox, and that receipt's body names
every recipient. So: page the INBOX (searching by the job's subject), keep the receipts whose
subject is exactly the job's subject plus a code that no job owns yet, read each body, and match
it to the unknown job with that subject whose recipients it names (and no recipient of another
unsettled job with that subject). Two jobs with the same subject (a mail merge that leaves the
subject alone) are told apart by their recipients; when even those agree, by the time each was
sent. One receipt is never given to two jobs. A job with no
receipt after the grace window (measured from its request) becomes *not sent*; it is sent again
only when the user confirms (:meth:`QueueStore.requeue_not_sent`).
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pecdesk.api import PecMassivaClient
from pecdesk.domain.jobs import JobState, addresses_in, sent_from
from pecdesk.domain.models import InboxItem
from pecdesk.services.paging import InboxPager
from pecdesk.storage import JobRecord, QueueStore

DEFAULT_GRACE = 1800.0
"""Seconds after a request before a missing ACCETTAZIONE means "not sent" (receipts can lag)."""

_PAGE_SIZE = 25
_RECEIPT = re.compile(
    r"^(?P<prefix>AVVISO DI NON ACCETTAZIONE|ACCETTAZIONE):\s*(?P<subject>.*?)\s+(?P<code>\d{6,})$",
    re.DOTALL,
)
_TAGS = re.compile(r"<[^>]*>")
_EXPECTED_DELAY = 1.0


def _norm(subject: str) -> str:
    return " ".join(subject.split())


@dataclass(frozen=True, slots=True)
class Candidate:
    """A receipt that may belong to one of the unknown jobs.

    Attributes:
        item: the inbox row.
        subject: the original subject it names (normalized).
        code: the sending code it carries.
        accepted: True for ACCETTAZIONE, False for AVVISO DI NON ACCETTAZIONE.
    """

    item: InboxItem
    subject: str
    code: str
    accepted: bool


@dataclass(frozen=True, slots=True)
class ReconcileReport:
    """What one reconciliation pass decided.

    Attributes:
        submitted: ``(job id, code)`` of the jobs found sent.
        rejected: ``(job id, code)`` of the jobs found refused (AVVISO DI NON ACCETTAZIONE).
        not_sent: ids of the jobs with no receipt after the grace window.
        unknown: ids of the jobs still waiting (inside the grace window).
    """

    submitted: tuple[tuple[int, str], ...] = ()
    rejected: tuple[tuple[int, str], ...] = ()
    not_sent: tuple[int, ...] = ()
    unknown: tuple[int, ...] = ()


class Reconciler:
    """Matches unknown (and not-sent) jobs with receipts found in the mailbox.

    Given a ``sender``, only that PEC address's jobs are looked at: the receipts of another
    account's sendings are in another mailbox, so not finding them here proves nothing.
    """

    def __init__(
        self,
        *,
        store: QueueStore,
        client: PecMassivaClient,
        clock: Callable[[], float] = time.time,
        max_pages: int = 400,
        clock_skew: float = 300.0,
        sender: str | None = None,
    ) -> None:
        self._store = store
        self._sender = sender
        self._client = client
        self._pages = InboxPager(client)  # the newest page first, whatever the page base
        self._clock = clock
        self._max_pages = max_pages
        self._skew = clock_skew
        self._bodies: dict[int, set[str]] = {}

    async def reconcile(self, grace: float = DEFAULT_GRACE) -> ReconcileReport:
        """One pass over every unknown and not-sent job.

        Raises:
            PecError: the mailbox could not be read (nothing is decided then).
        """
        jobs = await self._store.jobs(states=[JobState.UNKNOWN, JobState.NOT_SENT])
        # Another account's receipts are in another mailbox.
        jobs = [j for j in jobs if sent_from(j.sender, self._sender)]
        if not jobs:
            return ReconcileReport()
        used = await self._store.used_codes()
        pool: dict[int, Candidate] = {}
        for subject in sorted({_norm(job.subject) for job in jobs}):
            await self._collect(pool, subject, used, {_norm(j.subject) for j in jobs})
        matches = await self._match(jobs, pool)
        now = self._clock()
        overdue = [
            j for j in jobs
            if j.id not in matches and j.state is JobState.UNKNOWN
            and now - (j.submitting_at or 0.0) >= grace
        ]
        if overdue:  # before declaring anything unsent, read the whole mailbox once
            await self._collect(pool, None, used, {_norm(j.subject) for j in overdue})
            matches = await self._match(jobs, pool)
            overdue = [j for j in overdue if j.id not in matches]
        return await self._apply(jobs, matches, overdue, grace)

    async def _collect(
        self, pool: dict[int, Candidate], query: str | None, used: set[str], subjects: set[str]
    ) -> None:
        """Add to ``pool`` the receipts (unowned codes, wanted subjects) of a search."""
        for page in range(1, self._max_pages + 1):
            result = await self._pages.page(page, query)
            for item in result.items:
                candidate = _candidate(item)
                if candidate and candidate.code not in used and candidate.subject in subjects:
                    pool[item.id] = candidate
            if len(result.items) < _PAGE_SIZE:
                return

    async def _named(self, candidate: Candidate) -> set[str]:
        """Every address a receipt's body names (read once per receipt)."""
        named = self._bodies.get(candidate.item.id)
        if named is None:
            message = await self._client.message(candidate.item.id)
            named = addresses_in(html.unescape(_TAGS.sub(" ", message.body)))
            self._bodies[candidate.item.id] = named
        return named

    async def _names(self, candidate: Candidate, job: JobRecord, others: set[str]) -> bool:
        """Whether the receipt names all of the job's recipients and none of ``others``.

        ``others`` are the recipients of the other unsettled jobs with the same subject: only
        their receipts can be candidates (every other job of ours either never left or owns
        its code), so a receipt naming one of them is theirs. Matching on "these and no
        other recipient" instead would trip over the other addresses a receipt names (sender,
        mailbox, message identifiers), whose wording differs between providers.
        """
        named = await self._named(candidate)
        wanted = {r.lower() for r in job.recipients}
        return wanted <= named and not named & (others - wanted)

    async def _match(
        self, jobs: Iterable[JobRecord], pool: dict[int, Candidate]
    ) -> dict[int, Candidate]:
        """Pair jobs and receipts one to one: same subject, same recipients, nearest in time."""
        jobs = list(jobs)
        by_subject: dict[str, set[str]] = {}
        for job in jobs:
            by_subject.setdefault(_norm(job.subject), set()).update(
                r.lower() for r in job.recipients
            )
        pairs: list[tuple[float, int, int]] = []
        for job in jobs:
            subject = _norm(job.subject)
            for item_id, candidate in pool.items():
                if candidate.subject != subject:
                    continue
                if not await self._names(candidate, job, by_subject[subject]):
                    continue
                cost = self._distance(job, candidate)
                if cost is not None:
                    pairs.append((cost, job.id, item_id))
        matches: dict[int, Candidate] = {}
        taken: set[int] = set()
        for _cost, job_id, item_id in sorted(pairs):
            if job_id not in matches and item_id not in taken:
                matches[job_id] = pool[item_id]
                taken.add(item_id)
        return matches

    def _distance(self, job: JobRecord, candidate: Candidate) -> float | None:
        """How far the receipt's date is from the expected one; None if it predates the job."""
        sent = job.submitting_at
        date = candidate.item.date
        if sent is None or date is None:
            return 1e12
        gap = date.timestamp() - sent
        if gap < -self._skew:
            return None  # an older receipt: some earlier PEC with the same subject
        return abs(gap - _EXPECTED_DELAY)

    async def _apply(
        self,
        jobs: list[JobRecord],
        matches: dict[int, Candidate],
        overdue: list[JobRecord],
        grace: float,
    ) -> ReconcileReport:
        submitted, rejected = [], []
        for job_id, candidate in matches.items():
            where = f"receipt #{candidate.item.id} in the mailbox"
            if candidate.accepted:
                if await self._store.mark_submitted(job_id, candidate.code, f"found {where}"):
                    submitted.append((job_id, candidate.code))
            elif await self._store.mark_rejected(
                job_id, candidate.code, f"AVVISO DI NON ACCETTAZIONE ({where})"
            ):
                rejected.append((job_id, candidate.code))
        reason = f"no ACCETTAZIONE in the mailbox {grace:.0f} s after sending"
        not_sent = await self._store.mark_not_sent([j.id for j in overdue], reason)
        settled = set(matches) | set(not_sent)
        waiting = [j.id for j in jobs if j.state is JobState.UNKNOWN and j.id not in settled]
        return ReconcileReport(tuple(submitted), tuple(rejected), tuple(not_sent), tuple(waiting))


def _candidate(item: InboxItem) -> Candidate | None:
    match = _RECEIPT.match(item.subject.strip())
    if match is None:
        return None
    accepted = match.group("prefix") == "ACCETTAZIONE"
    return Candidate(item, _norm(match.group("subject")), match.group("code"), accepted)
