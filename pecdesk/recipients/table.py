"""Reading a spreadsheet into a plain table: ``.xlsx`` (openpyxl, read-only) or CSV.

CSV as offices write it (domain.md, complaint 9): ``;`` or ``,``, UTF-8 with or without a BOM,
or Windows-1252; quoted fields may hold the delimiter and line breaks. Every row keeps the line
it started on in the file (the spreadsheet row for ``.xlsx``), so problems can name it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pecdesk.domain.jobs import is_address
from pecdesk.recipients.errors import (
    BinaryFileError,
    CorruptFileError,
    EmptyFileError,
    FileTooLargeError,
    UnreadableFileError,
    WrongFormatError,
)

MAX_FILE_BYTES = 32 * 1024 * 1024
"""Larger files are refused: 300,000 rows of CSV fit in a few MB."""
_SNIFF_CHARS = 64 * 1024
_SNIFF_LINES = 50
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old .xls (and .doc…)


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One non-empty row.

    Attributes:
        line: where it starts in the file (1-based; the spreadsheet row number for .xlsx).
        cells: its cells, trimmed, as text.
    """

    line: int
    cells: tuple[str, ...]

    def cell(self, column: int) -> str:
        """The text of ``column`` ("" past the end of the row)."""
        return self.cells[column] if 0 <= column < len(self.cells) else ""


@dataclass(frozen=True, slots=True)
class Table:
    """A spreadsheet's rows under its column names.

    Attributes:
        headers: one name per column ("Column 3" where the file has no header).
        rows: the data rows (the header row excluded).
        has_header: whether the first row was taken as the header.
        kind: "xlsx" or "csv".
        delimiter: the CSV delimiter ("" for .xlsx).
        encoding: the CSV encoding found ("" for .xlsx).
    """

    headers: tuple[str, ...]
    rows: tuple[SheetRow, ...]
    has_header: bool
    kind: str
    delimiter: str = ""
    encoding: str = ""


def read_table(path: Path) -> Table:
    """Read ``path`` as a workbook or a CSV file, whatever its extension says.

    Raises:
        RecipientFileError: a subclass naming the problem (unreadable, too large, binary,
            wrong format, damaged, empty).
    """
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise FileTooLargeError(
                name=name, size=round(size / 1e6), limit=round(MAX_FILE_BYTES / 1e6)
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise UnreadableFileError(name=name, reason=exc.strerror or type(exc).__name__) from exc
    if raw.startswith(_ZIP_MAGIC):
        return _read_xlsx(raw, name)
    if raw.startswith(_OLE_MAGIC) or path.suffix.lower() in {".xls", ".ods", ".numbers"}:
        raise WrongFormatError(name=name)
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        raise CorruptFileError(name=name)
    text, encoding = decode_text(raw, name)
    return parse_csv(text, name=name, encoding=encoding)


def decode_text(raw: bytes, name: str = "") -> tuple[str, str]:
    """Decode UTF-8 (BOM or not), else Windows-1252; returns the text and the encoding.

    Raises:
        BinaryFileError: the bytes are not text (NUL bytes, control characters).
    """
    head = raw[:_SNIFF_CHARS]
    if b"\x00" in head or sum(b < 9 or 13 < b < 32 for b in head) > len(head) // 100 + 2:
        raise BinaryFileError(name=name)
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), "cp1252"


def detect_delimiter(text: str) -> str:
    """``;``, ``,`` or a tab: the one that splits the first lines into the same, most columns.

    csv.Sniffer is fooled by decimal commas (``12,50``) in ``;`` files, so each candidate
    parses the first lines and the most consistent column count wins, then the larger one.
    """
    lines = text[:_SNIFF_CHARS].splitlines(keepends=True)[:_SNIFF_LINES]
    if len(lines) > 1 and len(text) > _SNIFF_CHARS:
        lines = lines[:-1]  # the sample may cut the last line short
    best, best_score = ",", (0.0, 0)
    for delimiter in (",", ";", "\t"):
        widths = [len(r) for r in csv.reader(lines, delimiter=delimiter) if any(r)]
        if not widths:
            continue
        mode = max(set(widths), key=widths.count)
        score = (widths.count(mode) / len(widths), mode)
        if mode > 1 and score > best_score:
            best, best_score = delimiter, score
    return best


def parse_csv(text: str, *, name: str = "", encoding: str = "") -> Table:
    """Parse CSV ``text`` (delimiter and header row detected).

    Raises:
        EmptyFileError: no row has any text.
    """
    delimiter = detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[SheetRow] = []
    start = 1
    for record in reader:
        cells = tuple(cell.strip() for cell in record)
        if any(cells):
            rows.append(SheetRow(start, cells))
        start = reader.line_num + 1
    return _with_header(rows, name, kind="csv", delimiter=delimiter, encoding=encoding)


def _read_xlsx(raw: bytes, name: str) -> Table:
    import openpyxl  # noqa: PLC0415 - a few hundred ms to import; only for workbooks
    from openpyxl.utils.exceptions import InvalidFileException  # noqa: PLC0415

    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise CorruptFileError(name=name) from exc
    try:
        sheet = book.active if book.active is not None else book.worksheets[0]
        rows: list[SheetRow] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = tuple(_cell_text(value) for value in values)
            if any(cells):
                rows.append(SheetRow(number, cells))
    except (zipfile.BadZipFile, KeyError, IndexError, OSError, ValueError) as exc:
        raise CorruptFileError(name=name) from exc
    finally:
        book.close()
    return _with_header(rows, name, kind="xlsx")


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _with_header(
    rows: list[SheetRow], name: str, *, kind: str, delimiter: str = "", encoding: str = ""
) -> Table:
    """Take the first row as the header unless it already holds an address."""
    if not rows:
        raise EmptyFileError(name=name)
    width = max(len(row.cells) for row in rows)
    first = rows[0].cells
    has_header = not any(is_address(cell) for cell in first)
    headers = _names(first if has_header else (), width)
    body = tuple(rows[1:] if has_header else rows)
    return Table(headers, body, has_header, kind, delimiter, encoding)


def _names(first: Iterable[str], width: int) -> tuple[str, ...]:
    """Column names: the header's, with blanks and repeats made unique."""
    given = list(first)
    names: list[str] = []
    for index in range(width):
        name = given[index] if index < len(given) and given[index] else f"Column {index + 1}"
        base, n = name, 2
        while name.lower() in (seen.lower() for seen in names):
            name, n = f"{base} ({n})", n + 1
        names.append(name)
    return tuple(names)
