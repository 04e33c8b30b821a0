"""Records the sandbox keeps: stored messages, scheduled deliveries, hosted mailboxes."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from pecdesk.sandbox.receipts import Draft, html_to_text

# Bytes a real PEC message carries besides its body (headers, daticert.xml, S/MIME signature).
ENVELOPE_OVERHEAD = 6 * 1024
# KiB a mailbox uses before any INBOX message counts (other folders, indexes).
QUOTA_BASE_KIB = 1536


@dataclass
class Message:
    """One message in a mailbox's INBOX.

    Attributes:
        id: integer id, unique in its mailbox and never reused.
        sender: From as the API shows it.
        recipient: To as the API shows it.
        date: POSIX time of arrival.
        subject: full subject.
        body: HTML body.
        size: bytes the message takes in the mailbox (for the quota).
    """

    id: int
    sender: str
    recipient: str
    date: float
    subject: str
    body: str
    size: int
    _text: str | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_draft(cls, draft: Draft, *, message_id: int, date: float) -> Message:
        """Store ``draft`` as arrived at ``date`` under ``message_id``."""
        size = ENVELOPE_OVERHEAD + len(draft.body.encode()) + draft.extra_size
        return cls(message_id, draft.sender, draft.recipient, date, draft.subject, draft.body, size)

    @property
    def text(self) -> str:
        """The body without tags (computed once)."""
        if self._text is None:
            self._text = html_to_text(self.body)
        return self._text

    def matches(self, needle: str) -> bool:
        """Case-insensitive substring search over sender, recipient, subject and body text."""
        folded = needle.casefold()
        return any(
            folded in part.casefold()
            for part in (self.sender, self.recipient, self.subject, self.text)
        )

    def to_json(self) -> dict[str, Any]:
        """Return the persistent form."""
        return {
            "id": self.id,
            "sender": self.sender,
            "recipient": self.recipient,
            "date": self.date,
            "subject": self.subject,
            "body": self.body,
            "size": self.size,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Message:
        """Rebuild from ``to_json`` output."""
        return cls(
            int(data["id"]),
            str(data["sender"]),
            str(data["recipient"]),
            float(data["date"]),
            str(data["subject"]),
            str(data["body"]),
            int(data["size"]),
        )


@dataclass(frozen=True)
class Pending:
    """A delivery scheduled for a wall-clock time.

    Attributes:
        due: POSIX time at which the message arrives.
        seq: tie-breaker keeping scheduling order among equal due times.
        owner: address of the mailbox that receives it.
        draft: the message itself.
    """

    due: float
    seq: int
    owner: str
    draft: Draft

    def to_json(self) -> dict[str, Any]:
        """Return the persistent form."""
        d = self.draft
        return {
            "due": self.due,
            "seq": self.seq,
            "owner": self.owner,
            "sender": d.sender,
            "recipient": d.recipient,
            "subject": d.subject,
            "body": d.body,
            "extra_size": d.extra_size,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Pending:
        """Rebuild from ``to_json`` output."""
        draft = Draft(
            str(data["sender"]),
            str(data["recipient"]),
            str(data["subject"]),
            str(data["body"]),
            int(data["extra_size"]),
        )
        return cls(float(data["due"]), int(data["seq"]), str(data["owner"]), draft)


@dataclass
class Mailbox:
    """A hosted PEC mailbox (username == address).

    Attributes:
        address: the PEC address, also the username.
        password: the password (never persisted, logged or echoed).
        messages: INBOX by id, in arrival order.
        next_id: id for the next arriving message.
    """

    address: str
    password: str = field(repr=False)
    messages: dict[int, Message] = field(default_factory=dict)
    next_id: int = 1

    def add(self, draft: Draft, date: float) -> Message:
        """Store ``draft`` as a new message arrived at ``date``."""
        message = Message.from_draft(draft, message_id=self.next_id, date=date)
        self.messages[message.id] = message
        self.next_id += 1
        return message

    def newest_first(self) -> list[Message]:
        """INBOX ordered newest first (by date, then by id)."""
        return sorted(self.messages.values(), key=lambda m: (m.date, m.id), reverse=True)

    def usage_kib(self) -> int:
        """KiB used: a fixed base plus every stored message, rounded up."""
        return QUOTA_BASE_KIB + math.ceil(sum(m.size for m in self.messages.values()) / 1024)
