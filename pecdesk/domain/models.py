"""Frozen value objects exchanged between the API client, the services and the UI."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class SendResult:
    """What POST /send answered: the sending code and how many PECs left.

    Attributes:
        message_id: the sending code for GET/DELETE /send/{code}; "" if the service gave none.
        sent: number of PEC messages the service says it sent.
    """

    message_id: str
    sent: int


@dataclass(frozen=True, slots=True)
class Receipt:
    """One mail of a sending as GET /send/{code} lists it (a receipt, notice or envelope).

    Attributes:
        sender: bare address of the sender.
        recipient: bare address of the recipient.
        date: the parsed date, or None when the service's text could not be parsed.
        date_text: the date exactly as the service wrote it.
        subject: the subject, with its PEC prefix (e.g. "CONSEGNA: ...").
        body: plain text of the mail, "" when absent.
        raw: the item exactly as the service returned it (evidence).
    """

    sender: str
    recipient: str
    date: datetime | None
    date_text: str
    subject: str
    body: str
    raw: Mapping[str, object] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class InboxItem:
    """A row of GET /inbox.

    Attributes:
        id: the service's message id (may change after deletions).
        sender: bare sender address.
        sender_text: the sender as the service wrote it (e.g. '"Per conto di: a@b" ').
        recipient: bare recipient address.
        date: parsed date or None.
        date_text: the date as written by the service.
        subject: the subject.
    """

    id: int
    sender: str
    sender_text: str
    recipient: str
    date: datetime | None
    date_text: str
    subject: str


@dataclass(frozen=True, slots=True)
class InboxPage:
    """One page of GET /inbox.

    Attributes:
        items: the rows, deduplicated by id.
        total: the number of messages the service reports.
        page: the page number the service reports.
        pages: the number of pages as the service reports it (do not rely on it alone).
    """

    items: tuple[InboxItem, ...]
    total: int
    page: int
    pages: int


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file that came with a received message, as far as the service passes it on.

    The documented GET /inbox/{id} carries no attachments (api.md 4.5); one that does is read
    in the shape POST /send takes (``{name, file}``, base64 or a data URI, api.md 7.9).

    Attributes:
        name: the file name as the service wrote it (not safe as a path: see the UI's saving).
        data: the decoded bytes; None when the service's text was not valid base64.
        content_type: the MIME type a data URI named; "" when none.
    """

    name: str
    data: bytes | None = field(repr=False)
    content_type: str = ""

    @property
    def size(self) -> int:
        """The bytes the file holds (0 when it could not be decoded)."""
        return len(self.data) if self.data is not None else 0


@dataclass(frozen=True, slots=True)
class Message:
    """One message of GET /inbox/{id}, its body decoded from x-www-form-urlencoded.

    Attributes:
        sender: bare sender address.
        sender_text: the sender as written by the service.
        recipient: bare recipient address.
        date: parsed date or None.
        date_text: the date as written by the service.
        subject: the subject.
        body: the decoded body (HTML or plain text).
        attachments: the files the service passed on with it (usually none, api.md 4.5).
    """

    sender: str
    sender_text: str
    recipient: str
    date: datetime | None
    date_text: str
    subject: str
    body: str
    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True, slots=True)
class Quota:
    """Mailbox usage from GET /quota/{mailbox}, in the service's units (KiB, best guess).

    Attributes:
        usage: space used.
        limit: space available in all.
    """

    usage: int
    limit: int

    @property
    def fraction(self) -> float:
        """Share of the mailbox in use, 0.0 when the limit is unknown."""
        return self.usage / self.limit if self.limit > 0 else 0.0
