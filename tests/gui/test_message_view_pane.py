"""The reading pane: headers as plain text, print and save-as-PDF dialogs, clearing."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from pecdesk.domain.models import InboxItem, Message
from pecdesk.domain.receipts import ReceiptKind
from pecdesk.services.mailbox.inbox import InboxRow, OpenedMessage
from pecdesk.ui.message.pane import MessagePane, pdf_file_name
from tests.helpers.evidence import pdf_text
from tests.helpers.gui import OFFSCREEN_WEBENGINE_NOISE

pytestmark = OFFSCREEN_WEBENGINE_NOISE
WHEN = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
CERTIFIED = ReceiptKind.CERTIFIED_MAIL


def opened(subject: str, *, kind: ReceiptKind = ReceiptKind.OTHER, code: str = "") -> OpenedMessage:
    """A message ready for the pane."""
    sender = '"Per conto di: <b>avv.rossi@pec.it</b>" '
    item = InboxItem(4, "avv.rossi@pec.it", sender, "me@pec.it", WHEN, "", subject)
    message = Message("avv.rossi@pec.it", sender, "me@pec.it", WHEN, "", subject, "<p>Testo</p>")
    return OpenedMessage(InboxRow("k4", item, kind, code, True), message, from_cache=False)


def shown_pane(qtbot: QtBot) -> MessagePane:
    """A shown pane that opens no links."""
    pane = MessagePane(open_url=lambda url: None)
    qtbot.addWidget(pane)
    pane.resize(700, 500)
    pane.show()
    qtbot.waitExposed(pane)
    return pane


def test_headers_are_plain_text(qtbot: QtBot) -> None:
    """Values from the service are shown as text, markup and all, never interpreted."""
    pane = shown_pane(qtbot)
    with qtbot.waitSignal(pane.rendered, timeout=10_000):
        pane.show_message(opened("<i>Oggetto</i> & co."))
    assert pane.subject_label.text() == "<i>Oggetto</i> & co."
    assert pane.from_label.text() == "avv.rossi@pec.it"
    assert "<b>avv.rossi@pec.it</b>" in pane.from_label.toolTip()
    assert not pane.sending_button.isVisibleTo(pane)
    assert pane.print_button.isEnabled()


def test_receipt_shows_its_kind_and_sending(qtbot: QtBot) -> None:
    """A delivery receipt says so and names its sending code."""
    pane = shown_pane(qtbot)
    with qtbot.waitSignal(pane.rendered, timeout=10_000):
        pane.show_message(opened("CONSEGNA: x", kind=ReceiptKind.DELIVERY, code="2025030109300012"))
    assert pane.kind_label.text() == "Delivered"
    assert pane.sending_button.isVisibleTo(pane)
    assert "2025030109300012" in pane.sending_button.text()
    with qtbot.waitSignal(pane.rendered, timeout=10_000):
        pane.clear()
    assert pane.subject_label.text() == ""
    assert not pane.print_button.isEnabled()


def test_save_as_pdf_through_the_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    """Save as PDF asks where (a harmless default name), then writes the file there."""
    pane = shown_pane(qtbot)
    with qtbot.waitSignal(pane.rendered, timeout=10_000):
        pane.show_message(opened("Diffida: n. 3/2025?"))
    pane.ask_pdf_path()
    dialog = pane.findChild(QFileDialog, "savePdfDialog")
    assert dialog is not None
    assert dialog.selectedFiles()[0].endswith("Diffida n. 3 2025.pdf")
    target = tmp_path / "diffida.pdf"
    with qtbot.waitSignal(pane.pdf_saved, timeout=20_000) as saved:
        dialog.fileSelected.emit(str(target))
        dialog.close()
    assert saved.args == [str(target), True]
    assert target.read_bytes().startswith(b"%PDF")


def test_pdf_carries_sender_recipient_date_and_subject(qtbot: QtBot, tmp_path: Path) -> None:
    """The saved PDF says who sent the message, to whom, when and about what, then its text."""
    pane = shown_pane(qtbot)
    with qtbot.waitSignal(pane.rendered, timeout=10_000):
        pane.show_message(opened("POSTA CERTIFICATA: Diffida condominio", kind=CERTIFIED))
    target = tmp_path / "diffida.pdf"
    with qtbot.waitSignal(pane.pdf_saved, timeout=20_000) as saved:
        pane.save_pdf(str(target))
    assert saved.args == [str(target), True]
    text = " ".join(pdf_text(target).split())
    assert "POSTA CERTIFICATA: Diffida condominio" in text
    assert "From: avv.rossi@pec.it" in text
    assert "To: me@pec.it" in text
    assert "Date: " + " ".join(pane.date_label.text().split()) in text
    assert "Type: Certified mail" in text
    assert "Testo" in text
    assert "<b>" not in text


def test_pdf_that_cannot_be_written_says_why(qtbot: QtBot, tmp_path: Path) -> None:
    """A folder that does not exist: no file, a failed signal and a sentence in the pane."""
    pane = shown_pane(qtbot)
    with qtbot.waitSignal(pane.rendered, timeout=10_000):
        pane.show_message(opened("Diffida"))
    target = tmp_path / "missing" / "diffida.pdf"
    with qtbot.waitSignal(pane.pdf_saved, timeout=20_000) as saved:
        pane.save_pdf(str(target))
    assert saved.args == [str(target), False]
    assert not target.exists()
    assert pane.error_banner.isVisibleTo(pane)


def test_print_asks_for_a_printer_and_cancel_prints_nothing(qtbot: QtBot) -> None:
    """Print opens the print dialog without blocking; cancelling it prints nothing."""
    pane = shown_pane(qtbot)
    with qtbot.waitSignal(pane.rendered, timeout=10_000):
        pane.show_message(opened("Stampa"))
    pane.print_message()
    dialog = pane.findChild(QPrintDialog, "printDialog")
    assert dialog is not None
    assert dialog.isVisible()
    dialog.reject()


def test_pdf_file_names() -> None:
    """Subjects become file names without path separators or reserved characters."""
    assert pdf_file_name('a/b\\c:d*e?f"g<h>i|j') == "a b c d e f g h i j.pdf"
    assert pdf_file_name("...") == "message.pdf"
    assert pdf_file_name("x" * 200) == "x" * 80 + ".pdf"
