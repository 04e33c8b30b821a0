"""What the evidence PDFs state: a recipient's attestation and a campaign's report (Qt-free).

The PDFs themselves need Qt, so they are drawn under :mod:`pecdesk.ui`; here is only the data
they print, gathered from the ledger and the stored payloads, so that the Sent tab, the evidence
ZIP and ``pecdesk export`` all state the same facts.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from pecdesk.domain.delivery import DeliveryState
from pecdesk.domain.jobs import Payload
from pecdesk.domain.ledger import LedgerRow, StoredReceipt
from pecdesk.domain.receipts import ReceiptKind


@dataclass(frozen=True, slots=True)
class ReceiptText:
    """One receipt of a recipient, worded as the service returned it.

    Attributes:
        kind: its kind.
        subject: its subject.
        date_text: its date as written.
        at: its POSIX time.
        body: its text.
    """

    kind: ReceiptKind
    subject: str
    date_text: str
    at: float
    body: str


@dataclass(frozen=True, slots=True)
class Attestation:
    """Everything a per-recipient attestation states.

    Attributes:
        row: the recipient's ledger row.
        sender: the sender address: the mailbox whose receipts the attestation is drawn from.
        subject: the subject sent.
        body: the message sent (HTML, as the recipient's client shows it).
        attachments: ``(name, sha256, size)`` of each attachment.
        receipts: the receipts about this recipient, in time order.
    """

    row: LedgerRow
    sender: str
    subject: str
    body: str
    attachments: tuple[tuple[str, str, int], ...]
    receipts: tuple[ReceiptText, ...]


@dataclass(frozen=True, slots=True)
class CampaignReport:
    """What a campaign's report states: who it went to and where each recipient stands.

    Attributes:
        campaign_id: the campaign.
        sender: the mailbox it was sent from (whose receipts the report is drawn from).
        subject: the subject sent (the first job's, when merge fields made them differ).
        rows: one per recipient, in ledger order.
    """

    campaign_id: int
    sender: str
    subject: str
    rows: tuple[LedgerRow, ...]

    def counts(self) -> dict[DeliveryState, int]:
        """How many recipients are in each state, in the states' own order (empty ones left out)."""
        counted = Counter(row.state for row in self.rows)
        return {state: counted[state] for state in DeliveryState if counted[state]}


def attestation_of(
    row: LedgerRow, payload: Payload, receipts: Iterable[StoredReceipt]
) -> Attestation:
    """The attestation of ``row``: its job's ``payload`` and, of ``receipts``, those about it.

    ``receipts`` may be the whole campaign's: only the ones of the row's job that name its
    address are kept, in time order.
    """
    address = row.address.lower()
    own = sorted(
        (r for r in receipts if r.job_id == row.job_id and address in r.addresses),
        key=lambda r: r.at,
    )
    return Attestation(
        row, payload.sender, payload.subject, payload.body,
        tuple((a.name, a.sha256, a.size) for a in payload.attachments),
        tuple(ReceiptText(r.kind, r.subject, r.date_text, r.at, receipt_body(r.raw)) for r in own),
    )


def receipt_body(raw: str) -> str:
    """The text of a receipt's raw JSON item ("" when it carries none)."""
    item = json.loads(raw)
    for key in ("message", "body"):
        value = item.get(key) if isinstance(item, dict) else None
        if isinstance(value, str):
            return value
    return ""
