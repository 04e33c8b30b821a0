"""The address book from Compose, on the real queue and sandbox: contacts, a list, completion.

A contact is added in the dialog, a list is saved, and the list is put into Compose's recipient
list, where it feeds the same pre-flight as an imported sheet (merge fields included) and
merges with the rows already there. The address box completes names and addresses from the
book and the recent recipients, and Tab leaves it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from pecdesk.recipients import guess_mapping, read_table
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.contacts.book import AddressBookService
from pecdesk.services.contacts.contact import Contact
from pecdesk.services.sending.preflight import IssueKind
from pecdesk.storage.contacts import ContactStore
from pecdesk.storage.session_stores import open_send_stores
from pecdesk.ui.compose.tab import ComposeTab
from pecdesk.ui.contacts.dialog import AddressBookDialog
from pecdesk.ui.contacts.editor import ContactEditor
from pecdesk.ui.contacts.importer import ContactImportDialog
from pecdesk.ui.contacts.model import ContactsModel
from tests.helpers.compose import Harness, checked, harnesses, write_list
from tests.helpers.engine import sandbox_account
from tests.helpers.gui import OFFSCREEN_SHOW_NOISE, drive
from tests.helpers.window import built_window

pytestmark = OFFSCREEN_SHOW_NOISE
# The completion popup, shown offscreen, cannot be raised nor grab the keyboard; Qt says so.
POPUP_NOISE = pytest.mark.qt_log_ignore(
    r"^This plugin does not support propagateSizeHints\(\)$",
    r"^This plugin does not support raise\(\)$",
    r"^This plugin does not support grabbing the keyboard$",
)
Maker = Callable[[], Harness]


@pytest.fixture
def make(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, sandbox: EmbeddedSandbox, tmp_path: Path
) -> Iterator[Maker]:
    """Compose tabs on the sandbox with an address book in tmp_path/data."""
    with harnesses(qtbot, qloop, sandbox, tmp_path / "data") as new:

        def build() -> Harness:
            harness = new()
            harness.tab.use_address_book(
                AddressBookService(store=ContactStore.open(tmp_path / "data"))
            )
            return harness

        yield build


def book_of(tab: ComposeTab) -> AddressBookService:
    """The tab's address book."""
    service = tab.address_book.service
    assert service is not None
    return service


def add_contact(
    qtbot: QtBot, dialog: AddressBookDialog, address: str, name: str, fields: dict[str, str]
) -> None:
    """Fill the contact editor as a person would and save, then wait for the book to show it."""
    editor = dialog.new_contact()
    assert isinstance(editor, ContactEditor)
    editor.address_edit.setText("bad address")
    assert not editor.save_button.isEnabled()
    editor.address_edit.setText(address)
    editor.name_edit.setText(name)
    for key, value in fields.items():
        editor.add_field(key, value)
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        editor.save_button.click()


def test_add_contacts_save_a_list_and_put_it_into_compose(
    qtbot: QtBot, make: Maker, tmp_path: Path
) -> None:
    """Contacts made in the dialog, saved as a list, go into Compose and pass its pre-flight."""
    tab = make().tab
    tab.address_book.button.click()
    dialog = tab.address_book.dialog
    assert isinstance(dialog, AddressBookDialog) and dialog.isVisible()
    add_contact(qtbot, dialog, " Rossi@PEC.it ", "Mario Rossi", {"Scala": "A"})
    add_contact(qtbot, dialog, "bianchi@pec.it", "Anna Bianchi", {"Scala": "B"})
    assert [c.address for c in dialog.model.contacts] == ["bianchi@pec.it", "Rossi@pec.it"]
    dialog.select(["rossi@pec.it", "bianchi@pec.it"])
    asked = dialog.ask_list_name()
    assert isinstance(asked, QInputDialog) and asked.isVisible()
    asked.setTextValue("Condominio Aurora")
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        asked.accept()
    assert dialog.current_list() == "Condominio Aurora"
    stored = book_of(tab).get_list("condominio aurora")
    assert stored is not None and len(stored.members) == 2
    dialog.table.clearSelection()  # nothing selected: the whole list shown is added
    assert dialog.add_button.isEnabled()
    assert dialog.add_to_recipients() == 2
    assert "2 recipient(s) added" in dialog.status_label.text()
    model = tab.recipients_model
    assert [r.address for r in model.recipients] == ["bianchi@pec.it", "Rossi@pec.it"]
    assert model.fields == ["pec", "nome", "Scala"]
    tab.subject_edit.setText("Assemblea – scala {{Scala}}")
    tab.body_edit.setPlainText("Gentile {{nome}}, è convocata l'assemblea.")
    report = checked(qtbot, tab)
    assert report.ok, report.issues
    assert not [i for i in report.issues if i.kind is IssueKind.UNKNOWN_FIELD]
    assert len(tab.recipients()) == 2
    assert len(report.message_sizes) == 2  # the pre-flight measured both rows
    tab.preview_row.setValue(2)
    qtbot.waitUntil(lambda: "Mario Rossi" in tab.preview_body.toPlainText(), timeout=5000)
    dialog.reject()
    qtbot.waitUntil(lambda: tab.address_book.dialog is None, timeout=5000)


