"""Compose's "Show in the Sent tab": a sending just made opens in the Sent tab, selected."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pecdesk.app.wiring import WindowServices
from pecdesk.recipients import guess_mapping, read_table
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.storage import QueueStore
from pecdesk.ui.window.main_window import MainWindow
from pecdesk.ui.window.tabs import SENT_INDEX
from tests.helpers.compose import write_list
from tests.helpers.engine import campaign
from tests.helpers.gui import OFFSCREEN_SHOW_NOISE, account_for, drive
from tests.helpers.window import show_loaded, wired_window

pytestmark = OFFSCREEN_SHOW_NOISE


async def _yes(title: str, text: str, *, yes: str = "", no: str = "") -> bool:
    return True


@pytest.fixture
def window(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, sandbox: EmbeddedSandbox, tmp_path: Path
) -> Iterator[tuple[MainWindow, WindowServices]]:
    """A shown window with sending on, wired as the app does; one older campaign queued."""
    store = QueueStore.open(tmp_path / "data")
    with wired_window(qtbot, qloop, account_for(sandbox), store) as wired:
        services = wired.services
        assert services.compose is not None
        drive(qtbot, qloop, services.compose.queue.enqueue(campaign(["prima@pec.it"])))
        shown = wired.window
        shown.compose_tab.send.ask = _yes  # type: ignore[method-assign, assignment]  # no modal
        show_loaded(qtbot, shown)
        yield shown, services
    store.close()


def test_the_link_opens_the_sending_in_the_sent_tab(
    qtbot: QtBot,
    qloop: asyncio.AbstractEventLoop,
    window: tuple[MainWindow, WindowServices],
    tmp_path: Path,
) -> None:
    """Send three PECs, press "Show in the Sent tab": Sent is current, that campaign selected."""
    shown, services = window
    tab = shown.compose_tab
    panel = tab.send.progress
    assert panel is not None and panel.open_button.isHidden()  # nothing sent from here yet
    table = read_table(write_list(tmp_path, 3))
    tab.apply_table(table, guess_mapping(table))
    tab.set_folder(tmp_path)
    tab.subject_edit.setText("Fattura per {{Nome}}")
    tab.body_edit.setPlainText("Gentile {{Nome}}, importo {{Importo}} euro.")
    assert tab.check_now().ok
    tab.send_button.click()
    qtbot.waitUntil(lambda: not panel.open_button.isHidden(), timeout=10000)
    qtbot.waitUntil(lambda: panel.latest is not None and not panel.latest.running, timeout=20000)
    assert services.sent is not None
    newest = drive(qtbot, qloop, services.sent.overview())[0]
    assert panel.campaign_id == newest.id and newest.total == 3
    assert shown.tabs.currentIndex() == 0
    panel.open_button.click()
    assert shown.tabs.currentIndex() == SENT_INDEX
    qtbot.waitUntil(lambda: shown.sent_tab.selected_campaign_id() == newest.id, timeout=5000)
