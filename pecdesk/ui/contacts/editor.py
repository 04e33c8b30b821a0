"""Editing one contact: its PEC address, its name and its free merge fields."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pecdesk.recipients import check_address
from pecdesk.services.contacts.contact import BUILT_IN_FIELDS, Contact


class ContactEditor(QDialog):
    """A new contact, or one being changed.

    Attributes:
        address_edit, name_edit: the contact's address and name.
        fields_table: its merge fields, one row each (name, value).
        problem_label: why it cannot be saved (the address is not valid).
        save_button: saves and closes.

    Signals:
        edited(object): save this Contact (in place of the one being edited, if any).
    """

    edited = Signal(object)

    def __init__(self, contact: Contact | None = None, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactEditor")
        self.setWindowTitle(self.tr("Edit contact") if contact else self.tr("New contact"))
        self.address_edit = QLineEdit(contact.address if contact else "", self)
        self.address_edit.textChanged.connect(self._check)
        self.name_edit = QLineEdit(contact.name if contact else "", self)
        self.fields_table = QTableWidget(0, 2, self)
        self.fields_table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Value")])
        self.fields_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for name, value in contact.fields.items() if contact else ():
            self.add_field(name, value)
        add = QPushButton(self.tr("Add field"), self)
        add.clicked.connect(lambda _checked=False: self.add_field())
        remove = QPushButton(self.tr("Remove field"), self)
        remove.clicked.connect(
            lambda _checked=False: self.fields_table.removeRow(self.fields_table.currentRow())
        )
        note = QLabel(
            self.tr("Every contact also offers {{pec}} and {{nome}} to the letter."), self
        )
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        self.problem_label = QLabel(self)
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problem_label.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("PEC address:"), self.address_edit)
        form.addRow(self.tr("Name:"), self.name_edit)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Merge fields:"), self))
        layout.addWidget(self.fields_table, 1)
        layout.addLayout(row)
        layout.addWidget(note)
        layout.addWidget(self.problem_label)
        layout.addWidget(buttons)
        self._check()

    def add_field(self, name: str = "", value: str = "") -> None:
        """Add a row for one merge field."""
        row = self.fields_table.rowCount()
        self.fields_table.insertRow(row)
        self.fields_table.setItem(row, 0, QTableWidgetItem(name))
        self.fields_table.setItem(row, 1, QTableWidgetItem(value))

    def contact(self) -> Contact:
        """The contact as the form holds it (address not yet checked)."""
        fields: dict[str, str] = {}
        for row in range(self.fields_table.rowCount()):
            name, value = self.fields_table.item(row, 0), self.fields_table.item(row, 1)
            key = name.text().strip() if name is not None else ""
            if key and key.lower() not in BUILT_IN_FIELDS:
                fields[key] = value.text().strip() if value is not None else ""
        return Contact(self.address_edit.text().strip(), self.name_edit.text().strip(), fields)

    def _check(self) -> None:
        text = self.address_edit.text()
        _address, problem = check_address(text) if text.strip() else ("", "")
        if not text.strip():
            self.problem_label.setText(self.tr("Write the PEC address."))
        elif problem:
            self.problem_label.setText(
                self.tr("This is not a valid address: {problem}").format(problem=problem)
            )
        else:
            self.problem_label.setText("")
        self.save_button.setEnabled(bool(text.strip()) and not problem)

    def _accept(self) -> None:
        if self.save_button.isEnabled():
            self.edited.emit(self.contact())
            self.accept()
