"""Cells safe in a spreadsheet, and every CSV writer of pecdesk going through them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import pecdesk
from pecdesk.domain.spreadsheet import safe_cell, safe_row


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://evil.example/x","ok")', "+39 06 1234", "-2+3", "@SUM(A1:A2)",
     "\t=1+1", "\r=1+1", "\n=1+1"],
)
def test_formula_starts_get_an_apostrophe(text: str) -> None:
    """Anything a spreadsheet could run as a formula is marked as text, otherwise unchanged."""
    assert safe_cell(text) == "'" + text


def test_plain_text_numbers_and_none_are_left_alone() -> None:
    """Ordinary text, a positive number and None (the empty cell) pass untouched."""
    assert safe_row(["rossi@pec.it", 42, None, "Diffida = urgente", ""]) == [
        "rossi@pec.it", "42", "", "Diffida = urgente", "",
    ]


def _writer_modules() -> list[Path]:
    root = Path(pecdesk.__file__).parent
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in {"writer", "DictWriter"} and (
                isinstance(node.value, ast.Name) and node.value.id == "csv"
            ):
                found.append(path)
                break
    return found


def test_every_csv_writer_neutralises_its_cells() -> None:
    """Each pecdesk module that writes CSV also passes its cells through safe_row/safe_cell."""
    modules = _writer_modules()
    assert modules, "no CSV writer found: the search itself is broken"
    for path in modules:
        text = path.read_text(encoding="utf-8")
        assert "safe_row(" in text or "safe_cell(" in text, f"{path} writes unguarded CSV"
