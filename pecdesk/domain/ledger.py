"""What the ledger takes in and gives back: frozen records, no sqlite types."""

from __future__ import annotations

from dataclasses import dataclass, field

from pecdesk.domain.delivery import DeliveryState
from pecdesk.domain.receipts import ReceiptKind


@dataclass(frozen=True, slots=True)
class Sending:
    """One submitted job as tracking sees it: a sending code and its recipients.

    Attributes:
        job_id: the job.
        campaign_id: its campaign.
        code: the sending code.
        sender: the sender address.
        recipients: its recipients, as written.
        submitted_at: POSIX time its request started (None if unknown).
        service: the service it was sent to ("" when queued before that was stored).
    """

    job_id: int
    campaign_id: int
    code: str
    sender: str
    recipients: tuple[str, ...]
    submitted_at: float | None
    service: str = ""


@dataclass(frozen=True, slots=True)
class NewReceipt:
    """One receipt to record for a sending.

    Attributes:
        fingerprint: the receipt's identity, whichever endpoint it came from (a repeat is
            recorded once; see services.tracking.receipt_key).
        kind: its kind.
        addresses: the recipients it concerns (lower-cased).
        subject: its subject.
        body: its text.
        date_text: its date as the service wrote it.
        at: its POSIX time (the parsed date, else when it was seen).
        source: "send" (GET /send/{code}) or "inbox".
        raw: the item exactly as the service returned it, as JSON text.
    """

    fingerprint: str
    kind: ReceiptKind
    addresses: tuple[str, ...]
    subject: str
    body: str
    date_text: str
    at: float
    source: str
    raw: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class StoredReceipt:
    """A recorded receipt (for the evidence export).

    Attributes:
        job_id: the job it belongs to.
        code: the sending code.
        kind: its kind.
        addresses: the recipients it concerns.
        subject: its subject.
        date_text: its date as written.
        at: its POSIX time.
        seen_at: when pecdesk recorded it.
        source: where it was read.
        raw: the raw JSON text.
        fingerprint: the receipt's identity (services.tracking.receipt_key).
    """

    job_id: int
    code: str
    kind: ReceiptKind
    addresses: tuple[str, ...]
    subject: str
    date_text: str
    at: float
    seen_at: float
    source: str
    raw: str = field(repr=False)
    fingerprint: str = ""


@dataclass(frozen=True, slots=True)
class LedgerRow:
    """One recipient of one job: the Sent tab's and the export's row.

    Attributes:
        campaign_id: the campaign.
        job_id: the job.
        address: the recipient.
        state: the delivery state.
        code: the sending code ("" before it is known).
        reason: why it failed, was rejected or is uncertain ("" otherwise).
        temporary: a failure worth retrying.
        ordinary: an ordinary e-mail recipient (no delivery receipt).
        subject: the subject sent.
        submitted_at: when the request started.
        accepted_at: time of the ACCETTAZIONE.
        final_at: time of the receipt that made the state final (the delivery time).
        changed_at: time of the last change.
    """

    campaign_id: int
    job_id: int
    address: str
    state: DeliveryState
    code: str
    reason: str
    temporary: bool
    ordinary: bool
    subject: str
    submitted_at: float | None
    accepted_at: float | None
    final_at: float | None
    changed_at: float | None

    @property
    def is_final(self) -> bool:
        """True when this row will not change any more."""
        return self.state.is_final or (self.state is DeliveryState.ACCEPTED and self.ordinary)


@dataclass(frozen=True, slots=True)
class CampaignOverview:
    """A campaign and its recipients by delivery state.

    Attributes:
        id: the campaign id.
        created_at: when it was enqueued.
        subject: its subject template.
        counts: recipients by state.
        final: recipients whose state is final.
        parent_id: the campaign it retries, if any.
        sender: the PEC address it was sent from.
        service: the service it was sent to ("" when queued before that was stored).
        not_before: POSIX time it is scheduled for (0: sent at once).
    """

    id: int
    created_at: float
    subject: str
    counts: dict[DeliveryState, int]
    final: int
    parent_id: int | None = None
    sender: str = ""
    service: str = ""
    not_before: float = 0.0

    @property
    def scheduled_for(self) -> float | None:
        """When its PECs still waiting in the queue are due to leave; None if not scheduled."""
        waiting = self.counts.get(DeliveryState.QUEUED, 0)
        return self.not_before if self.not_before > 0 and waiting else None

    @property
    def total(self) -> int:
        """Every recipient of the campaign."""
        return sum(self.counts.values())


@dataclass(frozen=True, slots=True)
class ArchiveRecord:
    """A sending archived locally (and possibly purged from the server).

    Attributes:
        code: the sending code.
        campaign_id: its campaign.
        path: the evidence ZIP.
        sha256: the ZIP's digest.
        archived_at: when it was written.
        purged_at: when the server's copy was deleted (None: not yet).
        keep_until: end of the local retention.
    """

    code: str
    campaign_id: int
    path: str
    sha256: str
    archived_at: float
    purged_at: float | None
    keep_until: float
