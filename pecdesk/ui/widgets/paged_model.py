"""One table model for every list that loads a page at a time (the Inbox, the Sent recipients).

The model follows Qt's lazy-loading protocol: the view calls ``canFetchMore`` when it nears the
end and ``fetchMore`` starts loading the next page in the background. One page loads at a time
(a second call while one loads does nothing: the re-entrancy guard), a page from an older query
is dropped, and a failed page stops the paging until :meth:`PagedTableModel.retry`. Rows are
typed records (frozen dataclasses from the services); columns are :class:`Column` specs, so a
list is a query type, a page fetcher and a tuple of columns.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QIcon

from pecdesk.errors import PecError

AnyIndex = QModelIndex | QPersistentModelIndex
Runner = Callable[[Coroutine[Any, Any, None]], "asyncio.Task[None]"]
Q = TypeVar("Q")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
# The roles a Column answers, and which of its fields does.
_COLUMN_SPEC_OF_ROLE: dict[int, str] = {
    int(Qt.ItemDataRole.DisplayRole): "text",
    int(Qt.ItemDataRole.ToolTipRole): "tooltip",
    int(Qt.ItemDataRole.ForegroundRole): "foreground",
    int(Qt.ItemDataRole.DecorationRole): "decoration",
}


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column of a list: its title and how a row reads in it.

    Attributes:
        title: the English title, marked with ``QT_TRANSLATE_NOOP`` in the model's context.
        text: the row's text in this column.
        tooltip: the row's tooltip (None: no tooltip).
        foreground: the row's text colour in this column (None: the default).
        decoration: the row's icon in this column (None: no icon).
        align_right: numbers are right-aligned.
    """

    title: str
    text: Callable[[R], str | None]
    tooltip: Callable[[R], str | None] | None = None
    foreground: Callable[[R], QColor | None] | None = None
    decoration: Callable[[R], QIcon | None] | None = None
    align_right: bool = False


class Page(Protocol[R_co]):
    """What one fetched page says: its rows, whether it is the last, the query's total."""

    @property
    def rows(self) -> Sequence[R_co]:
        """The page's rows, in order."""

    @property
    def last(self) -> bool:
        """No page follows this one."""

    @property
    def total(self) -> int | None:
        """How many rows the query matches, if known."""


@dataclass(frozen=True)
class Fetched(Generic[R]):
    """A :class:`Page` built by a model's fetcher.

    Attributes:
        rows: the page's rows.
        last: no page follows.
        total: rows the query matches (None: unknown, or unchanged).
    """

    rows: Sequence[R]
    last: bool
    total: int | None = None


@dataclass(frozen=True)
class _Position(Generic[Q]):
    """Where the paging of one query stands (kept to go back if a refresh fails)."""

    query: Q | None
    next_page: int
    exhausted: bool
    total: int | None


