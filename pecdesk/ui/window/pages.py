"""The main window's simple parts: the opening page, a tab's empty slot, the banners' texts.

Split from the window; the sandbox notice keeps the translation context ``MainWindow``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from pecdesk.errors import PecError


def opening_page(text: str, parent: QWidget) -> QWidget:
    """A page with ``text`` in its middle (centred by stretches, not by Qt's alignment enum)."""
    page = QWidget(parent)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(QLabel(text, page))
    row.addStretch(1)
    column = QVBoxLayout(page)
    column.addStretch(1)
    column.addLayout(row)
    column.addStretch(1)
    return page


def tab_slot(parent: QWidget) -> QWidget:
    """An empty tab page that takes its tab's widget when the tab is first shown."""
    page = QWidget(parent)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    return page


def sandbox_text() -> str:
    """Says the built-in sandbox is in use, and how to leave it."""
    return QCoreApplication.translate(
        "MainWindow",
        "You are using the built-in sandbox, a practice PEC service that runs inside pecdesk. "
        "Nothing you do here leaves this computer and no real PEC is sent or received. "
        "To connect your PEC Massiva account, choose Account > Add account."
    )


def local_data_text(problems: Sequence[tuple[PecError, str]]) -> str:
    """One line per local data file that did not open: why, and what is off because of it.

    Args:
        problems: the error, and what it switches off (English, context ``StoreProblem``).
    """
    from pecdesk.ui.dialogs.ask import error_texts  # noqa: PLC0415 - loaded when needed

    lines = []
    for error, effect in problems:
        title, message = error_texts(error)
        lines.append(f"{title}: {message} {QCoreApplication.translate('StoreProblem', effect)}")
    return "\n".join(lines)
