"""The Sent tab: the history of sendings (empty until the send queue and history exist)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class SentTab(QWidget):
    """An honest empty state: nothing has been sent from this computer yet.

    Attributes:
        empty_label: the headline of the empty state.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_label = QLabel(self.tr("No PEC sent yet"), self)
        font = QFont(self.empty_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.empty_label.setFont(font)
        hint = QLabel(
            self.tr("PECs you send from the Compose tab will be listed here with their receipts."),
            self,
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for label in (self.empty_label, hint):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        layout.addStretch(1)