def test_a_list_merges_with_an_imported_sheet_without_duplicates(
    qtbot: QtBot, make: Maker, tmp_path: Path
) -> None:
    """Added after a sheet, contacts keep its column names and an address there is not repeated."""
    harness = make()
    tab = harness.tab
    table = read_table(write_list(tmp_path, 2))  # Nome;Cognome;PEC;Importo;Allegato
    tab.apply_table(table, guess_mapping(table))
    tab.paste_edit.setPlainText("digitato@pec.it")
    service = book_of(tab)
    for contact in (
        Contact("cliente01@pec.it", "Doppione"),
        Contact("nuovo@pec.it", "Nuovo"),
        Contact("digitato@pec.it", "Digitato"),
    ):
        drive(qtbot, harness.tasks.loop, service.save_contact(contact))
    rows, fields = service.recipients(service.contacts())
    assert tab.add_recipients(rows, fields) == 1
    assert [r.address for r in tab.recipients_model.recipients] == [
        "cliente00@pec.it",
        "cliente01@pec.it",
        "nuovo@pec.it",
        "digitato@pec.it",
    ]
    assert tab.recipients_model.fields == ["Nome", "Cognome", "PEC", "Importo"]
    added = tab.recipients_model.recipients[2]
    assert added.fields["Nome"] == "Nuovo" and added.fields["PEC"] == "nuovo@pec.it"
    assert added.line == 4  # after the sheet's lines 2 and 3
    shown_lines = [tab.recipients_model.index(r, 0).data() for r in range(4)]
    assert shown_lines == ["2", "3", "4", "5"]  # the typed address after them, not "1"
    report = tab.check_now()
    assert not [i for i in report.issues if i.kind is IssueKind.DUPLICATE]


@POPUP_NOISE
def test_the_address_box_completes_contacts_and_recents_and_tab_leaves_it(
    qtbot: QtBot, make: Maker
) -> None:
    """Typing part of a name suggests its contact; choosing puts the bare address on the line."""
    harness = make()
    tab = harness.tab
    service = book_of(tab)
    drive(qtbot, harness.tasks.loop, service.save_contact(Contact("rossi@pec.it", "Mario Rossi")))
    drive(qtbot, harness.tasks.loop, service.record_recent(["bianchi@pec.studio.it"]))
    tab.show()
    qtbot.waitExposed(tab)
    tab.activateWindow()
    tab.paste_edit.setFocus()
    qtbot.waitUntil(tab.paste_edit.hasFocus, timeout=5000)
    tab.paste_edit.setPlainText("verdi@pec.it\n")
    tab.paste_edit.moveCursor(tab.paste_edit.textCursor().MoveOperation.End)
    completion = tab.address_book.completion
    QTest.keyClicks(tab.paste_edit, "mario")
    qtbot.waitUntil(completion.popup.isVisible, timeout=5000)
    shown = completion.completer.completionModel()
    assert [shown.index(n, 0).data() for n in range(shown.rowCount())] == [
        "Mario Rossi <rossi@pec.it>"
    ]
    QTest.keyClick(completion.popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not completion.popup.isVisible(), timeout=5000)
    assert tab.paste_edit.toPlainText().splitlines()[:2] == ["verdi@pec.it", "rossi@pec.it"]
    tab.paste_edit.moveCursor(tab.paste_edit.textCursor().MoveOperation.End)
    QTest.keyClicks(tab.paste_edit, ", studio")
    qtbot.waitUntil(completion.popup.isVisible, timeout=5000)
    assert completion.completer.currentCompletion() == "bianchi@pec.studio.it"
    completion.complete_with(completion.completer.currentCompletion())
    assert tab.paste_edit.toPlainText().splitlines()[-1] == "rossi@pec.it, bianchi@pec.studio.it"
    assert [r.address for r in tab.recipients()] == [
        "verdi@pec.it",
        "rossi@pec.it",
        "bianchi@pec.studio.it",
    ]
    assert tab.paste_edit.tabChangesFocus()
    before = tab.paste_edit.toPlainText()
    QTest.keyClick(tab.paste_edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: not tab.paste_edit.hasFocus(), timeout=5000)
    assert tab.paste_edit.toPlainText() == before  # no tab typed
    assert QApplication.focusWidget() is not tab.paste_edit


def test_the_window_wires_the_address_book_into_compose_and_the_file_menu(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, sandbox: EmbeddedSandbox, tmp_path: Path
) -> None:
    """app.main's build_window hands Compose the book; File > Address book… opens it."""
    stores = open_send_stores(tmp_path / "data")
    assert stores is not None and stores.contacts is not None
    try:
        with built_window(qtbot, qloop, sandbox_account(sandbox), stores) as window:
            link = window.compose_tab.address_book
            assert link.button.isEnabled()
            assert book_of(window.compose_tab).store.path == tmp_path / "data" / "contacts.json"
            (action,) = [a for a in window.file_menu.actions() if a.text() == "&Address book…"]
            action.trigger()
            assert isinstance(link.dialog, AddressBookDialog) and link.dialog.isVisible()
            link.dialog.reject()
            qtbot.waitUntil(lambda: link.dialog is None, timeout=5000)
    finally:
        stores.close()