class PagedTableModel(QAbstractTableModel, Generic[Q, R]):
    """Rows of type ``R`` that a query of type ``Q`` yields, loaded a page at a time.

    Subclasses give the columns and the translation context, and implement
    :meth:`_fetch_page`; a list given whole (no query) just calls :meth:`set_rows`.

    Attributes:
        RowRole: role whose data is the row's record.

    Signals:
        load_failed(object): a page could not be loaded (the :class:`PecError`); paging
            stops until :meth:`retry` or a new :meth:`start`.
        loading_changed(bool): a page started or stopped loading.
    """

    RowRole = Qt.ItemDataRole.UserRole + 1

    load_failed = Signal(object)
    loading_changed = Signal(bool)

    def __init__(
        self,
        columns: Sequence[Column[R]],
        *,
        context: str,
        run: Runner | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._context = context
        self._run = run
        self._rows: list[R] = []
        self._seen: set[Hashable] = set()
        self._query: Q | None = None
        self._previous: _Position[Q] | None = None
        self._generation = 0
        self._task: asyncio.Task[None] | None = None
        self._next_page = 1
        self._loading = False
        self._exhausted = False
        self._failed = False
        self._total: int | None = None

    # -- for subclasses ----------------------------------------------------------------------

    async def _fetch_page(self, query: Q, number: int, loaded: int) -> Page[R]:
        """Page ``number`` (from 1) of ``query``; ``loaded`` rows are shown already."""
        raise NotImplementedError(f"{type(self).__name__} is filled by set_rows() only")

    def _identity(self, row: R) -> Hashable | None:
        """What tells rows apart across pages (None: no de-duplication)."""
        del row
        return None

    def _page_shown(self, query: Q, number: int, page: Page[R]) -> None:
        """Called after page ``number`` of ``query`` reached the rows."""

    def _role_data(self, row: R, column: int, role: int) -> object:
        """Data for the roles the columns do not cover (fonts, more records)."""
        del row, column, role
        return None

    # -- state -------------------------------------------------------------------------------

    @property
    def query(self) -> Q | None:
        """What the rows come from (None: nothing, or rows given whole)."""
        return self._query

    @property
    def loading(self) -> bool:
        """A page is being fetched."""
        return self._loading

    @property
    def total(self) -> int | None:
        """How many rows the query matches, once a page has said so."""
        return self._total

    @property
    def failed(self) -> bool:
        """The last page could not be loaded; paging waits for :meth:`retry`."""
        return self._failed

    @property
    def exhausted(self) -> bool:
        """The last page has been loaded."""
        return self._exhausted

    def start(self, query: Q | None, *, keep_rows: bool = False) -> None:
        """Show ``query`` from its first page, which is fetched at once (None: show nothing).

        With ``keep_rows`` the rows shown stay until that page arrives and replace them in one
        go (a refresh without a blank list); if it fails, the model goes back to where it was.
        """
        self._generation += 1
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self._previous = None
        if keep_rows:
            self._previous = _Position(self._query, self._next_page, self._exhausted, self._total)
        else:
            self._query = None  # identities of the old rows no longer matter
            self._reset([])
            self._total = None
        self._query = query
        self._next_page = 1
        self._exhausted = query is None
        self._failed = False
        self._set_loading(False)
        self.fetchMore(QModelIndex())

    def retry(self) -> None:
        """Try again the page whose loading failed."""
        if self._failed:
            self._failed = False
            self.fetchMore(QModelIndex())

    def set_rows(self, rows: Iterable[R]) -> None:
        """Show ``rows`` whole: any query and its paging end."""
        self.start(None)
        self._reset(rows)
        self._total = len(self._rows)

    # -- Qt's lazy loading -------------------------------------------------------------------

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: N802, B008 - Qt API
        """Whether another page may exist and none is loading."""
        if parent.isValid() or self._query is None:
            return False
        return not (self._loading or self._exhausted or self._failed)

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: N802, B008 - Qt API
        """Start loading the next page in the background (nothing if one is loading)."""
        if not self.canFetchMore(parent) or self._query is None:
            return
        if self._run is None:
            raise RuntimeError(f"{type(self).__name__} was built without a runner")
        self._set_loading(True)
        self._task = self._run(self._fetch(self._generation, self._query, self._next_page))

    async def _fetch(self, generation: int, query: Q, number: int) -> None:
        try:
            page = await self._fetch_page(query, number, len(self._rows))
        except PecError as err:
            if generation == self._generation:
                self._task = None
                self._failed = True
                self._restore_previous()
                self._set_loading(False)
                self.load_failed.emit(err)
            return
        if generation == self._generation:  # else an older query's page: dropped
            self._task = None
            self._show(page, query, number)

    def _show(self, page: Page[R], query: Q, number: int) -> None:
        self._next_page = number + 1
        self._exhausted = page.last
        if page.total is not None:
            self._total = page.total
        self._set_loading(False)
        if self._previous is not None:
            self._previous = None
            self._reset(page.rows)
        else:
            self._append(page.rows)
        self._page_shown(query, number, page)

    def _restore_previous(self) -> None:
        if self._previous is None:
            return
        was, self._previous = self._previous, None
        self._query, self._next_page = was.query, was.next_page
        self._exhausted, self._total = was.exhausted, was.total
        self._failed = False

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    # -- rows --------------------------------------------------------------------------------

    def _is_new(self, row: R) -> bool:
        identity = self._identity(row)
        if identity is None:
            return True
        if identity in self._seen:
            return False
        self._seen.add(identity)
        return True

    def _reset(self, rows: Iterable[R]) -> None:
        self.beginResetModel()
        self._seen = set()
        self._rows = [row for row in rows if self._is_new(row)]
        self.endResetModel()

    def _append(self, rows: Iterable[R]) -> None:
        fresh = [row for row in rows if self._is_new(row)]
        if fresh:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)  # inclusive end
            self._rows.extend(fresh)
            self.endInsertRows()

    def row(self, row: int) -> R | None:
        """The record shown in ``row`` (None outside the rows)."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def replace_row(self, row: int, record: R) -> None:
        """Show ``record`` in ``row`` instead (a newer version of the same record)."""
        self._rows[row] = record
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._columns) - 1))

    def remove_rows_where(self, doomed: Callable[[R], bool]) -> None:
        """Take out the rows ``doomed`` says so of, one removal signal each."""
        for index in range(len(self._rows) - 1, -1, -1):
            record = self._rows[index]
            if doomed(record):
                self.beginRemoveRows(QModelIndex(), index, index)
                del self._rows[index]
                self._seen.discard(self._identity(record))
                self.endRemoveRows()

    # -- Qt's table model --------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        """Rows loaded so far (a table: no children)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        """One per column spec."""
        return 0 if parent.isValid() else len(self._columns)

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        """Translated column titles."""
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._columns)
        ):
            return QCoreApplication.translate(self._context, self._columns[section].title)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """What the column specs say of the row, and the record itself."""
        record = self.row(index.row()) if index.isValid() else None
        if record is None or not 0 <= index.column() < len(self._columns):
            return None
        column = self._columns[index.column()]
        spec = _COLUMN_SPEC_OF_ROLE.get(int(role))
        if spec is not None:
            read: Callable[[R], object] | None = getattr(column, spec)
            return read(record) if read is not None else None
        if role == self.RowRole:
            return record
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column.align_right else None
        return self._role_data(record, index.column(), role)
