"""ContactStore: the address book (contacts, saved lists, recent recipients) in one JSON file.

A few thousand contacts of a few hundred bytes each make a file of a megabyte at most: read
whole at start and replaced whole in one step (:func:`pecdesk.config.jsonfile.write_json_object`)
like the templates, with no database to migrate. The store deals in JSON objects only; what
they mean (and the tolerance of damaged entries) is
:class:`pecdesk.services.contacts.book.AddressBookService`'s.

A damaged file reads as an empty book, so Compose still works; it is set aside under another
name before the first save replaces it, so nobody's contacts are lost without a copy.
"""

from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pecdesk.config.jsonfile import write_json_object
from pecdesk.errors import StorageError

_log = logging.getLogger(__name__)

CONTACTS_FILE_NAME = "contacts.json"
_FORMAT_VERSION = 1


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


class ContactStore:
    """Reads and replaces the address book file.

    Attributes:
        path: the address book file.
        damaged: the file was there but could not be read; it is set aside at the next save.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.damaged = False

    @classmethod
    def open(cls, data_dir: Path) -> ContactStore:
        """The address book file in ``data_dir`` (created at the first save)."""
        return cls(data_dir / CONTACTS_FILE_NAME)

    def close(self) -> None:
        """Nothing stays open between calls; here for symmetry with the other stores."""

    def load(self) -> BookData:
        """The stored book; empty when there is no file or it is damaged (logged).

        Entries of the wrong type are skipped (logged).
        """
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return BookData()
        except (OSError, UnicodeDecodeError) as exc:
            return self._damaged(type(exc).__name__)
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            return self._damaged("not JSON")
        if not isinstance(data, dict) or not isinstance(data.get("contacts", []), list):
            return self._damaged("no contact list")
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
        if self.damaged and self.path.exists():
            aside = self.path.with_name(f"{self.path.name}.damaged-{int(time.time())}")
            try:
                os.replace(self.path, aside)
            except OSError as exc:
                raise StorageError(
                    reason=f"{self.path.name}: {exc.strerror or type(exc).__name__}"
                ) from None
            _log.warning("Damaged %s kept as %s", self.path.name, aside.name)
        write_json_object(
            self.path,
            {
                "version": _FORMAT_VERSION,
                "contacts": book.contacts,
                "lists": book.lists,
                "recent": book.recent,
            },
        )
        self.damaged = False

    def _kept(self, items: object, kind: type, what: str) -> list[Any]:
        if not isinstance(items, list):
            return []
        kept = [item for item in items if isinstance(item, kind)]
        if len(kept) < len(items):
            _log.warning(
                "Skipping %d damaged %s entr(ies) in %s",
                len(items) - len(kept),
                what,
                self.path.name,
            )
        return kept

    def _damaged(self, why: str) -> BookData:
        _log.warning(
            "%s cannot be read (%s); the address book is empty until it is saved again",
            self.path.name,
            why,
        )
        self.damaged = True
        return BookData()
