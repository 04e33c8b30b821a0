"""Checking and normalising addresses, and splitting pasted text."""

from __future__ import annotations

import pytest

from pecdesk.recipients import check_address, from_text


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("  Mario.Rossi@PEC.IT ", "Mario.Rossi@pec.it"),
        ("<anna@pec.it>", "anna@pec.it"),
        ("mailto:anna@pec.it", "anna@pec.it"),
    ],
)
def test_valid(text: str, address: str) -> None:
    """Blanks, angle brackets and mailto: go; the domain is lower-cased."""
    assert check_address(text) == (address, "")


@pytest.mark.parametrize("text", ["", "anna", "a@b", "a..b@pec.it", "a@@pec.it", "a b@pec.it"])
def test_invalid(text: str) -> None:
    """Syntax errors come with a reason."""
    assert check_address(text)[1]


def test_from_text_separators() -> None:
    """Newlines, commas and semicolons all separate; lines count from 1."""
    rows = from_text("a@pec.it, b@pec.it;\n\nnot-an-address\r\nc@pec.it")
    assert [(r.line, r.address, r.valid) for r in rows] == [
        (1, "a@pec.it", True),
        (2, "b@pec.it", True),
        (3, "not-an-address", False),
        (4, "c@pec.it", True),
    ]
