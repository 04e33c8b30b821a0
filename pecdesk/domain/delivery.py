"""Per-recipient delivery state: the legal ledger's state machine (pure, Qt-free).

::

    queued ──► submitted(code) ──► accepted ──► delivered                     (final)
                    │                 │    └──► delayed ──► failed_timeout    (final)
                    │                 └──► failed(reason, permanent|temporary) (final)
                    └──► rejected (AVVISO DI NON ACCETTAZIONE)                 (final)

A final state never changes again: a late, duplicated or reordered receipt may only fill in a
missing time (the ACCETTAZIONE arriving after the CONSEGNA). Receipts come from
``GET /send/{code}``, which gives only subject, date and text (api.md 4.2): the kind comes from
the subject prefix (:mod:`pecdesk.domain.receipts`) and the recipient from the text.

The 24-hour "SUP. TEMPO MASSIMO" notice is final as soon as it is classified, opened or not:
by its text when the text says so, else as the second distinct such notice for a recipient, else
by its date (:data:`FINAL_TIMEOUT_AFTER` after the ACCETTAZIONE, past the 12-hour warning).
A recipient on an ordinary e-mail domain never gets a CONSEGNA (domain.md a4): its ACCETTAZIONE
is all there will ever be, so *accepted* is final for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from pecdesk.domain.jobs import JobState, addresses_in
from pecdesk.domain.receipts import ReceiptKind, failure_is_temporary, is_final_timeout_text


class DeliveryState(StrEnum):
    """Where one recipient of one sending stands (the names ``pecdesk status`` prints)."""

    QUEUED = "queued"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    DELAYED = "delayed"
    DELIVERED = "delivered"
    REJECTED = "rejected"
    FAILED = "failed"
    FAILED_TIMEOUT = "failed_timeout"
    UNKNOWN = "unknown"
    NOT_SENT = "not_sent"
    CANCELLED = "cancelled"

    @property
    def is_final(self) -> bool:
        """True when no receipt can change this state any more."""
        return self in FINAL_STATES


FINAL_STATES = frozenset(
    {
        DeliveryState.DELIVERED,
        DeliveryState.REJECTED,
        DeliveryState.FAILED,
        DeliveryState.FAILED_TIMEOUT,
        DeliveryState.CANCELLED,
    }
)

_JOB_STATES: dict[JobState, DeliveryState] = {
    JobState.QUEUED: DeliveryState.QUEUED,
    JobState.SUBMITTING: DeliveryState.QUEUED,
    JobState.SUBMITTED: DeliveryState.SUBMITTED,
    JobState.REJECTED: DeliveryState.REJECTED,
    JobState.FAILED: DeliveryState.FAILED,
    JobState.UNKNOWN: DeliveryState.UNKNOWN,
    JobState.NOT_SENT: DeliveryState.NOT_SENT,
    JobState.CANCELLED: DeliveryState.CANCELLED,
}

# Well-known ordinary (non-PEC) e-mail providers: an ACCETTAZIONE is all they ever produce, and
# the pre-flight warns before sending there.
# GET /send/{code} gives the ACCETTAZIONE without its text, so its "posta ordinaria" mark is
# often unavailable; the domain is the fallback.
ORDINARY_DOMAINS = frozenset(
    {
        "gmail.com", "googlemail.com", "outlook.com", "outlook.it", "hotmail.com", "hotmail.it",
        "live.com", "live.it", "yahoo.com", "yahoo.it", "icloud.com", "me.com", "libero.it",
        "virgilio.it", "tiscali.it", "alice.it", "tim.it", "tin.it", "fastwebnet.it", "aol.com",
        "gmx.com", "gmx.it", "proton.me", "protonmail.com", "email.it", "inwind.it",
    }
)

_ORDINARY = re.compile(r'"?([^\s"(]+@[^\s"(]+)"?\s*\(\s*"?posta ordinaria', re.IGNORECASE)
_ADDRESSED = re.compile(r'indirizzato a\W*([^\s"]+@[^\s"]+)', re.IGNORECASE)
_REASON = re.compile(r"\((\d\.\d+\.\d+[^\n]*)\)")


FINAL_TIMEOUT_AFTER = 18 * 3600.0
"""Seconds after the ACCETTAZIONE from which a timeout notice is the final (24-hour) one.

