"""The whole app's window life: first run, switching accounts and languages rebuilds the window."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from pecdesk.accounts.profiles import AccountProfile, Environment
from pecdesk.app.main import run_window
from pecdesk.config.settings import Settings
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.ui.window.crash import CrashReporter
from pecdesk.ui.window.i18n import Translations
from pecdesk.ui.window.loop import Workspace
from pecdesk.ui.window.main_window import MainWindow
from pecdesk.ui.window.shell import Shell
from tests.helpers.gui import OFFSCREEN_SHOW_NOISE, account_for
from tests.helpers.keyrings import MemoryKeyring
from tests.helpers.sandbox import OTHER_MAILBOX, OTHER_PASSWORD, TOKEN
from tests.helpers.window import sandbox_context, start_app

pytestmark = OFFSCREEN_SHOW_NOISE
STORED_ID = "0123456789ab"


@pytest.fixture
def workspace(tmp_path: Path, sandbox: EmbeddedSandbox) -> Workspace:
    """A workspace over a temporary config folder, the test keychain and the test sandbox."""
    return Workspace(context=sandbox_context(tmp_path, sandbox), settings=Settings())


def store_other_account(
    workspace: Workspace, box: EmbeddedSandbox, qtbot: QtBot, loop: asyncio.AbstractEventLoop
) -> None:
    """Save the sandbox's second mailbox as a stored account."""
    profile = AccountProfile(
        id=STORED_ID,
        environment=Environment.CUSTOM,
        base_url=box.base_url,
        sender=OTHER_MAILBOX,
        name="Cliente Bianchi",
    )
    session = workspace.context.session
    task = loop.create_task(session.save(profile, token=TOKEN, password=OTHER_PASSWORD))
    qtbot.waitUntil(task.done, timeout=5000)
    task.result()


def shown_window() -> MainWindow | None:
    """The visible main window, if any."""
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    return next((w for w in found if w.isVisible()), None)


def shell_of(window: MainWindow) -> Shell:
    """The shell around ``window``."""
    shell = window.findChild(Shell)
    assert isinstance(shell, Shell)
    return shell


Start = Callable[[Workspace], "asyncio.Task[int]"]


@pytest.fixture
def start(
    qloop: asyncio.AbstractEventLoop, app: QApplication, sandbox: EmbeddedSandbox, tmp_path: Path
) -> Start:
    """Run the app's windows (run_app, as main() does) as a task on the test loop."""

    def go(workspace: Workspace) -> asyncio.Task[int]:
        return start_app(qloop, app, workspace, box=sandbox, base=tmp_path)

    return go


def quit_and_wait(qtbot: QtBot, task: asyncio.Task[int]) -> int:
    """File > Quit on the window shown, then the run's exit code."""
    window = shown_window()
    assert window is not None
    window.quit_action.trigger()
    qtbot.waitUntil(task.done, timeout=5000)
    return task.result()


def test_first_run_shows_welcome_on_the_sandbox(
    qtbot: QtBot, workspace: Workspace, start: Start
) -> None:
    """With no account the window opens at once on the built-in sandbox, welcome page on top."""
    task = start(workspace)
    qtbot.waitUntil(lambda: shown_window() is not None, timeout=5000)
    window = shown_window()
    assert window is not None
    assert window.sandbox_banner is not None
    shell = shell_of(window)
    assert shell.welcome is not None
    assert window.pages.currentWidget() is shell.welcome
    assert quit_and_wait(qtbot, task) == 0


