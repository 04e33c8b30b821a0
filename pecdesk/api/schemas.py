"""Lenient parsing of PEC Massiva JSON into domain objects (api.md sections 5 and 7).

The service's documents disagree on field names and types, so every reader here accepts the
variants: ``date``/``data``, ``object``/``subject``, ``message``/``body``, numbers as ints,
floats or numeric strings, and ``null`` where a string was expected.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
import urllib.parse
from collections.abc import Mapping, Sequence
from typing import Any

from pecdesk.domain.models import (
    Attachment,
    InboxItem,
    InboxPage,
    Message,
    Quota,
    Receipt,
    SendResult,
)
from pecdesk.domain.text import bare_address, decode_form_body, parse_date

PAGE_SIZE = 25

JsonObject = Mapping[str, Any]


def loads_strict(data: bytes | str) -> object:
    """Decode JSON, refusing what a clean answer never holds.

    ``NaN``, ``Infinity``, numbers out of a float's range (``1e400``) and an object with the
    same key twice are refused: each makes an answer ambiguous (which ``success`` counts?).
    Nesting too deep for the decoder becomes a refusal too, never a RecursionError.

    Raises:
        ValueError: the text is not clean JSON.
    """
    try:
        return json.loads(
            data,
            parse_constant=_refuse_constant,
            parse_float=_finite_float,
            object_pairs_hook=_unique_keys,
        )
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is out of range")
    return value


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ValueError("a key appears twice")
    return result


def as_text(value: object) -> str:
    """A JSON scalar as a string; None and containers become ""."""
    if value is None or isinstance(value, Mapping | list | tuple):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def as_int(value: object, default: int = 0) -> int:
    """A JSON number, float or numeric string as an int; ``default`` when it is none of them."""
    if isinstance(value, bool) or value is None:
        return default
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value)
    if isinstance(value, str):
        try:
            return int(float(value.strip()))
        except ValueError:
            return default
    return default


def first_present(item: JsonObject, *keys: str) -> object:
    """The value of the first key present and not null."""
    for key in keys:
        value = item.get(key)
        if value is not None:
            return value
    return None


def unwrap_message(value: object) -> str:
    """The envelope's ``message``, decoded when it is itself a JSON string (api.md 7.14)."""
    text = as_text(value)
    stripped = text.strip()
    if stripped.startswith("{"):
        try:
            inner = loads_strict(stripped)
        except ValueError:
            return text
        if isinstance(inner, Mapping):
            return as_text(first_present(inner, "message", "error", "message_id")) or text
    return text


def data_items(envelope: JsonObject) -> list[JsonObject]:
    """The ``data`` array of an envelope; a single object becomes a one-item list."""
    data = envelope.get("data")
    if isinstance(data, Mapping):
        return [data]
    if isinstance(data, Sequence) and not isinstance(data, str):
        return [item for item in data if isinstance(item, Mapping)]
    return []


def parse_send_result(envelope: JsonObject) -> SendResult:
    """POST /send's answer; ``message_id`` may arrive as a number (api.md 7.5)."""
    source = envelope
    data = envelope.get("data")
    if "message_id" not in envelope and isinstance(data, Mapping):
        source = data  # some SDKs read response.data.data (api.md 5)
    return SendResult(
        message_id=as_text(source.get("message_id")).strip(),
        sent=as_int(source.get("sent")),
    )


def parse_receipt(item: JsonObject) -> Receipt:
    """One item of GET /send/{code}, in the OAS or the newer field names."""
    date_text = as_text(first_present(item, "date", "data")).strip()
    return Receipt(
        sender=bare_address(as_text(item.get("sender"))),
        recipient=bare_address(as_text(item.get("recipient"))),
        date=parse_date(date_text),
        date_text=date_text,
        subject=as_text(first_present(item, "object", "subject")),
        body=as_text(first_present(item, "message", "body")),
        raw=dict(item),
    )


