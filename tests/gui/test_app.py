"""app.run_window driven on the test loop: it ends when the window closes, with the right code."""

from __future__ import annotations

import asyncio
import linecache
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pecdesk.accounts.account import Account
from pecdesk.app.main import run_window
from pecdesk.app.options import parse_args
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.ui.window.crash import CrashReporter
from pecdesk.ui.window.main_window import MainWindow
from pecdesk.ui.window.qt_app import forget_module_sources
from tests.helpers.gui import OFFSCREEN_SHOW_NOISE, account_for
from tests.helpers.sandbox import PASSWORD

pytestmark = OFFSCREEN_SHOW_NOISE


@pytest.fixture
def reporter(tmp_path: Path) -> CrashReporter:
    """A crash reporter writing nowhere in particular."""
    return CrashReporter(log_file=tmp_path / "pecdesk.app.log", redact=str)


Launch = Callable[[Account, bool], "asyncio.Task[int]"]


@pytest.fixture
def launch(qloop: asyncio.AbstractEventLoop, app: QApplication, reporter: CrashReporter) -> Launch:
    """Start run_window(account, quit_after_shown) as a task on the test loop."""

    def start(account: Account, quit_after_shown: bool) -> asyncio.Task[int]:
        return qloop.create_task(
            run_window(app, account=account, reporter=reporter, quit_after_shown=quit_after_shown)
        )

    return start


def shown_window() -> MainWindow | None:
    """The visible main window, if run_window has shown one."""
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    return next((w for w in found if w.isVisible()), None)


def test_closing_the_window_ends_run_window(
    qtbot: QtBot, app: QApplication, sandbox: EmbeddedSandbox, launch: Launch
) -> None:
    """File > Quit closes the window; run_window then shuts down and returns 0."""
    task = launch(account_for(sandbox), False)
    qtbot.waitUntil(lambda: shown_window() is not None, timeout=5000)
    window = shown_window()
    assert window is not None
    qtbot.waitUntil(lambda: window.first_page_settled, timeout=5000)
    assert window.tabs_built == []  # the first page came without the Inbox tab
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    window.quit_action.trigger()
    qtbot.waitUntil(task.done, timeout=5000)
    assert task.result() == 0
    assert not app.quitOnLastWindowClosed()


@pytest.mark.parametrize("case", [(PASSWORD, 0), ("wrong", 1)], ids=["loads", "refused"])
def test_quit_after_shown_reports_first_load(
    qtbot: QtBot,
    sandbox: EmbeddedSandbox,
    launch: Launch,
    reporter: CrashReporter,
    case: tuple[str, int],
) -> None:
    """In smoke mode run_window returns 0 once the inbox loads, 1 when the load fails."""
    password, code = case
    task = launch(account_for(sandbox, password=password), True)
    qtbot.waitUntil(task.done, timeout=5000)
    assert task.result() == code
    assert not reporter.crashed
    assert not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, MainWindow) and w.tabs_built]


def test_parse_args_leaves_qt_options() -> None:
    """The app's own flags are parsed; unknown ones are left for Qt."""
    options = parse_args(["--sandbox", "--basedir", "/tmp/x", "-platform", "offscreen"])
    assert options.sandbox
    assert options.basedir == Path("/tmp/x")
    assert not options.quit_after_shown
    assert options.qt_args == ("-platform", "offscreen")


def test_forget_module_sources_empties_the_line_cache(tmp_path: Path) -> None:
    """The sources PySide6 made Python cache are dropped; tracebacks read files again."""
    source = tmp_path / "mod.py"
    source.write_text("x = 1\n", encoding="utf-8")
    assert linecache.getline(str(source), 1) == "x = 1\n"
    assert str(source) in linecache.cache
    forget_module_sources()
    assert str(source) not in linecache.cache
    assert linecache.getline(str(source), 1) == "x = 1\n"
