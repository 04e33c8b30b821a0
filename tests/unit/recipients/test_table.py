"""Reading recipient spreadsheets: .xlsx and the CSV dialects offices write, and bad files."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from pecdesk.recipients import (
    BinaryFileError,
    CorruptFileError,
    EmptyFileError,
    FileTooLargeError,
    UnreadableFileError,
    WrongFormatError,
    bounds,
    guess_mapping,
    read_table,
    to_recipients,
)


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_xlsx_with_header_and_numbers(tmp_path: Path) -> None:
    """A workbook's first row names the columns; whole numbers read without '.0'."""
    path = write_xlsx(tmp_path / "clienti.xlsx", [
        ["Nome", "PEC", "Importo"],
        ["Niccolò", "niccolo.rossi@pec.it", 120.0],
        [None, None, None],
        ["Anna", "anna.bianchi@pec.it", 99.5],
    ])
    table = read_table(path)
    assert table.kind == "xlsx"
    assert table.has_header
    assert table.headers == ("Nome", "PEC", "Importo")
    assert [(r.line, r.cells) for r in table.rows] == [
        (2, ("Niccolò", "niccolo.rossi@pec.it", "120")),
        (4, ("Anna", "anna.bianchi@pec.it", "99.5")),
    ]
    assert guess_mapping(table).address == 1


def test_semicolon_cp1252_with_accents(tmp_path: Path) -> None:
    """Italian Excel: ';' and Windows-1252; accented names survive."""
    path = tmp_path / "lista.csv"
    path.write_bytes("Nome;Cognome;PEC\nNiccolò;Carità;n.carita@pec.it\n".encode("cp1252"))
    table = read_table(path)
    assert (table.delimiter, table.encoding) == (";", "cp1252")
    assert table.rows[0].cells == ("Niccolò", "Carità", "n.carita@pec.it")


def test_comma_utf8_bom(tmp_path: Path) -> None:
    """',' with a UTF-8 BOM: the BOM does not end up in the first column's name."""
    path = tmp_path / "lista.csv"
    path.write_bytes("\ufeffEmail,Città\nmario@pec.it,Forlì\n".encode())
    table = read_table(path)
    assert (table.delimiter, table.encoding) == (",", "utf-8-sig")
    assert table.headers == ("Email", "Città")
    assert guess_mapping(table).address == 0


def test_quoted_fields_with_delimiter_and_newlines(tmp_path: Path) -> None:
    """Quoted cells may hold ';' and line breaks; lines still name where each row starts."""
    path = tmp_path / "lista.csv"
    path.write_text(
        'pec;nota;indirizzo\n'
        'a@pec.it;"uno; due";"Via Roma 1\nMilano"\n'
        'b@pec.it;tre;"x"\n',
        encoding="utf-8",
    )
    table = read_table(path)
    assert table.rows[0].cells == ("a@pec.it", "uno; due", "Via Roma 1\nMilano")
    assert [r.line for r in table.rows] == [2, 4]


def test_no_header_row(tmp_path: Path) -> None:
    """When the first row holds an address, there is no header."""
    path = tmp_path / "lista.csv"
    path.write_text("a@pec.it;Anna\nb@pec.it;Bruno\n", encoding="utf-8")
    table = read_table(path)
    assert not table.has_header
    assert table.headers == ("Column 1", "Column 2")
    assert len(table.rows) == 2


def test_mapping_with_attachments_column(tmp_path: Path) -> None:
    """The attachments column is split into file names and is not a merge field."""
    path = tmp_path / "lista.csv"
    path.write_text("Nome;PEC;Allegato\nAnna;A@PEC.IT;f1.pdf|f2.pdf\n", encoding="utf-8")
    table = read_table(path)
    mapping = guess_mapping(table)
    assert (mapping.address, mapping.attachments) == (1, 2)
    (recipient,) = to_recipients(table, mapping)
    assert recipient.address == "A@pec.it"
    assert recipient.key == "a@pec.it"
    assert recipient.attachments == ("f1.pdf", "f2.pdf")
    assert dict(recipient.fields) == {"Nome": "Anna", "PEC": "A@PEC.IT"}


def test_unreadable_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each kind of unusable file gets its own plain error."""
    with pytest.raises(UnreadableFileError):
        read_table(tmp_path / "missing.csv")
    junk = tmp_path / "junk.csv"
    junk.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(BinaryFileError):
        read_table(junk)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"not really a zip" * 10)
    with pytest.raises(CorruptFileError):
        read_table(broken)
    fake = tmp_path / "fake.xlsx"
    fake.write_text("this is text", encoding="utf-8")
    with pytest.raises(CorruptFileError):
        read_table(fake)
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    with pytest.raises(WrongFormatError):
        read_table(old)
    empty = tmp_path / "empty.csv"
    empty.write_text("\n ; \n", encoding="utf-8")
    with pytest.raises(EmptyFileError):
        read_table(empty)


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    """A 50 MB file is refused by its size, without reading it."""
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as out:
        out.truncate(50 * 1000 * 1000)
    with pytest.raises(FileTooLargeError) as caught:
        read_table(huge)
    assert "50 MB" in caught.value.message
    assert bounds.MAX_FILE_BYTES < 50 * 1000 * 1000


def test_decimal_commas_do_not_fool_the_delimiter(tmp_path: Path) -> None:
    """Amounts written '12,50' in a ';' file: ';' still wins."""
    path = tmp_path / "lista.csv"
    lines = ["Nome;PEC;Importo"] + [f"N{n};n{n}@pec.it;{n},50" for n in range(60)]
    path.write_text("\n".join(lines), encoding="utf-8")
    table = read_table(path)
    assert table.delimiter == ";"
    assert table.rows[0].cells == ("N0", "n0@pec.it", "0,50")
