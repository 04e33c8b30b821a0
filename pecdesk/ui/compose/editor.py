"""The body editor: rich text with bold, italic, lists and links, and a merge-field inserter."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QAction, QFont, QTextCharFormat, QTextListFormat
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QPushButton,
    QTextEdit,
    QToolBar,
    QVBoxLayout,
    QWidget,
)


class BodyEditor(QWidget):
    """A formatting toolbar over a rich-text edit.

    Attributes:
        text_edit: the body.
        field_combo: the merge fields that can be inserted.
        insert_button: inserts the chosen field at the cursor (in the subject if it has focus).
        bold_action: toggles bold.
        italic_action: toggles italic.
        bullets_action: starts a bulleted list.
        numbers_action: starts a numbered list.
        link_action: makes the selection a link.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text_edit = QTextEdit(self)
        self.text_edit.setAcceptRichText(True)
        toolbar = QToolBar(self)
        self.bold_action = QAction(self.tr("Bold"), self)
        self.bold_action.setCheckable(True)
        self.bold_action.triggered.connect(self._bold)
        self.italic_action = QAction(self.tr("Italic"), self)
        self.italic_action.setCheckable(True)
        self.italic_action.triggered.connect(self.text_edit.setFontItalic)
        self.bullets_action = QAction(self.tr("• List"), self)
        self.bullets_action.triggered.connect(
            lambda: self._list(QTextListFormat.Style.ListDisc)
        )
        self.numbers_action = QAction(self.tr("1. List"), self)
        self.numbers_action.triggered.connect(
            lambda: self._list(QTextListFormat.Style.ListDecimal)
        )
        self.link_action = QAction(self.tr("Link…"), self)
        self.link_action.triggered.connect(self._ask_link)
        for action in (self.bold_action, self.italic_action, self.bullets_action,
                       self.numbers_action, self.link_action):
            toolbar.addAction(action)
        self.field_combo = QComboBox(self)
        self.field_combo.setToolTip(self.tr("Merge fields: the spreadsheet's columns"))
        self.insert_button = QPushButton(self.tr("Insert field"), self)
        self.insert_button.clicked.connect(self._insert_field)
        # The picker has its own row, not the toolbar: in a narrow column (1,024 px, Italian)
        # the toolbar folds what does not fit into its » menu, and the fields would vanish there.
        picker = QHBoxLayout()
        picker.addWidget(self.field_combo, 1)
        picker.addWidget(self.insert_button)
        self.text_edit.currentCharFormatChanged.connect(self._format_changed)
        self._subject_target: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(toolbar)
        layout.addLayout(picker)
        layout.addWidget(self.text_edit, 1)
        self.set_fields(())

    def set_fields(self, names: Sequence[str]) -> None:
        """Offer these merge fields."""
        self.field_combo.clear()
        self.field_combo.addItems(list(names))
        self.insert_button.setEnabled(bool(names))

    def marker(self) -> str:
        """The marker of the chosen field, e.g. ``{{Nome}}``."""
        return f"{{{{{self.field_combo.currentText()}}}}}"

    def _insert_field(self) -> None:
        if self.field_combo.currentText():
            self.text_edit.insertPlainText(self.marker())
            self.text_edit.setFocus()

    def _bold(self, checked: bool) -> None:
        self.text_edit.setFontWeight(QFont.Weight.Bold if checked else QFont.Weight.Normal)

    def _list(self, style: QTextListFormat.Style) -> None:
        cursor = self.text_edit.textCursor()
        cursor.createList(style)

    def _ask_link(self) -> None:
        url, ok = QInputDialog.getText(self, self.tr("Link"), self.tr("Address (https://…):"))
        if ok and url.strip():
            self.make_link(url.strip())

    def make_link(self, url: str) -> None:
        """Turn the selection (or the address itself) into a link to ``url``."""
        cursor = self.text_edit.textCursor()
        text = cursor.selectedText() or url
        fmt = QTextCharFormat()
        fmt.setAnchor(True)
        fmt.setAnchorHref(url)
        fmt.setFontUnderline(True)
        cursor.insertText(text, fmt)

    def _format_changed(self, fmt: QTextCharFormat) -> None:
        self.bold_action.setChecked(fmt.fontWeight() >= QFont.Weight.Bold)
        self.italic_action.setChecked(fmt.fontItalic())
