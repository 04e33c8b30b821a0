"""What the main window offers around the mail tabs: accounts, settings, welcome page, log folder.

The Shell adds the account switcher, the Account menu, File > Settings and Help > Open log
folder to a :class:`MainWindow`, shows the first-run welcome page, and runs the dialogs. It
never builds clients or services: opening another account is asked of ``open_account``
(provided by :mod:`pecdesk.app.main`), and the result is handed back through ``account_opened``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QMessageBox, QToolBar, QWidget

from pecdesk.accounts.account import Account
from pecdesk.accounts.profiles import BUILTIN_ID, ENV_ID
from pecdesk.config.settings import SendMode, Settings, SettingsStore
from pecdesk.errors import PecError
from pecdesk.services.session import SessionService
from pecdesk.ui.dialogs.ask import show_error
from pecdesk.ui.widgets.tasks import TaskRunner
from pecdesk.ui.window.account_switcher import AccountSwitcher, SwitcherEntry
from pecdesk.ui.window.main_window import MainWindow
from pecdesk.ui.window.support import SupportInfo

# The dialogs and the welcome page are imported when first opened: not on the start-up path.
if TYPE_CHECKING:
    from pecdesk.ui.dialogs.account import AccountDialog
    from pecdesk.ui.dialogs.settings import SettingsDialog
    from pecdesk.ui.window.welcome import WelcomePage

OpenAccount = Callable[[str], Awaitable[Account]]
UrlOpener = Callable[[QUrl], bool]


@dataclass(frozen=True, slots=True)
class OpenedAccount:
    """An account ready to use, and its id (for the switcher).

    Attributes:
        id: the account id.
        account: the account with its secrets.
    """

    id: str
    account: Account


@dataclass(frozen=True, slots=True)
class ShellContext:
    """What the shell needs that outlives one main window (built by pecdesk.app.main).

    Attributes:
        session: stored accounts and the keychain.
        settings_store: where the settings are saved.
        open_account: turns an account id into a usable account (starts the sandbox if needed).
        remember_secret: tells the log filter about a secret typed in.
        log_dir: the folder Help > Open log folder opens.
        default_data_dir: the data folder when the settings name none.
        env_mailbox: the mailbox of the account in the ``PECDESK_*`` variables, if any.
        open_url: opens a folder in the file manager (QDesktopServices.openUrl).
        support: what Help > About shows and Help > Save diagnostics writes.
    """

    session: SessionService
    settings_store: SettingsStore
    open_account: OpenAccount
    remember_secret: Callable[[str], None]
    log_dir: Path
    default_data_dir: Path
    env_mailbox: str | None = None
    open_url: UrlOpener = QDesktopServices.openUrl
    support: SupportInfo | None = None


class Shell(QObject):
    """Accounts, settings, welcome page and log folder for one main window.

    Attributes:
        window: the main window it serves.
        settings: the settings in force.
        switcher: the account switcher in the window's toolbar.
        welcome: the welcome page, while it is shown; else None.
        settings_action: File > Settings…
        open_log_action: Help > Open log folder.
        dialog: the account or settings dialog open now, if any.

    Signals:
        account_opened(object): another account (an OpenedAccount) is ready; rebuild on it.
        settings_changed(object): new Settings were saved.
    """

    account_opened = Signal(object)
    settings_changed = Signal(object)

    def __init__(
        self,
        *,
        window: MainWindow,
        context: ShellContext,
        tasks: TaskRunner,
        settings: Settings,
        current_id: str,
        show_welcome: bool,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self._context = context
        self._session = context.session
        self._tasks = tasks
        window.support = context.support
        window.set_check_interval(settings.poll_seconds)
        self._use_send_mode(settings)
        window.set_retention(settings.retention_seconds)
        self.dialog: AccountDialog | SettingsDialog | None = None
        self.switcher = AccountSwitcher(
            entries=self._entries(), current_id=current_id, parent=window
        )
        self.switcher.switch_requested.connect(self.open_account)
        self.switcher.add_requested.connect(lambda: self.edit_account(None))
        self.switcher.edit_requested.connect(self.edit_account)
        self.switcher.remove_requested.connect(self.remove_account)
        toolbar = QToolBar(self.tr("Account"), window)
        toolbar.setObjectName("accountToolBar")
        toolbar.setMovable(False)
        toolbar.addWidget(self.switcher)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        window.menuBar().insertMenu(window.help_menu.menuAction(), self.switcher.menu)

        self.settings_action = QAction(self.tr("&Settings…"), window)
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.edit_settings)
        window.file_menu.insertAction(window.quit_action, self.settings_action)
        window.file_menu.insertSeparator(window.quit_action)
        self.open_log_action = QAction(self.tr("Open &log folder"), window)
        self.open_log_action.triggered.connect(self.open_log_folder)
        window.help_menu.insertAction(window.about_action, self.open_log_action)

        self.welcome: WelcomePage | None = None
        if show_welcome:
            self._show_welcome()

    def _entries(self) -> list[SwitcherEntry]:
        entries = [SwitcherEntry(p.id, p.label, True) for p in self._session.accounts.profiles()]
        entries.append(SwitcherEntry(BUILTIN_ID, self.tr("Built-in sandbox (practice)"), False))
        if self._context.env_mailbox:
            label = self.tr("{mailbox} (environment variables)")
            label = label.format(mailbox=self._context.env_mailbox)
            entries.append(SwitcherEntry(ENV_ID, label, False))
        return entries

    # -- welcome -----------------------------------------------------------------------------

    def _show_welcome(self) -> None:
        from pecdesk.ui.window.welcome import WelcomePage  # noqa: PLC0415 - see the imports

        self.welcome = WelcomePage(self.window.pages)
        self.welcome.sandbox_chosen.connect(self._welcome_done)
        self.welcome.connect_chosen.connect(lambda: self.edit_account(None))
        self.window.pages.addWidget(self.welcome)
        self.window.pages.setCurrentWidget(self.welcome)

    def _welcome_done(self) -> None:
        """Leave the welcome page for the mail tabs and do not show it again."""
        if self.welcome is not None:
            self.window.pages.setCurrentWidget(self.window.tabs)
            self.window.pages.removeWidget(self.welcome)
            self.welcome.deleteLater()
            self.welcome = None
        if not self.settings.welcome_done:
            self._save_settings(replace(self.settings, welcome_done=True))

    # -- accounts ----------------------------------------------------------------------------

    def open_account(self, account_id: str) -> None:
        """Open another account; the window is rebuilt once it is ready."""
        self._tasks.run_task(
            self._open(account_id), parent=self.window, on_error=self._open_failed
        )

    async def _open(self, account_id: str) -> None:
        account = await self._context.open_account(account_id)
        if account_id == BUILTIN_ID or self._session.accounts.get(account_id) is not None:
            self._session.accounts.set_active(account_id)
        self.account_opened.emit(OpenedAccount(account_id, account))

    def _open_failed(self, err: PecError) -> None:
        self.switcher.reset()
        show_error(self.window, err)

    def edit_account(self, account_id: str | None) -> None:
        """Open the account dialog, for a new account (None) or a stored one."""
        profile = None if account_id is None else self._session.accounts.get(account_id)
        from pecdesk.ui.dialogs.account import AccountDialog  # noqa: PLC0415 - see the imports

        dialog = AccountDialog(
            session=self._session,
            tasks=self._tasks,
            remember_secret=self._context.remember_secret,
            profile=profile,
            parent=self.window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.account_saved.connect(self._account_saved)
        dialog.finished.connect(lambda _code: self._dialog_closed(dialog))
        self.dialog = dialog
        dialog.open()

    def _account_saved(self, account_id: str) -> None:
        if self.welcome is not None:
            self._welcome_done()
        self.open_account(account_id)

    def remove_account(self, account_id: str) -> None:
        """Ask, then forget a stored account and delete its secrets from the keychain."""
        profile = self._session.accounts.get(account_id)
        if profile is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Remove account"),
            self.tr(
                "Remove the account {name} from pecdesk? Its API token and mailbox password "
                "are deleted from the system keychain. The mailbox itself is not touched."
            ).format(name=profile.label),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.window,
        )
        box.setObjectName("removeAccountBox")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.accepted.connect(lambda: self._remove(account_id))
        box.open()

    def _remove(self, account_id: str) -> None:
        async def remove_then_leave() -> None:
            await self._session.remove(account_id)
            if self.switcher.current_id == account_id:
                await self._open(BUILTIN_ID)

        self._tasks.run_task(remove_then_leave(), parent=self.window)

    # -- settings and help -------------------------------------------------------------------

    def edit_settings(self) -> None:
        """Open the Settings dialog."""
        from pecdesk.ui.dialogs.settings import SettingsDialog  # noqa: PLC0415 - see the imports

        dialog = SettingsDialog(
            settings=self.settings,
            default_data_dir=self._context.default_data_dir,
            parent=self.window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.settings_saved.connect(self._save_settings)
        dialog.finished.connect(lambda _code: self._dialog_closed(dialog))
        self.dialog = dialog
        dialog.open()

    def _save_settings(self, settings: Settings) -> None:
        try:
            self._context.settings_store.save(settings)
        except PecError as err:
            show_error(self.window, err)
            return
        self.settings = settings
        self.window.set_check_interval(settings.poll_seconds)
        self._use_send_mode(settings)
        self.window.set_retention(settings.retention_seconds)
        self.settings_changed.emit(settings)

    def _use_send_mode(self, settings: Settings) -> None:
        """Compose's default send mode; a message not yet begun follows it at once."""
        if self.window.attached:
            self.window.compose_tab.use_send_mode(settings.send_mode is SendMode.ONE_FOR_ALL)

    def open_log_folder(self) -> None:
        """Show the log folder in the file manager, or say where it is."""
        if self._context.open_url(QUrl.fromLocalFile(str(self._context.log_dir))):
            return
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Log folder"),
            self.tr("The log files are in:\n{folder}").format(folder=self._context.log_dir),
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        box.setObjectName("logFolderBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.open()

    def _dialog_closed(self, dialog: QWidget) -> None:
        if self.dialog is dialog:
            self.dialog = None

