"""A local data file that did not open is shown on the window, with what it switches off."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pecdesk.app.main import run_window
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.storage import STORE_FILE_NAME
from pecdesk.storage.session_stores import StoreProblem, open_send_stores
from pecdesk.ui.window.crash import CrashReporter
from pecdesk.ui.window.main_window import MainWindow
from tests.helpers.gui import OFFSCREEN_SHOW_NOISE, account_for

pytestmark = OFFSCREEN_SHOW_NOISE


def _shown_window() -> MainWindow | None:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    return next((w for w in found if w.isVisible() and w.attached), None)


def test_an_empty_queue_store_is_explained_on_the_window(
    qtbot: QtBot,
    qapp: QApplication,
    qloop: asyncio.AbstractEventLoop,
    sandbox: EmbeddedSandbox,
    tmp_path: Path,
) -> None:
    """A 0-byte queue store: sending is off, and a banner names the file and says why."""
    (tmp_path / STORE_FILE_NAME).write_bytes(b"")
    problems: list[StoreProblem] = []
    assert open_send_stores(tmp_path, problems=problems) is None
    reporter = CrashReporter(log_file=tmp_path / "pecdesk.app.log", redact=str)
    before = qapp.quitOnLastWindowClosed()
    task = qloop.create_task(run_window(
        qapp, account=account_for(sandbox), reporter=reporter, quit_after_shown=False,
        store_problems=problems,
    ))
    try:
        qtbot.waitUntil(lambda: _shown_window() is not None, timeout=5000)
        window = _shown_window()
        assert window is not None
        banner = window.local_data_banner
        assert banner is not None
        assert banner.isVisible()
        assert f"{tmp_path / STORE_FILE_NAME} is empty (0 bytes)" in banner.text()
        assert "Sending is turned off" in banner.text()
        assert not window.compose_tab.send_button.isEnabled()
        window.quit_action.trigger()
        qtbot.waitUntil(task.done, timeout=5000)
        assert task.result() == 0
    finally:
        qapp.setQuitOnLastWindowClosed(before)
    assert (tmp_path / STORE_FILE_NAME).read_bytes() == b""
