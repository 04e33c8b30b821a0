"""One recipient: its address checked with email-validator (syntax only, no DNS look-up).

email-validator (~1 MB resident) is imported at the first address checked, not with this
module: the window imports it at start-up, before any address is typed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

_SEPARATORS = re.compile(r"[\n\r,;]+")
_PLAIN = re.compile(r"[^@\s\"]+@[^@\s\"]+")
_MAX_LENGTH = 254


@dataclass(frozen=True, slots=True)
class Recipient:
    """One row of the recipient list.

    Attributes:
        line: where it came from (spreadsheet line, or line of the pasted text).
        raw: the address as written.
        address: the address normalised (trimmed, domain lower-cased); ``raw`` when invalid.
        problem: why the address is not valid ("" when it is).
        fields: merge field values by column name.
        attachments: this row's own attachment file names (relative to the chosen folder).
    """

    line: int
    raw: str
    address: str
    problem: str = ""
    fields: Mapping[str, str] = field(default_factory=dict)
    attachments: tuple[str, ...] = ()

    @property
    def valid(self) -> bool:
        """Whether the address passed the syntax check."""
        return not self.problem

    @property
    def key(self) -> str:
        """The address lower-cased, to find duplicates."""
        return self.address.lower()


@lru_cache(maxsize=65536)
def check_address(text: str) -> tuple[str, str]:
    """Normalise and check one address; returns ``(address, problem)``, problem "" if valid.

    Surrounding blanks, ``<…>`` and a ``mailto:`` prefix are dropped first.
    """
    from email_validator import EmailNotValidError, validate_email  # noqa: PLC0415 - see top
    from email_validator.syntax import validate_email_local_part  # noqa: PLC0415

    candidate = _unwrapped(text)
    if not candidate:
        return "", "empty"
    try:
        if _PLAIN.fullmatch(candidate) and len(candidate) <= _MAX_LENGTH:
            # The common case, fast: the local part checked alone, each domain once.
            local, domain = candidate.split("@")
            validate_email_local_part(local)
            return f"{local}@{_check_domain(domain)}", ""
        return validate_email(candidate, check_deliverability=False).normalized, ""
    except EmailNotValidError as exc:
        return candidate, str(exc) or "invalid"


def _unwrapped(text: str) -> str:
    """``text`` without surrounding blanks, ``<…>`` and a ``mailto:`` prefix."""
    candidate = text.strip().strip("<>").strip()
    if candidate.lower().startswith("mailto:"):
        candidate = candidate[7:].strip()
    return candidate


def address_key(text: str) -> str:
    """What makes two addresses the same: ``check_address``'s normal form, lower-cased.

    Keys are compared, not shown, so a plain ASCII address (the own mailbox's, nearly every
    address kept) is keyed by unwrapping and lower-casing alone: for it ``check_address``
    changes nothing else, valid or not (it lower-cases the domain, or returns the text as it
    came). Only the rest (quoted or non-ASCII parts, IDNA ``xn--`` labels, whose normal form
    email-validator decides) goes through the check. This keeps email-validator out of
    start-up, where the address book keys the own mailbox and the recent recipients.
    """
    candidate = _unwrapped(text)
    if candidate.isascii() and "xn--" not in candidate.lower() and _PLAIN.fullmatch(candidate):
        return candidate.lower()
    return check_address(text)[0].lower()


@lru_cache(maxsize=4096)
def _check_domain(domain: str) -> str:
    """The normalised domain (email-validator's rules), or EmailNotValidError."""
    from email_validator import validate_email  # noqa: PLC0415 - see the module's docstring

    return validate_email(f"postmaster@{domain}", check_deliverability=False).domain


def make_recipient(
    line: int,
    raw: str,
    fields: Mapping[str, str] | None = None,
    attachments: tuple[str, ...] = (),
) -> Recipient:
    """A :class:`Recipient` for ``raw``, checked."""
    address, problem = check_address(raw)
    return Recipient(line, raw.strip(), address or raw.strip(), problem, fields or {}, attachments)


def from_text(text: str, *, after: int = 0) -> list[Recipient]:
    """The addresses typed or pasted in ``text`` (newline, comma or semicolon between them).

    Each recipient's line is its position in the list (1-based), plus ``after``.
    """
    parts = [part.strip() for part in _SEPARATORS.split(text)]
    return [make_recipient(after + n, part)
            for n, part in enumerate((p for p in parts if p), start=1)]


def with_typed(rows: Sequence[Recipient], text: str) -> list[Recipient]:
    """``rows`` (an imported sheet, contacts), then the addresses typed in ``text``.

    The typed addresses are numbered after the last of ``rows``: every recipient of a form
    has its own line, so "line 2" in the pre-flight report, the recipient table and the
    sizes measured for it name one recipient, never a row of the sheet and a typed one.
    """
    return [*rows, *from_text(text, after=last_line(rows))]


def last_line(rows: Sequence[Recipient]) -> int:
    """The highest line of ``rows``; 0 for none."""
    return max((row.line for row in rows), default=0)
