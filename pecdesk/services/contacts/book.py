"""AddressBookService: contacts, saved lists and recent recipients of this computer (Qt-free).

The book is read once, when the service is built, and kept in memory: the address book dialog
and the completion in Compose read it on the window's thread. Writes go to a worker thread,
one at a time, and change memory only once the file is written, like the templates.

Recent recipients are the addresses of the latest sendings, newest first, at most
:data:`RECENT_LIMIT`: :meth:`AddressBookService.follow` records those of every campaign the
mailbox stores (``Events.campaign_added``), the test sends to the sender's own mailbox left out.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

from pecdesk.errors import PecError, StorageError
from pecdesk.recipients import ColumnMapping, Recipient, Table, read_table
from pecdesk.services.contacts.contact import (
    Contact,
    ContactList,
    address_key,
    as_recipients,
    checked,
    name_key,
    unique,
)
from pecdesk.services.contacts.transfer import SheetContacts, contacts_of, write_csv
from pecdesk.services.events import Events, Unsubscribe
from pecdesk.storage.contacts import BookData, ContactStore

_log = logging.getLogger(__name__)

RECENT_LIMIT = 200
"""How many recent recipients are kept."""


class AddressBookService:
    """Lists, searches, saves and deletes contacts and lists; keeps the recent recipients.

    Attributes:
        store: the address book file.
    """

    def __init__(self, *, store: ContactStore) -> None:
        self.store = store
        self._writing = asyncio.Lock()
        self._pending: set[asyncio.Task[None]] = set()
        data = store.load()
        self._contacts: dict[str, Contact] = {}
        for item in data.contacts:
            contact = Contact.from_json(item)
            if contact is not None:
                self._contacts[contact.key] = contact
        self._lists: dict[str, ContactList] = {}
        for item in data.lists:
            saved = ContactList.from_json(item)
            if saved is not None:
                self._lists.setdefault(name_key(saved.name), saved)
        self._recent = list(unique([address_key(a) for a in data.recent]))[:RECENT_LIMIT]
        self._revision = 0

    @property
    def revision(self) -> int:
        """A number that grows at every change stored (the completion reads the book again)."""
        return self._revision

    # -- reading ------------------------------------------------------------------------------

    def contacts(self) -> list[Contact]:
        """Every contact, by name then address (nameless ones by address, after)."""
        return sorted(self._contacts.values(), key=_order)

    def search(self, text: str) -> list[Contact]:
        """The contacts whose address, name or a field value contains ``text`` (any case)."""
        needle = text.strip().casefold()
        if not needle:
            return self.contacts()
        return [
            c
            for c in self.contacts()
            if needle in c.address.casefold()
            or needle in c.name.casefold()
            or any(needle in value.casefold() for value in c.fields.values())
        ]

    def get(self, address: str) -> Contact | None:
        """The contact of ``address`` (any spelling of it), if any."""
        return self._contacts.get(address_key(address))

    def lists(self) -> list[ContactList]:
        """Every saved list, by name."""
        return sorted(self._lists.values(), key=lambda saved: name_key(saved.name))

    def get_list(self, name: str) -> ContactList | None:
        """The list called ``name`` (any case), if any."""
        return self._lists.get(name_key(name))

    def members(self, name: str) -> list[Contact]:
        """The contacts of the list ``name``, in its order (members since deleted left out)."""
        saved = self.get_list(name)
        found = (self._contacts.get(key) for key in (saved.members if saved else ()))
        return [contact for contact in found if contact is not None]

    def recipients(self, contacts: Sequence[Contact]) -> tuple[list[Recipient], list[str]]:
        """``contacts`` as recipients with their merge fields, and the fields' names."""
        return as_recipients(contacts)

    def list_recipients(self, name: str) -> tuple[list[Recipient], list[str]]:
        """The members of the list ``name`` as recipients, ready for the planning step."""
        return as_recipients(self.members(name))

    def recent(self) -> list[str]:
        """The addresses of the latest sendings, newest first."""
        return list(self._recent)

    def completions(self) -> list[str]:
        """What the address box completes: each contact's ``Name <address>``, then recents."""
        labels = [contact.label() for contact in self.contacts()]
        known = set(self._contacts)
        return [*labels, *(a for a in self._recent if a not in known)]

    # -- writing ------------------------------------------------------------------------------

    async def save_contact(self, contact: Contact, *, replacing: str | None = None) -> Contact:
        """Store ``contact`` (one per address); ``replacing`` is its old address if changed.

        A changed address keeps the contact's place in its lists.

        Raises:
            InvalidContactError: the address fails the syntax check.
            StorageError: the file could not be written (nothing changed, in memory either).
        """
        stored = checked(contact)
        old = address_key(replacing) if replacing else stored.key

        def change(book: _Book) -> None:
            if old != stored.key:
                book.contacts.pop(old, None)
                book.rename_member(old, stored.key)
            book.contacts[stored.key] = stored

        await self._write(change)
        return stored

    async def delete_contact(self, address: str) -> None:
        """Forget the contact of ``address``, in every list too; an unknown one is ignored.

        Raises:
            StorageError: the file could not be written.
        """
        key = address_key(address)
        if key in self._contacts:
            await self._write(lambda book: book.drop(key))

    async def save_list(self, saved: ContactList, *, replacing: str | None = None) -> ContactList:
        """Store ``saved`` in place of the list of the same name (``replacing``: renamed).

        Members that are not contacts are dropped.

        Raises:
            ValueError: the name is empty.
            StorageError: the file could not be written.
        """
        name = saved.name.strip()
        if not name:
            raise ValueError("a list needs a name")
        members = unique([address_key(m) for m in saved.members])
        stored = ContactList(name, tuple(m for m in members if m in self._contacts))

        def change(book: _Book) -> None:
            if replacing is not None:
                book.lists.pop(name_key(replacing), None)
            book.lists[name_key(name)] = stored

        await self._write(change)
        return stored

    async def delete_list(self, name: str) -> None:
        """Forget the list ``name`` (its contacts stay); an unknown name is ignored.

        Raises:
            StorageError: the file could not be written.
        """
        if name_key(name) in self._lists:
            await self._write(lambda book: book.lists.pop(name_key(name), None))

    async def record_recent(self, addresses: Sequence[str]) -> None:
        """Put ``addresses`` (one sending's) at the head of the recent recipients.

        Raises:
            StorageError: the file could not be written.
        """
        keys = unique([address_key(a) for a in addresses])[:RECENT_LIMIT]
        if keys and list(keys) != self._recent[: len(keys)]:
            await self._write(lambda book: book.add_recent(keys))

    def follow(
        self,
        events: Events,
        addresses_of: Callable[[int], Awaitable[Sequence[str]]],
        *,
        sender: str,
    ) -> Unsubscribe:
        """Record the addresses of every campaign the mailbox stores from now on.

        Args:
            events: the mailbox's events (its ``campaign_added``).
            addresses_of: a campaign's recipient addresses (read from the queue store).
            sender: the mailbox's own address: test sends to it are not recorded.
        """
        own = address_key(sender)

        async def record(campaign_id: int) -> None:
            try:
                addresses = await addresses_of(campaign_id)
                await self.record_recent([a for a in addresses if address_key(a) != own])
            except PecError as err:  # the sending went; only the list of recents is behind
                _log.warning("Recent recipients not recorded: %s", err.message)

        def added(campaign_id: int) -> None:
            task = asyncio.get_running_loop().create_task(record(campaign_id))
            self._pending.add(task)
            task.add_done_callback(self._pending.discard)

        return events.campaign_added.subscribe(added)

    async def settled(self) -> None:
        """Wait until the recents of the campaigns heard so far are recorded (tests, shutdown)."""
        while self._pending:
            await asyncio.gather(*self._pending, return_exceptions=True)

    # -- import and export --------------------------------------------------------------------

    async def read_file(self, path: Path) -> SheetContacts:
        """The contacts a spreadsheet holds (read and checked in a worker thread).

        Raises:
            RecipientFileError: the file cannot be read as a sheet (it names the problem).
        """
        return await asyncio.to_thread(lambda: contacts_of(read_table(path)))

    async def read_sheet(self, path: Path) -> Table:
        """A spreadsheet's rows, for the person to choose its columns (read in a worker thread).

        Raises:
            RecipientFileError: the file cannot be read as a sheet (it names the problem).
        """
        return await asyncio.to_thread(read_table, path)

    async def sheet_contacts(
        self, table: Table, mapping: ColumnMapping, *, name_at: int | None
    ) -> SheetContacts:
        """The contacts of ``table`` with the columns the person chose (checked in a worker)."""
        return await asyncio.to_thread(lambda: contacts_of(table, mapping, name_at=name_at))

    async def add_contacts(
        self, contacts: Sequence[Contact], *, into_list: str = ""
    ) -> tuple[int, int]:
        """Store ``contacts`` (a name or field given replaces the one kept; others stay).

        Args:
            contacts: checked contacts (:meth:`read_file`'s).
            into_list: also add them to this list (created if new; "" for none).

        Returns:
            How many were added and how many updated.

        Raises:
            StorageError: the file could not be written.
        """
        counts = [0, 0]

        def change(book: _Book) -> None:
            for given in contacts:
                kept = book.contacts.get(given.key)
                counts[kept is not None] += 1
                book.contacts[given.key] = (
                    given
                    if kept is None
                    else Contact(
                        kept.address, given.name or kept.name, {**kept.fields, **given.fields}
                    )
                )
            if into_list.strip():
                old = book.lists.get(name_key(into_list))
                members = unique([*(old.members if old else ()), *(c.key for c in contacts)])
                name = old.name if old else into_list.strip()
                book.lists[name_key(name)] = ContactList(name, members)

        await self._write(change)
        return counts[0], counts[1]

    async def export_csv(self, path: Path, *, list_name: str = "") -> int:
        """Write the whole book, or the list ``list_name``, to a CSV file; how many rows.

        Raises:
            StorageError: the file could not be written.
        """
        contacts = self.members(list_name) if list_name else self.contacts()
        try:
            await asyncio.to_thread(write_csv, path, contacts)
        except OSError as exc:
            raise StorageError(
                reason=f"{path.name}: {exc.strerror or type(exc).__name__}"
            ) from None
        return len(contacts)

    async def _write(self, change: Callable[[_Book], object]) -> None:
        """Apply ``change`` to a copy of the book, write it, then keep it (all under the lock)."""
        async with self._writing:
            book = _Book(dict(self._contacts), dict(self._lists), list(self._recent))
            change(book)
            await asyncio.to_thread(self.store.save, book.data())
            self._contacts, self._lists, self._recent = book.contacts, book.lists, book.recent
            self._revision += 1


