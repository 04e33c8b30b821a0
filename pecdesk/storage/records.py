"""What the queue store takes in and gives back: frozen records, no sqlite types."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from pecdesk.domain.jobs import AttachmentRef, JobState, Payload


@dataclass(frozen=True, slots=True)
class AttachmentData:
    """An attachment with its bytes, as stored (a copy, so a resume never depends on the file).

    Attributes:
        name: the file name the recipient sees.
        content: the bytes.
    """

    name: str
    content: bytes = field(repr=False)

    @property
    def ref(self) -> AttachmentRef:
        """Name, SHA-256 and size, for the payload digest."""
        return AttachmentRef(self.name, hashlib.sha256(self.content).hexdigest(), len(self.content))


@dataclass(frozen=True, slots=True)
class NewJob:
    """One job to enqueue: its recipients and its merged subject and body.

    Attributes:
        recipients: one address, or every address in one-PEC-for-all mode.
        subject: the subject with merge fields filled in.
        body: the body with merge fields filled in.
    """

    recipients: tuple[str, ...]
    subject: str
    body: str


@dataclass(frozen=True, slots=True)
class NewCampaign:
    """One compose action: common texts and attachments, and its jobs.

    Attributes:
        sender: the PEC address in the ``sender`` field.
        subject: the subject template (``{{field}}`` markers allowed).
        body: the body template.
        one_for_all: True when the caller explicitly asked for one PEC to all recipients.
        attachments: the attachments every job carries.
        jobs: the jobs, in sending order.
    """

    sender: str
    subject: str
    body: str
    one_for_all: bool
    attachments: tuple[AttachmentData, ...]
    jobs: tuple[NewJob, ...]

    def digest(self) -> str:
        """SHA-256 over every job's payload digest: equal campaigns have equal digests."""
        refs = tuple(a.ref for a in self.attachments)
        hasher = hashlib.sha256()
        for job in self.jobs:
            payload = Payload(self.sender, job.recipients, job.subject, job.body, refs)
            hasher.update(payload.digest().encode("ascii"))
        return hasher.hexdigest()


@dataclass(frozen=True, slots=True)
class JobRecord:
    """One job as the store has it.

    Attributes:
        id: the job's id.
        campaign_id: the campaign it belongs to.
        position: its place in the campaign (0-based).
        recipients: its recipients.
        subject: the subject it sends.
        sender: the sender it sends from.
        state: where it stands.
        code: the sending code, once known.
        reason: why it is rejected, failed, unknown or not sent ("" otherwise).
        attempts: requests made for it so far.
        next_attempt_at: POSIX time before which it is not retried.
        submitting_at: POSIX time its last request started (None before any).
        finished_at: POSIX time of its last outcome.
    """

    id: int
    campaign_id: int
    position: int
    recipients: tuple[str, ...]
    subject: str
    sender: str
    state: JobState
    code: str | None
    reason: str
    attempts: int
    next_attempt_at: float
    submitting_at: float | None
    finished_at: float | None


@dataclass(frozen=True, slots=True)
class SendPayload:
    """Everything needed to repeat a job's request byte for byte.

    Attributes:
        job_id: the job.
        payload: sender, recipients, texts and attachment digests.
        attachments: the attachment bytes, digests verified.
    """

    job_id: int
    payload: Payload
    attachments: tuple[AttachmentData, ...] = field(repr=False)


@dataclass(frozen=True, slots=True)
class Outcome:
    """The answer to one request, as the journal records it.

    Attributes:
        state: the job's next state (submitted, rejected, failed, unknown or queued).
        code: the sending code (submitted only).
        reason: a short explanation for people.
        retry_at: POSIX time before which a re-queued job is not retried.
        refund_attempt: True when the request certainly never reached the service's logic
            (refused credentials) and must not count toward the attempt limit.
    """

    state: JobState
    code: str | None = None
    reason: str = ""
    retry_at: float = 0.0
    refund_attempt: bool = False


@dataclass(frozen=True, slots=True)
class CampaignSummary:
    """A campaign and how its jobs stand.

    Attributes:
        id: the campaign id.
        created_at: POSIX time it was enqueued.
        subject: the subject template.
        one_for_all: whether it is one PEC to all recipients.
        counts: jobs by state (states with no job are absent).
        sender: the PEC address it sends from (its account's mailbox).
    """

    id: int
    created_at: float
    subject: str
    one_for_all: bool
    counts: dict[JobState, int]
    sender: str = ""

    @property
    def is_open(self) -> bool:
        """True while some job may still change (queued, in flight, unknown or not sent)."""
        return any(not state.is_final for state in self.counts)
