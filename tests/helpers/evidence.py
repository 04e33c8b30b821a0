"""Reading the evidence PDFs back in tests, and the Italian UI they are checked in."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from pecdesk.config.paths import resource_path
from pecdesk.ui.window.i18n import Translations


def pdf_pages(path: Path) -> list[str]:
    """The text of each page of a PDF: with ``pdftotext`` when installed, else with QtPdf.

    Typographic ligatures some fonts draw ("ﬁ" in "firmate", "ﬃ" in "Diffida") are read back
    as their letters (NFKC), so a test finds the words a person reads.
    """
    if shutil.which("pdftotext"):
        done = subprocess.run(["pdftotext", str(path), "-"], check=True,
                              capture_output=True, text=True)
        pages = done.stdout.rstrip("\f").split("\f")
    else:
        pdf = pytest.importorskip("PySide6.QtPdf")
        document = pdf.QPdfDocument()
        assert document.load(str(path)) == pdf.QPdfDocument.Error.None_
        pages = [document.getAllText(page).text() for page in range(document.pageCount())]
    return [unicodedata.normalize("NFKC", page) for page in pages]


def pdf_text(path: Path) -> str:
    """All the text of a PDF, page after page."""
    return "\n".join(pdf_pages(path))


@contextmanager
def italian(app: QApplication) -> Iterator[None]:
    """The Italian translators of pecdesk installed on ``app`` for the block, as the window does."""
    translations = Translations(app, directory=resource_path("translations"))
    translations.use("it")
    try:
        yield
    finally:
        translations.remove()