def parse_inbox_item(item: JsonObject) -> InboxItem:
    """One row of GET /inbox."""
    sender_text = as_text(item.get("sender"))
    date_text = as_text(first_present(item, "date", "data")).strip()
    return InboxItem(
        id=as_int(item.get("id"), default=-1),
        sender=bare_address(sender_text),
        sender_text=sender_text,
        recipient=bare_address(as_text(item.get("recipient"))),
        date=parse_date(date_text),
        date_text=date_text,
        subject=as_text(first_present(item, "object", "subject")),
    )


def parse_inbox_page(envelope: JsonObject, requested_page: int) -> InboxPage:
    """GET /inbox: rows deduplicated by id, counters read leniently (api.md 7.5, 7.6)."""
    seen: set[int] = set()
    items: list[InboxItem] = []
    for raw in data_items(envelope):
        row = parse_inbox_item(raw)
        if row.id in seen:
            continue
        seen.add(row.id)
        items.append(row)
    total = as_int(envelope.get("total"), default=len(items))
    pages_default = -(-total // PAGE_SIZE) if total else 0
    return InboxPage(
        items=tuple(items),
        total=total,
        page=as_int(envelope.get("page"), default=requested_page),
        pages=as_int(first_present(envelope, "n_of_pages", "pages"), default=pages_default),
    )


def parse_message(envelope: JsonObject) -> Message:
    """GET /inbox/{id}, with the urlencoded body decoded (api.md 7.8)."""
    items = data_items(envelope)
    item: JsonObject = items[0] if items else {}
    sender_text = as_text(item.get("sender"))
    date_text = as_text(first_present(item, "date", "data")).strip()
    return Message(
        sender=bare_address(sender_text),
        sender_text=sender_text,
        recipient=bare_address(as_text(item.get("recipient"))),
        date=parse_date(date_text),
        date_text=date_text,
        subject=as_text(first_present(item, "object", "subject")),
        body=decode_form_body(as_text(first_present(item, "body", "message"))),
        attachments=parse_attachments(item.get("attachments")),
    )


_SPACES = re.compile(r"\s+")


def parse_attachments(value: object) -> tuple[Attachment, ...]:
    """The ``attachments`` of a message, if the service ever passes any on (api.md 4.5, 7.9).

    Read in the shape POST /send takes: a list of ``{name, file}`` (or one such object, as the
    OAS schema has it), ``file`` as raw base64 or a data URI; ``filename`` and ``content`` are
    accepted too. Items that are not objects, or empty, are skipped; a file that does not
    decode is kept with no bytes, so the person learns it exists.
    """
    if isinstance(value, Mapping):
        value = [value]
    if not isinstance(value, Sequence) or isinstance(value, str | bytes):
        return ()
    found: list[Attachment] = []
    for item in value:
        if not isinstance(item, Mapping):
            continue
        name = as_text(first_present(item, "name", "filename", "file_name")).strip()
        file = as_text(first_present(item, "file", "content", "data"))
        if not name and not file:
            continue  # nothing to list
        data, content_type = decode_file(file)
        found.append(Attachment(name=name, data=data, content_type=content_type))
    return tuple(found)


def decode_file(text: str) -> tuple[bytes | None, str]:
    """The bytes of a ``file`` field (raw base64 or a data URI) and the MIME type it names.

    Returns:
        the bytes, None when the text is not valid base64; and the type ("" when unnamed).
    """
    content_type = ""
    if text.startswith("data:"):
        header, comma, text = text.partition(",")
        if not comma:
            return None, ""
        params = header[len("data:"):].split(";")
        content_type = params[0].strip().lower()
        if "base64" not in (p.strip().lower() for p in params[1:]):
            return urllib.parse.unquote_to_bytes(text), content_type
    compact = _SPACES.sub("", text)
    compact += "=" * (-len(compact) % 4)
    for alphabet in (b"+/", b"-_"):
        try:
            return base64.b64decode(compact, altchars=alphabet, validate=True), content_type
        except (binascii.Error, ValueError):
            continue
    return None, content_type


def parse_quota(envelope: JsonObject) -> Quota:
    """GET /quota/{mailbox}."""
    items = data_items(envelope)
    item: JsonObject = items[0] if items else envelope
    return Quota(usage=as_int(item.get("usage")), limit=as_int(item.get("limit")))
