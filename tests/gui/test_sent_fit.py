"""In Italian, the Sent tab fits a 1,024 px screen.

Extra actions go in "Altro…", a long message never widens the window, and the columns are as
wide as their text, the subject and the address taking the spare width.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
from pytestqt.qtbot import QtBot

from pecdesk.config.window_state import WindowState
from pecdesk.domain.delivery import DeliveryState
from pecdesk.domain.ledger import CampaignOverview
from pecdesk.ui.sent.models import ADDRESS_COLUMN, SUBJECT_COLUMN, CampaignModel
from pecdesk.ui.sent.tab import SentTab
from pecdesk.ui.widgets.remembered import Remembered
from pecdesk.ui.window.i18n import Translations
from tests.helpers.gui import OFFSCREEN_SHOW_NOISE
from tests.helpers.sent import EXPECTED, SentRig, rig, shown_states  # noqa: F401 - the fixture

pytestmark = OFFSCREEN_SHOW_NOISE
SCREEN = 1024
FINAL = 5


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


SUBJECT = "Fattura in scadenza il 01/12/2026"
LONG_ADDRESS = "valentina.mancini@pec.it"


def show_in_window(tab: SentTab, qtbot: QtBot, width: int, state: WindowState) -> QMainWindow:
    """``tab`` in a main window ``width`` px wide that keeps its layout in ``state``."""
    window = QMainWindow()
    qtbot.addWidget(window)
    Remembered(state, window)
    window.setCentralWidget(tab)
    window.resize(width, 700)
    window.show()
    qtbot.waitExposed(window)
    return window


def campaign_shown(tab: SentTab) -> bool:
    """The campaign row and its recipients are listed."""
    return tab.campaigns.rowCount() == 1 and len(shown_states(tab)) == len(EXPECTED) + 1


def text_width(view: QTableView, text: str) -> int:
    """How wide ``text`` is in the view's font."""
    return QFontMetrics(view.font()).horizontalAdvance(text)


def final_cell_visible(tab: SentTab) -> bool:
    """The campaign's "Final" value lies inside the table's viewport, not beyond its edge."""
    view = tab.campaign_view
    cell = view.visualRect(tab.campaigns.index(0, FINAL))
    return cell.left() >= 0 and cell.right() <= view.viewport().width()


def test_italian_columns_fit_their_text_at_1024_px(
    italian: Translations, rig: SentRig, qtbot: QtBot  # noqa: F811
) -> None:
    """Subject and address take the spare width; dates, codes and titles are whole at 1,024 px."""
    rig.send([*EXPECTED, LONG_ADDRESS], subject=SUBJECT)
    tab = rig.tab()
    window = show_in_window(tab, qtbot, SCREEN, WindowState())
    qtbot.waitUntil(lambda: campaign_shown(tab), timeout=15000)
    campaigns, header = tab.campaign_view, tab.campaign_view.horizontalHeader()
    qtbot.waitUntil(lambda: header.sectionSize(SUBJECT_COLUMN) >= text_width(campaigns, SUBJECT))
    assert tab.campaigns.headerData(FINAL, Qt.Orientation.Horizontal) == "Conclusi"
    for column in range(header.count()):
        assert header.sectionSize(column) >= header.sectionSizeHint(column), column  # title
        if column != SUBJECT_COLUMN:
            assert header.sectionSize(column) >= campaigns.sizeHintForColumn(column), column
    assert header.length() <= campaigns.viewport().width()  # no sideways scrolling
    assert header.sectionSize(SUBJECT_COLUMN) > header.sectionSize(FINAL)  # the stretch
    assert str(tab.campaigns.data(tab.campaigns.index(0, FINAL))).endswith("%")
    assert final_cell_visible(tab)
    recipients, lower = tab.recipient_view, tab.recipient_view.horizontalHeader()
    assert lower.sectionSize(ADDRESS_COLUMN) >= text_width(recipients, LONG_ADDRESS)
    for column in range(ADDRESS_COLUMN + 1, lower.count()):
        assert lower.sectionSize(column) >= lower.sectionSizeHint(column), column  # title
    model = tab.recipients
    assert model is not None
    assert model.headerData(4, Qt.Orientation.Horizontal) == "Consegna / esito finale"
    # The times and the code are whole, also when they arrived after the rows (updated in place).
    qtbot.waitUntil(lambda: all(lower.sectionSize(column) >= recipients.sizeHintForColumn(column)
                                for column in (3, 4, 5)), timeout=5000)
    assert lower.length() <= recipients.viewport().width()
    window.takeCentralWidget()


def test_saved_widths_win_and_fitted_ones_are_not_saved(
    rig: SentRig, qtbot: QtBot  # noqa: F811
) -> None:
    """A width the person left comes back and stays; widths the app fitted are saved as 0."""
    rig.send(list(EXPECTED))
    state = WindowState(columns={"sent.campaigns": [0, 171, 0, 0, 0, 0]})
    tab = rig.tab()
    window = show_in_window(tab, qtbot, SCREEN, state)
    qtbot.waitUntil(lambda: tab.campaigns.rowCount() == 1, timeout=15000)
    header = tab.campaign_view.horizontalHeader()
    assert header.sectionSize(SUBJECT_COLUMN) == 171
    window.resize(SCREEN - 200, 700)
    qtbot.waitUntil(lambda: tab.campaign_view.viewport().width() < SCREEN - 200)
    assert header.sectionSize(SUBJECT_COLUMN) == 171  # the person's, not stretched
    header.resizeSection(0, 222)  # the person widens the date
    remembered = window.findChild(Remembered)
    assert isinstance(remembered, Remembered)
    assert remembered.capture().columns["sent.campaigns"] == [222, 171, 0, 0, 0, 0]
    window.takeCentralWidget()


def test_a_wider_session_does_not_push_final_out_of_sight(
    rig: SentRig, qtbot: QtBot  # noqa: F811
) -> None:
    """Laid out in a wide window, saved, shown at 1,024 px: the "Final" value is still in view.

    It used to be the stretched last column: its saved width pinned it wider than the table
    and the right-aligned share sat past the edge, so the column looked empty.
    """
    rig.send(list(EXPECTED))
    state = WindowState()
    wide = rig.tab()
    window = show_in_window(wide, qtbot, 1400, state)
    qtbot.waitUntil(lambda: wide.campaigns.rowCount() == 1, timeout=15000)
    remembered = window.findChild(Remembered)
    assert isinstance(remembered, Remembered)
    remembered.capture()
    window.takeCentralWidget()
    tab = rig.tab()
    show_in_window(tab, qtbot, SCREEN, state)
    qtbot.waitUntil(lambda: tab.campaigns.rowCount() == 1, timeout=15000)
    qtbot.waitUntil(lambda: final_cell_visible(tab))
    assert str(tab.campaigns.data(tab.campaigns.index(0, FINAL))).endswith(" %")
    header = tab.campaign_view.horizontalHeader()
    assert header.length() <= tab.campaign_view.viewport().width()


def test_final_counts_recipients_in_a_final_state() -> None:
    """25 recipients, 22 delivered, 1 failed, 2 accepted to ordinary e-mail: all 25 final."""
    counts = {DeliveryState.DELIVERED: 22, DeliveryState.FAILED: 1, DeliveryState.ACCEPTED: 2}
    model = CampaignModel()
    model.set_campaigns([CampaignOverview(1, 0.0, SUBJECT, counts, final=23)])
    assert model.data(model.index(0, FINAL)) == "92 %"
    assert model.data(model.index(0, 4)) == "1"
