"""Which column holds what: the address, the attachments, and the merge fields (the others)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pecdesk.domain.jobs import is_address
from pecdesk.recipients.addresses import Recipient, make_recipient
from pecdesk.recipients.table import Table

ADDRESS_COLUMNS = ("pec", "email", "e-mail", "mail", "indirizzo pec", "indirizzo", "address")
ATTACHMENT_COLUMNS = ("allegato", "allegati", "attachment", "attachments", "file")
_FILE_SEPARATORS = re.compile(r"[;|\n]+")


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """The person's choice of columns.

    Attributes:
        address: the column holding the PEC address.
        attachments: the column naming each row's own attachment files; None when none.
    """

    address: int
    attachments: int | None = None


def guess_mapping(table: Table) -> ColumnMapping:
    """The likely mapping: a ``pec``/``email`` column (else the first with addresses)."""
    folded = [name.strip().lower() for name in table.headers]
    address = next((folded.index(n) for n in ADDRESS_COLUMNS if n in folded), None)
    if address is None:
        sample = table.rows[:20]
        address = next(
            (c for c in range(len(table.headers)) if any(is_address(r.cell(c)) for r in sample)),
            0,
        )
    attachments = next((folded.index(n) for n in ATTACHMENT_COLUMNS if n in folded), None)
    return ColumnMapping(address, attachments if attachments != address else None)


def field_names(table: Table, mapping: ColumnMapping) -> list[str]:
    """The merge fields the mapping leaves: every other column (the address too)."""
    return [name for i, name in enumerate(table.headers) if i != mapping.attachments]


def to_recipients(table: Table, mapping: ColumnMapping) -> list[Recipient]:
    """Every row as a checked recipient (rows without an address included, as invalid)."""
    names = field_names(table, mapping)
    columns = [i for i in range(len(table.headers)) if i != mapping.attachments]
    result: list[Recipient] = []
    for row in table.rows:
        fields = {name: row.cell(i) for name, i in zip(names, columns, strict=True)}
        files: tuple[str, ...] = ()
        if mapping.attachments is not None:
            cell = row.cell(mapping.attachments)
            files = tuple(p.strip() for p in _FILE_SEPARATORS.split(cell) if p.strip())
        result.append(make_recipient(row.line, row.cell(mapping.address), fields, files))
    return result
