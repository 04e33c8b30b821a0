"""Starting over in Compose: New message empties the form (asking over unsent work), Clear the list.

The e2e run as a secretary found no way to start over: after a sending the 25 recipients, the
subject and the text stayed, and a saved list added from the address book made 29 recipients.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from pecdesk.recipients import guess_mapping, read_table
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.contacts.book import AddressBookService
from pecdesk.services.contacts.contact import Contact, ContactList
from pecdesk.services.sending.draft import Draft
from pecdesk.storage.contacts import ContactStore
from pecdesk.ui.compose.tab import ComposeTab
from pecdesk.ui.compose.unsent import REPLACE_BOX
from pecdesk.ui.contacts.dialog import AddressBookDialog
from tests.helpers.compose import Harness, harnesses, write_list
from tests.helpers.gui import OFFSCREEN_SHOW_NOISE, drive

pytestmark = OFFSCREEN_SHOW_NOISE
SIGNATURE = "Studio Rossi\nVia Roma 12"
Maker = Callable[[], Harness]


@pytest.fixture
def make(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, sandbox: EmbeddedSandbox, tmp_path: Path
) -> Iterator[Maker]:
    """Compose tabs on the sandbox, signed, with an address book in tmp_path/data."""
    with harnesses(qtbot, qloop, sandbox, tmp_path / "data") as new:

        def build() -> Harness:
            harness = new()
            harness.tab.use_address_book(
                AddressBookService(store=ContactStore.open(tmp_path / "data"))
            )
            harness.tab.use_signature(SIGNATURE)
            qtbot.waitUntil(lambda: not harness.tab.drafts.loading, timeout=5000)
            return harness

        yield build


def fill(tab: ComposeTab, folder: Path, count: int, *, typed: str = "digitato@pec.it") -> None:
    """A sheet of ``count`` rows, ``typed``, the folder, subject, text and a shared file."""
    table = read_table(write_list(folder, count))
    tab.apply_table(table, guess_mapping(table))
    tab.paste_edit.setPlainText(typed)
    tab.set_folder(folder)
    tab.subject_edit.setText("Fattura per {{Nome}}")
    tab.body_edit.setPlainText("Gentile {{Nome}}, importo {{Importo}} euro.")
    shared = folder / "condizioni.pdf"
    shared.write_bytes(b"%PDF condizioni")
    tab.attachments.add_paths([shared])


def question(tab: ComposeTab) -> QMessageBox | None:
    """The "replace the message being written?" question, if open."""
    boxes = tab.findChildren(QMessageBox, REPLACE_BOX)
    return next((box for box in boxes if box.isVisible()), None)


def assert_new(tab: ComposeTab) -> None:
    """The form is a new message: nothing but the signature, one PEC per recipient."""
    assert tab.recipients() == []
    assert tab.paste_edit.toPlainText() == ""
    assert tab.recipients_model.rowCount() == 0
    assert tab.recipients_box.folder is None and tab.folder_label.text() == ""
    assert tab.subject_edit.text() == ""
    assert tab.draft().body == ""  # the signature alone counts as no text
    assert tab.body_edit.toPlainText().endswith(SIGNATURE)
    assert tab.attachments.paths() == ()
    assert tab.each_radio.isChecked()
    assert not tab.send.already_sent and tab.send_button.text() == "Send"


def stored_draft(qtbot: QtBot, harness: Harness) -> Draft:
    """The draft stored now, once the latest save is done."""
    saving = harness.tab.drafts.saving
    assert saving is not None
    qtbot.waitUntil(saving.done, timeout=5000)
    draft = drive(qtbot, harness.tasks.loop, harness.compose.load_draft())
    assert isinstance(draft, Draft)
    return draft


def test_new_message_after_a_sending_empties_the_form_and_its_draft(
    qtbot: QtBot, make: Maker, tmp_path: Path
) -> None:
    """After a sending nothing is unsent: New message empties all at once; the draft follows."""
    harness = make()
    tab = harness.tab
    fill(tab, tmp_path, 3, typed="")  # a typed address has no {{Nome}}: it would block
    assert tab.check_now().ok
    tab.send_button.click()
    qtbot.waitUntil(lambda: tab.send.already_sent and not tab.send.busy, timeout=20000)
    assert len(tab.recipients()) == 3
    progress = tab.send.progress
    assert progress is not None and progress.isVisibleTo(tab)  # "3 of 3", sending finished
    assert tab.new_message.trigger() is None  # the letter went: nothing to ask
    assert question(tab) is None
    assert_new(tab)
    assert not progress.isVisibleTo(tab)  # the last sending's panel is not the new letter's
    draft = stored_draft(qtbot, harness)
    assert draft.imported == () and draft.pasted == "" and draft.subject == ""
    assert draft.body == "" and draft.attachments == () and draft.folder is None


def test_new_message_asks_over_unsent_work_and_cancel_keeps_it(
    qtbot: QtBot, make: Maker, tmp_path: Path
) -> None:
    """Ctrl+N over unsent work asks the reply's question; Cancel keeps all, Replace empties."""
    harness = make()
    tab = harness.tab
    fill(tab, tmp_path, 2)
    tab.all_radio.setChecked(True)  # the tab asks; the harness answers Yes
    qtbot.waitUntil(tab.all_radio.isChecked, timeout=5000)
    action = tab.new_message_action
    assert action.shortcut().toString() == "Ctrl+N"
    assert "Ctrl+N" in tab.new_message_button.toolTip()
    action.trigger()
    box = question(tab)
    assert box is not None and box.windowTitle() == "Replace the message being written?"
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert question(tab) is None
    assert tab.subject_edit.text() == "Fattura per {{Nome}}"
    assert len(tab.recipients()) == 3 and tab.all_radio.isChecked()
    assert len(tab.attachments.paths()) == 1
    tab.new_message_button.click()
    box = question(tab)
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    assert_new(tab)
    draft = stored_draft(qtbot, harness)
    assert draft.imported == () and draft.subject == "" and not draft.one_for_all