The warning comes at 12 hours and the final notice at 22–24 (domain.md a2): a notice dated
past the midpoint is final even when its text is missing or worded unlike any provider's.
"""


def from_job_state(state: JobState) -> DeliveryState:
    """The delivery state of a recipient whose job has no receipt yet."""
    return _JOB_STATES[state]


@dataclass(frozen=True, slots=True)
class Event:
    """One receipt as it concerns one recipient.

    Attributes:
        kind: the receipt kind.
        key: a fingerprint of the receipt (equal receipts have equal keys).
        at: POSIX time of the receipt (its date, else when it was seen).
        reason: the provider's wording for a failure, "" otherwise.
        temporary: for a failure, whether it is worth a retry.
        ordinary: for an ACCETTAZIONE, the recipient is an ordinary e-mail address.
    """

    kind: ReceiptKind
    key: str
    at: float
    reason: str = ""
    temporary: bool = False
    ordinary: bool = False


@dataclass(frozen=True, slots=True)
class Status:
    """A recipient's delivery state and the facts behind it.

    Attributes:
        state: the state.
        reason: why it failed or was rejected ("" otherwise).
        temporary: a failure worth retrying (mailbox full, timeout).
        ordinary: an ordinary e-mail recipient (no delivery receipt will ever come).
        accepted_at: time of the ACCETTAZIONE, if any.
        final_at: time of the receipt that made the state final, if any.
        timeout_notices: distinct "SUP. TEMPO MASSIMO" notices seen.
        changed_at: time of the last change.
    """

    state: DeliveryState = DeliveryState.SUBMITTED
    reason: str = ""
    temporary: bool = False
    ordinary: bool = False
    accepted_at: float | None = None
    final_at: float | None = None
    timeout_notices: int = 0
    changed_at: float | None = None

    @property
    def is_final(self) -> bool:
        """True when the state will not change: a final state, or accepted to ordinary e-mail."""
        return self.state.is_final or (self.state is DeliveryState.ACCEPTED and self.ordinary)


_RANK = {
    DeliveryState.QUEUED: 0,
    DeliveryState.UNKNOWN: 1,
    DeliveryState.NOT_SENT: 1,
    DeliveryState.SUBMITTED: 2,
    DeliveryState.ACCEPTED: 3,
    DeliveryState.DELAYED: 4,
}


def _to(status: Status, state: DeliveryState, event: Event, **changes: object) -> Status:
    if status.state.is_final or _RANK.get(state, 9) < _RANK.get(status.state, 0):
        return status
    final_at = event.at if state.is_final else status.final_at
    return replace(status, state=state, changed_at=event.at, final_at=final_at, **changes)  # type: ignore[arg-type]


def apply(status: Status, event: Event) -> Status:  # noqa: PLR0911 - one return per kind
    """The status after ``event``; final states are never downgraded."""
    kind = event.kind
    if kind is ReceiptKind.ACCEPTANCE:
        if status.accepted_at is None:
            status = replace(status, accepted_at=event.at, ordinary=event.ordinary)
        return _to(status, DeliveryState.ACCEPTED, event)
    if kind in (ReceiptKind.NON_ACCEPTANCE, ReceiptKind.NON_ACCEPTANCE_VIRUS):
        return _to(status, DeliveryState.REJECTED, event, reason=event.reason)
    if kind is ReceiptKind.DELIVERY:
        return _to(status, DeliveryState.DELIVERED, event, reason="", temporary=False)
    if kind in (ReceiptKind.NON_DELIVERY, ReceiptKind.NON_DELIVERY_VIRUS):
        return _to(
            status, DeliveryState.FAILED, event, reason=event.reason, temporary=event.temporary
        )
    if kind in (ReceiptKind.TIMEOUT_WARNING, ReceiptKind.TIMEOUT_FINAL):
        notices = status.timeout_notices + 1
        if status.state.is_final:
            return status
        status = replace(status, timeout_notices=notices)
        if kind is ReceiptKind.TIMEOUT_FINAL or notices >= 2 or _past_deadline(status, event):
            return _to(
                status, DeliveryState.FAILED_TIMEOUT, event, reason=event.reason, temporary=True
            )
        return _to(status, DeliveryState.DELAYED, event, reason=event.reason)
    return status  # presa in carico, envelopes, anomalies, foreign mail: log only


def _past_deadline(status: Status, event: Event) -> bool:
    accepted = status.accepted_at
    return accepted is not None and event.at - accepted >= FINAL_TIMEOUT_AFTER


def replay(events: Iterable[Event], start: Status | None = None) -> Status:
    """Apply ``events`` in order, skipping repeats of the same receipt (same key)."""
    status = start or Status()
    seen: set[str] = set()
    for event in events:
        if event.key in seen:
            continue
        seen.add(event.key)
        status = apply(status, event)
    return status


def concerned(
    kind: ReceiptKind, body: str, recipients: Sequence[str], sender: str
) -> tuple[str, ...]:
    """The recipients of a sending that a receipt is about (lower-cased).

    ACCETTAZIONE and AVVISO DI NON ACCETTAZIONE concern the whole sending; the others name one
    recipient in their text. A sending to one address needs no reading at all.
    """
    wanted = [r.strip().lower() for r in recipients]
    if kind in (
        ReceiptKind.ACCEPTANCE,
        ReceiptKind.NON_ACCEPTANCE,
        ReceiptKind.NON_ACCEPTANCE_VIRUS,
    ) or len(wanted) == 1:
        return tuple(wanted)
    addressed = {m.group(1).strip(".,;:").lower() for m in _ADDRESSED.finditer(body)}
    addressed &= set(wanted)
    if addressed:
        return tuple(r for r in wanted if r in addressed)
    named = addresses_in(body) & set(wanted)
    if len(named) > 1:
        named.discard(sender.strip().lower())
    return tuple(r for r in wanted if r in named)


def ordinary_addresses(body: str) -> set[str]:
    """Addresses an ACCETTAZIONE marks as ordinary e-mail ("posta ordinaria")."""
    return {m.group(1).strip('"').lower() for m in _ORDINARY.finditer(body)}


def is_ordinary_domain(address: str) -> bool:
    """True for an address of a well-known ordinary e-mail provider (or a ``.example`` one)."""
    domain = address.rpartition("@")[2].strip().lower()
    return domain in ORDINARY_DOMAINS or domain.endswith(".example")


def failure_reason(body: str) -> str:
    """The provider's reason in a non-delivery notice (the parenthesis), else the text."""
    found = _REASON.search(body)
    if found:
        return found.group(1).strip()
    return " ".join(body.split())[:300]


