"""Keeps the Inbox's selection across a reload of the list (new-mail check, F5, a new listing).

A reload replaces every row at once (a model reset), which would leave nothing selected: the
reading pane still shows a message the list no longer points at, and the actions on "the
selected message" would have nothing to act on. Rows are found again by their key, not by
their number: new mail pushes every message down, and ids may be renumbered.

A reload lists the first page only. A message selected further down (page 2 under a kind
filter, say) is selected again when its page comes back, unless the person has chosen other
rows meanwhile.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, QObject
from PySide6.QtWidgets import QTableView

from pecdesk.services.mailbox.inbox import InboxRow
from pecdesk.ui.inbox.model import InboxModel
from pecdesk.ui.inbox.table import KindFilterProxy


class SelectionKeeper(QObject):
    """Notes the selected and current keys before the list is reset, and selects them again.

    Rows not listed after the reload stay pending: they are selected again if a later page
    brings them back, until the person changes the selection or the list is reset again. The
    current row goes back only when its message is listed.
    """

    def __init__(self, table: QTableView, proxy: KindFilterProxy) -> None:
        super().__init__(table)
        self._table = table
        self._proxy = proxy
        self._pending: set[str] = set()  # keys to select again once listed
        self._pending_current: str | None = None
        self._restoring = False  # selection changes now are the reset's or ours, not the person's
        # Connected after the view and its selection model: they clear first, then this restores.
        proxy.modelAboutToBeReset.connect(self._note)
        proxy.modelReset.connect(self._restore)
        proxy.rowsInserted.connect(self._inserted)
        table.selectionModel().selectionChanged.connect(self._chosen)

    def _key_at(self, index: QModelIndex) -> str | None:
        row = index.data(InboxModel.RowRole) if index.isValid() else None
        return row.key if isinstance(row, InboxRow) else None

    def _note(self) -> None:
        """Before the reset: the rows are still the old ones."""
        self._restoring = True
        selection = self._table.selectionModel()
        keys = (self._key_at(index) for index in selection.selectedRows())
        # Added to what is still pending from the reload before (F5 twice before page 2 came).
        self._pending |= {key for key in keys if key is not None}
        self._pending_current = self._key_at(selection.currentIndex()) or self._pending_current

    def _restore(self) -> None:
        try:
            self._select_listed(range(self._proxy.rowCount()), clear=True)
        finally:
            self._restoring = False

    def _inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        """A later page came: select the pending messages it lists."""
        if (self._pending or self._pending_current) and not parent.isValid():
            self._restoring = True
            try:
                self._select_listed(range(first, last + 1), clear=False)
            finally:
                self._restoring = False

    def _chosen(self) -> None:
        """The person changed the selection: what was pending is no longer wanted."""
        if not self._restoring:
            self._pending.clear()
            self._pending_current = None

    def _select_listed(self, rows_to_look: range, *, clear: bool) -> None:
        """Select the pending keys listed in ``rows_to_look``; they are no longer pending."""
        current = self._pending_current
        wanted = {*self._pending, *([current] if current else [])}
        if not wanted:
            return
        rows = self._rows_of(wanted, rows_to_look)
        flags = QItemSelectionModel.SelectionFlag
        selection_model = self._table.selectionModel()
        last_column = self._proxy.columnCount() - 1
        picked = QItemSelection()
        for key in self._pending & rows.keys():
            row = rows[key]
            picked.select(self._proxy.index(row, 0), self._proxy.index(row, last_column))
        self._pending -= rows.keys()
        if current in rows:
            selection_model.setCurrentIndex(self._proxy.index(rows[current], 0), flags.NoUpdate)
            self._pending_current = None
        if clear:
            selection_model.select(picked, flags.ClearAndSelect | flags.Rows)
        elif not picked.isEmpty():
            selection_model.select(picked, flags.Select | flags.Rows)

    def _rows_of(self, keys: set[str], rows_to_look: range) -> dict[str, int]:
        """Where the messages with ``keys`` are listed among ``rows_to_look`` (those listed)."""
        found: dict[str, int] = {}
        for row in rows_to_look:
            key = self._key_at(self._proxy.index(row, 0))
            if key in keys:
                found[key] = row
                if len(found) == len(keys):
                    break
        return found
