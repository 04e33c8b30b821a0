"""The importer's fuzz corpus (issue 13), generated from code into a folder: nothing on disk.

Each :class:`Case` builds one hostile (or merely odd) recipient file and names what reading it
must give: a :class:`~pecdesk.recipients.RecipientFileError` subclass, or ``None`` for a
table. Used by ``tests/unit/recipients/test_fuzz.py`` (the outcome) and by
``benchmarks/import_fuzz.py`` (the time per file).
"""

from __future__ import annotations

import io
import os
import random
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl

from pecdesk.recipients import (
    BinaryFileError,
    CellTooLargeError,
    CorruptFileError,
    NotRegularFileError,
    RecipientFileError,
    TooManyCellsError,
    TooManyColumnsError,
    TooManyRowsError,
    UnpackedTooLargeError,
)
from pecdesk.recipients.bounds import (
    MAX_CELL_CHARS,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_CSV_CELLS,
    MAX_ROWS,
)

SHEET = "xl/worksheets/sheet1.xml"
_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


@dataclass(frozen=True)
class Case:
    """One corpus file: how to build it in a folder and what reading it gives."""

    name: str
    build: Callable[[Path], Path]
    error: type[RecipientFileError] | None
    slow: bool = False
    """Seconds to build and read: the benchmark's, left out of the unit tests."""


def base_workbook() -> bytes:
    """A real two-row workbook as openpyxl writes it."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Nome", "PEC"])
    sheet.append(["Anna", "anna@pec.it"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_sheet(sheet_xml: bytes, base: bytes | None = None, part: str = SHEET) -> bytes:
    """``base`` (a real workbook) with its ``part`` (the first sheet) replaced by ``sheet_xml``."""
    source = zipfile.ZipFile(io.BytesIO(base or base_workbook()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = sheet_xml if member.filename == part else source.read(member)
            target.writestr(member.filename, data)
        if part not in source.namelist():  # a part the base lacks is added
            target.writestr(part, sheet_xml)
    return out.getvalue()


def inline(ref: str, text: str) -> str:
    """One inline-string cell."""
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def sheet_xml(rows: str, dimension: str = "A1:B2") -> bytes:
    """A worksheet part holding ``rows`` (``<row>`` elements) under ``dimension``."""
    return (f'{_HEAD}<dimension ref="{dimension}"/><sheetData>{rows}</sheetData>'
            "</worksheet>").encode()


HEADER_ROW = f'<row r="1">{inline("A1", "Nome")}{inline("B1", "PEC")}</row>'


def data_row(number: int) -> str:
    """A row with a name and an address."""
    cells = inline(f"A{number}", "Anna") + inline(f"B{number}", "a@pec.it")
    return f'<row r="{number}">{cells}</row>'


def _write(name: str, data: bytes | str) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        return path

    return build


def _lazy(name: str, make: Callable[[], bytes]) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(make())
        return path

    return build


def normal_csv(rows: int) -> bytes:
    """An ordinary list: header and ``rows`` recipients."""
    lines = ["Nome;Cognome;PEC;Importo"] + [
        f"Nome{n};Cognome{n};cliente{n}@pec.it;{n},50" for n in range(rows)
    ]
    return ("\r\n".join(lines) + "\r\n").encode()


def normal_xlsx(rows: int) -> bytes:
    """An ordinary workbook: header and ``rows`` recipients."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["Nome", "Cognome", "PEC", "Importo"])
    for n in range(rows):
        sheet.append([f"Nome{n}", f"Cognome{n}", f"cliente{n}@pec.it", n + 0.5])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def repeated_headers(count: int) -> bytes:
    """``count`` columns all named "Nome", then one "PEC"; one data row."""
    header = ";".join(["Nome"] * count + ["PEC"])
    row = ";".join(["x"] * count + ["a@pec.it"])
    return f"{header}\n{row}\n".encode()


def million_columns_xlsx() -> bytes:
    """A header row of 1,000,000 cells (no ``r``: openpyxl counts them)."""
    cells = '<c t="n"><v>1</v></c>' * 1_000_000
    return with_sheet(sheet_xml(f'<row r="1">{cells}</row>', "A1:A1"))


def million_random_columns_xlsx(root: str = "worksheet") -> bytes:
    """1,000,000 cells of random numbers in one row (more than Excel's 16,384 columns).

    They pack too loosely for the ratio guard; no dimension (openpyxl would walk the whole
    sheet looking for one); ``root`` names the part's root element.
    """
    rnd = random.Random(7)
    cells = "".join(f"<c><v>{rnd.randrange(10**9)}</v></c>" for _ in range(1_000_000))
    head = _HEAD.replace("<worksheet ", f"<{root} ")
    return with_sheet(f'{head}<sheetData><row r="1">{cells}</row></sheetData></{root}>'
                      .encode())


