"""The address book's table: name, PEC address and merge fields of each contact (no view logic)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from pecdesk.services.contacts.contact import Contact

_Index = QModelIndex | QPersistentModelIndex
COL_NAME, COL_ADDRESS, COL_FIELDS = 0, 1, 2


class ContactsModel(QAbstractTableModel):
    """The contacts shown (the whole book or one list, as searched).

    Attributes:
        contacts: the rows shown.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.contacts: list[Contact] = []

    def set_contacts(self, contacts: Sequence[Contact]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self.contacts = list(contacts)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        """Number of contacts."""
        return 0 if parent.isValid() else len(self.contacts)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        """Name, address, merge fields."""
        return 0 if parent.isValid() else 3

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """Column titles."""
        if orientation is not Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            QCoreApplication.translate("ContactsModel", "Name"),
            QCoreApplication.translate("ContactsModel", "PEC address"),
            QCoreApplication.translate("ContactsModel", "Merge fields"),
        )
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Cell text; the same as a tooltip, for a column narrower than its text."""
        shown = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
        if not index.isValid() or role not in shown:
            return None
        contact = self.contacts[index.row()]
        if index.column() == COL_NAME:
            return contact.name
        if index.column() == COL_ADDRESS:
            return contact.address
        return "; ".join(f"{name}: {value}" for name, value in contact.fields.items())
