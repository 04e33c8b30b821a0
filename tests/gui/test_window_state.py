"""The window's layout survives a restart: size, splitters, column widths and dialog folders."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter, QTableView, QWidget
from pytestqt.qtbot import QtBot

from pecdesk.config.settings import Settings
from pecdesk.config.window_state import WindowState, WindowStateStore
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.storage.session_stores import SendStores, open_send_stores
from pecdesk.ui.widgets.remembered import Remembered, keep_folder, start_folder
from pecdesk.ui.window.loop import Workspace
from pecdesk.ui.window.main_window import MainWindow
from tests.helpers.engine import campaign
from tests.helpers.gui import OFFSCREEN_SHOW_NOISE, drive
from tests.helpers.window import sandbox_context, start_app

pytestmark = OFFSCREEN_SHOW_NOISE

Start = Callable[[], "asyncio.Task[int]"]


@pytest.fixture
def send_stores(tmp_path: Path) -> Iterator[SendStores]:
    """The send stores (so Compose sends and the Sent tab has its tables), closed afterwards."""
    stores = open_send_stores(tmp_path / "data")
    assert stores is not None
    yield stores
    stores.close()


@pytest.fixture
def start(
    qloop: asyncio.AbstractEventLoop,
    app: QApplication,
    sandbox: EmbeddedSandbox,
    tmp_path: Path,
    send_stores: SendStores,
) -> Start:
    """Start the app's windows as main() does, each time reading the layout from one config dir.

    The geometry is left out: Qt fits a restored window into the offscreen screen (800x600,
    smaller than the main window), so the splitters would be resized; it is tested apart.
    """

    def go() -> asyncio.Task[int]:
        store = WindowStateStore(tmp_path / "config")
        workspace = Workspace(
            context=sandbox_context(tmp_path, sandbox),
            settings=Settings(welcome_done=True),
            window_state=replace(store.load(), geometry=b""),  # see the geometry test
            window_state_store=store,
        )
        return start_app(qloop, app, workspace, box=sandbox, base=tmp_path, send_stores=send_stores)

    return go


def shown_window(qtbot: QtBot) -> MainWindow:
    """The visible main window, once its first page is in."""

    def visible() -> MainWindow | None:
        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        return next((w for w in found if w.isVisible() and w.attached), None)

    qtbot.waitUntil(lambda: visible() is not None, timeout=5000)
    window = visible()
    assert window is not None
    qtbot.waitUntil(lambda: window.first_page_settled, timeout=5000)
    return window


def quit_and_wait(qtbot: QtBot, window: MainWindow, task: asyncio.Task[int]) -> None:
    """File > Quit, then wait for the run to end cleanly."""
    window.quit_action.trigger()
    qtbot.waitUntil(task.done, timeout=5000)
    assert task.result() == 0


def splitter_in(tab: QWidget) -> QSplitter:
    """The tab's outer splitter."""
    splitter = tab.findChild(QSplitter)
    assert isinstance(splitter, QSplitter)
    return splitter


def first_table(tab: QWidget) -> QTableView:
    """The tab's first table."""
    table = tab.findChild(QTableView)
    assert isinstance(table, QTableView)
    return table


def test_layout_is_restored_after_a_restart(
    qtbot: QtBot,
    start: Start,
    tmp_path: Path,
    send_stores: SendStores,
    qloop: asyncio.AbstractEventLoop,
) -> None:
    """Compose and Sent splitters and column widths come back after quitting and starting again."""
    drive(qtbot, qloop, send_stores.queue.add_campaign(campaign(["rossi@pec.it"])))  # Sent: a row
    task = start()
    window = shown_window(qtbot)
    compose_split = splitter_in(window.compose_tab)
    sizes = compose_split.sizes()
    compose_split.setSizes([sizes[0] + 60, sizes[1] - 60, sizes[2]])
    compose_sizes = compose_split.sizes()
    recipients = first_table(window.compose_tab).horizontalHeader()
    recipients.resizeSection(0, 233)
    window.tabs.setCurrentIndex(1)  # the Sent tab is built when first shown
    qtbot.waitUntil(lambda: window.sent_tab.pages.currentIndex() == 1, timeout=5000)
    sent_split = splitter_in(window.sent_tab)
    sent_sizes = sent_split.sizes()
    sent_split.setSizes([sent_sizes[0] + 40, sent_sizes[1] - 40])
    sent_sizes = sent_split.sizes()
    window.sent_tab.campaign_view.horizontalHeader().resizeSection(1, 171)
    quit_and_wait(qtbot, window, task)
    assert WindowStateStore(tmp_path / "config").load().geometry  # (see the test below)

    task = start()
    window = shown_window(qtbot)
    assert splitter_in(window.compose_tab).sizes() == compose_sizes
    assert first_table(window.compose_tab).horizontalHeader().sectionSize(0) == 233
    window.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: window.sent_tab.pages.currentIndex() == 1, timeout=5000)
    assert splitter_in(window.sent_tab).sizes() == sent_sizes
    assert window.sent_tab.campaign_view.horizontalHeader().sectionSize(1) == 171
    quit_and_wait(qtbot, window, task)


def test_file_dialogs_start_in_the_last_folder(qtbot: QtBot, start: Start, tmp_path: Path) -> None:
    """A folder chosen in a file dialog is where that dialog opens next time, after a restart."""
    letters = tmp_path / "letters"
    letters.mkdir()
    task = start()
    window = shown_window(qtbot)
    assert start_folder(window.compose_tab, "attachments") == str(Path.home())
    keep_folder(window.compose_tab.attachments, "attachments", letters / "lettera.pdf")
    quit_and_wait(qtbot, window, task)

    task = start()
    window = shown_window(qtbot)
    assert start_folder(window.compose_tab.attachments, "attachments") == str(letters)
    assert start_folder(window.compose_tab, "export", "a.zip") == str(Path.home() / "a.zip")
    quit_and_wait(qtbot, window, task)


def test_window_geometry_round_trips_through_the_file(qtbot: QtBot, tmp_path: Path) -> None:
    """The window's size and place are written to window-state.json and put back from it.

    A small window: Qt keeps a restored window on the screen, and the offscreen screen is
    800x600, smaller than the main window's minimum size.
    """
    store = WindowStateStore(tmp_path)
    first = QMainWindow()
    qtbot.addWidget(first)
    Remembered(store.load(), first)
    first.setGeometry(40, 30, 420, 310)
    remembered = first.findChild(Remembered)
    assert isinstance(remembered, Remembered)
    store.save(remembered.capture())

    second = QMainWindow()
    qtbot.addWidget(second)
    Remembered(store.load(), second)
    assert second.geometry() == QRect(40, 30, 420, 310)


def test_a_damaged_file_reads_as_defaults(tmp_path: Path) -> None:
    """Garbage in window-state.json (or in one of its values) gives the defaults, not an error."""
    store = WindowStateStore(tmp_path)
    store.path.write_text("{not json", encoding="utf-8")
    assert store.load() == WindowState()
    store.path.write_text(
        '{"geometry": "@@@", "splitters": {"compose": 3}, "columns": {"sent": [10, "x"], '
        '"inbox": [120, 80]}, "folders": {"import": 5, "export": "/tmp"}}',
        encoding="utf-8",
    )
    assert store.load() == WindowState(columns={"inbox": [120, 80]}, folders={"export": "/tmp"})
