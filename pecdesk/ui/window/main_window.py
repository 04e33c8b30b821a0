"""The main window: Compose, Sent and Inbox tabs, the menus, and the account in the status bar.

The window is built in two steps so that it can appear before anything slow happens: the frame
(the menus and an "opening" page) costs a few milliseconds and needs only Qt; the tabs and the
status bar, attached once the account's services exist, import the rest of the UI. Of the tabs,
only Compose (the one shown first) is built then: Sent and Inbox are built, and their modules
imported, the first time they are shown (:mod:`pecdesk.ui.window.tabs`, which also leads each
tab's requests to the others). What must run from the start runs on the services meanwhile,
and is this module's job: the Inbox's first page (which hands its receipts to the tracker) and
the tracking of receipts, handed to the tabs when they are built.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from pecdesk.ui.window.menus import Menus
from pecdesk.ui.window.pages import local_data_text, opening_page, sandbox_text

# Not imported above, because the empty frame must show first: the Qt namespace (PySide builds
# all its enums, ~18 ms), QKeySequence, the banner and the dialogs; each class PySide creates
# costs its enums. They come with attach() or when used.
if TYPE_CHECKING:
    import asyncio
    from collections.abc import Sequence

    from PySide6.QtGui import QCloseEvent, QShowEvent

    from pecdesk.errors import PecError
    from pecdesk.services.events import Events
    from pecdesk.services.mailbox.inbox import InboxService
    from pecdesk.services.mailbox.mail import MailService
    from pecdesk.services.receipts.sent import SentService
    from pecdesk.services.sending.compose import ComposeService
    from pecdesk.ui.compose.tab import ComposeTab
    from pecdesk.ui.inbox.tab import InboxTab
    from pecdesk.ui.sent.tab import SentTab
    from pecdesk.ui.widgets.banner import Banner
    from pecdesk.ui.widgets.quota_gauge import QuotaGauge
    from pecdesk.ui.widgets.service_signals import ServiceSignals
    from pecdesk.ui.widgets.tasks import TaskRunner
    from pecdesk.ui.window.badge import Badge
    from pecdesk.ui.window.notices import WindowNotices
    from pecdesk.ui.window.notify import Notifier
    from pecdesk.ui.window.status_bar import StatusBar
    from pecdesk.ui.window.support import SupportInfo
    from pecdesk.ui.window.tabs import WindowTabs

_log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """The one top-level window. Once shown with its tabs, it loads the inbox and the quota.

    Built empty (an "opening" page and the menus) and filled by :meth:`attach`; given ``mail``
    and ``tasks`` it attaches at once.

    Attributes:
        tabs: the tab widget (Compose, Sent, Inbox; see :mod:`pecdesk.ui.window.tabs`);
            exists once attached.
        pages: what fills the window: the "opening" page, the tabs, or a page shown instead
            (the welcome page).
        opening_page: shown until the tabs are attached.
        compose_tab: where a PEC is written (once attached).
        sent_tab: the history of sendings (built when first shown, or asked for).
        inbox_tab: the mailbox's messages (built when first shown, or asked for).
        service_signals: the mailbox's service events as Qt signals; None without sending.
        sandbox_banner: says the built-in sandbox is in use; None for a real account.
        local_data_banner: says which local data file did not open and what is off because
            of it; None while every store opened.
        mailbox_label: the active mailbox, in the status bar (once attached).
        quota_label: how full the mailbox is, in the status bar (once attached).
        quota_gauge: the same as a bar, warning at 70 % and 90 % (once attached).
        menus: the menu bar and its actions (see :mod:`pecdesk.ui.window.menus`).
        status: the status bar's labels (see :mod:`pecdesk.ui.window.status_bar`).
        file_menu: the File menu.
        help_menu: the Help menu.
        quit_action: File > Quit (Ctrl+Q).
        about_action: Help > About pecdesk.
        diagnostics_action: Help > Save diagnostics… (a ZIP for support).
        support: what About shows and Diagnostics writes; set by the shell (None before).
        notifier: where system notifications go; None until attached uses the system tray.
        badge: where the unread count goes on the application's icon (None: the real icon).
        notices: new-mail checks, the unread count in the title, a sending's end notified
            (once attached).

    Signals:
        closed(): the window was closed (File > Quit, the title bar, the session ending).
        first_page_loaded(int): the inbox's first page came from the service (its rows),
            whether or not the Inbox tab is built.
        first_page_failed(str): it did not (why, in the UI's language).
    """

    closed = Signal()
    first_page_loaded = Signal(int)
    first_page_failed = Signal(str)
    tabs: WindowTabs
    compose_tab: ComposeTab
    mailbox_label: QLabel
    quota_label: QLabel
    quota_gauge: QuotaGauge
    status: StatusBar

    def __init__(
        self,
        *,
        mail: MailService | None = None,
        tasks: TaskRunner | None = None,
        inbox: InboxService | None = None,
        compose: ComposeService | None = None,
        sent: SentService | None = None,
        events: Events | None = None,
        notifier: Notifier | None = None,
        badge: Badge | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.notifier = notifier
        self.badge = badge
        self.notices: WindowNotices | None = None
        self._check_seconds: float | None = None
        self._retention_seconds: float | None = None
        self._mail: MailService | None = None
        self._tasks: TaskRunner | None = None
        self._inbox: InboxService | None = None
        self._sent: SentService | None = None
        self._tracking: asyncio.Task[None] | None = None  # receipts tracked while Sent is unbuilt
        self.service_signals: ServiceSignals | None = None
        self._started = False
        self._first_page_settled = False
        self.setWindowTitle("pecdesk")
        self.resize(980, 660)
        self.sandbox_banner: Banner | None = None
        self.local_data_banner: Banner | None = None
        central = QWidget(self)
        self._layout = QVBoxLayout(central)
        self.pages = QStackedWidget(central)
        self.opening_page = opening_page(self.tr("Opening the mailbox…"), self.pages)
        self.pages.addWidget(self.opening_page)
        self._layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.support: SupportInfo | None = None
        self.menus = Menus(self, lambda: self.support)
        self.file_menu, self.help_menu = self.menus.file_menu, self.menus.help_menu
        self.quit_action = self.menus.quit_action
        self.about_action = self.menus.about_action
        self.diagnostics_action = self.menus.diagnostics_action
        if mail is not None and tasks is not None and inbox is not None:
            self.attach(
                mail=mail, tasks=tasks, inbox=inbox, compose=compose, sent=sent, events=events
            )

    @property
    def attached(self) -> bool:
        """Whether the tabs are there (:meth:`attach` has run)."""
        return self._mail is not None

    def attach(
        self,
        *,
        mail: MailService,
        tasks: TaskRunner,
        inbox: InboxService,
        compose: ComposeService | None = None,
        sent: SentService | None = None,
        events: Events | None = None,
    ) -> None:
        """Build the tabs on the account's services; starts loading if the window is shown.

        Args:
            mail: reads the mailbox (the quota).
            tasks: runs the window's coroutines.
            inbox: the Inbox's service (its first page loads at the start).
            compose: plans and queues sendings; None when sending is off.
            sent: the Sent tab's service; None when sending is off.
            events: the mailbox's service events (the Sent tab's rows follow them).
        """
        # The tabs' modules are imported here, not at the top: the empty window shows first.
        from pecdesk.ui.widgets.banner import Banner, BannerKind  # noqa: PLC0415
        from pecdesk.ui.window.notices import WindowNotices  # noqa: PLC0415
        from pecdesk.ui.window.status_bar import StatusBar  # noqa: PLC0415
        from pecdesk.ui.window.tabs import WindowTabs  # noqa: PLC0415

        if self.attached:
            raise RuntimeError("MainWindow.attach() runs once")
        self._mail, self._tasks, self._inbox, self._sent = mail, tasks, inbox, sent
        if sent is not None and self._retention_seconds is not None:
            sent.set_retention(self._retention_seconds)
        account = mail.account
        self.tabs = WindowTabs(
            sender=account.mailbox,
            inbox=inbox,
            tasks=tasks,
            compose=compose,
            sent=sent,
            events=events,
            parent=self.pages,
        )
        self.tabs.sent_built.connect(self._sent_built)
        self.tabs.inbox_built.connect(self._inbox_built)
        self.compose_tab, self.service_signals = self.tabs.compose_tab, self.tabs.service_signals
        self.file_menu.insertAction(self.quit_action, self.compose_tab.new_message_action)
        self.file_menu.insertAction(self.quit_action, self.compose_tab.address_book.action)
        self.notices = WindowNotices(
            window=self,
            title=self.tr("pecdesk — {mailbox}").format(mailbox=account.mailbox),
            inbox=inbox,
            tasks=tasks,
            notifier=self.notifier,
            badge=self.badge,
        )
        self.notifier = self.notices.notifier
        if self._check_seconds is not None:
            self.notices.watcher.set_interval(self._check_seconds)
        self.notices.follow_sending(self.compose_tab.send.progress)
        if account.is_builtin_sandbox:
            self.sandbox_banner = Banner(BannerKind.INFO, self.centralWidget())
            self.sandbox_banner.show_message(sandbox_text())
            self._layout.insertWidget(0, self.sandbox_banner)
        self.pages.addWidget(self.tabs)
        self.pages.setCurrentWidget(self.tabs)
        self.pages.removeWidget(self.opening_page)
        self.opening_page.deleteLater()
        self.menus.add_shortcuts()
        self.status = StatusBar(self, account)
        self.mailbox_label = self.status.mailbox_label
        self.quota_label = self.status.quota_label
        self.quota_gauge = self.status.quota_gauge
        if self.isVisible():
            self._start()

    def show_local_data_problems(self, problems: Sequence[tuple[PecError, str]]) -> None:
        """Show, above everything, each store that did not open and what is off because of it.

        Args:
            problems: the error, and what it switches off (English, context ``StoreProblem``).
        """
        from pecdesk.ui.widgets.banner import Banner, BannerKind  # noqa: PLC0415 - see imports

        if not problems:
            return
        if self.local_data_banner is None:
            self.local_data_banner = Banner(BannerKind.WARNING, self.centralWidget())
            self._layout.insertWidget(0, self.local_data_banner)
        self.local_data_banner.show_message(local_data_text(problems))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        """Start loading the inbox and the quota the first time the window appears attached."""
        super().showEvent(event)
        self._start()

    def _start(self) -> None:
        """Load the inbox's first page and the quota, and track receipts: once, when first shown.

        The Inbox tab, if built, loads the page itself; else the service does (it files the
        page's receipts and saves its rows, which the tab shows at once when it is built).
        """
        if self._started or self._tasks is None:
            return
        self._started = True
        if "inbox" in self.tabs.tabs_built:
            self.tabs.inbox_tab.refresh()
            if self.notices is not None:
                self.notices.watcher.start()
        else:
            self._tasks.run_task(
                self._load_first_page(), parent=self, on_error=self._first_page_error
            )
        if "sent" in self.tabs.tabs_built:
            self.tabs.sent_tab.start()
        elif self._sent is not None:
            self._tracking = self._tasks.run_task(
                self._sent.watch(on_change=lambda _report: None),
                parent=self,
                on_error=lambda err: _log.warning("Receipts not tracked: %s", err.message),
            )
        self._tasks.run_task(self._load_quota(), parent=self, on_error=self._quota_failed)

    async def _load_first_page(self) -> None:
        assert self._inbox is not None
        page = await self._inbox.server().page(1)
        self._tell_first_page(len(page.rows), "")
        if self.notices is not None:
            self.notices.watcher.start(list(page.rows))

    def set_retention(self, seconds: float) -> None:
        """Keep the sending history ``seconds`` (the setting): older campaigns are listed."""
        self._retention_seconds = seconds
        if self._sent is not None:
            self._sent.set_retention(seconds)

    def set_check_interval(self, seconds: float) -> None:
        """Check for new mail every ``seconds`` (the setting; 60 until told)."""
        self._check_seconds = seconds
        if self.notices is not None:
            self.notices.watcher.set_interval(seconds)

    def _first_page_error(self, err: PecError) -> None:
        from pecdesk.ui.dialogs.ask import error_texts  # noqa: PLC0415 - see the imports

        title, message = error_texts(err)  # shown by the Inbox tab, which tries again
        _log.info("The inbox's first page did not load: %s", err.message)
        self._tell_first_page(0, f"{title}: {message}")
        if self.notices is not None:
            self.notices.watcher.start()  # the checks list the first page again

    def _tell_first_page(self, rows: int, failure: str) -> None:
        """Emit first_page_loaded or first_page_failed, once per window."""
        if self._first_page_settled:
            return
        self._first_page_settled = True
        if failure:
            self.first_page_failed.emit(failure)
        else:
            self.first_page_loaded.emit(rows)

    # -- the tabs built on first show (see pecdesk.ui.window.tabs) --------------------------

    @property
    def sent_tab(self) -> SentTab:
        """The Sent tab, built now if it was not yet (it starts if the window has)."""
        assert self.attached, "attach() first"
        return self.tabs.sent_tab

    @property
    def inbox_tab(self) -> InboxTab:
        """The Inbox tab, built now if it was not yet (it loads if the window has started)."""
        assert self.attached, "attach() first"
        return self.tabs.inbox_tab

    @property
    def first_page_settled(self) -> bool:
        """Whether the inbox's first page has loaded, or failed to (see the signals)."""
        return self._first_page_settled

    @property
    def tabs_built(self) -> list[str]:
        """Which of the tabs built on first show exist ("sent", "inbox")."""
        return self.tabs.tabs_built if self.attached else []

    def _sent_built(self, tab: SentTab) -> None:
        """The Sent tab tracks receipts from now on, instead of the task :meth:`_start` ran."""
        if self._tracking is not None:
            self._tracking.cancel()
            self._tracking = None
        if self._started:
            tab.start()

    def _inbox_built(self, tab: InboxTab) -> None:
        """The Inbox tab loads now if the window has started; else it brings the first page."""
        if self.notices is not None:
            self.notices.follow_inbox(tab)
        if self._started:  # the service loaded the first page (see _start)
            tab.refresh()
        else:
            tab.page_loaded.connect(self._tab_page_loaded)
            tab.load_failed.connect(self._tab_page_failed)

    def _tab_page_loaded(self, number: int) -> None:
        if number == 1:
            self._tell_first_page(self.inbox_tab.model.rowCount(), "")

    def _tab_page_failed(self, message: str) -> None:
        self._tell_first_page(0, message)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        """Tell the application the window is gone, so it can shut down in order."""
        super().closeEvent(event)
        if event.isAccepted():
            if self.notices is not None:
                self.notices.closing()  # no check starts on a closing window, no count stays
            self.closed.emit()

    async def _load_quota(self) -> None:
        assert self._mail is not None
        self.status.show_quota(await self._mail.quota())

    def _quota_failed(self, err: PecError) -> None:
        self.status.show_quota_failure(err)
