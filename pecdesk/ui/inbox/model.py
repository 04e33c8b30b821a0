"""The inbox list: a table model that pages a listing lazily, and the kind filter in front of it.

The model follows Qt's lazy-loading protocol: the view calls :meth:`InboxModel.canFetchMore`
when it scrolls near the end, and :meth:`InboxModel.fetchMore` starts loading the next page in
the background. One page at a time (a second call while one loads does nothing), rows are
de-duplicated, and the end is reached when the listing says so (a short page, or nothing new).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from pecdesk.domain.models import InboxItem
from pecdesk.errors import PecError
from pecdesk.i18n import QT_TRANSLATE_NOOP
from pecdesk.services.mailbox.inbox import InboxRow, ListedPage, Listing
from pecdesk.ui.inbox.format import (
    COL_DATE,
    COL_FROM,
    COL_KIND,
    COL_SUBJECT,
    format_date,
    row_text,
    row_tooltip,
)
from pecdesk.ui.inbox.kinds import KindIcons

_CONTEXT = "InboxModel"
# lupdate needs the context as a literal.
_HEADERS = (
    QT_TRANSLATE_NOOP("InboxModel", "Date"),
    QT_TRANSLATE_NOOP("InboxModel", "From"),
    QT_TRANSLATE_NOOP("InboxModel", "Subject"),
    QT_TRANSLATE_NOOP("InboxModel", "Kind"),
)

AnyIndex = QModelIndex | QPersistentModelIndex
__all__ = [
    "COL_DATE",
    "COL_FROM",
    "COL_KIND",
    "COL_SUBJECT",
    "AnyIndex",
    "InboxModel",
    "format_date",
]
Runner = Callable[[Coroutine[Any, Any, None]], "asyncio.Task[None]"]


class InboxModel(QAbstractTableModel):
    """The messages of a listing loaded so far, in its order (newest first).

    Attributes:
        RowRole: role whose data is the row's :class:`InboxRow`.
        ItemRole: role whose data is the row's :class:`InboxItem`.
        KindRole: role whose data is the row's :class:`ReceiptKind`.

    Signals:
        page_loaded(int, bool): a page is shown (its number; True if it came from the service).
        load_failed(object): a page could not be loaded (the :class:`PecError`); paging
            stops until :meth:`retry`.
        loading_changed(bool): a page started or stopped loading.
    """

    RowRole = Qt.ItemDataRole.UserRole + 1
    ItemRole = Qt.ItemDataRole.UserRole + 2
    KindRole = Qt.ItemDataRole.UserRole + 3

    page_loaded = Signal(int, bool)
    load_failed = Signal(object)
    loading_changed = Signal(bool)

    def __init__(
        self, parent: QObject | None = None, *, run: Runner, locale: QLocale | None = None
    ) -> None:
        super().__init__(parent)
        self._run = run
        self._locale = locale if locale is not None else QLocale()
        self._icons: KindIcons | None = None
        self._bold: QFont | None = None
        self._rows: list[InboxRow] = []
        self._seen: set[object] = set()
        self._listing: Listing | None = None
        self._previous: tuple[Listing | None, int, bool, int | None] | None = None
        self._generation = 0
        self._task: asyncio.Task[None] | None = None
        self._next_page = 1
        self._loading = False
        self._exhausted = False
        self._failed = False
        self._total: int | None = None

    # -- state -------------------------------------------------------------------------------

    @property
    def listing(self) -> Listing | None:
        """What the rows come from."""
        return self._listing

    @property
    def listing_is_live(self) -> bool:
        """The rows come from the service in this session (not from the saved copy)."""
        return self._listing is not None and self._listing.ids_are_live

    @property
    def loading(self) -> bool:
        """A page is being fetched."""
        return self._loading

    @property
    def total(self) -> int | None:
        """How many messages the listing holds, once a page has said so."""
        return self._total

    @property
    def failed(self) -> bool:
        """The last page could not be loaded; paging waits for :meth:`retry`."""
        return self._failed

    @property
    def exhausted(self) -> bool:
        """The last page has been loaded."""
        return self._exhausted

    def start(self, listing: Listing, *, keep_rows: bool = False) -> None:
        """Show ``listing`` from its first page, which is fetched at once.

        With ``keep_rows`` the rows shown stay until that page arrives and replace them in one
        go (a refresh without a blank list); if it fails, the model goes back to where it was.
        """
        self._generation += 1
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self._previous = None
        if keep_rows:
            self._previous = (self._listing, self._next_page, self._exhausted, self._total)
        else:
            self._reset([], listing)
            self._total = None
        self._listing = listing
        self._next_page = 1
        self._exhausted = False
        self._failed = False
        self._set_loading(False)
        self.fetchMore(QModelIndex())

    def retry(self) -> None:
        """Try again the page whose loading failed."""
        if self._failed:
            self._failed = False
            self.fetchMore(QModelIndex())

    # -- Qt's lazy loading -------------------------------------------------------------------

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: N802, B008 - Qt API
        """Whether another page may exist and none is loading."""
        if parent.isValid() or self._listing is None:
            return False
        return not (self._loading or self._exhausted or self._failed)

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: N802, B008 - Qt API
        """Start loading the next page in the background (nothing if one is loading)."""
        if not self.canFetchMore(parent) or self._listing is None:
            return
        self._set_loading(True)
        self._task = self._run(self._fetch(self._generation, self._listing, self._next_page))

    async def _fetch(self, generation: int, listing: Listing, number: int) -> None:
        try:
            page = await listing.page(number)
        except PecError as err:
            if generation == self._generation:
                self._task = None
                self._failed = True
                self._restore_previous()
                self._set_loading(False)
                self.load_failed.emit(err)
            return
        if generation == self._generation:
            self._task = None
            self._show(page, listing)

    def _show(self, page: ListedPage, listing: Listing) -> None:
        self._next_page = page.number + 1
        self._exhausted = page.last
        self._total = page.total
        self._set_loading(False)
        if self._previous is not None:
            self._previous = None
            self._reset(page.rows, listing)
        else:
            self._append(page.rows)
        self.page_loaded.emit(page.number, listing.ids_are_live)

    def _restore_previous(self) -> None:
        if self._previous is None:
            return
        listing, next_page, exhausted, total = self._previous
        self._previous = None
        self._listing, self._next_page, self._exhausted, self._total = (
            listing,
            next_page,
            exhausted,
            total,
        )
        self._failed = False

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    # -- rows --------------------------------------------------------------------------------

    def _identity(self, row: InboxRow, listing: Listing | None) -> object:
        # Live ids are unique in a listing; saved ids may be stale, so saved rows go by key.
        return row.id if listing is not None and listing.ids_are_live else row.key

    def _reset(self, rows: Iterable[InboxRow], listing: Listing) -> None:
        self.beginResetModel()
        self._rows = []
        self._seen = set()
        for row in rows:
            identity = self._identity(row, listing)
            if identity not in self._seen:
                self._seen.add(identity)
                self._rows.append(row)
        self.endResetModel()

    def _append(self, rows: Iterable[InboxRow]) -> int:
        fresh: list[InboxRow] = []
        for row in rows:
            identity = self._identity(row, self._listing)
            if identity not in self._seen:
                self._seen.add(identity)
                fresh.append(row)
        if fresh:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._rows.extend(fresh)
            self.endInsertRows()
        return len(fresh)

    def row_at(self, row: int) -> InboxRow:
        """The message shown in ``row``."""
        return self._rows[row]

    def item(self, row: int) -> InboxItem:
        """The headers of the message shown in ``row``."""
        return self._rows[row].item

    def row_of(self, key: str) -> int | None:
        """Where the message with ``key`` is shown, if it is."""
        return next((i for i, row in enumerate(self._rows) if row.key == key), None)

    def update_rows(self, rows: Iterable[InboxRow]) -> None:
        """Replace shown rows by newer versions of themselves (same key): read flag, kind."""
        for new in rows:
            index = self.row_of(new.key)
            if index is not None:
                self._rows[index] = new
                last = self.columnCount() - 1
                self.dataChanged.emit(self.index(index, 0), self.index(index, last))

    def remove_keys(self, keys: Iterable[str]) -> None:
        """Take the messages with these keys out of the list (they were deleted)."""
        doomed = set(keys)
        for index in range(len(self._rows) - 1, -1, -1):
            row = self._rows[index]
            if row.key in doomed:
                self.beginRemoveRows(QModelIndex(), index, index)
                del self._rows[index]
                self._seen.discard(self._identity(row, self._listing))
                self.endRemoveRows()

    # -- Qt's table model --------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        """Number of messages loaded (a table: no children)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        """Date, From, Subject and Kind."""
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
        """Texts, the kind's icon, tooltips, bold for unread, and the row itself."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row_text(row, column, self._locale)
        if role == Qt.ItemDataRole.DecorationRole and column == COL_KIND:
            if self._icons is None:
                self._icons = KindIcons()
            return self._icons.icon(row.kind)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row_tooltip(row, column)
        if role == Qt.ItemDataRole.FontRole and not row.is_read:
            if self._bold is None:
                self._bold = QFont()
                self._bold.setBold(True)
            return self._bold
        return {self.RowRole: row, self.ItemRole: row.item, self.KindRole: row.kind}.get(role)
