"""Contacts and saved lists as values, and how they become recipients of the planning step.

A contact's address is normalised by the recipient list's own rules
(:func:`pecdesk.recipients.addresses.check_address`), so an address typed in Compose, read
from a sheet or kept in the book is one and the same key. Every contact offers two merge
fields of its own, ``{{pec}}`` and ``{{nome}}``, besides the free ones it carries: these
names are data (what a letter writes between braces, and the columns of an export), not
words of the interface, so they are not translated.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pecdesk.errors import PecError
from pecdesk.i18n import QT_TRANSLATE_NOOP
from pecdesk.recipients.addresses import Recipient, check_address, make_recipient
from pecdesk.recipients.addresses import address_key as recipient_key

ADDRESS_FIELD = "pec"
"""The merge field (and export column) holding a contact's address."""
NAME_FIELD = "nome"
"""The merge field (and export column) holding a contact's name."""
BUILT_IN_FIELDS = (ADDRESS_FIELD, NAME_FIELD)


class InvalidContactError(PecError):
    """A contact's address fails the syntax check, so it was not saved."""

    title = QT_TRANSLATE_NOOP("PecError", "The contact was not saved")
    default_template = QT_TRANSLATE_NOOP(
        "PecError", "{address} is not a valid PEC address ({problem})."
    )


def address_key(address: str) -> str:
    """What makes two addresses the same contact: normalised, then lower-cased.

    Not a validity check: a plain address is keyed without importing email-validator (see
    :func:`pecdesk.recipients.addresses.address_key`), as the book keys its own mailbox at
    start-up.
    """
    return recipient_key(address)


def name_key(name: str) -> str:
    """What makes two list names the same: case and surrounding blanks ignored."""
    return name.strip().casefold()


@dataclass(frozen=True, slots=True)
class Contact:
    """One person or office with a PEC address.

    Attributes:
        address: the PEC address, normalised.
        name: who it is ("" when unknown).
        fields: free merge fields (name → value), besides ``pec`` and ``nome``.
    """

    address: str
    name: str = ""
    fields: Mapping[str, str] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """The address lower-cased: one contact per address."""
        return self.address.lower()

    def merge_fields(self) -> dict[str, str]:
        """Every merge field it offers: its own, then ``pec`` and ``nome`` (these win)."""
        own = {k: v for k, v in self.fields.items() if k.strip().lower() not in BUILT_IN_FIELDS}
        return {**own, ADDRESS_FIELD: self.address, NAME_FIELD: self.name}

    def label(self) -> str:
        """``Name <address>``, or the address alone when it has no name."""
        return f"{self.name} <{self.address}>" if self.name else self.address

    def to_json(self) -> dict[str, Any]:
        """The contact as a JSON object."""
        return {"address": self.address, "name": self.name, "fields": dict(self.fields)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Contact | None:
        """Read one stored contact; None when its address is missing or invalid."""
        raw = data.get("address")
        if not isinstance(raw, str):
            return None
        address, problem = check_address(raw)
        if problem:
            return None
        fields = data.get("fields")
        return cls(
            address=address,
            name=_text(data.get("name")).strip(),
            fields={str(k): v for k, v in fields.items() if isinstance(v, str)}
            if isinstance(fields, dict)
            else {},
        )


def checked(contact: Contact) -> Contact:
    """``contact`` with its address normalised, its name and field names trimmed.

    Raises:
        InvalidContactError: the address fails the syntax check.
    """
    address, problem = check_address(contact.address)
    if problem:
        raise InvalidContactError(address=contact.address.strip() or "—", problem=problem)
    fields = {k.strip(): v.strip() for k, v in contact.fields.items() if k.strip()}
    return Contact(address, contact.name.strip(), fields)


@dataclass(frozen=True, slots=True)
class ContactList:
    """A named set of contacts (a condominium's owners, the suppliers…).

    Attributes:
        name: what the address book shows.
        members: the members' addresses (keys), in the order they were added.
    """

    name: str
    members: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The list as a JSON object."""
        return {"name": self.name, "members": list(self.members)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ContactList | None:
        """Read one stored list; None when it has no usable name."""
        name = data.get("name")
        if not isinstance(name, str) or not name.strip():
            return None
        members = data.get("members")
        items = members if isinstance(members, list) else []
        return cls(name.strip(), unique(address_key(m) for m in items if isinstance(m, str)))


def unique(keys: Sequence[str] | Any) -> tuple[str, ...]:
    """``keys`` without blanks or repeats, first occurrence kept."""
    return tuple(dict.fromkeys(key for key in keys if key))


def as_recipients(contacts: Sequence[Contact]) -> tuple[list[Recipient], list[str]]:
    """``contacts`` as checked recipients (lines 1…n), and the merge fields they offer.

    The fields are ``pec`` and ``nome`` first, then the others in order of appearance, so
    the list feeds the planning step as an imported sheet would.
    """
    rows = [make_recipient(n, c.address, c.merge_fields()) for n, c in enumerate(contacts, 1)]
    names: dict[str, str] = {name: name for name in BUILT_IN_FIELDS}
    for row in rows:
        for name in row.fields:
            names.setdefault(name.strip().lower(), name)
    return rows, list(names.values())


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""