def many_cells_xlsx(count: int, width: int = 10_000, *, text: bool = False) -> bytes:
    """``count`` random numbers (or texts) in rows of ``width``, the first naming the columns."""
    rnd = random.Random(11)
    header = "".join(f'<c t="inlineStr"><is><t>Colonna {n}</t></is></c>' for n in range(width))
    rows = [f'<row r="1">{header}</row>']
    for number in range(2, count // width + 1):
        cells = "".join(
            f'<c t="inlineStr"><is><t>t{rnd.randrange(10**9)}</t></is></c>' if text
            else f"<c><v>{rnd.randrange(10**9)}</v></c>" for _ in range(width))
        rows.append(f'<row r="{number}">{cells}</row>')
    return with_sheet(sheet_xml("".join(rows)))


def many_cells_csv() -> bytes:
    """``MAX_CSV_CELLS + 40`` cells: 40 columns, under ``MAX_ROWS`` rows."""
    header = ";".join(["PEC"] * 40) + "\n"
    return (header + (";".join(["ab"] * 40) + "\n") * (MAX_CSV_CELLS // 40)).encode()


def wide_xlsx() -> bytes:
    """A header of ``MAX_COLUMNS + 1`` named cells: under the zip guards, over the columns."""
    cells = "".join(f'<c t="inlineStr"><is><t>Colonna {n}</t></is></c>'
                    for n in range(MAX_COLUMNS + 1))
    return with_sheet(sheet_xml(f'<row r="1">{cells}</row>'))


def zip_bomb() -> bytes:
    """A 60 MB sheet of blanks packed a thousand times over (ratio guard)."""
    out = io.BytesIO()
    source = zipfile.ZipFile(io.BytesIO(base_workbook()))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            if member.filename != SHEET:
                target.writestr(member.filename, source.read(member))
        with target.open(SHEET, "w") as sheet:
            sheet.write(_HEAD.encode() + b"<sheetData>")
            blank = b" " * (1024 * 1024)
            for _ in range(60):
                sheet.write(blank)
            sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()


def declared_size(size: int) -> bytes:
    """A real workbook whose central directory declares ``size`` bytes for the sheet."""
    raw = bytearray(base_workbook())
    name = SHEET.encode()
    at = raw.rfind(b"PK\x01\x02", 0, raw.rfind(name))
    raw[at + 24:at + 28] = struct.pack("<I", size)
    return bytes(raw)


def truncated_zip() -> bytes:
    """A real workbook cut in the middle."""
    raw = base_workbook()
    return raw[: len(raw) // 2]


def random_bytes(seed: int, size: int, prefix: bytes = b"") -> bytes:
    """Seeded random bytes (after ``prefix``)."""
    return prefix + random.Random(seed).randbytes(size)


def billion_laughs() -> bytes:
    """Entity expansion in the sheet XML."""
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{n} "{f"&a{n - 1};" * 10}">' for n in range(1, 10))
    xml = (f'<?xml version="1.0"?><!DOCTYPE worksheet [{entities}]>'
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&a9;</t></is></c></row>'
           "</sheetData></worksheet>")
    return with_sheet(xml.encode())


def fifo(folder: Path) -> Path:
    """A named pipe with no writer: opening it blocking would wait for ever."""
    path = folder / "lista.csv"
    os.mkfifo(path)
    return path


def folder_named_csv(folder: Path) -> Path:
    """A folder whose name ends in .csv."""
    path = folder / "cartella.csv"
    path.mkdir()
    return path


def device_link(folder: Path) -> Path:
    """A link named like a list, pointing to /dev/zero (endless bytes)."""
    path = folder / "zero.csv"
    path.symlink_to("/dev/zero")
    return path


BIG = "x" * (200 * 1024)

CASES: tuple[Case, ...] = (
    Case("repeated headers (500 'Nome')", _lazy("ripetute.csv", lambda: repeated_headers(
        MAX_COLUMNS - 1)), None),
    Case("repeated headers (100,000 'Nome')", _lazy("ripetute.csv", lambda: repeated_headers(
        100_000)), TooManyColumnsError),
    Case("1,000,000 columns, CSV", _lazy("colonne.csv", lambda: b"PEC" + b";" * 1_000_000),
         TooManyColumnsError),
    Case("1,000,000 columns, xlsx", _lazy("colonne.xlsx", million_columns_xlsx),
         UnpackedTooLargeError),
    Case("1,000,000 random columns, xlsx", _lazy("colonne.xlsx", million_random_columns_xlsx),
         CorruptFileError),
    Case("1,000,000 random columns under another root, xlsx", _lazy(
        "colonne.xlsx", lambda: million_random_columns_xlsx("foglio")), CorruptFileError),
    Case(f"{MAX_CELLS + 10_000:,} cells, xlsx", _lazy(
        "celle.xlsx", lambda: many_cells_xlsx(MAX_CELLS + 10_000)), TooManyCellsError),
    Case(f"{MAX_CELLS:,} cells (the most), xlsx", _lazy(
        "celle.xlsx", lambda: many_cells_xlsx(MAX_CELLS, MAX_COLUMNS)), None, slow=True),
    Case(f"{MAX_CELLS:,} text cells (the most), xlsx", _lazy(
        "celle.xlsx", lambda: many_cells_xlsx(MAX_CELLS, 10, text=True)), None, slow=True),
    Case(f"{MAX_COLUMNS + 1} columns, xlsx", _lazy("larga.xlsx", wide_xlsx),
         TooManyColumnsError),
    Case(f"{MAX_CSV_CELLS + 40:,} cells, CSV", _lazy("celle.csv", many_cells_csv),
         TooManyCellsError),
    Case(f"{MAX_ROWS + 1:,} rows, CSV", _lazy("righe.csv", lambda: normal_csv(MAX_ROWS)),
         TooManyRowsError),
    Case("dimension A1:XFD1048576, xlsx", _lazy("dimensione.xlsx", lambda: with_sheet(
        sheet_xml(HEADER_ROW + data_row(2), "A1:XFD1048576"))), None),
    Case("row numbered 2e9, xlsx", _lazy("riga.xlsx", lambda: with_sheet(
        sheet_xml(HEADER_ROW + data_row(2_000_000_000)))), CorruptFileError),
    Case("row numbered 1,000,000, xlsx", _lazy("riga.xlsx", lambda: with_sheet(
        sheet_xml(HEADER_ROW + data_row(1_000_000)))), None),
    Case("zip bomb (60 MB of blanks)", _lazy("bomba.xlsx", zip_bomb), UnpackedTooLargeError),
    Case("sheet declares 3 GB", _lazy("dichiara.xlsx", lambda: declared_size(3_000_000_000)),
         UnpackedTooLargeError),
    Case("sheet declares 10 bytes", _lazy("dichiara.xlsx", lambda: declared_size(10)),
         CorruptFileError),
    Case("200 KB cell, CSV", _write("cella.csv", f"Nome;PEC\n{BIG};a@pec.it\n"),
         CellTooLargeError),
    Case("200 KB cell in the header, CSV", _write("cella.csv", f"{BIG};PEC\nx;a@pec.it\n"),
         CellTooLargeError),
    Case("200 KB cell, xlsx", _lazy("cella.xlsx", lambda: with_sheet(
        sheet_xml(HEADER_ROW + f'<row r="2">{inline("A2", BIG)}</row>'))), CellTooLargeError),
    Case(f"{MAX_CELL_CHARS:,}-character cell, CSV", _write(
        "cella.csv", f"Nome;PEC\n{'y' * MAX_CELL_CHARS};a@pec.it\n"), None),
    Case("malformed sheet XML", _lazy("rotto.xlsx", lambda: with_sheet(
        sheet_xml(HEADER_ROW)[:-40] + b"<row r=")), CorruptFileError),
    Case("sheet XML not XML", _lazy("rotto.xlsx", lambda: with_sheet(b"\x00\xff" * 500)),
         CorruptFileError),
    Case("entity expansion (billion laughs)", _lazy("risate.xlsx", billion_laughs),
         CorruptFileError),
    Case("truncated zip", _lazy("tronco.xlsx", truncated_zip), CorruptFileError),
    Case("random bytes", _lazy("caso.csv", lambda: random_bytes(13, 100_000)), BinaryFileError),
    Case("random bytes after a zip signature", _lazy("caso.xlsx", lambda: random_bytes(
        13, 100_000, b"PK\x03\x04")), CorruptFileError),
    Case("FIFO named as the list", fifo, NotRegularFileError),
    Case("folder named as the list", folder_named_csv, NotRegularFileError),
    Case("link to /dev/zero", device_link, NotRegularFileError),
)
