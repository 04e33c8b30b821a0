"""Cells safe to open in a spreadsheet: no text pecdesk exports is ever run as a formula.

Excel, LibreOffice and Google Sheets treat a cell starting with ``=``, ``+``, ``-`` or ``@``
(and, after a tab or a line break, the same) as a formula: ``=HYPERLINK("http://evil", "ok")``
in a subject, a recipient or a reason the service sent back would become a live link or worse
(CSV injection). Every CSV pecdesk writes passes each cell through :func:`safe_cell`.
"""

from __future__ import annotations

from collections.abc import Iterable

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
"""What a spreadsheet may read as the start of a formula."""


def safe_cell(value: object) -> str:
    """``value`` as text, with a leading ``'`` when it starts like a formula.

    The apostrophe is the spreadsheets' own "this is text" mark: the cell shows the text as is.
    ``None`` is the empty cell.
    """
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def safe_row(values: Iterable[object]) -> list[str]:
    """Every cell of a row through :func:`safe_cell`."""
    return [safe_cell(value) for value in values]


def unguarded_cell(text: str) -> str:
    """``text`` read back from a file pecdesk wrote: the apostrophe :func:`safe_cell` added goes.

    Only an apostrophe before a formula start is dropped, so a name like "'t Hooft" stays.
    """
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text