def test_import_a_sheet_as_a_list_and_export_it_from_the_dialog(
    qtbot: QtBot, make: Maker, tmp_path: Path
) -> None:
    """Import reads a sheet into contacts and a list named after it; export writes that list."""
    tab = make().tab
    dialog = tab.address_book.open_book()
    assert dialog is not None
    sheet = write_list(tmp_path, 3)  # clienti.csv: Nome;Cognome;PEC;Importo;Allegato
    dialog.files.import_file(sheet)
    preview = shown_preview(qtbot, dialog)
    assert preview.address_combo.currentText() == "PEC"  # guessed, as Compose guesses it
    assert preview.name_combo.currentText() == "Nome"
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        preview.accept()
    assert dialog.current_list() == "clienti"
    assert [c.address for c in dialog.model.contacts] == [
        "cliente00@pec.it",
        "cliente01@pec.it",
        "cliente02@pec.it",
    ]
    assert dialog.model.contacts[0].fields == {"Cognome": "Carità", "Importo": "100,50"}
    assert "3 new contacts" in dialog.status_label.text()
    out = tmp_path / "export.csv"
    dialog.files.export_to(out)
    qtbot.waitUntil(lambda: "written to export.csv" in dialog.status_label.text(), timeout=5000)
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "pec;nome;Cognome;Importo"
    assert lines[1] == "cliente00@pec.it;Niccolò00;Carità;100,50"
    dialog.reject()


def shown_preview(qtbot: QtBot, dialog: AddressBookDialog) -> ContactImportDialog:
    """The import's preview, once the sheet is read and it is shown."""
    qtbot.waitUntil(lambda: dialog.files.preview is not None, timeout=5000)
    preview = dialog.files.preview
    assert preview is not None
    qtbot.waitUntil(preview.isVisible, timeout=5000)
    return preview


def test_import_lets_the_person_pick_the_address_and_name_columns(
    qtbot: QtBot, make: Maker, tmp_path: Path
) -> None:
    """A sheet whose PEC column is not called like one: the preview lets the person pick it.

    The first column with addresses is an ordinary e-mail, so the guess is wrong; the names are
    under a heading no guess knows.
    """
    tab = make().tab
    dialog = tab.address_book.open_book()
    assert dialog is not None
    sheet = tmp_path / "condomini.csv"
    sheet.write_text(
        "Referente;Casella;Condomino;Scala\n"
        "amministratore@gmail.com;rossi@pec.it;Mario Rossi;A\n"
        "amministratore@gmail.com;bianchi@pec.it;Anna Bianchi;B\n",
        encoding="utf-8",
    )
    dialog.files.import_file(sheet)
    preview = shown_preview(qtbot, dialog)
    assert preview.windowTitle() == "Import contacts from condomini.csv"
    assert preview.preview.rowCount() == 2  # the same preview as Compose's import
    assert preview.address_combo.currentText() == "Referente"  # the guess, wrong here
    assert preview.name_combo.currentText() == "(none)"
    assert not preview.attachments_combo.isVisibleTo(preview)  # nothing to attach to a contact
    preview.address_combo.setCurrentText("Casella")
    preview.name_combo.setCurrentText("Condomino")
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        preview.accept()
    qtbot.waitUntil(lambda: len(dialog.model.contacts) == 2, timeout=5000)
    assert dialog.current_list() == "condomini"
    contacts = sorted(dialog.model.contacts, key=lambda c: c.address)
    assert [(c.address, c.name) for c in contacts] == [
        ("bianchi@pec.it", "Anna Bianchi"),
        ("rossi@pec.it", "Mario Rossi"),
    ]
    assert contacts[1].fields == {"Referente": "amministratore@gmail.com", "Scala": "A"}
    assert "2 new contacts" in dialog.status_label.text()
    dialog.reject()


def test_a_cancelled_preview_imports_nothing(qtbot: QtBot, make: Maker, tmp_path: Path) -> None:
    """Cancel in the preview: the book stays empty and no list is made."""
    tab = make().tab
    dialog = tab.address_book.open_book()
    assert dialog is not None
    dialog.files.import_file(write_list(tmp_path, 2))
    preview = shown_preview(qtbot, dialog)
    preview.reject()
    qtbot.waitUntil(lambda: dialog.files.preview is None, timeout=5000)
    assert book_of(tab).contacts() == []
    assert book_of(tab).lists() == []
    dialog.reject()


def test_the_contacts_model_is_a_well_formed_table(qtmodeltester: ModelTester) -> None:
    """The address book's table model passes Qt's model checks, with and without rows."""
    model = ContactsModel()
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]
    model.set_contacts([Contact("rossi@pec.it", "Rossi", {"Scala": "A", "Interno": "4"})])
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]
    assert model.index(0, 2).data() == "Scala: A; Interno: 4"
    assert model.headerData(1, Qt.Orientation.Horizontal) == "PEC address"
