"""The address book's import preview: Compose's import dialog, with the names' column to choose.

The same preview and the same choice of the PEC address column as Compose's import
(:class:`pecdesk.ui.compose.importer.ImportDialog`), so a sheet whose address column is not
called "PEC" can be put right before anything is stored. Attachments mean nothing to a contact:
that row is hidden (a column guessed as attachments stays out of the contact's fields, as
before); a row for the column of the names is added, guessed as the import always guessed it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QWidget

from pecdesk.recipients import Table, guess_mapping
from pecdesk.services.contacts.transfer import name_column
from pecdesk.ui.compose.importer import ImportDialog


class ContactImportDialog(ImportDialog):
    """Shows the first rows of a sheet; the person picks the address and the names' columns.

    Attributes:
        name_combo: which column holds the contact's name ("none" first).
    """

    def __init__(self, table: Table, name: str, parent: QWidget | None = None) -> None:
        super().__init__(table, name, parent)
        self.setWindowTitle(self.tr("Import contacts from {name}").format(name=name))
        self.form.setRowVisible(self.attachments_combo, False)
        self.name_combo = QComboBox(self)
        self.name_combo.addItem(QCoreApplication.translate("ImportDialog", "(none)"))  # as above
        self.name_combo.addItems(list(table.headers))
        guessed = name_column(table, guess_mapping(table))
        if guessed is not None:
            self.name_combo.setCurrentIndex(guessed + 1)
        self.form.addRow(self.tr("Name column:"), self.name_combo)

    def name_at(self) -> int | None:
        """The column of the names as chosen; None for none (or the address column itself)."""
        chosen = self.name_combo.currentIndex() - 1
        return chosen if chosen >= 0 and chosen != self.address_combo.currentIndex() else None
