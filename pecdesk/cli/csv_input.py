"""Reading a recipient list for ``pecdesk send``, through :mod:`pecdesk.recipients`.

Italian Excel writes ``;`` and Windows-1252; others write ``,`` and UTF-8, with or without a
BOM (domain.md, complaint 9). The address is in the ``pec`` or ``email`` column (any case), else
in the first column with addresses; an ``allegato``/``attachment`` column names each row's own
files; every other column fills the ``{{column}}`` merge fields. Reading, column guessing and
address checking are the Compose tab's own (:func:`pecdesk.recipients.read_table`,
:func:`~pecdesk.recipients.guess_mapping`, :func:`~pecdesk.recipients.to_recipients`), so a list
gives the same rows through either door. Every row is kept, a row without a valid address too:
the pre-flight report names its line; none is dropped silently.
"""

from __future__ import annotations

from pathlib import Path

from pecdesk.recipients import (
    EmptyFileError,
    Recipient,
    RecipientFileError,
    Table,
    guess_mapping,
    read_table,
    to_recipients,
)
from pecdesk.recipients import table as _table
from pecdesk.recipients.mapping import field_names
from pecdesk.services.sending.campaigns import CampaignError

detect_delimiter = _table.detect_delimiter


def decode_text(raw: bytes) -> str:
    """Decode UTF-8 (BOM or not), else Windows-1252."""
    return _table.decode_text(raw)[0]


def read_list(path: Path) -> tuple[list[Recipient], list[str]]:
    """Every row of a CSV (or .xlsx) file as a checked recipient, and the merge fields.

    Raises:
        CampaignError: the file cannot be read, or names no address at all.
    """
    try:
        table = read_table(path)
    except EmptyFileError as exc:
        raise CampaignError(problem="the recipient file is empty") from exc
    except RecipientFileError as exc:
        raise CampaignError(problem=exc.message) from exc
    return _rows(table)


def read_recipients(path: Path) -> list[Recipient]:
    """The rows of a CSV (or .xlsx) file (see :func:`read_list`)."""
    return read_list(path)[0]


def parse_recipients(text: str) -> list[Recipient]:
    """Parse CSV ``text`` (see :func:`read_list`)."""
    try:
        table = _table.parse_csv(text)
    except EmptyFileError as exc:
        raise CampaignError(problem="the recipient file is empty") from exc
    return _rows(table)[0]


def _rows(table: Table) -> tuple[list[Recipient], list[str]]:
    mapping = guess_mapping(table)
    rows = to_recipients(table, mapping)
    if not any(r.raw for r in rows):
        raise CampaignError(problem="the recipient file lists no address")
    return rows, field_names(table, mapping)
