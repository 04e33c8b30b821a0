"""The importer's bounds: past any of them a file ends in a plain error, never a hang (issue 13).

Shared by the table reader (:mod:`pecdesk.recipients.table`) and the workbook guard
(:mod:`pecdesk.recipients.workbook_guard`); read as ``bounds.NAME`` so that one value holds for
both.
"""

from __future__ import annotations

import zipfile
import zlib
from xml.parsers import expat

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
"""A member larger than ``RATIO_FLOOR`` unpacking to more than this many times its packed
size is a zip bomb (real sheets pack 5-20 times; deflate at most ~1,030)."""
RATIO_FLOOR = 1024 * 1024
MAX_READ_SECONDS = 30.0
"""Reading (parsing) stops with an error past this time, whatever the file."""
_EXCEL_MAX_ROW = 1_048_576
_EXCEL_MAX_COLUMNS = 16_384
EXCEL_MAX_ROW = 1_048_576
"""The most rows Excel writes: a row numbered past it is a damaged file."""
EXCEL_MAX_COLUMNS = 16_384
"""The most columns Excel writes."""

DAMAGED = (
    zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, KeyError,
    IndexError, ValueError, TypeError, AttributeError, SyntaxError, NotImplementedError,
    RecursionError, OverflowError, expat.ExpatError,
)
"""What openpyxl, zipfile and the XML parser raise on a damaged workbook (XML errors are
SyntaxErrors; openpyxl's InvalidFileException is an OSError)."""
