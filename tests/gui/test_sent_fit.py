"""In Italian, the Sent tab fits a 1,024 px screen: extra actions in "Altro…", no wide message."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMainWindow
from pytestqt.qtbot import QtBot

from pecdesk.ui.window.i18n import Translations
from tests.helpers.gui import OFFSCREEN_SHOW_NOISE
from tests.helpers.sent import EXPECTED, SentRig, rig, shown_states  # noqa: F401 - the fixture

pytestmark = OFFSCREEN_SHOW_NOISE
SCREEN = 1024


@pytest.fixture
def italian(qapp: QApplication, compiled_translations: Path) -> Iterator[Translations]:
    """Pecdesk and Qt in Italian for one test (as tests/gui/test_i18n.py loads them)."""
    translations = Translations(qapp, directory=compiled_translations)
    translations.use("it")
    yield translations
    translations.remove()


def test_italian_sent_tab_fits_1024_px(
    italian: Translations, rig: SentRig, qtbot: QtBot  # noqa: F811
) -> None:
    """Every action stays reachable at 1,024 px and a long message never widens the window."""
    rig.send(list(EXPECTED))
    window = QMainWindow()
    qtbot.addWidget(window)
    tab = rig.tab()
    window.setCentralWidget(tab)
    window.resize(SCREEN, 700)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: shown_states(tab) == EXPECTED, timeout=15000)
    bar = tab.action_bar
    assert bar is not None
    assert bar.refresh_button.text() == "Aggiorna ricevute"  # the Italian labels, wider
    assert window.minimumSizeHint().width() <= SCREEN
    overflowed = bar.bar.overflowed()
    assert overflowed, "in Italian the six buttons need more than 1,024 px"
    assert bar.bar.more_button.isVisible()
    buttons = (bar.refresh_button, bar.resend_button, bar.retry_button, bar.zip_button,
               bar.pdf_button, bar.archive_button)
    bar.bar.sync_menu()
    entries = {a.text(): a for a in bar.bar.menu.actions() if a.isVisible()}
    for button in buttons:
        if button in overflowed:
            assert not button.isVisible()
            assert entries[button.text()].isEnabled(), button.text()
        else:
            assert button.isVisible()
            assert button.geometry().right() <= bar.bar.width(), button.text()
    assert bar.refresh_button.isVisible()
    # An entry of the menu does what its button does (no recipient selected: it says so).
    tab.recipient_view.clearSelection()
    if bar.pdf_button in overflowed:
        entries[bar.pdf_button.text()].trigger()
    else:
        bar.pdf_button.click()
    assert bar.status_label.text() == "Selezionare prima un destinatario."
    long_path = "/media/usb/" + "archivio-pec-" * 20 + "campagna.zip"
    bar.status_label.setText(f"Prove salvate in {long_path}.")
    tab.banner.show_message("Attenzione: " + "x" * 400)
    qtbot.waitUntil(tab.banner.isVisible)
    QApplication.processEvents()
    assert window.width() <= SCREEN
    assert window.minimumSizeHint().width() <= SCREEN
    tab.search_bar.scope_box.setCurrentIndex(1)  # the date fields appear
    qtbot.waitUntil(tab.search_bar.dates.isVisible)
    assert window.minimumSizeHint().width() <= SCREEN and window.width() <= SCREEN
    window.takeCentralWidget()  # the tab is the rig's: it outlives this window
