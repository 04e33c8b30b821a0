"""The address book file: written whole and atomically; a damaged one fails soft and is kept."""

from __future__ import annotations

import json
import logging
import stat
from pathlib import Path

import pytest

from pecdesk.services.contacts.book import AddressBookService
from pecdesk.services.contacts.contact import Contact, ContactList
from pecdesk.storage.contacts import CONTACTS_FILE_NAME, BookData, ContactStore

pytestmark = pytest.mark.anyio


def test_no_file_reads_as_an_empty_book(tmp_path: Path) -> None:
    """A data folder without the file has an empty book, and reading creates nothing."""
    store = ContactStore.open(tmp_path)
    assert store.load() == BookData()
    assert not (tmp_path / CONTACTS_FILE_NAME).exists()


def test_save_writes_one_private_file_and_reads_it_back(tmp_path: Path) -> None:
    """Saving replaces the file (mode 0600, no temporary left) and load returns what was saved."""
    store = ContactStore.open(tmp_path)
    book = BookData(
        contacts=[{"address": "rossi@pec.it", "name": "Rossi", "fields": {"scala": "B"}}],
        lists=[{"name": "Via Roma 3", "members": ["rossi@pec.it"]}],
        recent=["rossi@pec.it"],
    )
    store.save(book)
    assert store.load() == book
    path = tmp_path / CONTACTS_FILE_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == [CONTACTS_FILE_NAME]
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 1


async def test_a_damaged_file_reads_as_empty_and_is_kept_aside_at_the_next_save(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A file that is not JSON gives an empty book with a warning; saving keeps a copy of it."""
    path = tmp_path / CONTACTS_FILE_NAME
    path.write_text("{not json", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        service = AddressBookService(store=ContactStore.open(tmp_path))
    assert service.contacts() == []
    assert "cannot be read" in caplog.text
    await service.save_contact(Contact("rossi@pec.it", "Rossi"))
    aside = [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == "{not json"
    again = AddressBookService(store=ContactStore.open(tmp_path))
    assert [c.address for c in again.contacts()] == ["rossi@pec.it"]


async def test_damaged_entries_are_skipped_and_the_rest_is_kept(tmp_path: Path) -> None:
    """Entries of the wrong shape or with an invalid address are dropped, the others read."""
    (tmp_path / CONTACTS_FILE_NAME).write_text(
        json.dumps(
            {
                "version": 1,
                "contacts": [{"address": "ok@pec.it", "name": 3}, {"address": "not an address"}, 7],
                "lists": [{"name": ""}, {"name": "Fornitori", "members": ["OK@PEC.IT", 5]}, "x"],
                "recent": ["ok@pec.it", 9],
            }
        ),
        encoding="utf-8",
    )
    service = AddressBookService(store=ContactStore.open(tmp_path))
    assert service.contacts() == [Contact("ok@pec.it", "")]
    assert service.lists() == [ContactList("Fornitori", ("ok@pec.it",))]
    assert service.recent() == ["ok@pec.it"]
