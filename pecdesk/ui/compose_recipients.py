"""The recipient list of the Compose tab: a table model (no view logic) over checked recipients."""

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
from PySide6.QtGui import QBrush, QColor

from pecdesk.recipients import Recipient

_Index = QModelIndex | QPersistentModelIndex
COL_LINE, COL_ADDRESS, COL_STATUS = 0, 1, 2
_FIXED = 3


class RecipientsModel(QAbstractTableModel):
    """Line, address, status, then one column per merge field and the attachments.

    Attributes:
        recipients: the rows shown.
        fields: the merge field (column) names.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.recipients: list[Recipient] = []
        self.fields: list[str] = []

    def set_recipients(self, recipients: Sequence[Recipient], fields: Sequence[str]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self.recipients = list(recipients)
        self.fields = list(fields)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        """Number of recipients."""
        return 0 if parent.isValid() else len(self.recipients)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        """Fixed columns, fields and attachments."""
        return 0 if parent.isValid() else _FIXED + len(self.fields) + 1

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """Column titles."""
        if orientation is not Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        fixed = (
            QCoreApplication.translate("RecipientsModel", "Line"),
            QCoreApplication.translate("RecipientsModel", "Address"),
            QCoreApplication.translate("RecipientsModel", "Check"),
        )
        if section < _FIXED:
            return fixed[section]
        if section - _FIXED < len(self.fields):
            return self.fields[section - _FIXED]
        return QCoreApplication.translate("RecipientsModel", "Own attachments")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Cell text; invalid addresses in red with the reason as tooltip."""
        if not index.isValid():
            return None
        recipient = self.recipients[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(recipient, column)
        if role == Qt.ItemDataRole.ToolTipRole and not recipient.valid:
            return recipient.problem
        if role == Qt.ItemDataRole.ForegroundRole and not recipient.valid:
            return QBrush(QColor("#b00020"))
        return None

    def _text(self, recipient: Recipient, column: int) -> str:
        if column == COL_LINE:
            return str(recipient.line)
        if column == COL_ADDRESS:
            return recipient.address
        if column == COL_STATUS:
            if recipient.valid:
                return QCoreApplication.translate("RecipientsModel", "OK")
            return QCoreApplication.translate("RecipientsModel", "Invalid")
        if column - _FIXED < len(self.fields):
            return recipient.fields.get(self.fields[column - _FIXED], "")
        return "; ".join(recipient.attachments)
