"""One look at the mailbox for reconciliation: receipts found, jobs pending, times compared.

The rule itself is stated in :mod:`pecdesk.services.receipts.reconcile`; this module holds the
pieces of one look: which rows are receipts, when each job's request started in the service's clock
(and by how much that may be off), and the one-to-one pairing of receipts and jobs.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from pecdesk.domain.models import InboxItem
from pecdesk.services.mailbox.paging import ReadBack
from pecdesk.storage import JobRecord

_RECEIPT = re.compile(
    r"^(?P<prefix>AVVISO DI NON ACCETTAZIONE|ACCETTAZIONE):\s*(?P<subject>.*?)\s+(?P<code>\d{6,})$",
    re.DOTALL,
)
EXPECTED_DELAY = 1.0
"""Seconds from a request to its ACCETTAZIONE, for ranking (not judging) the candidates."""


def norm_subject(subject: str) -> str:
    """The subject with its runs of white space made single spaces."""
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

    @property
    def at(self) -> float | None:
        """Its date in the service's clock (POSIX), None when unreadable."""
        return None if self.item.date is None else self.item.date.timestamp()


def receipt_candidate(item: InboxItem) -> Candidate | None:
    """The receipt an inbox row is (ACCETTAZIONE or AVVISO DI NON ACCETTAZIONE), else None."""
    match = _RECEIPT.match(item.subject.strip())
    if match is None:
        return None
    accepted = match.group("prefix") == "ACCETTAZIONE"
    return Candidate(item, norm_subject(match.group("subject")), match.group("code"), accepted)


class Judge(Protocol):
    """What a look needs from the reconciler that takes it.

    Attributes:
        tolerance: seconds a job's request time may be off when its offset was measured.
        unmeasured: seconds it may be off otherwise.
    """

    tolerance: float
    unmeasured: float

    @property
    def offset(self) -> float | None:
        """The service's clock minus ours, as last measured."""
        ...

    async def read_back(
        self, query: str | None, since: float | None, *, reuse: float = 0.0
    ) -> ReadBack:
        """The mailbox (or a search of it) read back to ``since``."""
        ...

    async def named(self, candidate: Candidate) -> set[str]:
        """Every address a receipt's body names."""
        ...

    def noise(self, job: JobRecord) -> set[str]:
        """Addresses that prove nothing about a receipt's recipients."""
        ...


@dataclass(frozen=True, slots=True)
class Start:
    """When a job's request started in the service's clock, and by how much that may be off.

    Attributes:
        at: the estimate (None: the job never had a request).
        margin: how far off it may be (``inf``: no offset was ever measured).
    """

    at: float | None
    margin: float


