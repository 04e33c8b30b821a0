"""The Inbox tab: the mailbox's messages, a page at a time, with refresh and an error banner."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pecdesk.errors import PecError
from pecdesk.services.mail import MailService, has_more_pages
from pecdesk.ui.banner import Banner, BannerKind
from pecdesk.ui.dialogs import error_texts
from pecdesk.ui.inbox_model import COL_DATE, COL_FROM, COL_SUBJECT, InboxModel
from pecdesk.ui.tasks import TaskRunner


class InboxTab(QWidget):
    """Lists the INBOX: loads the first page on :meth:`refresh`, further pages on demand.

    Attributes:
        model: the rows loaded so far.
        table: the view of :attr:`model`.
        error_banner: shown when the last load failed.
        count_label: how many messages the mailbox holds.
        refresh_button: reloads from the first page.
        more_button: loads the next page; visible only when one may exist.

    Signals:
        page_loaded(int): a page arrived and is shown (its number).
        load_failed(str): a load failed; the translated message is in the banner.
    """

    page_loaded = Signal(int)
    load_failed = Signal(str)

    def __init__(
        self, *, mail: MailService, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._mail = mail
        self._tasks = tasks
        self._loading = False
        self._next_page = 1
        self._has_more = False
        self._total: int | None = None
        self.model = InboxModel(self)
        self.count_label = QLabel(self)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.clicked.connect(self.refresh)
        self.more_button = QPushButton(self.tr("Load more"), self)
        self.more_button.clicked.connect(self.load_more)
        self.error_banner = Banner(BannerKind.WARNING, self)
        self.error_banner.hide()
        self.table = self._make_table()
        self._lay_out()
        self._update_controls()

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(COL_DATE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_FROM, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_SUBJECT, QHeaderView.ResizeMode.Stretch)
        return table

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.count_label)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.more_button)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.error_banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    @property
    def loading(self) -> bool:
        """True while a page is being fetched."""
        return self._loading

    def refresh(self) -> None:
        """Reload the inbox from its first page."""
        self._load(1, replace=True)

    def load_more(self) -> None:
        """Append the next page, if one may exist."""
        if self._has_more:
            self._load(self._next_page, replace=False)

    def _load(self, page: int, *, replace: bool) -> None:
        if self._loading:
            return
        self._loading = True
        self._update_controls()
        self._tasks.run_task(self._fetch(page, replace), parent=self, on_error=self._show_error)

    async def _fetch(self, page: int, replace: bool) -> None:
        # Cancellation (the tab is being destroyed) must not touch widgets: no UI in `finally`.
        try:
            result = await self._mail.inbox_page(page)
        finally:
            self._loading = False
        if replace:
            self.model.clear()
        self.model.append_items(result.items)
        self._next_page = page + 1
        self._has_more = has_more_pages(result, self.model.rowCount())
        self._total = result.total
        self.error_banner.clear()
        self._update_controls()
        self.page_loaded.emit(page)

    def _show_error(self, err: PecError) -> None:
        title, message = error_texts(err)
        self.error_banner.show_message(
            self.tr("{title}: {message}").format(title=title, message=message)
        )
        self._update_controls()
        self.load_failed.emit(message)

    def _update_controls(self) -> None:
        self.refresh_button.setEnabled(not self._loading)
        self.more_button.setEnabled(not self._loading)
        self.more_button.setVisible(self._has_more)
        if self._loading:
            self.count_label.setText(self.tr("Loading…"))
        elif self._total is None:
            self.count_label.clear()
        else:
            count = QLocale().toString(self._total)
            self.count_label.setText(self.tr("Messages: {count}").format(count=count))
