"""The Inbox tab: the mailbox paged lazily, searched, filtered by kind, read and tidied up.

On first show the saved copy of the mailbox appears at once, then the service's first page
replaces it. Further pages load as the list scrolls. Searching the saved copy is instant and
works offline; the service's own search is there too, on demand. Selecting a message opens it
in the reading pane, whose web view is only created the first time a message is opened.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QDesktopServices, QHideEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from pecdesk.errors import PecError
from pecdesk.services.mailbox.inbox import (
    InboxChangedError,
    InboxRow,
    InboxService,
    OpenedMessage,
)
from pecdesk.ui.inbox.actions import InboxActions
from pecdesk.ui.inbox.keep import SelectionKeeper
from pecdesk.ui.inbox.kinds import KindGroup, kinds_of
from pecdesk.ui.inbox.model import InboxModel
from pecdesk.ui.inbox.reply import Replies
from pecdesk.ui.inbox.search import InboxSearchBar
from pecdesk.ui.inbox.table import KindFilterProxy, fill_viewport, make_inbox_table
from pecdesk.ui.widgets.banner import Banner, BannerKind
from pecdesk.ui.widgets.error_box import error_texts
from pecdesk.ui.widgets.remembered import remember
from pecdesk.ui.widgets.tasks import TaskRunner

if TYPE_CHECKING:  # the pane loads QtWebEngine (~30 MB): imported when a message is first opened
    from pecdesk.ui.message.pane import MessagePane
    from pecdesk.ui.message.view import UrlOpener

OPEN_DELAY_MS = 120
"""Pause after the selection moves before the message is opened (arrow keys held down)."""


class InboxTab(QWidget):
    """The INBOX: list, search, kind filter, reading pane and the actions on messages.

    Attributes:
        model: the mailbox as the service lists it (paged lazily).
        search_model: the results of the current search.
        proxy: the kind filter in front of whichever of the two is shown.
        table: the list.
        search_bar: search field, service-search switch and kind filter.
        inbox_actions: delete, copy, read/unread, find, refresh (with their shortcuts).
        error_banner: says what went wrong last.
        count_label: how many messages there are.
        refresh_button: reloads the list from the service.
        pane: the reading pane; None until a message is opened for the first time.
        replies: reply and forward (Compose is asked for the draft).

    Signals:
        page_loaded(int): a page from the PEC service is shown (its number).
        load_failed(str): loading from the service failed; the message is in the banner.
        message_opened(object): a message (:class:`OpenedMessage`) went to the reading pane.
        messages_deleted(int): messages were deleted from the mailbox (how many).
        open_sending_requested(str): show the sending with this code in the Sent tab.
        compose_requested(object): open this :class:`Draft` (a reply, a forward) in Compose.
    """

    page_loaded = Signal(int)
    load_failed = Signal(str)
    message_opened = Signal(object)
    messages_deleted = Signal(int)
    open_sending_requested = Signal(str)
    compose_requested = Signal(object)

    def __init__(
        self,
        *,
        inbox: InboxService,
        tasks: TaskRunner,
        open_url: UrlOpener = QDesktopServices.openUrl,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._inbox = inbox
        self._tasks = tasks
        self._open_url = open_url
        self._started = False
        self._then_live = False
        self.pane: MessagePane | None = None
        self.model = InboxModel(self, run=self._run)
        self.search_model = InboxModel(self, run=self._run)
        self.proxy = KindFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search_bar = InboxSearchBar(self)
        self.count_label = QLabel(self)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setToolTip(self.tr("Check the PEC service for new messages (F5)"))
        self.refresh_button.clicked.connect(self.refresh)
        self.error_banner = Banner(BannerKind.WARNING, self)
        self.error_banner.hide()
        self.table = make_inbox_table(self.proxy, self)
        self._placeholder = QLabel(self.tr("Select a message to read it."), self)
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._splitter = QSplitter(Qt.Orientation.Vertical, self)
        self._splitter.addWidget(self.table)
        self._splitter.addWidget(self._placeholder)
        self._splitter.setStretchFactor(1, 1)
        remember(self._splitter, "inbox")
        self._open_timer = QTimer(self)
        self._open_timer.setSingleShot(True)
        self._open_timer.setInterval(OPEN_DELAY_MS)
        self._open_timer.timeout.connect(self.open_current)
        self.replies = Replies(
            self, inbox=inbox, tasks=tasks, selected=self.selected_rows, shown=self.shown_message
        )
        self.inbox_actions = InboxActions(
            self,
            table=self.table,
            selected=self.selected_rows,
            answerable=self.replies.has_target,
            inbox=inbox,
            tasks=tasks,
        )
        self._keeper = SelectionKeeper(self.table, self.proxy)  # a reload keeps the selection
        self._connect()
        self._lay_out()
        self._update_status()

    def _connect(self) -> None:
        self.model.page_loaded.connect(self._inbox_page_loaded)
        self.model.load_failed.connect(self._inbox_page_failed)
        self.search_model.page_loaded.connect(self._search_page_loaded)
        self.search_model.load_failed.connect(self._show_failure)
        for model in (self.model, self.search_model):
            model.loading_changed.connect(self._update_status)
        self.proxy.modelReset.connect(self._update_status)
        self.proxy.rowsRemoved.connect(self._update_status)
        selection = self.table.selectionModel()
        selection.currentRowChanged.connect(self._current_moved)
        selection.selectionChanged.connect(self.inbox_actions.update_enabled)
        self.proxy.modelReset.connect(self.inbox_actions.update_enabled)
        self.search_bar.local_search_requested.connect(self.search_saved)
        self.search_bar.server_search_requested.connect(self.search_server)
        self.search_bar.kind_group_changed.connect(self.show_kinds)
        self.inbox_actions.deleted.connect(self._deleted)
        self.inbox_actions.failed.connect(self._action_failed)
        self.inbox_actions.rows_changed.connect(self._rows_changed)
        self.inbox_actions.refresh_action.triggered.connect(self.refresh)
        self.inbox_actions.find_action.triggered.connect(self.search_bar.focus_search)
        self.inbox_actions.sending_action.triggered.connect(self._open_selected_sending)
        self.inbox_actions.reply_action.triggered.connect(self.replies.reply)
        self.inbox_actions.forward_action.triggered.connect(self.replies.forward)
        self.replies.compose_requested.connect(self.compose_requested)
        self.replies.failed.connect(self._action_failed)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.search_bar, 1)
        top.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.error_banner)
        layout.addWidget(self._splitter, 1)
        layout.addWidget(self.count_label)

    def _current_moved(self) -> None:
        current, shown = self.current_row(), self.shown_message()
        if current is not None and shown is not None and current.key == shown.row.key:
            self._open_timer.stop()  # back on the message shown (a reload kept it): no re-reading
            return
        self._open_timer.start()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt API
        """A hidden tab (another tab chosen, the window closing) opens nothing more."""
        self._open_timer.stop()
        super().hideEvent(event)

    # -- loading -----------------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        """True while a page is being fetched."""
        return self.model.loading or self.search_model.loading

    @property
    def shown_model(self) -> InboxModel:
        """The model the list shows now: the mailbox, or search results."""
        source = self.proxy.sourceModel()
        return source if isinstance(source, InboxModel) else self.model

    def refresh(self) -> None:
        """Reload the list from the service; the first time, show the saved copy meanwhile."""
        if not self._started:
            self._started = True
            self._then_live = True
            self.model.start(self._inbox.saved())
        elif self.model.failed:
            self.model.retry()
        else:
            self._then_live = False
            self.model.start(self._inbox.server(), keep_rows=True)

    def _run(self, coro: Coroutine[Any, Any, None]) -> asyncio.Task[None]:
        """Run a model's page load on behalf of this tab (its errors are the model's)."""
        return self._tasks.run_task(coro, parent=self)

    def _inbox_page_loaded(self, number: int, live: bool) -> None:
        if not live and self._then_live:
            self._then_live = False  # the saved copy is shown: now ask the service
            self.model.start(self._inbox.server(), keep_rows=True)
        self._search_page_loaded(number, live)
        if live:
            self.page_loaded.emit(number)

    def _search_page_loaded(self, number: int, live: bool) -> None:
        del number
        if live:
            self.error_banner.clear()
        self._update_status()
        fill_viewport(self.table, self.proxy)

    def _inbox_page_failed(self, err: PecError) -> None:
        if self._then_live:
            self._then_live = False  # the saved copy is unreadable: go to the service at once
            self.model.start(self._inbox.server(), keep_rows=True)
            return
        self._show_failure(err)
        self.load_failed.emit(error_texts(err)[1])

    def _show_failure(self, err: PecError) -> None:
        title, message = error_texts(err)
        saved = self.model.rowCount() > 0 and not self.model.listing_is_live
        text = self.tr("{title}: {message}").format(title=title, message=message)
        if saved:
            text += " " + self.tr("The messages saved on this computer are shown.")
        self.error_banner.show_message(text + " " + self.tr("Press Refresh to try again."))
        self._update_status()

    # -- search and filter -------------------------------------------------------------------

    def search_saved(self, query: str) -> None:
        """Show the saved messages containing ``query``; "" shows the mailbox again."""
        if not query:
            self._show_model(self.model)
            return
        self.search_model.start(self._inbox.saved(query))
        self._show_model(self.search_model)

    def search_server(self, query: str) -> None:
        """Ask the service for the messages matching ``query`` (slow on big mailboxes)."""
        self.search_model.start(self._inbox.server(query))
        self._show_model(self.search_model)

    def show_kinds(self, group: KindGroup) -> None:
        """Show only the messages of ``group``'s kinds."""
        self.proxy.set_kinds(kinds_of(group))
        self._update_status()
        fill_viewport(self.table, self.proxy)

    def _show_model(self, model: InboxModel) -> None:
        if self.proxy.sourceModel() is not model:
            self.proxy.setSourceModel(model)
        self._update_status()

    def _update_status(self) -> None:
        model = self.shown_model
        shown = QLocale().toString(self.proxy.rowCount())
        if model.loading and model.rowCount() == 0:
            text = self.tr("Loading…")
        elif model is self.search_model:
            total = QLocale().toString(model.total or 0)
            text = self.tr("Found: {total}").format(total=total)
        elif model.total is None:
            text = ""
        elif model.listing_is_live:
            text = self.tr("Messages: {count}").format(count=QLocale().toString(model.total))
        else:
            text = self.tr("Saved on this computer: {count}").format(
                count=QLocale().toString(model.total)
            )
        if text and self.proxy.kinds is not None:
            text += " " + self.tr("(shown: {shown})").format(shown=shown)
        self.count_label.setText(text)

    # -- reading -----------------------------------------------------------------------------

    def selected_rows(self) -> list[InboxRow]:
        """The messages selected in the list, top to bottom."""
        model = self.shown_model
        indexes = self.table.selectionModel().selectedRows()
        rows = sorted(self.proxy.mapToSource(index).row() for index in indexes)
        return [model.row_at(row) for row in rows]

    def shown_message(self) -> OpenedMessage | None:
        """The message the reading pane shows, if any."""
        return self.pane.opened if self.pane is not None else None

    def current_row(self) -> InboxRow | None:
        """The message under the cursor of the list."""
        index = self.proxy.mapToSource(self.table.currentIndex())
        return self.shown_model.row_at(index.row()) if index.isValid() else None

    def select_row(self, row: int) -> None:
        """Make ``row`` (of the list as shown) the current, selected one."""
        index = self.proxy.index(row, 0)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(index, flags)

    def open_current(self) -> None:
        """Open the message under the cursor in the reading pane."""
        self._open_timer.stop()
        row = self.current_row()
        if row is not None:
            self._tasks.run_task(self._open(row), parent=self, on_error=self._open_failed)

    async def _open(self, row: InboxRow) -> None:
        opened = await self._inbox.open(row)
        self._rows_changed([opened.row])
        current = self.current_row()
        if current is not None and current.key != row.key:
            return  # the selection moved on meanwhile
        self.ensure_pane().show_message(opened)
        self.message_opened.emit(opened)

    def _open_failed(self, err: PecError) -> None:
        title, message = error_texts(err)
        self.ensure_pane().show_error(f"{title}: {message}")
        if isinstance(err, InboxChangedError):
            self.refresh()

    def ensure_pane(self) -> MessagePane:
        """The reading pane, created (with its web view) the first time it is needed."""
        if self.pane is None:
            from pecdesk.ui.message.pane import MessagePane  # noqa: PLC0415 - see the imports

            self.pane = MessagePane(self, open_url=self._open_url)
            self.pane.open_sending_requested.connect(self.open_sending_requested)
            self.pane.reply_requested.connect(self.replies.reply_to)
            self.pane.forward_requested.connect(self.replies.forward_of)
            self.pane.shown_changed.connect(self.inbox_actions.update_enabled)  # Reply's target
            self._splitter.replaceWidget(1, self.pane)
            self._placeholder.deleteLater()
            total = sum(self._splitter.sizes())
            self._splitter.setSizes([total * 2 // 5, total - total * 2 // 5])
        return self.pane

    def _open_selected_sending(self) -> None:
        row = self.current_row()
        if row is not None and row.code:
            self.open_sending_requested.emit(row.code)

    # -- after the actions -------------------------------------------------------------------

    def _rows_changed(self, rows: list[InboxRow]) -> None:
        for model in (self.model, self.search_model):
            model.update_rows(rows)
        self.inbox_actions.update_enabled()

    def _deleted(self, rows: list[InboxRow]) -> None:
        keys = {row.key for row in rows}
        for model in (self.model, self.search_model):
            model.remove_keys(keys)
        shown = self.shown_message()
        if self.pane is not None and shown is not None and shown.row.key in keys:
            self.pane.clear()
        self._relist()
        self.messages_deleted.emit(len(rows))

    def _action_failed(self, err: PecError) -> None:
        title, message = error_texts(err)
        text = self.tr("{title}: {message}").format(title=title, message=message)
        self.error_banner.show_message(text)
        if isinstance(err, InboxChangedError):
            self._relist()

    def _relist(self) -> None:
        """List again after deletions: ids may have been renumbered."""
        self.model.start(self._inbox.server(), keep_rows=True)
        listing = self.search_model.listing
        if listing is not None and self.shown_model is self.search_model:
            again = self._inbox.saved if not listing.ids_are_live else self._inbox.server
            self.search_model.start(again(listing.query), keep_rows=True)
