"""The reading pane's file dialogs (Save as PDF, save an attachment) open in the last folder used.

Each dialog has its own key in the window's remembered layout, as Compose's and the address
book's have; the layout is the one a main window keeps across restarts (see
tests/gui/test_window_state.py for the round trip through the file).
"""

from __future__ import annotations

import base64
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMainWindow, QWidget
from pytestqt.qtbot import QtBot

from pecdesk.api.schemas import parse_attachments
from pecdesk.config.window_state import WindowState
from pecdesk.domain.models import InboxItem, Message
from pecdesk.domain.receipts import ReceiptKind
from pecdesk.services.mailbox.inbox import InboxRow, OpenedMessage
from pecdesk.ui.message.pane import MessagePane
from pecdesk.ui.widgets.remembered import Remembered
from tests.helpers.gui import OFFSCREEN_WEBENGINE_NOISE

pytestmark = OFFSCREEN_WEBENGINE_NOISE
PDF = b"%PDF-1.4\nfattura\n%%EOF"


def pane_in_window(qtbot: QtBot) -> tuple[MessagePane, Remembered]:
    """A reading pane inside a main window that remembers its layout, showing a PEC with a file."""
    window = QMainWindow()
    qtbot.addWidget(window)
    remembered = Remembered(WindowState(), window)
    pane = MessagePane(window, open_url=lambda url: None)
    window.setCentralWidget(pane)
    window.resize(700, 500)
    window.show()
    qtbot.waitExposed(window)
    files = [{"name": "fattura.pdf", "file": base64.b64encode(PDF).decode()}]
    item = InboxItem(4, "avv.rossi@pec.it", "avv.rossi@pec.it", "me@pec.it", None, "", "Fattura")
    message = Message(
        "avv.rossi@pec.it",
        "avv.rossi@pec.it",
        "me@pec.it",
        None,
        "",
        "Fattura",
        "<p>In allegato.</p>",
        parse_attachments(files),
    )
    opened = OpenedMessage(InboxRow("k4", item, ReceiptKind.CERTIFIED_MAIL, ""), message, False)
    with qtbot.waitSignal(pane.rendered, timeout=10_000):
        pane.show_message(opened)
    return pane, remembered


def dialog_named(qtbot: QtBot, pane: QWidget, name: str) -> QFileDialog:
    """The open file dialog called ``name`` (one closed before is gone first)."""
    qtbot.waitUntil(lambda: len(pane.findChildren(QFileDialog, name)) == 1, timeout=5000)
    return pane.findChildren(QFileDialog, name)[0]


def choose(qtbot: QtBot, pane: QWidget, dialog: QFileDialog, path: Path) -> None:
    """Pick ``path`` in ``dialog`` as the person would, and wait for the dialog to go."""
    dialog.fileSelected.emit(str(path))
    dialog.close()
    qtbot.waitUntil(lambda: dialog not in pane.findChildren(QFileDialog), timeout=5000)


def test_save_as_pdf_opens_where_the_last_pdf_went(qtbot: QtBot, tmp_path: Path) -> None:
    """The first PDF dialog opens in the home folder; the next one where the first PDF went."""
    pane, remembered = pane_in_window(qtbot)
    pane.ask_pdf_path()
    first = dialog_named(qtbot, pane, "savePdfDialog")
    assert Path(first.selectedFiles()[0]).parent == Path.home()
    letters = tmp_path / "lettere"
    letters.mkdir()
    with qtbot.waitSignal(pane.pdf_saved, timeout=20_000) as saved:
        choose(qtbot, pane, first, letters / "fattura.pdf")
    assert saved.args == [str(letters / "fattura.pdf"), True]
    pane.ask_pdf_path()
    second = dialog_named(qtbot, pane, "savePdfDialog")
    assert Path(second.selectedFiles()[0]) == letters / "Fattura.pdf"
    assert remembered.state.folders["message-pdf"] == str(letters)
    second.close()


def test_saving_an_attachment_opens_where_the_last_one_went(qtbot: QtBot, tmp_path: Path) -> None:
    """An attachment's save dialog opens where the last attachment was saved, not at home."""
    pane, remembered = pane_in_window(qtbot)
    box = pane.attachments
    box.ask_save_path()
    first = dialog_named(qtbot, box, "saveAttachmentDialog")
    assert Path(first.selectedFiles()[0]).parent == Path.home()
    received = tmp_path / "ricevuti"
    received.mkdir()
    with qtbot.waitSignal(box.saved, timeout=5000):
        choose(qtbot, box, first, received / "fattura-12.pdf")
    assert (received / "fattura-12.pdf").read_bytes() == PDF
    box.ask_save_path()
    second = dialog_named(qtbot, box, "saveAttachmentDialog")
    assert Path(second.selectedFiles()[0]) == received / "fattura.pdf"
    assert remembered.state.folders["received-attachments"] == str(received)
    assert "message-pdf" not in remembered.state.folders  # each dialog keeps its own folder
    second.close()
