"""The Compose tab imports spreadsheets through its mapping dialog and previews each row."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot

from pecdesk.recipients import BinaryFileError
from pecdesk.recipients.addresses import make_recipient
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.sending.preflight import IssueKind
from pecdesk.ui.compose.importer import ImportDialog
from pecdesk.ui.compose.recipients import COL_SIZE, RecipientsModel
from tests.helpers.compose import Harness, make_harness, write_list

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")


@pytest.fixture
def harness(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, sandbox: EmbeddedSandbox, tmp_path: Path
) -> Iterator[Harness]:
    """A Compose tab on the sandbox."""
    made = make_harness(qtbot, qloop, sandbox, tmp_path / "data")
    yield made
    made.close(qtbot, qloop)


def open_dialog(qtbot: QtBot, harness: Harness, path: Path) -> ImportDialog:
    harness.tab.import_file(path)
    qtbot.waitUntil(lambda: harness.tab.import_dialog is not None, timeout=5000)
    dialog = harness.tab.import_dialog
    assert dialog is not None
    return dialog


def test_import_csv_cp1252_through_dialog(qtbot: QtBot, harness: Harness, tmp_path: Path) -> None:
    """A ';' cp1252 CSV: the dialog guesses the columns; accepting fills the list."""
    path = write_list(tmp_path, 3)
    dialog = open_dialog(qtbot, harness, path)
    assert dialog.address_combo.currentText() == "PEC"
    assert dialog.attachments_combo.currentText() == "Allegato"
    cell = dialog.preview.item(0, 1)
    assert cell is not None and cell.text() == "Niccolò00"
    dialog.accept()
    tab = harness.tab
    qtbot.waitUntil(lambda: tab.recipients_model.rowCount() == 3)
    first = tab.recipients()[0]
    assert (first.line, first.address, first.attachments) == (2, "cliente00@pec.it",
                                                             ("fattura_00.pdf",))
    assert tab.editor.field_combo.count() == 4  # Nome, Cognome, PEC, Importo


def test_mapping_choice_is_used(qtbot: QtBot, harness: Harness, tmp_path: Path) -> None:
    """The person can pick another address column and no attachments column."""
    path = tmp_path / "lista.csv"
    path.write_text("\ufeffNome,Contatto,Altro\nAnna,anna@pec.it,x@pec.it\n", encoding="utf-8")
    dialog = open_dialog(qtbot, harness, path)
    dialog.address_combo.setCurrentIndex(2)
    dialog.attachments_combo.setCurrentIndex(0)
    dialog.accept()
    qtbot.waitUntil(lambda: harness.tab.recipients_model.rowCount() == 1)
    assert harness.tab.recipients()[0].address == "x@pec.it"


def test_import_xlsx_and_merge_preview(qtbot: QtBot, harness: Harness, tmp_path: Path) -> None:
    """An .xlsx list; the preview shows row 2 exactly as sent, values HTML-escaped."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["Nome", "PEC"], ["Anna", "anna@pec.it"], ["Bruno & C.", "bruno@pec.it"]):
        sheet.append(row)
    book.save(tmp_path / "lista.xlsx")
    dialog = open_dialog(qtbot, harness, tmp_path / "lista.xlsx")
    dialog.accept()
    tab = harness.tab
    qtbot.waitUntil(lambda: tab.recipients_model.rowCount() == 2)
    tab.subject_edit.setText("Per {{Nome}}")
    tab.body_edit.setPlainText("Gentile {{Nome}},")
    tab.preview_row.setValue(2)
    tab.check_now()
    assert tab.preview_subject.text() == "Per Bruno & C."
    assert "Gentile Bruno & C.," in tab.preview_body.toPlainText()
    assert tab.send_button.isEnabled()


def test_binary_file_gets_a_plain_error(qtbot: QtBot, harness: Harness, tmp_path: Path) -> None:
    """Binary junk is refused with a message naming the problem; the window stays usable."""
    junk = tmp_path / "foto.csv"
    junk.write_bytes(bytes(range(256)) * 40)
    harness.tab.import_file(junk)
    qtbot.waitUntil(lambda: harness.tab.import_error is not None, timeout=5000)
    assert isinstance(harness.tab.import_error, BinaryFileError)
    assert harness.tab.import_button.isEnabled()


def test_preflight_blocks_send_and_names_lines(qtbot: QtBot, harness: Harness) -> None:
    """Pasted addresses: an invalid one blocks Send and the report names its line."""
    tab = harness.tab
    tab.paste_edit.setPlainText("a@pec.it\nnot-an-address\nsomeone@gmail.com")
    tab.subject_edit.setText("Avviso")
    tab.body_edit.setPlainText("Testo")
    report = tab.check_now()
    assert {(i.kind, i.line) for i in report.blocking} == {(IssueKind.INVALID_ADDRESS, 2)}
    assert {(i.kind, i.line) for i in report.warnings} == {(IssueKind.NOT_PEC, 3)}
    assert not tab.send_button.isEnabled()
    texts = [tab.report_view.item(i).text() for i in range(tab.report_view.count())]
    assert any("Line 2" in text for text in texts)
    tab.paste_edit.setPlainText("a@pec.it")
    assert tab.check_now().ok
    assert tab.send_button.isEnabled()


def test_one_for_all_needs_confirmation(qtbot: QtBot, harness: Harness) -> None:
    """Choosing one PEC to all asks first; declining keeps one PEC each."""
    asked: list[str] = []

    async def decline(title: str, text: str, *, yes: str = "", no: str = "") -> bool:
        asked.append(title)
        return False

    harness.tab.send.ask = decline  # type: ignore[method-assign, assignment]
    harness.tab.all_radio.setChecked(True)
    qtbot.waitUntil(harness.tab.each_radio.isChecked, timeout=5000)
    assert asked == ["One PEC to everybody"]


def test_recipients_model_is_a_sound_qt_model(qtmodeltester: object, harness: Harness,
                                              tmp_path: Path) -> None:
    """The recipient table model passes Qt's model checks with imported and pasted rows."""
    from pecdesk.recipients import guess_mapping, read_table  # noqa: PLC0415

    table = read_table(write_list(tmp_path, 4))
    harness.tab.apply_table(table, guess_mapping(table))
    harness.tab.paste_edit.setPlainText("x@pec.it; not-valid")
    assert harness.tab.recipients_model.rowCount() == 6
    qtmodeltester.check(harness.tab.recipients_model)  # type: ignore[attr-defined]


def test_recipients_table_shows_sizes(qtbot: QtBot) -> None:
    """The recipients model shows each message's encoded size and each own file's size."""
    model = RecipientsModel()
    model.set_recipients([make_recipient(2, "a@pec.it", {}, ("a.pdf",))], [])
    with qtbot.waitSignal(model.dataChanged):
        model.set_sizes({2: 2048}, {2: (("a.pdf", None),)})
    assert model.index(0, COL_SIZE).data() == QLocale().formattedDataSize(2048)
    assert model.index(0, model.columnCount() - 1).data() == "a.pdf (missing)"
