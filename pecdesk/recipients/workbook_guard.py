"""A workbook checked before openpyxl opens it: its zip directory, then its XML as it streams.

openpyxl trusts what a workbook says of itself (its dimension, its sizes) and builds whole rows in
memory; a hostile .xlsx (a zip bomb, a million cells in one row, entities to expand) would hang
the import or fill the memory. :func:`check_zip` reads only the zip's directory; :func:`scan_parts`
streams every XML part once in constant memory and stops at the first bound of
:mod:`pecdesk.recipients.bounds` crossed.
"""

from __future__ import annotations

import contextlib
import io
import time
import zipfile
from xml.parsers import expat

from pecdesk.recipients import bounds
from pecdesk.recipients.errors import (
    CellTooLargeError,
    CorruptFileError,
    ReadTooLongError,
    TooManyCellsError,
    UnpackedTooLargeError,
)

_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_ROW, _CELL, _SHARED = f"{_MAIN_NS} row", f"{_MAIN_NS} c", f"{_MAIN_NS} si"


def check_zip(raw: bytes, name: str) -> None:
    """Refuse a zip whose members declare too much data or too tight a packing.

    zipfile never unpacks a member past its declared size, so checking the declarations
    bounds what opening the workbook can unpack.

    Raises:
        UnpackedTooLargeError: over ``MAX_UNPACKED_BYTES`` or ``MAX_ZIP_RATIO``.
        CorruptFileError: not a readable zip.
    """
    limit = round(bounds.MAX_UNPACKED_BYTES / 1e6)
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = archive.infolist()
    except bounds.DAMAGED as exc:
        raise CorruptFileError(name=name) from exc
    if sum(member.file_size for member in members) > bounds.MAX_UNPACKED_BYTES:
        raise UnpackedTooLargeError(name=name, limit=limit)
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > bounds.RATIO_FLOOR and ratio > bounds.MAX_ZIP_RATIO:
            raise UnpackedTooLargeError(name=name, limit=limit)


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
            if self.cells > bounds.MAX_CELLS:
                raise TooManyCellsError(name=self.name, limit=bounds.MAX_CELLS)
        elif tag == _ROW:
            number = attributes.get("r", "")
            self.line = int(number) if number.isdigit() and len(number) < 12 else self.line + 1
            if self.line > bounds.EXCEL_MAX_ROW:
                raise CorruptFileError(name=self.name)
            self.width = 0
        elif tag == _CELL:
            self.width += 1
            self.cells += 1
            if self.cells > bounds.MAX_CELLS:
                raise TooManyCellsError(name=self.name, limit=bounds.MAX_CELLS)
            if self.width > bounds.EXCEL_MAX_COLUMNS:
                raise CorruptFileError(name=self.name)
            self.in_cell, self.chars = True, 0

    def end(self, tag: str) -> None:
        if tag == _CELL:
            self.in_cell = False

    def text(self, data: str) -> None:
        if self.in_cell:
            self.chars += len(data)
            if self.chars > bounds.MAX_CELL_CHARS:
                raise CellTooLargeError(name=self.name, line=self.line, limit=bounds.MAX_CELL_CHARS)

    def doctype(self, *_: object) -> None:
        raise CorruptFileError(name=self.name)  # a sheet has no DTD: no entities to expand


def scan_parts(raw: bytes, name: str, deadline: float) -> None:
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
                        raise ReadTooLongError(name=name, limit=round(bounds.MAX_READ_SECONDS))
                parser.Parse(b"", True)
            cells = scan.cells
