"""Reading the evidence PDFs back in tests, and the Italian UI they are checked in."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from pecdesk.config.paths import resource_path
from pecdesk.ui.window.i18n import Translations


def pdf_pages(path: Path) -> list[str]:
    """The text of each page of a PDF: with ``pdftotext`` when installed, else with QtPdf."""
    if shutil.which("pdftotext"):
        done = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                              capture_output=True, text=True)
        return done.stdout.rstrip("\f").split("\f")
    pdf = pytest.importorskip("PySide6.QtPdf")
    document = pdf.QPdfDocument()
    assert document.load(str(path)) == pdf.QPdfDocument.Error.None_
    return [document.getAllText(page).text() for page in range(document.pageCount())]


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
