"""Reading a spreadsheet into a plain table: ``.xlsx`` (openpyxl, read-only) or CSV.

CSV as offices write it (domain.md, complaint 9): ``;`` or ``,``, UTF-8 with or without a BOM,
or Windows-1252; quoted fields may hold the delimiter and line breaks. Every row keeps the line
it started on in the file (the spreadsheet row for ``.xlsx``), so problems can name it.

Any file, however hostile, is read in linear time and bounded memory, and ends in a table or
in a plain :class:`~pecdesk.recipients.errors.RecipientFileError` (issue 13): the bounds are
the ``MAX_*`` constants below. Only a regular file is opened, and never in a way that could
block (a FIFO or a device is refused from its ``stat``). A workbook's zip directory is checked
(declared sizes, compression ratio) before anything is unpacked, and a streaming pass over
its XML parts (cells, cell sizes, row numbers, no DTD) runs before openpyxl reads any; its
``dimension`` is never trusted; missing rows are not filled in; reading stops at the first
bound crossed.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import os
import stat
import time
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

from pecdesk.domain.jobs import is_address
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
    UnpackedTooLargeError,
    UnreadableFileError,
    WrongFormatError,
)

MAX_FILE_BYTES = 32 * 1024 * 1024
"""Larger files are refused: 300,000 rows of CSV fit in a few MB."""
MAX_ROWS = 200_000
"""Rows with text (the header included): more is not a recipient list."""
MAX_COLUMNS = 500
"""Columns of one row (trailing empty cells of a workbook row not counted)."""
MAX_CELLS = 500_000
"""Cells (``<c>`` elements) in all the sheets of an .xlsx, e.g. 50,000 rows of 10 columns:
openpyxl reads 100,000-400,000 a second, so the largest workbook takes a few seconds."""
MAX_CSV_CELLS = 2_000_000
"""Cells in a CSV file (e.g. 200,000 rows of 10 columns): about a second, a few hundred MB."""
MAX_CELL_CHARS = 32 * 1024
"""Characters in one cell (Excel's own limit is 32,767)."""
MAX_UNPACKED_BYTES = 200_000_000
"""The total declared uncompressed size of an .xlsx's zip members."""
MAX_ZIP_RATIO = 200
"""A member larger than ``_RATIO_FLOOR`` unpacking to more than this many times its packed
size is a zip bomb (real sheets pack 5-20 times; deflate at most ~1,030)."""
_RATIO_FLOOR = 1024 * 1024
MAX_READ_SECONDS = 30.0
"""Reading (parsing) stops with an error past this time, whatever the file."""
_EXCEL_MAX_ROW = 1_048_576
_EXCEL_MAX_COLUMNS = 16_384
_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_ROW, _CELL, _SHARED = f"{_MAIN_NS} row", f"{_MAIN_NS} c", f"{_MAIN_NS} si"
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
    deadline = time.monotonic() + MAX_READ_SECONDS
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

    ``stat`` comes first, so a FIFO or a device is refused without being opened; the open
    itself is non-blocking and checked again (``fstat``) against a swap in between.
    """
    name = path.name
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise NotRegularFileError(name=name)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
        flags |= getattr(os, "O_BINARY", 0)
        fd = os.open(path, flags)
        with open(fd, "rb", closefd=True) as handle:  # from the descriptor
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise NotRegularFileError(name=name)
            if info.st_size > MAX_FILE_BYTES:
                raise FileTooLargeError(
                    name=name, size=round(info.st_size / 1e6), limit=round(MAX_FILE_BYTES / 1e6)
                )
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise UnreadableFileError(name=name, reason=exc.strerror or type(exc).__name__) from exc
    if len(raw) > MAX_FILE_BYTES:  # grew while being read
        raise FileTooLargeError(name=name, size=round(len(raw) / 1e6),
                                limit=round(MAX_FILE_BYTES / 1e6))
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
        deadline = time.monotonic() + MAX_READ_SECONDS
    rows: list[SheetRow] = []
    start, cells_read = 1, 0
    with _field_size_limit(MAX_CELL_CHARS + 1):  # csv refuses a field as long as the limit
        delimiter = detect_delimiter(text)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            for record in reader:
                _check_row(len(record), start, name, deadline)
                cells_read += len(record)
                if cells_read > MAX_CSV_CELLS:
                    raise TooManyCellsError(name=name, limit=MAX_CSV_CELLS)
                if any(len(cell) > MAX_CELL_CHARS for cell in record):
                    raise CellTooLargeError(name=name, line=start, limit=MAX_CELL_CHARS)
                cells = tuple(cell.strip() for cell in record)
                if any(cells):
                    _append(rows, SheetRow(start, cells), name)
                start = reader.line_num + 1
        except csv.Error as exc:  # "field larger than field limit"
            raise CellTooLargeError(name=name, line=start, limit=MAX_CELL_CHARS) from exc
    return _with_header(rows, name, kind="csv", delimiter=delimiter, encoding=encoding)


def _append(rows: list[SheetRow], row: SheetRow, name: str) -> None:
    """Add a row with text, unless the list already holds ``MAX_ROWS``."""
    if len(rows) >= MAX_ROWS:
        raise TooManyRowsError(name=name, limit=MAX_ROWS)
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
    if width > MAX_COLUMNS:
        raise TooManyColumnsError(name=name, line=line, limit=MAX_COLUMNS)
    if time.monotonic() > deadline:
        raise ReadTooLongError(name=name, limit=round(MAX_READ_SECONDS))


_DAMAGED = (
    zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, KeyError,
    IndexError, ValueError, TypeError, AttributeError, SyntaxError, NotImplementedError,
    RecursionError, OverflowError, expat.ExpatError,
)
"""What openpyxl, zipfile and the XML parser raise on a damaged workbook (XML errors are
SyntaxErrors; openpyxl's InvalidFileException is an OSError)."""


def _check_zip(raw: bytes, name: str) -> None:
    """Refuse a zip whose members declare too much data or too tight a packing.

    zipfile never unpacks a member past its declared size, so checking the declarations
    bounds what opening the workbook can unpack.

    Raises:
        UnpackedTooLargeError: over ``MAX_UNPACKED_BYTES`` or ``MAX_ZIP_RATIO``.
        CorruptFileError: not a readable zip.
    """
    limit = round(MAX_UNPACKED_BYTES / 1e6)
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = archive.infolist()
    except _DAMAGED as exc:
        raise CorruptFileError(name=name) from exc
    if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        raise UnpackedTooLargeError(name=name, limit=limit)
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > _RATIO_FLOOR and ratio > MAX_ZIP_RATIO:
            raise UnpackedTooLargeError(name=name, limit=limit)


def _read_xlsx(raw: bytes, name: str, deadline: float) -> Table:
    import openpyxl  # noqa: PLC0415 - a few hundred ms to import; only for workbooks

    _check_zip(raw, name)
    try:
        _scan_parts(raw, name, deadline)
    except _DAMAGED as exc:
        raise CorruptFileError(name=name) from exc
    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except _DAMAGED as exc:
        raise CorruptFileError(name=name) from exc
    try:
        sheet = book.active if book.active is not None else book.worksheets[0]
        if not hasattr(sheet, "reset_dimensions"):  # a chart sheet
            raise CorruptFileError(name=name)
        sheet.reset_dimensions()  # never trust the stored dimension: no padding to it
        rows: list[SheetRow] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            # Rows missing from the file come back as empty tuples, one per missing row.
            if number > _EXCEL_MAX_ROW:
                raise CorruptFileError(name=name)
            if not values:
                if number % 4096 == 0 and time.monotonic() > deadline:
                    raise ReadTooLongError(name=name, limit=round(MAX_READ_SECONDS))
                continue
            width = len(values)
            while width and values[width - 1] is None:
                width -= 1
            _check_row(width, number, name, deadline)
            cells = tuple(_cell_text(value) for value in values[:width])
            if any(len(cell) > MAX_CELL_CHARS for cell in cells):
                raise CellTooLargeError(name=name, line=number, limit=MAX_CELL_CHARS)
            if any(cells):
                _append(rows, SheetRow(number, cells), name)
    except _DAMAGED as exc:
        raise CorruptFileError(name=name) from exc
    finally:
        book.close()
    return _with_header(rows, name, kind="xlsx")


class _PartScan:
    """A streaming pass over one XML part of a workbook that stops at the first bound crossed.

    openpyxl builds a whole ``<row>`` before handing it over (a million cells: seconds and
    hundreds of MB), and reads every sheet's head even in read-only mode; this pass goes
    first, over every part, counting cells (and shared strings) and characters as the XML
    streams by, in constant memory. Its bounds are ``MAX_CELLS``, ``MAX_CELL_CHARS`` and
    what Excel itself can write (16,384 columns, 1,048,576 rows, no DTD); the tighter
    ``MAX_COLUMNS`` applies to the sheet read, after. Elements are matched as openpyxl matches
    them, by namespace and name, in whatever part and under whatever root they come.
    """

    def __init__(self, name: str, cells: int = 0) -> None:
        self.name, self.cells = name, cells
        self.line = self.width = self.chars = 0
        self.in_cell = False

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        if tag == _SHARED:  # shared strings: no more than cells
            self.cells += 1
            if self.cells > MAX_CELLS:
                raise TooManyCellsError(name=self.name, limit=MAX_CELLS)
        elif tag == _ROW:
            number = attributes.get("r", "")
            self.line = int(number) if number.isdigit() and len(number) < 12 else self.line + 1
            if self.line > _EXCEL_MAX_ROW:
                raise CorruptFileError(name=self.name)
            self.width = 0
        elif tag == _CELL:
            self.width += 1
            self.cells += 1
            if self.cells > MAX_CELLS:
                raise TooManyCellsError(name=self.name, limit=MAX_CELLS)
            if self.width > _EXCEL_MAX_COLUMNS:
                raise CorruptFileError(name=self.name)
            self.in_cell, self.chars = True, 0

    def end(self, tag: str) -> None:
        if tag == _CELL:
            self.in_cell = False

    def text(self, data: str) -> None:
        if self.in_cell:
            self.chars += len(data)
            if self.chars > MAX_CELL_CHARS:
                raise CellTooLargeError(name=self.name, line=self.line, limit=MAX_CELL_CHARS)

    def doctype(self, *_: object) -> None:
        raise CorruptFileError(name=self.name)  # a sheet has no DTD: no entities to expand


def _scan_parts(raw: bytes, name: str, deadline: float) -> None:
    """Stream every XML part of the workbook through :class:`_PartScan` (errors propagate).

    A part is XML by its name or, whatever its name (openpyxl follows the relationships, not
    the extensions), by its first bytes; images and other binary parts are left alone. A part
    that is not well-formed is left to openpyxl, whose parser (expat too) stops at the same
    place: the bounds hold up to there, and a part openpyxl never reads (legacy VML…) does
    not condemn the file.
    """
    cells = 0
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        for member in archive.infolist():
            if member.is_dir():
                continue
            if not member.filename.lower().endswith((".xml", ".rels")):
                with archive.open(member) as source:
                    head = source.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
                if not head.startswith(b"<"):
                    continue
            scan = _PartScan(name, cells)
            parser = expat.ParserCreate(namespace_separator=" ")
            parser.StartElementHandler = scan.start
            parser.EndElementHandler = scan.end
            parser.CharacterDataHandler = scan.text
            parser.StartDoctypeDeclHandler = scan.doctype
            with contextlib.suppress(expat.ExpatError), archive.open(member) as source:
                while chunk := source.read(256 * 1024):
                    parser.Parse(chunk, False)
                    if time.monotonic() > deadline:
                        raise ReadTooLongError(name=name, limit=round(MAX_READ_SECONDS))
                parser.Parse(b"", True)
            cells = scan.cells


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
