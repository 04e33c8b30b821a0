"""A plain-text banner across the top of a view: information or a problem to act on."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

_STYLES = {
    "info": "background: #e8f1fb; border: 1px solid #9cc0e8; color: #10325a;",
    "warning": "background: #fdecea; border: 1px solid #e6a19a; color: #5f1712;",
}


class BannerKind(Enum):
    """How a banner looks: neutral information or a problem."""

    INFO = "info"
    WARNING = "warning"


class Banner(QFrame):
    """A framed, word-wrapped plain-text message; never interprets markup.

    Attributes:
        label: the label holding the text (tests read it).
    """

    def __init__(self, kind: BannerKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName(f"{kind.value}Banner")
        self.setStyleSheet(f"#{self.objectName()} {{ {_STYLES[kind.value]} }}")
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.label)

    def text(self) -> str:
        """The message shown."""
        return self.label.text()

    def show_message(self, text: str) -> None:
        """Show the banner with ``text``."""
        self.label.setText(text)
        self.show()

    def clear(self) -> None:
        """Hide the banner and forget its text."""
        self.label.clear()
        self.hide()
