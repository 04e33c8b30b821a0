"""The importer against its fuzz corpus (issue 13): every hostile file ends in a plain error.

The corpus (``corpus.py``) is generated here in ``tmp_path``; the time each file takes is the
benchmark's business (``benchmarks/import_fuzz.py``), not these tests'.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pecdesk.recipients import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    CorruptFileError,
    RecipientFileError,
    guess_mapping,
    read_table,
    to_recipients,
)
from pecdesk.recipients.table import _names
from tests.unit.recipients.corpus import (
    CASES,
    HEADER_ROW,
    Case,
    data_row,
    normal_xlsx,
    sheet_xml,
    with_sheet,
)

FAST = [case for case in CASES if not case.slow]


@pytest.mark.parametrize("case", FAST, ids=[case.name for case in FAST])
def test_corpus_file_gives_its_plain_error(case: Case, tmp_path: Path) -> None:
    """Each corpus file gives the error it names (a plain message naming the file), or a table."""
    path = case.build(tmp_path)
    if case.error is None:
        table = read_table(path)
        assert table.rows
        return
    with pytest.raises(RecipientFileError) as caught:
        read_table(path)
    assert type(caught.value) is case.error
    assert path.name in caught.value.message
    assert "{" not in caught.value.message


def test_field_size_limit_is_restored(tmp_path: Path) -> None:
    """Reading a CSV leaves csv.field_size_limit as it found it, even after an error."""
    before = csv.field_size_limit()
    path = tmp_path / "cella.csv"
    path.write_text("Nome;PEC\n" + "x" * (MAX_CELL_CHARS + 1) + ";a@pec.it\n", encoding="utf-8")
    with pytest.raises(RecipientFileError):
        read_table(path)
    assert csv.field_size_limit() == before


def test_repeated_header_names_are_numbered(tmp_path: Path) -> None:
    """Repeated names become "Nome", "Nome (2)"…, skipping a "(n)" the file already uses."""
    assert _names(["Nome", "nome", "Nome (2)", "Nome", "", "PEC"], 7) == (
        "Nome", "nome (2)", "Nome (2) (2)", "Nome (3)", "Column 5", "PEC", "Column 7",
    )
    path = tmp_path / "ripetute.csv"
    path.write_text(";".join(["Nome"] * MAX_COLUMNS) + "\n" + ";".join(
        ["x"] * (MAX_COLUMNS - 1) + ["a@pec.it"]) + "\n", encoding="utf-8")
    table = read_table(path)
    assert len(set(name.lower() for name in table.headers)) == MAX_COLUMNS
    assert table.headers[-1] == f"Nome ({MAX_COLUMNS})"


def test_lying_dimension_reads_only_real_cells(tmp_path: Path) -> None:
    """A dimension of A1:XFD1048576 over two rows gives two columns and one recipient."""
    path = tmp_path / "dimensione.xlsx"
    path.write_bytes(with_sheet(sheet_xml(HEADER_ROW + data_row(2), "A1:XFD1048576")))
    table = read_table(path)
    assert table.headers == ("Nome", "PEC")
    assert [(row.line, row.cells) for row in table.rows] == [(2, ("Anna", "a@pec.it"))]


def test_far_row_keeps_its_number_without_filling(tmp_path: Path) -> None:
    """A row numbered 1,000,000 is read as that row; one past Excel's last row is damage."""
    path = tmp_path / "riga.xlsx"
    path.write_bytes(with_sheet(sheet_xml(HEADER_ROW + data_row(1_000_000))))
    (recipient,) = to_recipients(table := read_table(path), guess_mapping(table))
    assert recipient.line == 1_000_000
    path.write_bytes(with_sheet(sheet_xml(HEADER_ROW + data_row(1_048_577))))
    with pytest.raises(CorruptFileError):
        read_table(path)


def test_normal_workbook_still_reads(tmp_path: Path) -> None:
    """An ordinary 1,000-row workbook passes every guard whole."""
    path = tmp_path / "lista.xlsx"
    path.write_bytes(normal_xlsx(1000))
    table = read_table(path)
    assert len(table.rows) == 1000
    assert table.rows[-1].cells == ("Nome999", "Cognome999", "cliente999@pec.it", "999.5")


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_read_time_bound_stops_reading(
    suffix: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past MAX_READ_SECONDS (here already past at the start) reading stops with a plain error."""
    from pecdesk.recipients import ReadTooLongError, bounds  # noqa: PLC0415
    from tests.unit.recipients.corpus import normal_csv  # noqa: PLC0415

    path = tmp_path / f"lista.{suffix}"
    path.write_bytes(normal_csv(100) if suffix == "csv" else normal_xlsx(100))
    monkeypatch.setattr(bounds, "MAX_READ_SECONDS", -1.0)
    with pytest.raises(ReadTooLongError) as caught:
        read_table(path)
    assert "lista." in caught.value.message


def test_shared_strings_count_as_cells(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """More shared strings than MAX_CELLS (a two-cell sheet) are refused before openpyxl."""
    from pecdesk.recipients import TooManyCellsError, bounds  # noqa: PLC0415
    from tests.unit.recipients.corpus import base_workbook  # noqa: PLC0415

    strings = "".join(f"<si><t>s{n}</t></si>" for n in range(20))
    sst = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           f"{strings}</sst>").encode()
    base = base_workbook()
    path = tmp_path / "stringhe.xlsx"
    path.write_bytes(with_sheet(sst, base, "xl/sharedStrings.xml"))
    monkeypatch.setattr(bounds, "MAX_CELLS", 10)
    with pytest.raises(TooManyCellsError):
        read_table(path)
