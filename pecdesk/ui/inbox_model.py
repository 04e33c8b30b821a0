"""Table model of the inbox rows loaded so far: Date, From, Subject."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from pecdesk.domain.models import InboxItem
from pecdesk.domain.text import bare_address
from pecdesk.i18n import QT_TRANSLATE_NOOP

COL_DATE = 0
COL_FROM = 1
COL_SUBJECT = 2

_CONTEXT = "InboxModel"
# lupdate needs the context as a literal.
_HEADERS = (
    QT_TRANSLATE_NOOP("InboxModel", "Date"),
    QT_TRANSLATE_NOOP("InboxModel", "From"),
    QT_TRANSLATE_NOOP("InboxModel", "Subject"),
)

AnyIndex = QModelIndex | QPersistentModelIndex


def format_date(date: datetime | None, fallback: str, locale: QLocale) -> str:
    """``date`` in the local time zone and the locale's short format, else the service's text."""
    if date is None:
        return fallback
    moment = QDateTime.fromMSecsSinceEpoch(round(date.timestamp() * 1000))
    return locale.toString(moment.toLocalTime(), QLocale.FormatType.ShortFormat)


class InboxModel(QAbstractTableModel):
    """The inbox messages loaded so far, in the service's order (newest first).

    It knows nothing about the service: the inbox tab appends the pages it fetches.

    Attributes:
        ItemRole: role whose data is the row's :class:`InboxItem`.
    """

    ItemRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None, *, locale: QLocale | None = None) -> None:
        super().__init__(parent)
        self._rows: list[InboxItem] = []
        self._ids: set[int] = set()
        self._locale = locale if locale is not None else QLocale()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        """Number of messages loaded (a table: no children)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        """Date, From and Subject."""
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        """Translated column titles."""
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(_HEADERS)
        ):
            return QCoreApplication.translate(_CONTEXT, _HEADERS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Display text per column; the sender as written in the tooltip; the item itself."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        if role == self.ItemRole:
            return item
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_FROM:
            return item.sender_text.strip() or item.sender
        return None

    def _display(self, item: InboxItem) -> tuple[str, str, str]:
        """The row's texts in column order (COL_DATE, COL_FROM, COL_SUBJECT)."""
        return (
            format_date(item.date, item.date_text, self._locale),
            item.sender or bare_address(item.sender_text),
            item.subject,
        )

    def item(self, row: int) -> InboxItem:
        """The message shown in ``row``."""
        return self._rows[row]

    def append_items(self, items: Iterable[InboxItem]) -> int:
        """Add messages after the loaded ones, skipping ids already shown; returns how many."""
        fresh: list[InboxItem] = []
        for item in items:
            if item.id not in self._ids:
                self._ids.add(item.id)
                fresh.append(item)
        if fresh:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._rows.extend(fresh)
            self.endInsertRows()
        return len(fresh)

    def clear(self) -> None:
        """Forget every row (before a refresh)."""
        self.beginResetModel()
        self._rows.clear()
        self._ids.clear()
        self.endResetModel()