class Look:
    """One look at the mailbox: the jobs it is about, the receipts found, the clocks."""

    def __init__(
        self,
        owner: Judge,
        pending: Sequence[JobRecord],
        used: set[str],
        offsets: dict[int, float],
    ) -> None:
        self.owner = owner
        self.used = used
        self.offsets = offsets  # each job's measured (or its neighbours') clock offset
        self.pool: dict[int, Candidate] = {}
        self._index: dict[str, dict[str, list[int]]] = {}  # subject → address → receipt ids
        self.contenders = [j for j in pending if j.submitting_at is not None]
        self.others: dict[str, set[str]] = {}
        for job in pending:
            self.others.setdefault(norm_subject(job.subject), set()).update(
                r.lower() for r in job.recipients
            )

    def start(self, job: JobRecord) -> Start:
        """The job's request start in the service's clock."""
        if job.submitting_at is None:
            return Start(None, math.inf)
        own = self.offsets.get(job.id)
        if own is not None:
            return Start(job.submitting_at + own, self.owner.tolerance)
        offset = self.owner.offset
        if offset is not None:
            return Start(job.submitting_at + offset, self.owner.unmeasured)
        return Start(job.submitting_at, math.inf)

    def since(self, jobs: Iterable[JobRecord]) -> float | None:
        """How far back the mailbox must be read for these jobs (None: to its end)."""
        bounds = []
        for job in jobs:
            start = self.start(job)
            if start.at is None or math.isinf(start.margin):
                return None
            bounds.append(start.at - max(start.margin, self.owner.unmeasured))
        return min(bounds, default=None)

    def elapsed(self, job: JobRecord, now: float) -> float:
        """Seconds surely passed since the job's request, in the service's clock."""
        if job.submitting_at is None:
            return math.inf
        offset, own = self.owner.offset, self.offsets.get(job.id)
        if own is not None and offset is not None:
            return (now + offset) - (job.submitting_at + own)
        return now - job.submitting_at - self.owner.unmeasured

    async def read(
        self, query: str | None, jobs: Sequence[JobRecord], *, reuse: float = 0.0
    ) -> bool:
        """Add to the pool the receipts of a search for these jobs; True if read completely."""
        since = self.since(jobs)
        subjects = {norm_subject(j.subject) for j in jobs}
        found = await self.owner.read_back(query, since, reuse=reuse)
        for item in found.items:
            candidate = receipt_candidate(item)
            if candidate and candidate.code not in self.used and candidate.subject in subjects:
                self.pool[item.id] = candidate
                self._index.pop(candidate.subject, None)
        return found.complete

    async def fits(self, candidate: Candidate, job: JobRecord) -> bool:
        """Whether the receipt names the job's recipients and none of another pending job's."""
        if candidate.subject != norm_subject(job.subject):
            return False
        named = await self.owner.named(candidate)
        noise = self.owner.noise(job)
        wanted = {r.lower() for r in job.recipients}
        others = self.others.get(candidate.subject, set())
        return wanted - noise <= named and not named & (others - wanted - noise)

    def after(self, candidate: Candidate, job: JobRecord, *, wide: bool) -> bool:
        """Whether the receipt is not older than the job's request (give or take the margin)."""
        start, at = self.start(job), candidate.at
        if at is None or start.at is None or math.isinf(start.margin):
            return True
        margin = max(start.margin, self.owner.unmeasured) if wide else start.margin
        return at >= start.at - margin

    async def _naming(self, job: JobRecord) -> list[tuple[int, Candidate]]:
        """The pool's receipts of the job's subject that name one of its recipients.

        A cheap first cut (:meth:`fits` decides); each receipt's body is read once.
        """
        subject = norm_subject(job.subject)
        index = self._index.get(subject)
        if index is None:
            index = {}
            for item_id, candidate in self.pool.items():
                if candidate.subject == subject:
                    for address in await self.owner.named(candidate):
                        index.setdefault(address, []).append(item_id)
            self._index[subject] = index
        wanted = {r.lower() for r in job.recipients} - self.owner.noise(job)
        if wanted:
            ids = sorted(set(index.get(min(wanted), [])))
        else:  # only addresses every receipt names: any receipt of the subject
            ids = sorted({i for found in index.values() for i in found})
        return [(item_id, self.pool[item_id]) for item_id in ids]

    async def match(self) -> dict[int, Candidate]:
        """Pair jobs (every contender) and receipts one to one, nearest in time first."""
        pairs: list[tuple[float, int, int]] = []
        for job in self.contenders:
            start = self.start(job)
            for item_id, candidate in await self._naming(job):
                if not self.after(candidate, job, wide=False):
                    continue
                if not await self.fits(candidate, job):
                    continue
                at = candidate.at
                cost = 1e12 if at is None or start.at is None else abs(
                    at - start.at - EXPECTED_DELAY
                )
                pairs.append((cost, job.id, item_id))
        matches: dict[int, Candidate] = {}
        taken: set[int] = set()
        for _cost, job_id, item_id in sorted(pairs):
            if job_id not in matches and item_id not in taken:
                matches[job_id] = self.pool[item_id]
                taken.add(item_id)
        return matches

    async def contested(self, job: JobRecord) -> bool:
        """Whether some receipt found could be the job's (even if given to another job)."""
        for _item_id, candidate in await self._naming(job):
            if self.after(candidate, job, wide=True) and await self.fits(candidate, job):
                return True
        return False
