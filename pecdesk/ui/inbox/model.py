"""The inbox list: a listing of the mailbox (live or saved), paged lazily by the shared model.

:class:`InboxModel` is a :class:`~pecdesk.ui.widgets.paged_model.PagedTableModel` over a
:class:`Listing`: the end is reached when the listing says so (a short page, or nothing new),
and rows are de-duplicated (new mail pushes a message onto the next page too).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import replace

from PySide6.QtCore import QLocale, QObject, Qt, Signal
from PySide6.QtGui import QFont, QIcon

from pecdesk.domain.models import InboxItem
from pecdesk.i18n import QT_TRANSLATE_NOOP
from pecdesk.services.mailbox.inbox import InboxRow, ListedPage, Listing
from pecdesk.ui.inbox.format import (
    COL_DATE,
    COL_FROM,
    COL_KIND,
    COL_SUBJECT,
    row_text,
    row_tooltip,
)
from pecdesk.ui.message.kinds import KindIcons
from pecdesk.ui.widgets.paged_model import AnyIndex, Column, Page, PagedTableModel, Runner

_CONTEXT = "InboxModel"
# lupdate needs the context as a literal.
_HEADERS = (
    QT_TRANSLATE_NOOP("InboxModel", "Date"),
    QT_TRANSLATE_NOOP("InboxModel", "From"),
    QT_TRANSLATE_NOOP("InboxModel", "Subject"),
    QT_TRANSLATE_NOOP("InboxModel", "Kind"),
)

__all__ = ["COL_DATE", "COL_FROM", "COL_KIND", "COL_SUBJECT", "AnyIndex", "InboxModel"]


def _columns(locale: QLocale, icon: Callable[[InboxRow], QIcon]) -> list[Column[InboxRow]]:
    """Date, From, Subject and Kind (with its icon), worded by :mod:`pecdesk.ui.inbox.format`."""

    def column(number: int) -> Column[InboxRow]:
        return Column(
            _HEADERS[number],
            text=lambda row: row_text(row, number, locale),
            tooltip=lambda row: row_tooltip(row, number),
            decoration=icon if number == COL_KIND else None,
        )

    return [column(number) for number in range(len(_HEADERS))]


class InboxModel(PagedTableModel[Listing, InboxRow]):
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

    ItemRole = Qt.ItemDataRole.UserRole + 2
    KindRole = Qt.ItemDataRole.UserRole + 3

    page_loaded = Signal(int, bool)

    def __init__(
        self, parent: QObject | None = None, *, run: Runner, locale: QLocale | None = None
    ) -> None:
        shown_in = locale if locale is not None else QLocale()
        super().__init__(
            _columns(shown_in, self._kind_icon), context=_CONTEXT, run=run, parent=parent
        )
        self._icons: KindIcons | None = None
        self._bold: QFont | None = None

    @property
    def listing(self) -> Listing | None:
        """What the rows come from."""
        return self.query

    @property
    def listing_is_live(self) -> bool:
        """The rows come from the service in this session (not from the saved copy)."""
        return self.query is not None and self.query.ids_are_live

    async def _fetch_page(self, query: Listing, number: int, loaded: int) -> Page[InboxRow]:
        del loaded  # a listing counts its own pages
        return await query.page(number)

    def _identity(self, row: InboxRow) -> Hashable:
        # Live ids are unique in a listing; saved ids may be stale, so saved rows go by key.
        return row.id if self.listing_is_live else row.key

    def _page_shown(self, query: Listing, number: int, page: Page[InboxRow]) -> None:
        if isinstance(page, ListedPage):  # a later page showed earlier notices final
            self.update_kinds(page.refined)
        self.page_loaded.emit(number, query.ids_are_live)

    # -- rows --------------------------------------------------------------------------------

    def row_at(self, row: int) -> InboxRow:
        """The message shown in ``row``."""
        found = self.row(row)
        if found is None:
            raise IndexError(row)
        return found

    def item(self, row: int) -> InboxItem:
        """The headers of the message shown in ``row``."""
        return self.row_at(row).item

    def row_of(self, key: str) -> int | None:
        """Where the message with ``key`` is shown, if it is."""
        return next((i for i, row in enumerate(self._rows) if row.key == key), None)

    def update_rows(self, rows: Iterable[InboxRow]) -> None:
        """Replace shown rows by newer versions of themselves (same key): read flag, kind."""
        for new in rows:
            index = self.row_of(new.key)
            if index is not None:
                self.replace_row(index, new)

    def update_kinds(self, rows: Iterable[InboxRow]) -> None:
        """Take the kind of these rows for the shown rows with their keys (nothing else)."""
        for new in rows:
            index = self.row_of(new.key)
            if index is not None:
                self.replace_row(index, replace(self.row_at(index), kind=new.kind))

    def remove_keys(self, keys: Iterable[str]) -> None:
        """Take the messages with these keys out of the list (they were deleted)."""
        doomed = set(keys)
        self.remove_rows_where(lambda row: row.key in doomed)

    # -- looks -------------------------------------------------------------------------------

    def _kind_icon(self, row: InboxRow) -> QIcon:
        if self._icons is None:
            self._icons = KindIcons()  # paints pixmaps: only once a row is drawn
        return self._icons.icon(row.kind)

    def _role_data(self, row: InboxRow, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.FontRole and not row.is_read:
            if self._bold is None:
                self._bold = QFont()
                self._bold.setBold(True)
            return self._bold
        return {self.ItemRole: row.item, self.KindRole: row.kind}.get(role)
