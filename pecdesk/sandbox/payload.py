"""Validation of the ``POST /send`` JSON body (fields only; credentials are checked before)."""

from __future__ import annotations

import binascii
import hashlib
import re
from dataclasses import dataclass
from typing import Any, TypeGuard

from pecdesk.sandbox.rules import distinct, is_address
from pecdesk.sandbox.text import encodable

_DATA_URI = re.compile(r"data:[^,;]*(?:;[^,;]*)*;base64,(?P<data>.*)", re.DOTALL | re.IGNORECASE)
_WHITESPACE = re.compile(r"\s+")


class PayloadError(ValueError):
    """The body is JSON but a field is missing or malformed (answered with 400)."""


@dataclass(frozen=True)
class Attachment:
    """What the sandbox keeps of an attachment.

    Attributes:
        name: file name as sent.
        size: decoded size in bytes.
        sha256: hex digest of the decoded content.
    """

    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class SendRequest:
    """A validated ``POST /send``.

    Attributes:
        sender: the ``sender`` field, stripped.
        recipients: distinct recipients in the order given.
        subject: subject as sent (without the code).
        body: body as sent (HTML allowed).
        attachments: decoded attachments.
    """

    sender: str
    recipients: tuple[str, ...]
    subject: str
    body: str
    attachments: tuple[Attachment, ...]

    @property
    def attachments_size(self) -> int:
        """Bytes the attachments take in a mailbox (base64, as in a MIME message)."""
        return sum((a.size + 2) // 3 * 4 for a in self.attachments)


def parse_send(payload: dict[str, Any]) -> SendRequest:
    """Validate the fields of a ``POST /send`` body.

    Raises:
        PayloadError: a field is missing, has the wrong type, holds a bad address or base64, or
            holds text that is not UTF-8 (a lone surrogate), which no receipt could carry.
    """
    sender, subject, body = (payload.get(k) for k in ("sender", "subject", "body"))
    if not _is_text(sender) or not is_address(sender.strip()):
        raise PayloadError("sender")
    if not _is_text(subject) or not _is_text(body):
        raise PayloadError("subject/body")
    return SendRequest(
        sender=sender.strip(),
        recipients=_recipients(payload.get("recipient")),
        subject=subject,
        body=body,
        attachments=_attachments(payload.get("attachments")),
    )


def _is_text(value: object) -> TypeGuard[str]:
    """Tell whether ``value`` is a string that encodes as UTF-8."""
    return isinstance(value, str) and encodable(value)


def _recipients(value: object) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        raise PayloadError("recipient")
    addresses = []
    for item in items:
        if not _is_text(item) or not is_address(item.strip()):
            raise PayloadError("recipient")
        addresses.append(item.strip())
    return tuple(distinct(addresses))


def _attachments(value: object) -> tuple[Attachment, ...]:
    if value is None:
        return ()
    items = [value] if isinstance(value, dict) else value
    if not isinstance(items, list):
        raise PayloadError("attachments")
    return tuple(_attachment(item) for item in items)


def _attachment(item: object) -> Attachment:
    if not isinstance(item, dict):
        raise PayloadError("attachment")
    name, file = item.get("name"), item.get("file")
    if not _is_text(name) or not name.strip() or not _is_text(file):
        raise PayloadError("attachment")
    content = decode_base64(file)
    return Attachment(name, len(content), hashlib.sha256(content).hexdigest())


def decode_base64(text: str) -> bytes:
    """Decode plain base64 or a ``data:…;base64,`` URI; line breaks and blanks are ignored.

    Raises:
        PayloadError: the text is not valid base64.
    """
    match = _DATA_URI.fullmatch(text.strip())
    data = _WHITESPACE.sub("", match.group("data") if match else text)
    if len(data) % 4:
        raise PayloadError("attachment file")
    try:
        return binascii.a2b_base64(data.encode("ascii"), strict_mode=True)
    except (binascii.Error, ValueError) as exc:
        raise PayloadError("attachment file") from exc
