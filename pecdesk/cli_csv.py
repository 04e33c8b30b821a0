"""Reading a recipient list for ``pecdesk send``, through :mod:`pecdesk.recipients`.

Italian Excel writes ``;`` and Windows-1252; others write ``,`` and UTF-8, with or without a
BOM (domain.md, complaint 9). The address is in the ``pec`` or ``email`` column (any case), else
in the first column with addresses; every column fills the ``{{column}}`` merge fields. The
reading itself is shared with the Compose tab: :func:`pecdesk.recipients.read_table`.
"""

from __future__ import annotations

from pathlib import Path

from pecdesk.recipients import (
    EmptyFileError,
    RecipientFileError,
    Table,
    guess_mapping,
    read_table,
    to_recipients,
)
from pecdesk.recipients import table as _table
from pecdesk.services.campaigns import CampaignError, RecipientRow

detect_delimiter = _table.detect_delimiter


def decode_text(raw: bytes) -> str:
    """Decode UTF-8 (BOM or not), else Windows-1252."""
    return _table.decode_text(raw)[0]


def read_recipients(path: Path) -> list[RecipientRow]:
    """The recipients of a CSV (or .xlsx) file, with their merge fields.

    Raises:
        CampaignError: the file cannot be read, or has no recipient.
    """
    try:
        table = read_table(path)
    except EmptyFileError as exc:
        raise CampaignError(problem="the recipient file is empty") from exc
    except RecipientFileError as exc:
        raise CampaignError(problem=exc.message) from exc
    return _rows(table)


def parse_recipients(text: str) -> list[RecipientRow]:
    """Parse CSV ``text`` (see :func:`read_recipients`)."""
    try:
        table = _table.parse_csv(text)
    except EmptyFileError as exc:
        raise CampaignError(problem="the recipient file is empty") from exc
    return _rows(table)


def _rows(table: Table) -> list[RecipientRow]:
    mapping = guess_mapping(table)
    rows = [
        RecipientRow(r.raw, r.fields, r.line) for r in to_recipients(table, mapping) if r.raw
    ]
    if not rows:
        raise CampaignError(problem="the recipient file lists no address")
    return rows