def event_for(
    kind: ReceiptKind, body: str, *, key: str, at: float, address: str
) -> Event:
    """The event a receipt is for one of its recipients.

    A timeout notice stored as the warning (classified before its text was known) becomes
    the final one here when its text says so: the state never waits for the text to be read
    again.
    """
    if kind is ReceiptKind.TIMEOUT_WARNING and is_final_timeout_text(body):
        kind = ReceiptKind.TIMEOUT_FINAL
    reason = ""
    temporary = False
    if kind in (
        ReceiptKind.NON_DELIVERY,
        ReceiptKind.NON_DELIVERY_VIRUS,
        ReceiptKind.NON_ACCEPTANCE,
        ReceiptKind.NON_ACCEPTANCE_VIRUS,
    ):
        reason = failure_reason(body)
        temporary = kind is ReceiptKind.NON_DELIVERY and failure_is_temporary(body)
    elif kind in (ReceiptKind.TIMEOUT_WARNING, ReceiptKind.TIMEOUT_FINAL):
        reason = "no delivery receipt within the maximum time"
    ordinary = kind is ReceiptKind.ACCEPTANCE and (
        address.lower() in ordinary_addresses(body) or is_ordinary_domain(address)
    )
    return Event(kind, key, at, reason, temporary, ordinary)
