"""Contacts from a spreadsheet, contacts to a CSV file, contacts into a recipient list (pure).

A sheet is read by the recipient list's own reader (:func:`pecdesk.recipients.read_table`,
with its bounds against hostile files) and its address column guessed as Compose guesses it
(:func:`pecdesk.recipients.guess_mapping`); the name column is the first one called like a
name. Every other column becomes a free merge field, so a list put back into Compose offers
the fields the sheet did. The export writes the same columns back (``pec``, ``nome``, then the
free fields): a file the import, and Compose's own import, read again as they were.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from pecdesk.domain.spreadsheet import safe_row, unguarded_cell
from pecdesk.recipients import ColumnMapping, Recipient, Table, guess_mapping
from pecdesk.recipients.addresses import check_address
from pecdesk.services.contacts.contact import (
    ADDRESS_FIELD,
    BUILT_IN_FIELDS,
    NAME_FIELD,
    Contact,
)

NAME_COLUMNS = ("nome", "name", "nominativo", "denominazione", "ragione sociale", "cognome e nome")


@dataclass(frozen=True, slots=True)
class SheetContacts:
    """What a sheet holds for the book.

    Attributes:
        contacts: one per valid address (a repeated address: its last row).
        invalid: rows skipped because their address is missing or invalid.
    """

    contacts: tuple[Contact, ...]
    invalid: int


def name_column(table: Table, mapping: ColumnMapping) -> int | None:
    """The column holding the names, if one is called like it (never the address column)."""
    folded = [name.strip().lower() for name in table.headers]
    for wanted in NAME_COLUMNS:
        if wanted in folded and folded.index(wanted) != mapping.address:
            return folded.index(wanted)
    return None


def contacts_of(
    table: Table,
    mapping: ColumnMapping | None = None,
    *,
    name_at: int | Literal["guess"] | None = "guess",
) -> SheetContacts:
    """Every row of ``table`` as a contact; rows without a valid address are counted apart.

    Args:
        table: the sheet.
        mapping: the address column (the person's choice); guessed when None.
        name_at: the column of the names, as the person chose it (None: no names), or
            "guess" for :func:`name_column`'s guess. The address column is never the name.
    """
    mapping = mapping if mapping is not None else guess_mapping(table)
    if name_at == "guess":
        name_at = name_column(table, mapping)
    elif name_at == mapping.address:
        name_at = None
    skip = {mapping.address, mapping.attachments, name_at}
    extra = [
        (i, name)
        for i, name in enumerate(table.headers)
        if i not in skip and name.strip().lower() not in BUILT_IN_FIELDS
    ]
    found: dict[str, Contact] = {}
    invalid = 0
    for row in table.rows:
        address, problem = check_address(row.cell(mapping.address))
        if problem:
            invalid += 1
            continue
        fields = {name: unguarded_cell(row.cell(i)) for i, name in extra if row.cell(i)}
        name = unguarded_cell(row.cell(name_at)) if name_at is not None else ""
        found.pop(address.lower(), None)
        found[address.lower()] = Contact(address, name, fields)
    return SheetContacts(tuple(found.values()), invalid)


def write_csv(path: Path, contacts: Sequence[Contact]) -> None:
    """Write ``contacts`` as a ``;`` CSV in UTF-8 with a BOM (Excel reads it as it is).

    The columns are ``pec``, ``nome`` and every free field, in order of appearance. The file
    is written beside its final name and then renamed, so a failure leaves no half file.

    Raises:
        OSError: the file could not be written.
    """
    extra: dict[str, str] = {}
    for contact in contacts:
        for name in contact.fields:
            if name.strip().lower() not in BUILT_IN_FIELDS:
                extra.setdefault(name.strip().lower(), name)
    headers = [ADDRESS_FIELD, NAME_FIELD, *extra.values()]
    temp = path.with_name(f".{path.name}.part")
    try:
        with temp.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow(safe_row(headers))
            for contact in contacts:  # a name or field like "=HYPERLINK(...)" stays text
                writer.writerow(
                    safe_row(
                        [
                            contact.address,
                            contact.name,
                            *(contact.fields.get(name, "") for name in extra.values()),
                        ]
                    )
                )
        temp.replace(path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


@dataclass(frozen=True, slots=True)
class Merged:
    """A recipient list with more rows added.

    Attributes:
        recipients: the rows there were, then the new ones.
        fields: the merge fields of all of them (the spelling already there kept).
        added: how many rows were added.
    """

    recipients: tuple[Recipient, ...]
    fields: tuple[str, ...]
    added: int


def merge_rows(
    rows: Sequence[Recipient],
    fields: Sequence[str],
    adding: Iterable[Recipient],
    adding_fields: Sequence[str],
    *,
    taken: Iterable[str] = (),
) -> Merged:
    """``rows`` followed by those of ``adding`` whose address is not there yet.

    Args:
        rows: the list as it is (an imported sheet, earlier contacts).
        fields: its merge fields.
        adding: the rows to add; their lines are renumbered after the last one there.
        adding_fields: their merge fields; one spelt like a field there (any case) takes that
            spelling, so the recipient table finds its values under one column.
        taken: other addresses already in the form (typed ones): not added again.
    """
    spelling = {name.strip().lower(): name for name in fields}
    all_fields = list(fields)
    for name in adding_fields:
        if name.strip().lower() not in spelling:
            spelling[name.strip().lower()] = name
            all_fields.append(name)
    seen = {row.key for row in rows} | {key.lower() for key in taken}
    line = max((row.line for row in rows), default=0)
    added: list[Recipient] = []
    for row in adding:
        if row.key in seen:
            continue
        seen.add(row.key)
        line += 1
        own = {spelling.get(k.strip().lower(), k): v for k, v in row.fields.items()}
        added.append(replace(row, line=line, fields=own))
    return Merged((*rows, *added), tuple(all_fields), len(added))
