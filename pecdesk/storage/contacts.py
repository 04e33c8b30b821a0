"""ContactStore: the address book (contacts, saved lists, recent recipients) in one JSON file.

A few thousand contacts of a few hundred bytes each make a file of a megabyte at most: read
whole at start and replaced whole in one step like the templates
(:class:`~pecdesk.storage.json_store.JsonFileStore`), with no database to migrate. The store
deals in JSON objects only; what they mean (and the tolerance of damaged entries) is
:class:`pecdesk.services.contacts.book.AddressBookService`'s.

A damaged file reads as an empty book, so Compose still works; it is set aside under another
name before the first save replaces it, so nobody's contacts are lost without a copy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pecdesk.storage.json_store import JsonFileStore

CONTACTS_FILE_NAME = "contacts.json"


@dataclass(slots=True)
class BookData:
    """The address book as stored: JSON objects and strings, not yet read into values.

    Attributes:
        contacts: one object per contact.
        lists: one object per saved list.
        recent: the addresses of the latest sendings, newest first.
    """

    contacts: list[dict[str, Any]] = field(default_factory=list)
    lists: list[dict[str, Any]] = field(default_factory=list)
    recent: list[str] = field(default_factory=list)


class ContactStore(JsonFileStore):
    """Reads and replaces the address book file.

    Attributes:
        path: the address book file.
        damaged: the file was there but could not be read; it is set aside at the next save.
    """

    FILE_NAME = CONTACTS_FILE_NAME
    WHEN_DAMAGED = "the address book is empty"

    def load(self) -> BookData:
        """The stored book; empty when there is no file or it is damaged (logged).

        Entries of the wrong type are skipped (logged).
        """
        data = self._read_object()
        if data is None:
            return BookData()
        if not isinstance(data.get("contacts", []), list):
            self._mark_damaged("no contact list")
            return BookData()
        return BookData(
            contacts=self._kept(data.get("contacts"), dict, "contact"),
            lists=self._kept(data.get("lists"), dict, "list"),
            recent=self._kept(data.get("recent"), str, "recent address"),
        )

    def save(self, book: BookData) -> None:
        """Replace the stored book with ``book`` in one step.

        Raises:
            StorageError: the file could not be written (the old one is left as it was).
        """
        self._replace({"contacts": book.contacts, "lists": book.lists, "recent": book.recent})