class _Book:
    """A working copy of the book that a write changes before it is stored."""

    def __init__(
        self, contacts: dict[str, Contact], lists: dict[str, ContactList], recent: list[str]
    ) -> None:
        self.contacts = contacts
        self.lists = lists
        self.recent = recent

    def drop(self, key: str) -> None:
        self.contacts.pop(key, None)
        for list_key, saved in list(self.lists.items()):
            if key in saved.members:
                members = tuple(m for m in saved.members if m != key)
                self.lists[list_key] = ContactList(saved.name, members)

    def rename_member(self, old: str, new: str) -> None:
        for list_key, saved in list(self.lists.items()):
            if old in saved.members:
                members = unique([new if m == old else m for m in saved.members])
                self.lists[list_key] = ContactList(saved.name, members)

    def add_recent(self, keys: Sequence[str]) -> None:
        fresh = set(keys)
        self.recent = [*keys, *(a for a in self.recent if a not in fresh)][:RECENT_LIMIT]

    def data(self) -> BookData:
        return BookData(
            contacts=[c.to_json() for c in sorted(self.contacts.values(), key=_order)],
            lists=[
                s.to_json() for s in sorted(self.lists.values(), key=lambda s: name_key(s.name))
            ],
            recent=list(self.recent),
        )


def _order(contact: Contact) -> tuple[bool, str, str]:
    return (not contact.name, contact.name.casefold(), contact.key)
