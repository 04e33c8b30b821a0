"""The column fitter on the Compose recipient list: the address whole in a narrow pane."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from pecdesk.recipients import Recipient
from pecdesk.ui.compose.recipients import COL_ADDRESS, COL_LINE, RecipientsModel
from pecdesk.ui.widgets.columns import fit_columns
from pecdesk.ui.widgets.remembered import FITTED
from tests.helpers.gui import OFFSCREEN_SHOW_NOISE

pytestmark = OFFSCREEN_SHOW_NOISE
ADDRESSES = ("niccolo.carita@pec.it", "valentina.mancini@pec.it", "ok@pec.it")


def test_address_takes_the_room_in_a_narrow_pane(qtbot: QtBot) -> None:
    """The address fits its longest text; the line number shrinks to its own; a drag sticks."""
    model = RecipientsModel()
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    fit_columns(view, stretch=COL_ADDRESS, stretch_fits_content=True)
    view.resize(270, 300)
    view.show()
    qtbot.waitExposed(view)
    rows = [Recipient(line=i + 2, raw=a, address=a) for i, a in enumerate(ADDRESSES)]
    model.set_recipients(rows, ["Nome", "Importo"])
    header = view.horizontalHeader()
    longest = max(QFontMetrics(view.font()).horizontalAdvance(a) for a in ADDRESSES)
    qtbot.waitUntil(lambda: header.sectionSize(COL_ADDRESS) >= longest)
    assert header.sectionSize(COL_LINE) < 100  # no longer the fixed 100 px
    assert header.sectionSize(COL_LINE) >= header.sectionSizeHint(COL_LINE)
    assert COL_ADDRESS in header.property(FITTED)
    header.resizeSection(COL_LINE, 140)  # the person's width: kept, and no longer "fitted"
    model.set_recipients(rows[:1], ["Nome"])
    qtbot.waitUntil(lambda: COL_LINE not in header.property(FITTED))
    assert header.sectionSize(COL_LINE) == 140
