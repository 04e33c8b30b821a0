"""Tolerant readers for the strings the service returns: addresses, dates, urlencoded bodies."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import unquote_to_bytes

_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?")
# Characters PHP's urlencode() leaves as they are; an encoded body contains nothing else.
_URLENCODED = re.compile(r"[A-Za-z0-9._~*+%-]*")
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def bare_address(text: str | None) -> str:
    """Return the e-mail address inside ``text``, trimmed of quotes and display words.

    '"Per conto di: a@b.it" ' gives 'a@b.it'. Without any address, the text is returned
    stripped of surrounding quotes and blanks.
    """
    if not text:
        return ""
    found = _ADDRESS.search(text)
    if found:
        return found.group(0).strip(".")
    return text.strip().strip('"').strip()


def parse_date(text: str | None) -> datetime | None:
    """Parse an RFC 2822 date into an aware datetime; None when it cannot be read."""
    if not text or not text.strip():
        return None
    try:
        parsed = parsedate_to_datetime(text.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def decode_form_body(text: str | None) -> str:
    """Decode a body written in x-www-form-urlencoded form, tolerating plain text.

    The service says bodies are urlencoded (spaces as '+'), but examples show plain text. A body
    is decoded only when every character is one urlencode could have produced and every '%' starts
    a valid escape; otherwise it is returned unchanged. Bytes that are not UTF-8 are read as
    Windows-1252, the usual alternative in Italian offices.
    """
    if not text:
        return ""
    if not _URLENCODED.fullmatch(text) or _BAD_PERCENT.search(text):
        return text
    if "%" not in text and "+" not in text:
        return text
    raw = unquote_to_bytes(text.replace("+", " "))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def unencodable_at(text: str) -> int | None:
    """The index of the first character that UTF-8 cannot encode, or None when all can.

    Only a lone surrogate (U+DC80 and the like) fails: Python makes one of each byte that is not
    UTF-8 when it decodes a file name, an environment variable or a file with
    ``surrogateescape``. Such text can be neither sent nor stored, so it is refused early.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        return error.start
    return None
