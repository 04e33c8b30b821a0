"""Reading a recipient list from a CSV file as offices write them (Excel, LibreOffice).

Italian Excel writes ``;`` and Windows-1252; others write ``,`` and UTF-8, with or without a
BOM (domain.md, complaint 9). The address is in the ``pec`` or ``email`` column (any case), else
in the first column; every other column fills the ``{{column}}`` merge fields.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from pecdesk.domain.jobs import is_address
from pecdesk.services.campaigns import CampaignError, RecipientRow

ADDRESS_COLUMNS = ("pec", "email", "e-mail", "mail")
_SNIFF_BYTES = 64 * 1024


def decode_text(raw: bytes) -> str:
    """Decode UTF-8 (BOM or not), else Windows-1252."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def detect_delimiter(text: str) -> str:
    """``;`` or ``,``: the sniffer's choice, else whichever the first line has more of."""
    sample = text[:_SNIFF_BYTES]
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,").delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample.splitlines() else ""
        return ";" if first.count(";") > first.count(",") else ","


def read_recipients(path: Path) -> list[RecipientRow]:
    """The recipients of a CSV file, with their merge fields.

    Raises:
        CampaignError: the file cannot be read, or has no recipient.
    """
    try:
        text = decode_text(path.read_bytes())
    except OSError as exc:
        raise CampaignError(problem=f"cannot read {path}: {exc.strerror}") from exc
    return parse_recipients(text)


def parse_recipients(text: str) -> list[RecipientRow]:
    """Parse CSV ``text`` (see :func:`read_recipients`)."""
    reader = csv.reader(io.StringIO(text), delimiter=detect_delimiter(text))
    rows = [
        (reader.line_num, [cell.strip() for cell in row])
        for row in reader
        if any(cell.strip() for cell in row)
    ]
    if not rows:
        raise CampaignError(problem="the recipient file is empty")
    header = rows[0][1]
    folded = [name.lower() for name in header]
    column = next((folded.index(name) for name in ADDRESS_COLUMNS if name in folded), None)
    if column is None:
        column = 0
        if is_address(header[0]):
            header = []  # no header row: addresses from the first line on
    recipients = []
    for line, cells in rows[1 if header else 0 :]:
        address = cells[column] if column < len(cells) else ""
        if not address:
            continue
        fields = {
            name: cells[i] if i < len(cells) else "" for i, name in enumerate(header) if name
        }
        recipients.append(RecipientRow(address, fields, line))
    if not recipients:
        raise CampaignError(problem="the recipient file lists no address")
    return recipients
