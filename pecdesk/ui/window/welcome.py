"""The first-run welcome page: try the built-in sandbox, or connect a PEC Massiva account.

It is a page inside the main window, not a modal dialog: pecdesk is already running on the
built-in sandbox underneath, so the window is usable (and testable) before any choice.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QCommandLinkButton, QLabel, QVBoxLayout, QWidget


class WelcomePage(QWidget):
    """Two ways to start, for a person who has no account in pecdesk yet.

    Attributes:
        title_label: the greeting.
        intro_label: what pecdesk is, in one sentence.
        sandbox_button: "Try it on the built-in sandbox".
        connect_button: "Connect my PEC Massiva account".

    Signals:
        sandbox_chosen(): the person wants to practise on the built-in sandbox.
        connect_chosen(): the person wants to enter their PEC Massiva account.
    """

    sandbox_chosen = Signal()
    connect_chosen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePage")
        self.title_label = QLabel(self.tr("Welcome to pecdesk"), self)
        font = QFont(self.title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title_label.setFont(font)
        self.intro_label = self._paragraph(
            self.tr(
                "pecdesk sends certified e-mail (PEC) in bulk through the PEC Massiva service "
                "and keeps every receipt. How would you like to start?"
            )
        )
        self.sandbox_button = QCommandLinkButton(
            self.tr("Try it on the built-in sandbox"),
            self.tr(
                "A practice PEC service inside pecdesk, with a demo mailbox and sample "
                "messages. Nothing leaves this computer and nothing is charged."
            ),
            self,
        )
        self.connect_button = QCommandLinkButton(
            self.tr("Connect my PEC Massiva account"),
            self.tr(
                "You will need the API token of your openapi account and the username and "
                "password of the PEC mailbox you send from."
            ),
            self,
        )
        self.sandbox_button.clicked.connect(self.sandbox_chosen)
        self.connect_button.clicked.connect(self.connect_chosen)
        later = self._paragraph(
            self.tr("You can add more accounts, or switch between them, from the Account menu.")
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 36, 48, 36)
        layout.setSpacing(14)
        layout.addStretch(1)
        layout.addWidget(self.title_label)
        layout.addWidget(self.intro_label)
        layout.addSpacing(8)
        layout.addWidget(self.sandbox_button)
        layout.addWidget(self.connect_button)
        layout.addSpacing(8)
        layout.addWidget(later)
        layout.addStretch(2)

    def _paragraph(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label
