"""Keeps the Inbox's selection across a reload of the list (new-mail check, F5, a new listing).

A reload replaces every row at once (a model reset), which would leave nothing selected: the
reading pane still shows a message the list no longer points at, and the actions on "the
selected message" would have nothing to act on. Rows are found again by their key, not by
their number: new mail pushes every message down, and ids may be renumbered.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, QObject
from PySide6.QtWidgets import QTableView

from pecdesk.services.mailbox.inbox import InboxRow
from pecdesk.ui.inbox.model import InboxModel
from pecdesk.ui.inbox.table import KindFilterProxy


class SelectionKeeper(QObject):
    """Notes the selected and current keys before the list is reset, and selects them again.

    Rows no longer listed (the reload has only the first page, say) stay unselected; the
    current row goes back only if its message is still listed.
    """

    def __init__(self, table: QTableView, proxy: KindFilterProxy) -> None:
        super().__init__(table)
        self._table = table
        self._proxy = proxy
        self._selected: list[str] = []
        self._current: str | None = None
        # Connected after the view and its selection model: they clear first, then this restores.
        proxy.modelAboutToBeReset.connect(self._note)
        proxy.modelReset.connect(self._restore)

    def _key_at(self, index: QModelIndex) -> str | None:
        row = index.data(InboxModel.RowRole) if index.isValid() else None
        return row.key if isinstance(row, InboxRow) else None

    def _note(self) -> None:
        """Before the reset: the rows are still the old ones."""
        selection = self._table.selectionModel()
        keys = (self._key_at(index) for index in selection.selectedRows())
        self._selected = [key for key in keys if key is not None]
        self._current = self._key_at(selection.currentIndex())

    def _restore(self) -> None:
        selected, self._selected = self._selected, []
        current, self._current = self._current, None
        if not selected and current is None:
            return
        rows = self._rows_of({*selected, *([current] if current else [])})
        flags = QItemSelectionModel.SelectionFlag
        selection_model = self._table.selectionModel()
        last_column = self._proxy.columnCount() - 1
        picked = QItemSelection()
        for key in selected:
            if key in rows:
                row = rows[key]
                picked.select(self._proxy.index(row, 0), self._proxy.index(row, last_column))
        if current in rows:
            selection_model.setCurrentIndex(self._proxy.index(rows[current], 0), flags.NoUpdate)
        selection_model.select(picked, flags.ClearAndSelect | flags.Rows)

    def _rows_of(self, keys: set[str]) -> dict[str, int]:
        """Where the messages with ``keys`` are listed now (those still listed)."""
        found: dict[str, int] = {}
        for row in range(self._proxy.rowCount()):
            key = self._key_at(self._proxy.index(row, 0))
            if key in keys:
                found[key] = row
                if len(found) == len(keys):
                    break
        return found
