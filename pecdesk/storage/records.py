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
        attachments: this job's own files (the recipient's own column), sent after the
            campaign's shared ones; part of its payload digest.
    """

    recipients: tuple[str, ...]
    subject: str
    body: str
    attachments: tuple[AttachmentData, ...] = ()


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
        service: the service it goes to (:func:`~pecdesk.domain.jobs.service_key` of the
            account's base URL; ``SendQueue.enqueue`` stamps it). "" for campaigns queued
            before campaigns were bound to a service.
        not_before: POSIX time before which none of its jobs may leave (a sending scheduled
            for later); 0 sends at once. Not part of the digest: the same PECs at another
            time are the same PECs.
    """

    sender: str
    subject: str
    body: str
    one_for_all: bool
    attachments: tuple[AttachmentData, ...]
    jobs: tuple[NewJob, ...]
    service: str = ""
    not_before: float = 0.0

    def payload(self, job: NewJob) -> Payload:
        """Exactly what ``job`` sends: the campaign's files first, then the job's own."""
        refs = tuple(a.ref for a in (*self.attachments, *job.attachments))
        return Payload(self.sender, job.recipients, job.subject, job.body, refs)

    def job_digests(self) -> tuple[str, ...]:
        """Each job's payload digest, in job order (what the repeat guard looks up)."""
        return tuple(self.payload(job).digest() for job in self.jobs)

    def digest(self) -> str:
        """SHA-256 over every job's payload digest: equal campaigns have equal digests."""
        hasher = hashlib.sha256()
        for digest in self.job_digests():
            hasher.update(digest.encode("ascii"))
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
        service: the service its campaign goes to ("" when queued before that was stored).
        recheck: True once the person re-queued it after "not sent": the mailbox is looked at
            once more, right before it leaves (a late receipt stops it).
        clock_offset: the service's clock minus ours (seconds) as measured when its last
            request was claimed; None when not measured. Reconciliation reasons in the
            service's time with it.
        not_before: its campaign's scheduled time (POSIX); 0 when it was not scheduled.
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
    service: str = ""
    recheck: bool = False
    clock_offset: float | None = None
    not_before: float = 0.0


@dataclass(frozen=True, slots=True)
class SendPayload:
    """Everything needed to repeat a job's request byte for byte.

    Attributes:
        job_id: the job.
        payload: sender, recipients, texts and attachment digests.
        attachments: the attachment bytes, digests verified: the campaign's, then the job's.
        own: how many of ``attachments`` (the last ones) are the job's own files.
    """

    job_id: int
    payload: Payload
    attachments: tuple[AttachmentData, ...] = field(repr=False)
    own: int = 0

    @property
    def shared(self) -> tuple[AttachmentData, ...]:
        """The campaign's files, which every job of it carries."""
        return self.attachments[: len(self.attachments) - self.own]

    @property
    def own_files(self) -> tuple[AttachmentData, ...]:
        """This job's own files."""
        return self.attachments[len(self.attachments) - self.own :]


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
        service: the service it goes to ("" when queued before that was stored).
        not_before: POSIX time it is scheduled for; 0 when it was sent at once.
    """

    id: int
    created_at: float
    subject: str
    one_for_all: bool
    counts: dict[JobState, int]
    sender: str = ""
    service: str = ""
    not_before: float = 0.0

    @property
    def is_open(self) -> bool:
        """True while some job may still change (queued, in flight, unknown or not sent)."""
        return any(not state.is_final for state in self.counts)

    def scheduled_at(self, now: float) -> float | None:
        """Its scheduled time while it still holds queued jobs for later; else None."""
        if self.not_before > now and self.counts.get(JobState.QUEUED):
            return self.not_before
        return None


@dataclass(frozen=True, slots=True)
class EarlierJob:
    """A stored job with the same payload digest as a job about to be sent (the repeat guard).

    Attributes:
        id: the job's id.
        campaign_id: its campaign.
        digest: its payload digest.
        state: where it stands.
        at: POSIX time its last request started, else when it was queued.
        service: the service its campaign goes to ("" when queued before that was stored).
    """

    id: int
    campaign_id: int
    digest: str
    state: JobState
    at: float
    service: str = ""
