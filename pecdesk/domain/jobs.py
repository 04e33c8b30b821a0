"""The send queue's states and the transitions allowed between them (pure, Qt-free).

One *job* is one ``POST /send``: by default one recipient, or every recipient of a campaign when
the caller explicitly asks for one PEC to all. The state machine is the journal's contract::

    queued ──► submitting ──► submitted(code) | rejected(reason) | failed(reason) | unknown
      ▲  │          │                                                          │
      │  ▼          └──► queued (proved not sent: send_outcome's table; backoff)  │
      │ cancelled                                                              ▼
      └──────────── not_sent ◄── (reconciled: no ACCETTAZIONE after the grace) ┤
           (only when the user confirms)          submitted(code) ◄── (ACCETTAZIONE found)

A job is written *submitting* (durably) before its request leaves; whatever the answer, it is
written before the next request. A job found *submitting* at start-up was interrupted mid-request
and becomes *unknown*: it may have been sent, so it is never retried automatically. A job
re-queued from *not sent* is looked for in the mailbox once more right before it leaves; a
receipt found then settles it from *queued* (submitted, rejected, or unknown when ambiguous).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit


class JobState(StrEnum):
    """Where one job stands.

    Attributes:
        QUEUED: waiting for its turn (possibly after a backoff).
        SUBMITTING: journaled as leaving; its request may be on the wire.
        SUBMITTED: the service accepted it and gave (or reconciliation found) the sending code.
        REJECTED: the service refused it as invalid; it was certainly not sent. Final.
        FAILED: it could not be sent after the allowed attempts; certainly not sent. Final.
        UNKNOWN: the request may or may not have been committed; waits for reconciliation.
        NOT_SENT: reconciliation found no ACCETTAZIONE within the grace window.
        CANCELLED: the user withdrew it before it was sent. Final.
    """

    QUEUED = "queued"
    SUBMITTING = "submitting"
    SUBMITTED = "submitted"
    REJECTED = "rejected"
    FAILED = "failed"
    UNKNOWN = "unknown"
    NOT_SENT = "not_sent"
    CANCELLED = "cancelled"

    @property
    def is_final(self) -> bool:
        """True when nothing will ever change this job again."""
        return self in FINAL_STATES

    @property
    def needs_attention(self) -> bool:
        """True when the job did not (or may not) reach its recipients."""
        return self in PROBLEM_STATES


FINAL_STATES = frozenset(
    {JobState.SUBMITTED, JobState.REJECTED, JobState.FAILED, JobState.CANCELLED}
)
PROBLEM_STATES = frozenset(
    {JobState.REJECTED, JobState.FAILED, JobState.UNKNOWN, JobState.NOT_SENT}
)
PENDING_STATES = frozenset({JobState.QUEUED, JobState.SUBMITTING})

TRANSITIONS: dict[JobState, frozenset[JobState]] = {
    # queued → submitted/rejected/unknown: only a job re-queued after "not sent" whose last look
    # in the mailbox, right before it leaves, finds a receipt that is (or may be) its own
    # (storage.jobs_sql.settle_rechecked, which checks the job's ``recheck`` flag).
    JobState.QUEUED: frozenset(
        {
            JobState.SUBMITTING,
            JobState.CANCELLED,
            JobState.SUBMITTED,
            JobState.REJECTED,
            JobState.UNKNOWN,
        }
    ),
    JobState.SUBMITTING: frozenset(
        {
            JobState.SUBMITTED,
            JobState.REJECTED,
            JobState.FAILED,
            JobState.UNKNOWN,
            JobState.QUEUED,
        }
    ),
    JobState.UNKNOWN: frozenset({JobState.SUBMITTED, JobState.REJECTED, JobState.NOT_SENT}),
    JobState.NOT_SENT: frozenset({JobState.QUEUED, JobState.SUBMITTED, JobState.REJECTED}),
    JobState.SUBMITTED: frozenset(),
    JobState.REJECTED: frozenset(),
    JobState.FAILED: frozenset(),
    JobState.CANCELLED: frozenset(),
}


def can_transition(old: JobState, new: JobState) -> bool:
    """Tell whether a job may go from ``old`` to ``new``."""
    return new in TRANSITIONS[old]


def sources_of(new: JobState) -> frozenset[JobState]:
    """Every state from which a job may move to ``new``."""
    return frozenset(old for old, targets in TRANSITIONS.items() if new in targets)


@dataclass(frozen=True, slots=True)
class AttachmentRef:
    """An attachment as the payload digest sees it.

    Attributes:
        name: the file name the recipient sees.
        sha256: hex digest of the content.
        size: bytes.
    """

    name: str
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class Payload:
    """Exactly what one job sends (credentials aside).

    Attributes:
        sender: the PEC address in the ``sender`` field.
        recipients: one address, or all of them in one-PEC-for-all mode.
        subject: the subject, merge fields already filled in.
        body: the body, merge fields already filled in.
        attachments: name and digest of each attachment, in order.
    """

    sender: str
    recipients: tuple[str, ...]
    subject: str
    body: str
    attachments: tuple[AttachmentRef, ...] = ()

    def digest(self) -> str:
        """SHA-256 of the canonical JSON of this payload (stable across runs and machines)."""
        canonical = {
            "sender": self.sender,
            "recipients": list(self.recipients),
            "subject": self.subject,
            "body": self.body,
            "attachments": [[a.name, a.sha256, a.size] for a in self.attachments],
        }
        text = json.dumps(canonical, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


_ADDRESS = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
)


def is_address(text: str) -> bool:
    """Tell whether ``text`` is one bare e-mail address with a dotted domain."""
    return _ADDRESS.fullmatch(text) is not None


def addresses_in(text: str) -> set[str]:
    """Every e-mail address named in ``text``, lower-cased."""
    return {match.group(0).lower().strip(".") for match in _ADDRESS.finditer(text)}


def distinct_addresses(addresses: Sequence[str]) -> tuple[list[str], list[str]]:
    """Split ``addresses`` into the first spelling of each (case-insensitive) and the repeats."""
    seen: set[str] = set()
    kept: list[str] = []
    repeated: list[str] = []
    for address in addresses:
        key = address.strip().lower()
        if key in seen:
            repeated.append(address)
        else:
            seen.add(key)
            kept.append(address.strip())
    return kept, repeated


def sent_from(sender: str, mailbox: str) -> bool:
    """Whether a job or campaign from ``sender`` belongs to ``mailbox``.

    The queue store is shared by every account; each account's queue, reconciliation, tracking
    and Sent view keep to its own mailbox's jobs with this one comparison (case ignored).
    """
    return sender.casefold() == mailbox.casefold()


def queued_for(sender: str, service: str, *, mailbox: str, on: str) -> bool:
    """Whether a campaign from ``sender`` to ``service`` is for the queue of ``mailbox`` on ``on``.

    ``service`` and ``on`` are :func:`service_key` values. A campaign with no service ("")
    was queued before campaigns were bound to one: nothing can tell which service it was
    meant for, so it counts as any service's of its mailbox (as it did before).
    """
    return sent_from(sender, mailbox) and service in ("", on)


_DEFAULT_PORTS = {"http": "80", "https": "443"}


def service_key(base_url: str) -> str:
    """The service a base URL names, spelt one way: ``https://test.ws.pecmassiva.com``.

    Scheme and host are lower-cased, a default port (80 for http, 443 for https), any
    user-info, query, fragment and trailing slash are dropped; the path is kept as written
    (a service may live under one). Each queued campaign carries this key, so that a queue
    sends only to the service it was meant for (test or production), whatever way the
    account's URL happens to be written.
    """
    text = base_url.strip()
    parts = urlsplit(text if "//" in text else f"//{text}")
    scheme = parts.scheme.lower()
    netloc = parts.netloc.rpartition("@")[2].lower()
    host, port = netloc, ""
    if not netloc.endswith("]") and ":" in netloc:
        host, _, port = netloc.rpartition(":")
    if port.isdigit():
        port = str(int(port))
    if port == _DEFAULT_PORTS.get(scheme):
        port = ""
    authority = f"{host}:{port}" if port else host
    prefix = f"{scheme}://" if scheme else ""
    return f"{prefix}{authority}{parts.path.rstrip('/')}"
