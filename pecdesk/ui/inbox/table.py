"""The inbox list's view side: the kind filter in front of the model, and the table itself."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from pecdesk.domain.receipts import ReceiptKind
from pecdesk.ui.inbox.format import COL_DATE, COL_FROM, COL_KIND, COL_SUBJECT
from pecdesk.ui.inbox.model import AnyIndex, InboxModel
from pecdesk.ui.widgets.remembered import remember


class KindFilterProxy(QSortFilterProxyModel):
    """Shows only the rows whose kind is in a chosen set (all of them by default)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._kinds: frozenset[ReceiptKind] | None = None

    @property
    def kinds(self) -> frozenset[ReceiptKind] | None:
        """The kinds shown; None for all."""
        return self._kinds

    def set_kinds(self, kinds: frozenset[ReceiptKind] | None) -> None:
        """Show only ``kinds`` (None: everything)."""
        self.beginFilterChange()
        self._kinds = kinds
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(  # noqa: N802 - Qt API
        self, source_row: int, source_parent: AnyIndex
    ) -> bool:
        """Accept a row whose kind is one of those chosen."""
        if self._kinds is None:
            return True
        model = self.sourceModel()
        kind = model.index(source_row, 0, source_parent).data(InboxModel.KindRole)
        return kind in self._kinds


def make_inbox_table(proxy: KindFilterProxy, parent: QWidget) -> QTableView:
    """The list: whole rows, several at once, read-only, compact, with a context menu."""
    table = QTableView(parent)
    table.setModel(proxy)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    table.verticalHeader().hide()
    # Fixed row heights and no ResizeToContents: both would measure every row loaded.
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    header = table.horizontalHeader()
    width = table.fontMetrics().horizontalAdvance("0")
    for column, chars in ((COL_DATE, 17), (COL_FROM, 34), (COL_KIND, 24)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, chars * width)
    header.setSectionResizeMode(COL_SUBJECT, QHeaderView.ResizeMode.Stretch)
    remember(header, "inbox.messages")
    return table


def fill_viewport(table: QTableView, proxy: KindFilterProxy) -> None:
    """Fetch the next page while a filtered list does not fill the view.

    The view asks for more only when rows are added to it or it is scrolled to the end; a page
    whose rows the filter hides adds none, and the list would stop short.
    """
    if proxy.kinds is None or not proxy.canFetchMore(QModelIndex()):
        return
    rows = proxy.rowCount()
    last = table.visualRect(proxy.index(rows - 1, 0)) if rows else None
    if last is None or last.bottom() < table.viewport().height():
        proxy.fetchMore(QModelIndex())
