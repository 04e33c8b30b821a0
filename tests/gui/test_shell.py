"""The shell around the main window: welcome page, accounts, settings and the log folder."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from pecdesk.accounts.account import Account
from pecdesk.accounts.keychain import CredentialStore
from pecdesk.accounts.profiles import BUILTIN_ID, ENV_ID, AccountProfile, AccountStore, Environment
from pecdesk.api import PecMassivaClient
from pecdesk.config.settings import Settings, SettingsStore
from pecdesk.errors import CredentialError
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.session import SessionService
from pecdesk.ui.dialogs.account import AccountDialog
from pecdesk.ui.dialogs.settings import SettingsDialog
from pecdesk.ui.widgets.tasks import TaskRunner
from pecdesk.ui.window.shell import OpenedAccount, Shell, ShellContext
from tests.helpers.gui import OFFSCREEN_SHOW_NOISE, WindowFactory, account_for
from tests.helpers.sandbox import MAILBOX, PASSWORD, TOKEN

pytestmark = OFFSCREEN_SHOW_NOISE
STORED_ID = "3f2a9c01b7de"
ShellFactory = Callable[..., Shell]


class Harness:
    """What a shell test looks at: the context's collaborators and what they were asked."""

    def __init__(self, tmp_path: Path, sandbox: EmbeddedSandbox) -> None:
        self.sandbox = sandbox
        self.opened: list[str] = []
        self.urls: list[QUrl] = []
        self.url_opens = True
        self.open_error: CredentialError | None = None
        self.settings_store = SettingsStore(tmp_path / "config")
        self.session = SessionService(
            accounts=AccountStore(tmp_path / "config"),
            credentials=CredentialStore(),
            client_factory=lambda a: PecMassivaClient(a.base_url, a.token, a.username, a.password),
        )
        self.context = ShellContext(
            session=self.session,
            settings_store=self.settings_store,
            open_account=self.open_account,
            remember_secret=lambda _secret: None,
            log_dir=tmp_path / "log",
            default_data_dir=tmp_path / "data",
            env_mailbox=None,
            open_url=self.open_url,
        )

    async def open_account(self, account_id: str) -> Account:
        self.opened.append(account_id)
        if self.open_error is not None:
            raise self.open_error
        return account_for(self.sandbox, builtin=account_id == BUILTIN_ID)

    def open_url(self, url: QUrl) -> bool:
        self.urls.append(url)
        return self.url_opens


@pytest.fixture
def harness(tmp_path: Path, sandbox: EmbeddedSandbox) -> Harness:
    """A shell context over a temporary config folder and the test sandbox."""
    return Harness(tmp_path, sandbox)


@pytest.fixture
def make_shell(
    harness: Harness, open_window: WindowFactory, qloop: asyncio.AbstractEventLoop
) -> ShellFactory:
    """A main window on the sandbox with a shell around it."""

    def make(*, welcome: bool = False, current_id: str = BUILTIN_ID, env: bool = False) -> Shell:
        window = open_window(account_for(harness.sandbox, builtin=True), show=False)
        context = harness.context
        if env:
            context = replace(context, env_mailbox="env@pec.it")
        shell = Shell(
            window=window,
            context=context,
            tasks=TaskRunner(qloop),
            settings=harness.settings_store.load(),
            current_id=current_id,
            show_welcome=welcome,
        )
        window.show()
        return shell

    return make


def store_account(harness: Harness, qtbot: QtBot, qloop: asyncio.AbstractEventLoop) -> None:
    """Save one account (custom, on the test sandbox) through the session."""
    profile = AccountProfile(
        id=STORED_ID,
        environment=Environment.CUSTOM,
        base_url=harness.sandbox.base_url,
        sender=MAILBOX,
        name="Studio Rossi",
    )
    task = qloop.create_task(harness.session.save(profile, token=TOKEN, password=PASSWORD))
    qtbot.waitUntil(task.done, timeout=5000)
    task.result()


def visible_box(name: str) -> QMessageBox | None:
    """The visible message box with this object name, if any."""
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    return next((b for b in boxes if b.objectName() == name and b.isVisible()), None)


def test_welcome_then_sandbox(qtbot: QtBot, make_shell: ShellFactory, harness: Harness) -> None:
    """On first run the welcome page fills the window; choosing the sandbox shows the tabs."""
    shell = make_shell(welcome=True)
    window = shell.window
    assert shell.welcome is not None
    assert window.pages.currentWidget() is shell.welcome
    assert shell.welcome.sandbox_button.text() == "Try it on the built-in sandbox"
    assert shell.welcome.connect_button.text() == "Connect my PEC Massiva account"
    shell.welcome.sandbox_button.click()
    assert shell.welcome is None
    assert window.pages.currentWidget() is window.tabs
    assert harness.settings_store.load().welcome_done


def test_welcome_connect_opens_account_dialog(qtbot: QtBot, make_shell: ShellFactory) -> None:
    """The connect choice opens the account dialog, with its explanation of the token."""
    shell = make_shell(welcome=True)
    assert shell.welcome is not None
    shell.welcome.connect_button.click()
    dialog = shell.dialog
    assert isinstance(dialog, AccountDialog)
    qtbot.waitExposed(dialog)
    assert dialog.profile is None
    labels = " ".join(w.text() for w in dialog.findChildren(type(shell.window.mailbox_label)))
    assert "openapi console" in labels
    assert "http" not in labels.replace("http://", "")  # no links in the explanation
    dialog.reject()
    assert shell.welcome is not None  # still there until the person decides