def test_clear_empties_the_recipients_only_then_a_list_gives_its_count(
    qtbot: QtBot, make: Maker, tmp_path: Path
) -> None:
    """Clear drops the sheet and the typed addresses, nothing else; a saved list then is all."""
    harness = make()
    tab = harness.tab
    fill(tab, tmp_path, 25)
    assert len(tab.recipients()) == 26 and tab.recipients_box.clear_button.isEnabled()
    service = tab.address_book.service
    assert service is not None
    keys = []
    for n in range(4):
        contact = Contact(f"condomino{n}@pec.it", f"Condomino {n}")
        keys.append(drive(qtbot, harness.tasks.loop, service.save_contact(contact)).key)
    drive(qtbot, harness.tasks.loop, service.save_list(ContactList("Via Roma 12", tuple(keys))))
    tab.recipients_box.clear_button.click()
    assert tab.recipients() == [] and tab.recipients_model.rowCount() == 0
    assert tab.paste_edit.toPlainText() == ""
    assert not tab.recipients_box.clear_button.isEnabled()
    assert tab.subject_edit.text() == "Fattura per {{Nome}}"  # the letter stays
    assert tab.draft().body != "" and len(tab.attachments.paths()) == 1
    assert tab.recipients_box.folder == tmp_path
    dialog = tab.address_book.open_book()
    assert isinstance(dialog, AddressBookDialog)
    dialog.reload("Via Roma 12")
    assert dialog.current_list() == "Via Roma 12"
    assert dialog.add_to_recipients() == 4
    assert len(tab.recipients()) == 4  # the list's count, not 25 + 4
    saving = tab.flush_draft()
    assert saving is not None
    qtbot.waitUntil(saving.done, timeout=5000)
    draft = stored_draft(qtbot, harness)
    assert [r.address for r in draft.imported] == [f"condomino{n}@pec.it" for n in range(4)]
    dialog.reject()
    qtbot.waitUntil(lambda: tab.address_book.dialog is None, timeout=5000)
