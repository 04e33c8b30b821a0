"""The column fitter on the Compose recipient list: the address whole in a narrow pane."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFontMetrics, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from pecdesk.recipients import Recipient
from pecdesk.ui.compose.recipients import COL_ADDRESS, COL_LINE, RecipientsModel
from pecdesk.ui.widgets.columns import SAMPLE_ROWS, fit_columns
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


def test_text_arriving_in_place_widens_its_column_and_nothing_narrows(qtbot: QtBot) -> None:
    """A code filled in later (a row updated in place) is shown whole; shorter text shrinks none."""
    model = QStandardItemModel(2, 3)
    model.setHorizontalHeaderLabels(["Indirizzo", "Stato", "Codice"])
    for row in range(2):
        model.setItem(row, 0, QStandardItem(f"cliente{row}@pec.it"))
        model.setItem(row, 1, QStandardItem("In coda"))
        model.setItem(row, 2, QStandardItem(""))
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    fit_columns(view, stretch=0)
    view.resize(700, 200)
    view.show()
    qtbot.waitExposed(view)
    header = view.horizontalHeader()
    before = header.sectionSize(2)
    code = "opec21012.20261205121433.123456.789.1.53@pecmassiva.com"
    model.item(0, 2).setText(code)
    qtbot.waitUntil(lambda: header.sectionSize(2) >= QFontMetrics(view.font()).horizontalAdvance(
        code) or header.sectionSize(2) == 320, timeout=5000)
    assert header.sectionSize(2) > before
    widened = header.sectionSize(2)
    model.item(0, 2).setText("x")
    qtbot.wait(400)  # two grow delays: a shorter text must not narrow the column
    assert header.sectionSize(2) == widened
    assert header.length() <= view.viewport().width()


class CountingModel(QAbstractTableModel):
    """100,000 rows of one short text; counts the rows whose text was asked for."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[int] = set()

    def rowCount(self, parent: object = None) -> int:
        return 100_000

    def columnCount(self, parent: object = None) -> int:
        return 2

    def data(self, index: object, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        assert isinstance(index, QModelIndex)
        if role == Qt.ItemDataRole.DisplayRole:
            self.asked.add(index.row())
            return "cliente@pec.it"
        return None


def test_growing_measures_a_sample_even_in_a_hidden_view() -> None:
    """Updates in a view not shown measure a sample of rows, never all 100,000 (a 16 s freeze)."""
    model = CountingModel()
    view = QTableView()
    view.setModel(model)
    view.viewport().resize(100, 0)  # inside a tab never laid out: no height, no bottom row
    fitter = fit_columns(view, stretch=0)
    model.asked.clear()
    fitter.grow()
    assert 0 < len(model.asked) <= SAMPLE_ROWS
    view.deleteLater()
