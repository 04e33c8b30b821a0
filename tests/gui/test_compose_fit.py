"""In Italian, at 1,024 x 700, Compose and the address book show their buttons and columns whole."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtWidgets import QAbstractButton, QWidget
from pytestqt.qtbot import QtBot

from pecdesk.recipients import guess_mapping, read_table
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.contacts.book import AddressBookService
from pecdesk.services.contacts.contact import Contact
from pecdesk.storage.contacts import ContactStore
from pecdesk.ui.compose.recipients import COL_ADDRESS, COL_STATUS
from pecdesk.ui.contacts.dialog import AddressBookDialog
from pecdesk.ui.contacts.model import COL_ADDRESS as BOOK_ADDRESS
from pecdesk.ui.contacts.model import COL_FIELDS, COL_NAME
from pecdesk.ui.widgets.tasks import TaskRunner
from pecdesk.ui.window.i18n import Translations
from tests.helpers.compose import write_list
from tests.helpers.gui import OFFSCREEN_SHOW_NOISE, WindowFactory, account_for, drive

pytestmark = OFFSCREEN_SHOW_NOISE
SCREEN = (1024, 700)


def inside(widget: QWidget, outer: QWidget) -> bool:
    """Whether ``widget`` is shown and lies wholly within ``outer``."""
    if not widget.isVisible():
        return False
    top_left = widget.mapTo(outer, widget.rect().topLeft())
    bottom_right = widget.mapTo(outer, widget.rect().bottomRight())
    return outer.rect().contains(top_left) and outer.rect().contains(bottom_right)


def test_merge_field_picker_is_visible_in_italian_at_1024(
    italian: Translations, sandbox: EmbeddedSandbox, open_window: WindowFactory, qtbot: QtBot
) -> None:
    """The field list and "Insert field" are on screen, not folded into the toolbar's » menu."""
    window = open_window(account_for(sandbox))
    window.resize(*SCREEN)  # (the window may stay wider: its minimum width is not tested here)
    editor = window.compose_tab.editor
    editor.set_fields(["Nome", "Scala", "Interno"])
    assert editor.insert_button.text() == "Inserisci campo"  # the Italian label
    qtbot.waitUntil(lambda: inside(editor.insert_button, editor), timeout=2000)
    assert inside(editor.field_combo, editor)


def shows_whole_text(button: QAbstractButton) -> bool:
    """Whether ``button`` is as wide as its text needs (its size hint), so nothing is cut."""
    return button.sizeHint().width() <= button.width()


def test_recipients_box_buttons_and_table_fit_in_italian_at_1024(
    italian: Translations,
    sandbox: EmbeddedSandbox,
    open_window: WindowFactory,
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    """Every button of the recipients box shows its whole text; line, address and check show."""
    window = open_window(account_for(sandbox))
    window.resize(*SCREEN)
    tab = window.compose_tab
    table = read_table(write_list(tmp_path, 25))
    tab.apply_table(table, guess_mapping(table))
    tab.set_folder(tmp_path)
    box = tab.recipients_box
    buttons = box.findChildren(QAbstractButton)
    assert tab.import_button in buttons and box.clear_button in buttons
    assert tab.address_book.button.text() == "Rubrica…"  # the Italian label
    qtbot.waitUntil(lambda: window.width() <= SCREEN[0] and box.table.isVisible(), timeout=2000)
    for button in buttons:
        if button.isVisible():
            assert shows_whole_text(button), (button.text(), button.width())
    assert inside(box.table, box)
    view = box.table
    header = view.horizontalHeader()
    qtbot.waitUntil(
        lambda: header.sectionSize(COL_ADDRESS) >= view.sizeHintForColumn(COL_ADDRESS), timeout=2000
    )
    shown = header.sectionViewportPosition(COL_STATUS) + header.sectionSize(COL_STATUS)
    assert shown <= view.viewport().width()  # line, address and check: no scrolling needed
    assert inside(tab.new_message_button, tab) and shows_whole_text(tab.new_message_button)


def test_address_book_fits_addresses_and_its_list_button_in_italian(
    italian: Translations, qtbot: QtBot, qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    """Name and address show whole, merge fields take the rest; "Aggiungi all'elenco" fits."""
    service = AddressBookService(store=ContactStore.open(tmp_path))
    for name in ("Mario Verdi", "Anna Neri", "Paolo Gialli"):
        address = name.lower().replace(" ", ".") + "@pec.condominioviaroma.it"
        contact = Contact(address, name, fields={"Interno": "1"})
        drive(qtbot, qloop, service.save_contact(contact))
    dialog = AddressBookDialog(service=service, tasks=TaskRunner(qloop))
    qtbot.addWidget(dialog)
    dialog.show()
    view, header = dialog.table, dialog.table.horizontalHeader()
    qtbot.waitUntil(lambda: view.isVisible() and len(dialog.model.contacts) == 3, timeout=2000)
    qtbot.waitUntil(  # fitted once the rows are in (the fit waits for the event loop)
        lambda: all(
            header.sectionSize(column) >= view.sizeHintForColumn(column)
            for column in (COL_NAME, BOOK_ADDRESS)
        ),
        timeout=2000,
    )
    assert header.sectionSize(COL_FIELDS) >= header.sectionSizeHint(COL_FIELDS)
    ends = header.sectionViewportPosition(COL_FIELDS) + header.sectionSize(COL_FIELDS)
    assert ends == view.viewport().width()  # the fields take the rest, no more
    button = dialog.add_to_list_button
    assert button.text() == "Aggiungi all’elenco" and button.menu() is not None
    dialog.select([dialog.model.contacts[0].address])
    assert button.isEnabled() and shows_whole_text(button)
