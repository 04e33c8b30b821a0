"""Reading a spreadsheet into a plain table: ``.xlsx`` (openpyxl, read-only) or CSV.

CSV as offices write it (domain.md, complaint 9): ``;`` or ``,``, UTF-8 with or without a BOM,
or Windows-1252; quoted fields may hold the delimiter and line breaks. Every row keeps the line
it started on in the file (the spreadsheet row for ``.xlsx``), so problems can name it.

Any file, however hostile, is read in linear time and bounded memory, and ends in a table or
in a plain :class:`~pecdesk.recipients.errors.RecipientFileError` (issue 13): the bounds are
the ``MAX_*`` constants of :mod:`pecdesk.recipients.bounds`. Only a regular file is opened, and
never in a way that could block (a FIFO or a device is refused from its ``stat``). A workbook
passes :mod:`pecdesk.recipients.workbook_guard` (its zip directory, then a streaming pass over
its XML) before openpyxl reads any of it; its ``dimension`` is never trusted; missing rows are
not filled in; reading stops at the first bound crossed.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pecdesk.domain.jobs import is_address
from pecdesk.recipients import bounds, workbook_guard
from pecdesk.recipients.errors import (
    BinaryFileError,
    CellTooLargeError,
    CorruptFileError,
    EmptyFileError,
    FileTooLargeError,
    NotRegularFileError,
    ReadTooLongError,
    TooManyCellsError,
    TooManyColumnsError,
    TooManyRowsError,
    UnreadableFileError,
    WrongFormatError,
)
from pecdesk.storage.regular_file import IrregularFileError, open_regular

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
    raw = _read_regular_file(path)
    deadline = time.monotonic() + bounds.MAX_READ_SECONDS
    if raw.startswith(_ZIP_MAGIC):
        return _read_xlsx(raw, name, deadline)
    if raw.startswith(_OLE_MAGIC) or path.suffix.lower() in {".xls", ".ods", ".numbers"}:
        raise WrongFormatError(name=name)
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        raise CorruptFileError(name=name)
    text, encoding = decode_text(raw, name)
    return parse_csv(text, name=name, encoding=encoding, deadline=deadline)


def _read_regular_file(path: Path) -> bytes:
    """The bytes of ``path`` if it is a regular file no larger than ``MAX_FILE_BYTES``.

    A FIFO or a device is refused without being opened
    (:func:`~pecdesk.storage.regular_file.open_regular`).
    """
    name = path.name
    try:
        with open_regular(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > bounds.MAX_FILE_BYTES:
                limit = round(bounds.MAX_FILE_BYTES / 1e6)
                raise FileTooLargeError(name=name, size=round(size / 1e6), limit=limit)
            raw = handle.read(bounds.MAX_FILE_BYTES + 1)
    except IrregularFileError as exc:
        raise NotRegularFileError(name=name) from exc
    except OSError as exc:
        raise UnreadableFileError(name=name, reason=exc.strerror or type(exc).__name__) from exc
    if len(raw) > bounds.MAX_FILE_BYTES:  # grew while being read
        raise FileTooLargeError(name=name, size=round(len(raw) / 1e6),
                                limit=round(bounds.MAX_FILE_BYTES / 1e6))
    return raw


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
        try:
            widths = [len(r) for r in csv.reader(lines, delimiter=delimiter) if any(r)]
        except csv.Error:  # a field past csv.field_size_limit: not this delimiter
            continue
        if not widths:
            continue
        mode = max(set(widths), key=widths.count)
        score = (widths.count(mode) / len(widths), mode)
        if mode > 1 and score > best_score:
            best, best_score = delimiter, score
    return best


def parse_csv(
    text: str, *, name: str = "", encoding: str = "", deadline: float | None = None
) -> Table:
    """Parse CSV ``text`` (delimiter and header row detected), within the ``MAX_*`` bounds.

    Raises:
        EmptyFileError: no row has any text.
        RecipientFileError: a bound crossed (cell, columns, rows, read time).
    """
    if deadline is None:
        deadline = time.monotonic() + bounds.MAX_READ_SECONDS
    rows: list[SheetRow] = []
    start, cells_read = 1, 0
    with _field_size_limit(bounds.MAX_CELL_CHARS + 1):  # csv refuses a field as long as the limit
        delimiter = detect_delimiter(text)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            for record in reader:
                _check_row(len(record), start, name, deadline)
                cells_read += len(record)
                if cells_read > bounds.MAX_CSV_CELLS:
                    raise TooManyCellsError(name=name, limit=bounds.MAX_CSV_CELLS)
                if any(len(cell) > bounds.MAX_CELL_CHARS for cell in record):
                    raise CellTooLargeError(name=name, line=start, limit=bounds.MAX_CELL_CHARS)
                cells = tuple(cell.strip() for cell in record)
                if any(cells):
                    _append(rows, SheetRow(start, cells), name)
                start = reader.line_num + 1
        except csv.Error as exc:  # "field larger than field limit"
            raise CellTooLargeError(name=name, line=start, limit=bounds.MAX_CELL_CHARS) from exc
    return _with_header(rows, name, kind="csv", delimiter=delimiter, encoding=encoding)


def _append(rows: list[SheetRow], row: SheetRow, name: str) -> None:
    """Add a row with text, unless the list already holds ``MAX_ROWS``."""
    if len(rows) >= bounds.MAX_ROWS:
        raise TooManyRowsError(name=name, limit=bounds.MAX_ROWS)
    rows.append(row)


@contextlib.contextmanager
def _field_size_limit(limit: int) -> Iterator[None]:
    """``csv.field_size_limit`` set to ``limit`` for the block, then restored."""
    previous = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _check_row(width: int, line: int, name: str, deadline: float) -> None:
    """Raise when a row would cross a bound: its columns, or the read time."""
    if width > bounds.MAX_COLUMNS:
        raise TooManyColumnsError(name=name, line=line, limit=bounds.MAX_COLUMNS)
    if time.monotonic() > deadline:
        raise ReadTooLongError(name=name, limit=round(bounds.MAX_READ_SECONDS))


def _read_xlsx(raw: bytes, name: str, deadline: float) -> Table:
    import openpyxl  # noqa: PLC0415 - a few hundred ms to import; only for workbooks

    workbook_guard.check_zip(raw, name)
    try:
        workbook_guard.scan_parts(raw, name, deadline)
    except bounds.DAMAGED as exc:
        raise CorruptFileError(name=name) from exc
    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except bounds.DAMAGED as exc:
        raise CorruptFileError(name=name) from exc
    try:
        sheet = book.active if book.active is not None else book.worksheets[0]
        if not hasattr(sheet, "reset_dimensions"):  # a chart sheet
            raise CorruptFileError(name=name)
        sheet.reset_dimensions()  # never trust the stored dimension: no padding to it
        rows: list[SheetRow] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            # Rows missing from the file come back as empty tuples, one per missing row.
            if number > bounds.EXCEL_MAX_ROW:
                raise CorruptFileError(name=name)
            if not values:
                if number % 4096 == 0 and time.monotonic() > deadline:
                    raise ReadTooLongError(name=name, limit=round(bounds.MAX_READ_SECONDS))
                continue
            width = len(values)
            while width and values[width - 1] is None:
                width -= 1
            _check_row(width, number, name, deadline)
            cells = tuple(_cell_text(value) for value in values[:width])
            if any(len(cell) > bounds.MAX_CELL_CHARS for cell in cells):
                raise CellTooLargeError(name=name, line=number, limit=bounds.MAX_CELL_CHARS)
            if any(cells):
                _append(rows, SheetRow(number, cells), name)
    except bounds.DAMAGED as exc:
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
    seen: set[str] = set()
    next_suffix: dict[str, int] = {}  # per base name: the first "(n)" not yet tried
    for index in range(width):
        name = given[index] if index < len(given) and given[index] else f"Column {index + 1}"
        base, folded = name, name.lower()
        n = next_suffix.get(folded, 2)
        while name.lower() in seen:  # each n is tried once per base: linear overall
            name, n = f"{base} ({n})", n + 1
        next_suffix[folded] = n
        seen.add(name.lower())
        names.append(name)
    return tuple(names)