def test_menus_and_switcher(
    qtbot: QtBot, make_shell: ShellFactory, harness: Harness, qloop: asyncio.AbstractEventLoop
) -> None:
    """The window gains an Account menu, File > Settings, Help > Open log folder and a switcher.

    File also holds the address book (the window puts Compose's action there, before Quit).
    """
    store_account(harness, qtbot, qloop)
    shell = make_shell(env=True)
    window = shell.window
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&File", "&Account", "&Help"]
    assert [a.text() for a in window.file_menu.actions() if a.text()] == [
        "&New message",
        "&Address book…",
        "&Settings…",
        "&Quit",
    ]
    assert [a.text() for a in window.help_menu.actions()] == [
        "Save &diagnostics…",
        "Open &log folder",
        "&About pecdesk",
    ]
    combo = shell.switcher.combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Studio Rossi",
        "Built-in sandbox (practice)",
        "env@pec.it (environment variables)",
    ]
    assert shell.switcher.entry_ids() == [STORED_ID, BUILTIN_ID, ENV_ID]
    assert combo.currentData() == BUILTIN_ID
    assert not shell.switcher.edit_action.isEnabled()  # the sandbox cannot be edited


def test_switching_opens_the_other_account(
    qtbot: QtBot, make_shell: ShellFactory, harness: Harness, qloop: asyncio.AbstractEventLoop
) -> None:
    """Picking another account asks for it and reports it ready; it becomes the active one."""
    store_account(harness, qtbot, qloop)
    shell = make_shell()
    with qtbot.waitSignal(shell.account_opened, timeout=5000) as opened:
        shell.switcher.combo.activated.emit(0)
    result = opened.args[0]
    assert isinstance(result, OpenedAccount)
    assert result.id == STORED_ID
    assert harness.opened == [STORED_ID]
    assert AccountStore(harness.session.accounts.path.parent).active_id == STORED_ID


def test_failed_switch_says_why_and_stays(
    qtbot: QtBot, make_shell: ShellFactory, harness: Harness, qloop: asyncio.AbstractEventLoop
) -> None:
    """An account whose secrets cannot be read is not opened; the error is shown in plain words."""
    store_account(harness, qtbot, qloop)
    harness.open_error = CredentialError("The system keychain is locked. Unlock it and try again.")
    shell = make_shell()
    shell.switcher.combo.setCurrentIndex(0)
    shell.switcher.combo.activated.emit(0)
    qtbot.waitUntil(lambda: harness.opened == [STORED_ID], timeout=5000)
    qtbot.waitUntil(lambda: shell.switcher.combo.currentData() == BUILTIN_ID, timeout=5000)
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert any("keychain is locked" in b.text() for b in boxes if b.isVisible())
    for box in boxes:
        box.close()


def test_settings_are_saved_and_announced(
    qtbot: QtBot, make_shell: ShellFactory, harness: Harness
) -> None:
    """File > Settings opens the dialog; OK saves the file and announces the new settings."""
    shell = make_shell()
    shell.settings_action.trigger()
    dialog = shell.dialog
    assert isinstance(dialog, SettingsDialog)
    dialog.retention_spin.setValue(12)
    with qtbot.waitSignal(shell.settings_changed, timeout=2000) as changed:
        dialog.settings_saved.emit(dialog.settings())
    assert changed.args[0] == Settings(retention_years=12)
    assert harness.settings_store.load().retention_years == 12
    dialog.close()


def test_open_log_folder(qtbot: QtBot, make_shell: ShellFactory, harness: Harness) -> None:
    """Help > Open log folder opens the log dir; if it cannot, it says where the logs are."""
    shell = make_shell()
    shell.open_log_action.trigger()
    assert harness.urls == [QUrl.fromLocalFile(str(harness.context.log_dir))]
    harness.url_opens = False
    shell.open_log_action.trigger()
    qtbot.waitUntil(lambda: visible_box("logFolderBox") is not None, timeout=2000)
    box = visible_box("logFolderBox")
    assert box is not None
    assert str(harness.context.log_dir) in box.text()
    box.close()


def test_remove_account(
    qtbot: QtBot, make_shell: ShellFactory, harness: Harness, qloop: asyncio.AbstractEventLoop
) -> None:
    """Removing the account in use asks first, deletes it and falls back to the sandbox."""
    store_account(harness, qtbot, qloop)
    shell = make_shell(current_id=STORED_ID)
    assert shell.switcher.remove_action.isEnabled()
    shell.switcher.remove_action.trigger()
    qtbot.waitUntil(lambda: visible_box("removeAccountBox") is not None, timeout=2000)
    box = visible_box("removeAccountBox")
    assert box is not None
    assert "Studio Rossi" in box.text()
    with qtbot.waitSignal(shell.account_opened, timeout=5000) as opened:
        box.button(QMessageBox.StandardButton.Yes).click()
    assert opened.args[0].id == BUILTIN_ID
    assert harness.session.accounts.profiles() == []
