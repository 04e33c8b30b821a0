"""The recipient list of the Compose tab: a table model (no view logic) over checked recipients."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from pecdesk.recipients import Recipient

_Index = QModelIndex | QPersistentModelIndex
COL_LINE, COL_ADDRESS, COL_STATUS, COL_SIZE = 0, 1, 2, 3
_FIXED = 4
_VALID: str = QT_TRANSLATE_NOOP("RecipientsModel", "OK")  # type: ignore[assignment]
_INVALID: str = QT_TRANSLATE_NOOP("RecipientsModel", "Invalid")  # type: ignore[assignment]


class RecipientsModel(QAbstractTableModel):
    """Line, address, status, encoded size, one column per merge field, the own attachments.

    Attributes:
        recipients: the rows shown.
        fields: the merge field (column) names.
        message_sizes: each line's message size once encoded (from the pre-flight report).
        own_files: each line's own attachments with their sizes (from the pre-flight report).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.recipients: list[Recipient] = []
        self.fields: list[str] = []
        self.message_sizes: Mapping[int, int] = {}
        self.own_files: Mapping[int, tuple[tuple[str, int | None], ...]] = {}

    def set_recipients(self, recipients: Sequence[Recipient], fields: Sequence[str]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self.recipients = list(recipients)
        self.fields = list(fields)
        self.endResetModel()

    def set_sizes(
        self,
        message_sizes: Mapping[int, int],
        own_files: Mapping[int, tuple[tuple[str, int | None], ...]],
    ) -> None:
        """Show the sizes the latest pre-flight report measured, per spreadsheet line."""
        self.message_sizes = message_sizes
        self.own_files = own_files
        if self.recipients:
            first = self.index(0, COL_SIZE)
            last = self.index(len(self.recipients) - 1, self.columnCount() - 1)
            self.dataChanged.emit(first, last)

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
            QCoreApplication.translate("RecipientsModel", "Encoded size"),
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
            status = _VALID if recipient.valid else _INVALID
            return QCoreApplication.translate("RecipientsModel", status)
        if column == COL_SIZE:
            size = self.message_sizes.get(recipient.line)
            return "" if size is None else QLocale().formattedDataSize(size)
        if column - _FIXED < len(self.fields):
            return recipient.fields.get(self.fields[column - _FIXED], "")
        return self._own_files_text(recipient)

    def _own_files_text(self, recipient: Recipient) -> str:
        """The row's own files, each with its size once the pre-flight has measured it."""
        files = self.own_files.get(recipient.line)
        if files is None:
            return "; ".join(recipient.attachments)
        missing = QCoreApplication.translate("RecipientsModel", "missing")
        return "; ".join(
            f"{name} ({missing if size is None else QLocale().formattedDataSize(size)})"
            for name, size in files
        )
