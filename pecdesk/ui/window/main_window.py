"""The main window: Compose, Sent and Inbox tabs, the menus, and the account in the status bar.

The window is built in two steps so that it can appear before anything slow happens: the frame
(the menus and an "opening" page) costs a few milliseconds and needs only Qt; the tabs and the
status bar, attached once the account's services exist, import the rest of the UI.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

# Not imported above, because the empty frame must show first: the Qt namespace (PySide builds
# all its enums, ~18 ms), QKeySequence, the banner and the dialogs; each class PySide creates
# costs its enums. They come with attach() or when used.
if TYPE_CHECKING:
    from collections.abc import Sequence

    from PySide6.QtGui import QCloseEvent, QShowEvent
    from PySide6.QtWidgets import QTabWidget

    from pecdesk.errors import PecError
    from pecdesk.services.mailbox.inbox import InboxService
    from pecdesk.services.mailbox.mail import MailService
    from pecdesk.services.receipts.sent import SentService
    from pecdesk.services.sending.compose import ComposeService
    from pecdesk.ui.compose.tab import ComposeTab
    from pecdesk.ui.inbox.tab import InboxTab
    from pecdesk.ui.sent.tab import SentTab
    from pecdesk.ui.widgets.banner import Banner
    from pecdesk.ui.widgets.quota_gauge import QuotaGauge
    from pecdesk.ui.widgets.tasks import TaskRunner


def _opening_page(text: str, parent: QWidget) -> QWidget:
    """A page with ``text`` in its middle (centred by stretches, not by Qt's alignment enum)."""
    page = QWidget(parent)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(QLabel(text, page))
    row.addStretch(1)
    column = QVBoxLayout(page)
    column.addStretch(1)
    column.addLayout(row)
    column.addStretch(1)
    return page


class MainWindow(QMainWindow):
    """The one top-level window. Once shown with its tabs, it loads the inbox and the quota.

    Built empty (an "opening" page and the menus) and filled by :meth:`attach`; given ``mail``
    and ``tasks`` it attaches at once.

    Attributes:
        tabs: the tab widget (Compose, Sent, Inbox); exists once attached.
        pages: what fills the window: the "opening" page, the tabs, or a page shown instead
            (the welcome page).
        opening_page: shown until the tabs are attached.
        compose_tab: where a PEC is written (once attached).
        sent_tab: the history of sendings (once attached).
        inbox_tab: the mailbox's messages (once attached).
        sandbox_banner: says the built-in sandbox is in use; None for a real account.
        local_data_banner: says which local data file did not open and what is off because
            of it; None while every store opened.
        mailbox_label: the active mailbox, in the status bar (once attached).
        quota_label: how full the mailbox is, in the status bar (once attached).
        quota_gauge: the same as a bar, warning at 70 % and 90 % (once attached).
        file_menu: the File menu.
        help_menu: the Help menu.
        quit_action: File > Quit (Ctrl+Q).
        about_action: Help > About pecdesk.

    Signals:
        closed(): the window was closed (File > Quit, the title bar, the session ending).
    """

    closed = Signal()
    tabs: QTabWidget
    compose_tab: ComposeTab
    sent_tab: SentTab
    inbox_tab: InboxTab
    mailbox_label: QLabel
    quota_label: QLabel
    quota_gauge: QuotaGauge

    def __init__(
        self,
        *,
        mail: MailService | None = None,
        tasks: TaskRunner | None = None,
        inbox: InboxService | None = None,
        compose: ComposeService | None = None,
        sent: SentService | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._mail: MailService | None = None
        self._tasks: TaskRunner | None = None
        self._started = False
        self.setWindowTitle("pecdesk")
        self.resize(980, 660)
        self.sandbox_banner: Banner | None = None
        self.local_data_banner: Banner | None = None
        central = QWidget(self)
        self._layout = QVBoxLayout(central)
        self.pages = QStackedWidget(central)
        self.opening_page = _opening_page(self.tr("Opening the mailbox…"), self.pages)
        self.pages.addWidget(self.opening_page)
        self._layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.about_action = QAction(self.tr("&About pecdesk"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self._show_about)
        self._build_menus()
        if mail is not None and tasks is not None and inbox is not None:
            self.attach(mail=mail, tasks=tasks, inbox=inbox, compose=compose, sent=sent)

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
    ) -> None:
        """Build the tabs on the account's services; starts loading if the window is shown."""
        # The tabs' modules are imported here, not at the top: the empty window shows first.
        from PySide6.QtGui import QKeySequence  # noqa: PLC0415
        from PySide6.QtWidgets import QTabWidget  # noqa: PLC0415

        from pecdesk.ui.compose.tab import ComposeTab  # noqa: PLC0415
        from pecdesk.ui.inbox.model import InboxModel  # noqa: PLC0415
        from pecdesk.ui.inbox.tab import InboxTab  # noqa: PLC0415
        from pecdesk.ui.sent.tab import SentTab  # noqa: PLC0415
        from pecdesk.ui.widgets.banner import Banner, BannerKind  # noqa: PLC0415

        if self.attached:
            raise RuntimeError("MainWindow.attach() runs once")
        self._mail, self._tasks = mail, tasks
        account = mail.account
        self.setWindowTitle(self.tr("pecdesk — {mailbox}").format(mailbox=account.mailbox))
        self.compose_tab = ComposeTab(sender=account.mailbox, compose=compose, tasks=tasks)
        self.sent_tab = SentTab(sent=sent, tasks=tasks)
        self.inbox_tab = InboxTab(inbox=inbox, tasks=tasks)
        self.sent_tab.watch_inbox(self.inbox_tab.model, InboxModel.ItemRole)
        self.tabs = QTabWidget(self.pages)
        self.tabs.addTab(self.compose_tab, self.tr("Compose"))
        self.tabs.addTab(self.sent_tab, self.tr("Sent"))
        self.tabs.addTab(self.inbox_tab, self.tr("Inbox"))
        if account.is_builtin_sandbox:
            self.sandbox_banner = Banner(BannerKind.INFO, self.centralWidget())
            self.sandbox_banner.show_message(self._sandbox_text())
            self._layout.insertWidget(0, self.sandbox_banner)
        self.pages.addWidget(self.tabs)
        self.pages.setCurrentWidget(self.tabs)
        self.pages.removeWidget(self.opening_page)
        self.opening_page.deleteLater()
        # Here, not in the frame: setShortcut's overloads make PySide build the Qt namespace.
        self.quit_action.setShortcut(QKeySequence(self.tr("Ctrl+Q")))
        self._build_status_bar()
        if self.isVisible():
            self._start()

    def show_local_data_problems(self, problems: Sequence[tuple[PecError, str]]) -> None:
        """Show, above everything, each store that did not open and what is off because of it.

        Args:
            problems: the error, and what it switches off (English, context ``StoreProblem``).
        """
        from PySide6.QtCore import QCoreApplication  # noqa: PLC0415 - see the imports

        from pecdesk.ui.dialogs.ask import error_texts  # noqa: PLC0415
        from pecdesk.ui.widgets.banner import Banner, BannerKind  # noqa: PLC0415

        if not problems:
            return
        lines = []
        for error, effect in problems:
            title, message = error_texts(error)
            lines.append(f"{title}: {message} {QCoreApplication.translate('StoreProblem', effect)}")
        if self.local_data_banner is None:
            self.local_data_banner = Banner(BannerKind.WARNING, self.centralWidget())
            self._layout.insertWidget(0, self.local_data_banner)
        self.local_data_banner.show_message("\n".join(lines))

    def _sandbox_text(self) -> str:
        return self.tr(
            "You are using the built-in sandbox, a practice PEC service that runs inside pecdesk. "
            "Nothing you do here leaves this computer and no real PEC is sent or received. "
            "To connect your PEC Massiva account, choose Account > Add account."
        )

    def _mailbox_text(self) -> str:
        assert self._mail is not None
        account = self._mail.account
        if account.is_builtin_sandbox:
            return self.tr("{mailbox} · Built-in sandbox").format(mailbox=account.mailbox)
        return account.mailbox

    def _build_status_bar(self) -> None:
        from PySide6.QtCore import Qt  # noqa: PLC0415 - see the imports

        from pecdesk.ui.widgets.quota_gauge import QuotaGauge  # noqa: PLC0415

        self.mailbox_label = QLabel(self)
        self.mailbox_label.setTextFormat(Qt.TextFormat.PlainText)  # the address comes from outside
        self.mailbox_label.setText(self._mailbox_text())
        self.quota_label = QLabel(self)
        self.statusBar().addWidget(self.mailbox_label)
        self.statusBar().addPermanentWidget(self.quota_label)
        self.quota_gauge = QuotaGauge(self)
        self.statusBar().addPermanentWidget(self.quota_gauge)

    def _show_about(self) -> None:
        from pecdesk.ui.dialogs.ask import show_about  # noqa: PLC0415 - see the imports

        show_about(self)

    def _build_menus(self) -> None:
        self.file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.file_menu.addAction(self.quit_action)
        self.help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.help_menu.addAction(self.about_action)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        """Start loading the inbox and the quota the first time the window appears attached."""
        super().showEvent(event)
        self._start()

    def _start(self) -> None:
        """Load the inbox and the quota, once: the first time the window is shown attached."""
        if self._started or self._tasks is None:
            return
        self._started = True
        self.inbox_tab.refresh()
        self.sent_tab.start()
        self._tasks.run_task(self._load_quota(), parent=self, on_error=self._quota_failed)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        """Tell the application the window is gone, so it can shut down in order."""
        super().closeEvent(event)
        if event.isAccepted():
            self.closed.emit()

    async def _load_quota(self) -> None:
        assert self._mail is not None
        quota = await self._mail.quota()
        self.quota_gauge.show_quota(quota)
        share = quota.fraction * 100
        percent = QLocale().toString(share, "f", 1 if share < 10 else 0)
        self.quota_label.setText(self.tr("Mailbox {percent}% full").format(percent=percent))
        self.quota_label.setToolTip(
            self.tr("{usage} of {limit} KiB in use, as the service reports it").format(
                usage=QLocale().toString(quota.usage), limit=QLocale().toString(quota.limit)
            )
        )

    def _quota_failed(self, err: PecError) -> None:
        from pecdesk.ui.dialogs.ask import error_texts  # noqa: PLC0415 - see the imports

        title, message = error_texts(err)
        self.quota_label.setText(self.tr("Quota unavailable"))
        self.quota_label.setToolTip(f"{title}: {message}")