def test_switching_accounts_rebuilds_the_window(
    qtbot: QtBot,
    workspace: Workspace,
    start: Start,
    sandbox: EmbeddedSandbox,
    qloop: asyncio.AbstractEventLoop,
) -> None:
    """Picking the stored account replaces the sandbox window with one on that mailbox."""
    store_other_account(workspace, sandbox, qtbot, qloop)
    task = start(workspace)
    qtbot.waitUntil(lambda: shown_window() is not None, timeout=5000)
    first = shown_window()
    assert first is not None
    assert shell_of(first).welcome is None  # an account exists: no welcome page
    shell_of(first).switcher.combo.activated.emit(0)
    qtbot.waitUntil(lambda: (w := shown_window()) is not None and w is not first, timeout=5000)
    second = shown_window()
    assert second is not None
    assert second.mailbox_label.text() == OTHER_MAILBOX
    assert second.sandbox_banner is None
    assert shell_of(second).switcher.current_id == STORED_ID
    assert workspace.context.session.accounts.active_id == STORED_ID
    qtbot.waitUntil(lambda: second.first_page_settled, timeout=5000)
    assert quit_and_wait(qtbot, task) == 0


def test_last_account_reopens_and_keychain_problem_is_shown(
    qtbot: QtBot,
    workspace: Workspace,
    start: Start,
    sandbox: EmbeddedSandbox,
    qloop: asyncio.AbstractEventLoop,
    memory_keyring: MemoryKeyring,
) -> None:
    """The active account opens at start; without its secrets the sandbox opens and says why."""
    store_other_account(workspace, sandbox, qtbot, qloop)
    workspace.context.session.accounts.set_active(STORED_ID)
    task = start(workspace)
    qtbot.waitUntil(lambda: shown_window() is not None, timeout=5000)
    window = shown_window()
    assert window is not None
    assert window.mailbox_label.text() == OTHER_MAILBOX
    assert quit_and_wait(qtbot, task) == 0

    memory_keyring.entries.clear()  # the person emptied the keychain by hand
    task = start(workspace)
    qtbot.waitUntil(lambda: shown_window() is not None, timeout=5000)
    window = shown_window()
    assert window is not None
    assert window.sandbox_banner is not None
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert any("no API token for the account Cliente Bianchi" in b.text() for b in boxes)
    for box in boxes:
        box.close()
    assert quit_and_wait(qtbot, task) == 0


def test_language_change_rebuilds_in_italian(
    qtbot: QtBot,
    workspace: Workspace,
    start: Start,
    app: QApplication,
    compiled_translations: Path,
) -> None:
    """Choosing Italian in Settings rebuilds the window in Italian, on the same account."""
    translations = Translations(app, directory=compiled_translations)
    translations.use("en")
    workspace.translations = translations
    workspace.settings = Settings(welcome_done=True)
    try:
        task = start(workspace)
        qtbot.waitUntil(lambda: shown_window() is not None, timeout=5000)
        first = shown_window()
        assert first is not None
        assert first.tabs.tabText(2) == "Inbox"
        shell_of(first).settings_changed.emit(Settings(language="it", welcome_done=True))
        qtbot.waitUntil(lambda: (w := shown_window()) is not None and w is not first, timeout=5000)
        second = shown_window()
        assert second is not None
        assert second.tabs.tabText(2) == "Posta in arrivo"
        assert second.mailbox_label.text().endswith("Sandbox integrata")
        assert quit_and_wait(qtbot, task) == 0
    finally:
        translations.remove()


def test_run_window_alone_has_no_shell(
    qtbot: QtBot,
    app: QApplication,
    sandbox: EmbeddedSandbox,
    qloop: asyncio.AbstractEventLoop,
    tmp_path: Path,
) -> None:
    """Without a workspace (tests, tools) the window has no account menu or welcome page."""
    reporter = CrashReporter(log_file=tmp_path / "pecdesk.app.log", redact=str)
    task = qloop.create_task(
        run_window(app, account=account_for(sandbox), reporter=reporter, quit_after_shown=False)
    )
    qtbot.waitUntil(lambda: shown_window() is not None, timeout=5000)
    window = shown_window()
    assert window is not None
    assert window.findChild(Shell) is None
    assert quit_and_wait(qtbot, task) == 0
