"""The main window: Compose, Sent and Inbox tabs, the menus, and the account in the status bar."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pecdesk.errors import PecError
from pecdesk.services.compose import ComposeService
from pecdesk.services.inbox import InboxService
from pecdesk.services.mail import MailService
from pecdesk.services.sent import SentService
from pecdesk.ui.banner import Banner, BannerKind
from pecdesk.ui.compose_tab import ComposeTab
from pecdesk.ui.dialogs import error_texts, show_about
from pecdesk.ui.inbox_model import InboxModel
from pecdesk.ui.inbox_tab import InboxTab
from pecdesk.ui.quota_gauge import QuotaGauge
from pecdesk.ui.sent_tab import SentTab
from pecdesk.ui.tasks import TaskRunner


class MainWindow(QMainWindow):
    """The one top-level window. The first time it is shown it loads the inbox and the quota.

    Attributes:
        tabs: the tab widget (Compose, Sent, Inbox).
        pages: what fills the window: the tabs, or a page shown instead (the welcome page).
        compose_tab: where a PEC is written.
        sent_tab: the history of sendings.
        inbox_tab: the mailbox's messages.
        sandbox_banner: says the built-in sandbox is in use; None for a real account.
        mailbox_label: the active mailbox, in the status bar.
        quota_label: how full the mailbox is, in the status bar.
        quota_gauge: the same as a bar, warning at 70 % and 90 %.
        file_menu: the File menu.
        help_menu: the Help menu.
        quit_action: File > Quit (Ctrl+Q).
        about_action: Help > About pecdesk.

    Signals:
        closed(): the window was closed (File > Quit, the title bar, the session ending).
    """

    closed = Signal()

    def __init__(
        self,
        *,
        mail: MailService,
        tasks: TaskRunner,
        inbox: InboxService | None = None,
        compose: ComposeService | None = None,
        sent: SentService | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._mail = mail
        self._tasks = tasks
        self._started = False
        account = mail.account
        self.setWindowTitle(self.tr("pecdesk — {mailbox}").format(mailbox=account.mailbox))
        self.resize(980, 660)

        self.compose_tab = ComposeTab(sender=account.mailbox, compose=compose, tasks=tasks)
        self.sent_tab = SentTab(sent=sent, tasks=tasks)
        # Without an inbox service (no mail cache), the inbox works but saves nothing.
        inbox = inbox if inbox is not None else InboxService(mail=mail, cache=None)
        self.inbox_tab = InboxTab(inbox=inbox, tasks=tasks)
        self.sent_tab.watch_inbox(self.inbox_tab.model, InboxModel.ItemRole)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.compose_tab, self.tr("Compose"))
        self.tabs.addTab(self.sent_tab, self.tr("Sent"))
        self.tabs.addTab(self.inbox_tab, self.tr("Inbox"))

        self.sandbox_banner: Banner | None = None
        central = QWidget(self)
        layout = QVBoxLayout(central)
        if account.is_builtin_sandbox:
            self.sandbox_banner = Banner(BannerKind.INFO, central)
            self.sandbox_banner.show_message(self._sandbox_text())
            layout.addWidget(self.sandbox_banner)
        self.pages = QStackedWidget(central)
        self.pages.addWidget(self.tabs)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.mailbox_label = QLabel(self._mailbox_text(), self)
        self.mailbox_label.setTextFormat(Qt.TextFormat.PlainText)  # the address comes from outside
        self.quota_label = QLabel(self)
        self.statusBar().addWidget(self.mailbox_label)
        self.statusBar().addPermanentWidget(self.quota_label)
        self.quota_gauge = QuotaGauge(self)
        self.statusBar().addPermanentWidget(self.quota_gauge)

        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence(self.tr("Ctrl+Q")))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.about_action = QAction(self.tr("&About pecdesk"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(lambda: show_about(self))
        self._build_menus()

    def _sandbox_text(self) -> str:
        return self.tr(
            "You are using the built-in sandbox, a practice PEC service that runs inside pecdesk. "
            "Nothing you do here leaves this computer and no real PEC is sent or received. "
            "To connect your PEC Massiva account, choose Account > Add account."
        )

    def _mailbox_text(self) -> str:
        account = self._mail.account
        if account.is_builtin_sandbox:
            return self.tr("{mailbox} · Built-in sandbox").format(mailbox=account.mailbox)
        return account.mailbox

    def _build_menus(self) -> None:
        self.file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.file_menu.addAction(self.quit_action)
        self.help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.help_menu.addAction(self.about_action)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        """Start loading the inbox and the quota the first time the window appears."""
        super().showEvent(event)
        if not self._started:
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
        title, message = error_texts(err)
        self.quota_label.setText(self.tr("Quota unavailable"))
        self.quota_label.setToolTip(f"{title}: {message}")
