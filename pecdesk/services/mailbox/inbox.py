"""InboxService: the INBOX page by page from the service, and a saved copy for instant, offline use.

Two kinds of listing feed the inbox list, both paged 25 at a time:

- :class:`ServerListing` asks ``GET /inbox`` (optionally with the service's slow ``q`` search),
  de-duplicates by id, ends on a short page or a page with nothing new (``n_of_pages`` is never
  trusted, api.md 7.6) and saves every row it sees in the :class:`MailCache`;
- :class:`SavedListing` reads the cache: the last known mailbox, or a local search over it.

Ids may renumber after deletions (api.md 7.7), so a message is known by a fingerprint of its
headers; before a message is opened or deleted by id, the service's copy is checked against it.
"""

from __future__ import annotations

import abc
import hashlib
import logging
import os
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from typing import ClassVar

from pecdesk.domain.models import InboxItem, Message
from pecdesk.domain.receipts import ReceiptKind, classify
from pecdesk.errors import NotFoundError, PecError, StorageError
from pecdesk.i18n import QT_TRANSLATE_NOOP
from pecdesk.services.mailbox.mail import MailService
from pecdesk.services.mailbox.text import text_of
from pecdesk.services.mailbox.timeouts import TimeoutJudge
from pecdesk.storage.mail_cache import CachedHeader, MailCache, SavedMessage

PAGE_SIZE = 25
"""Messages per ``GET /inbox`` page, as the service documents it."""
ReceiptSink = Callable[[Sequence[InboxItem]], Awaitable[object]]
"""Takes the receipts of a page just listed (the tracker files those of our sendings)."""

_log = logging.getLogger(__name__)


class InboxChangedError(PecError):
    """The message at an id is not the one listed: the mailbox changed since it was listed."""

    title = QT_TRANSLATE_NOOP("PecError", "The inbox has changed")
    default_template = QT_TRANSLATE_NOOP(
        "PecError",
        "The message “{subject}” is no longer where the list says: messages were added or "
        "deleted on the PEC service meanwhile. The list has been reloaded; please try again.",
    )


def message_key(item: InboxItem | Message) -> str:
    """A fingerprint of a message's headers: the same for its list row and its full copy."""
    when = str(int(item.date.timestamp())) if item.date is not None else item.date_text.strip()
    text = "\x1f".join((item.sender, item.recipient, when, item.subject.strip()))
    return hashlib.blake2b(text.encode("utf-8", "replace"), digest_size=12).hexdigest()


def base_key(key: str) -> str:
    """``key`` without the suffix that tells identical messages apart."""
    return key.partition("#")[0]


@dataclass(frozen=True, slots=True)
class InboxRow:
    """One message as the inbox list shows it.

    Attributes:
        key: the message's fingerprint, unique within a listing (ids may renumber).
        item: its headers, with the id the service gave it last.
        kind: its PEC kind (from the subject; refined by the text once opened).
        code: the sending code a receipt refers to; "" for other mail.
        is_read: opened on this computer (the service keeps no such flag).
    """

    key: str
    item: InboxItem
    kind: ReceiptKind
    code: str
    is_read: bool = False

    @property
    def id(self) -> int:
        """The id the service gave the message last."""
        return self.item.id


@dataclass(frozen=True, slots=True)
class ListedPage:
    """One page of a listing.

    Attributes:
        rows: the new rows of this page (ids seen on earlier pages are left out).
        number: the page number asked for.
        total: how many messages the listing holds, as far as is known.
        last: no page follows this one.
        refined: rows of earlier pages whose kind this page revealed (a timeout notice that
            is final, see :mod:`pecdesk.services.mailbox.timeouts`).
    """

    rows: tuple[InboxRow, ...]
    number: int
    total: int
    last: bool
    refined: tuple[InboxRow, ...] = ()


@dataclass(frozen=True, slots=True)
class OpenedMessage:
    """A message with its text, ready to show.

    Attributes:
        row: the row, updated (read; kind refined by the text).
        message: the headers and the decoded body.
        from_cache: the text came from this computer, not from the service.
    """

    row: InboxRow
    message: Message
    from_cache: bool


def _kind(value: str) -> ReceiptKind:
    try:
        return ReceiptKind(value)
    except ValueError:
        return ReceiptKind.OTHER


def _row(saved: SavedMessage) -> InboxRow:
    header = saved.header
    return InboxRow(header.key, header.item, _kind(header.kind), header.code, saved.is_read)


class Listing(abc.ABC):
    """Messages to page through, newest first.

    Attributes:
        ids_are_live: the ids come from the service in this session (not from the cache).
        query: the text searched for; "" lists everything.
    """

    ids_are_live: ClassVar[bool]

    def __init__(self, query: str = "") -> None:
        self.query = query

    @abc.abstractmethod
    async def page(self, number: int) -> ListedPage:
        """Page ``number`` (1-based)."""


class ServerListing(Listing):
    """The mailbox as ``GET /inbox`` lists it now; every row seen is saved in the cache."""

    ids_are_live = True

    def __init__(
        self,
        *,
        mail: MailService,
        cache: MailCache | None,
        account_key: str,
        query: str = "",
        receipts: ReceiptSink | None = None,
    ) -> None:
        super().__init__(query)
        self._mail = mail
        self._cache = cache
        self._receipts = receipts
        self._account = account_key
        self._listing = os.urandom(16).hex()  # a listing id; ``uuid`` is not worth importing
        self._ids: set[int] = set()
        self._seen: Counter[str] = Counter()
        self._total: int | None = None
        self._next_expected = 1
        self._complete_view = not query
        self._timeouts: TimeoutJudge[InboxRow] = TimeoutJudge(
            lambda row: replace(row, kind=ReceiptKind.TIMEOUT_FINAL)
        )

    async def page(self, number: int) -> ListedPage:
        """Fetch page ``number``; the listing ends on a short page or one with nothing new."""
        result = await self._mail.inbox_page(number, self.query)
        if number != self._next_expected or result.total != (self._total or result.total):
            self._complete_view = False  # pages skipped, or the mailbox changed in between
        self._total = result.total if self._total is None else self._total
        self._next_expected = number + 1
        rows = [self._new_row(item) for item in result.items if item.id not in self._ids]
        self._ids.update(row.id for row in rows)
        last = len(result.items) < PAGE_SIZE or not rows
        rows, refined = self._timeouts.judge(rows)
        await self._offer(rows)
        rows = await self._save(rows)
        refined = await self._save(refined)
        if last and self._complete_view:
            await self._sweep()
        total = max(result.total, len(self._ids))
        return ListedPage(tuple(rows), number, total, last, tuple(refined))

    def _new_row(self, item: InboxItem) -> InboxRow:
        base = message_key(item)
        self._seen[base] += 1
        key = base if self._seen[base] == 1 else f"{base}#{self._seen[base]}"
        classified = classify(item.subject)
        return InboxRow(key, item, classified.kind, classified.code)

    async def _offer(self, rows: list[InboxRow]) -> None:
        """Hand the page's receipts to the tracker; a failure there never fails the page."""
        found = [row.item for row in rows if row.code]
        if self._receipts is None or not found:
            return
        try:
            await self._receipts(found)
        except PecError as err:
            _log.warning("Receipts from the inbox not filed: %s", err.message)

    async def _save(self, rows: list[InboxRow]) -> list[InboxRow]:
        if self._cache is None:
            return rows
        headers = [CachedHeader(r.key, r.item, r.kind.value, r.code) for r in rows]
        try:
            saved = await self._cache.store_headers(self._account, self._listing, headers)
        except StorageError as err:
            _log.warning("Inbox rows not saved locally: %s", err.message)
            return rows
        return [
            replace(row, kind=_kind(s.header.kind), is_read=s.is_read)
            if (s := saved.get(row.key)) is not None
            else row
            for row in rows
        ]

    async def _sweep(self) -> None:
        if self._cache is None:
            return
        try:
            gone = await self._cache.sweep(self._account, self._listing)
        except StorageError as err:
            _log.warning("Saved inbox not pruned: %s", err.message)
            return
        if gone:
            _log.info("Forgot %d saved messages no longer in the mailbox", gone)


class SavedListing(Listing):
    """The messages saved on this computer, or those containing ``query``: no network."""

    ids_are_live = False

    def __init__(self, *, cache: MailCache | None, account_key: str, query: str = "") -> None:
        super().__init__(query)
        self._cache = cache
        self._account = account_key
        self._total: int | None = None

    async def page(self, number: int) -> ListedPage:
        """Page ``number`` of the saved messages, newest first."""
        if self._cache is None:
            return ListedPage((), number, 0, last=True)
        if number == 1:
            saved, self._total = await self._cache.first_page(
                self._account, self.query, limit=PAGE_SIZE
            )
        else:
            offset = (number - 1) * PAGE_SIZE
            saved = await self._cache.page(
                self._account, self.query, offset=offset, limit=PAGE_SIZE
            )
            if self._total is None:
                self._total = await self._cache.count(self._account, self.query)
        rows = tuple(_row(one) for one in saved)
        return ListedPage(rows, number, self._total, len(saved) < PAGE_SIZE)


class InboxService:
    """The INBOX of one account: listings, opening, read flags and deleting.

    Without a cache (it could not be opened) everything works but nothing is saved: the saved
    copy and the local search are empty, and read flags last until the window closes. The
    receipts of every page listed from the service go to ``receipts`` (the mailbox's tracker,
    wired by :func:`pecdesk.app.wiring.open_window_services`), whoever asked for the page.

    Attributes:
        account_key: what the cache files this account's messages under.
    """

    def __init__(
        self, *, mail: MailService, cache: MailCache | None, receipts: ReceiptSink | None = None
    ) -> None:
        self._mail = mail
        self._cache = cache
        self._receipts = receipts
        # The built-in sandbox listens on a new port each time: it is filed under one name.
        where = "builtin-sandbox" if mail.account.is_builtin_sandbox else "pec"
        self.account_key = f"{where}|{mail.account.mailbox.casefold()}"

    def server(self, query: str = "") -> ServerListing:
        """A fresh listing of the mailbox from the service (``query``: its slow search)."""
        return ServerListing(
            mail=self._mail, cache=self._cache, account_key=self.account_key, query=query,
            receipts=self._receipts,
        )

    def saved(self, query: str = "") -> SavedListing:
        """The saved copy of the mailbox, or a local search over it."""
        return SavedListing(cache=self._cache, account_key=self.account_key, query=query)

    async def saved_rows(self, limit: int) -> list[InboxRow] | None:
        """The newest ``limit`` saved messages; None when nothing is saved (no cache)."""
        if self._cache is None:
            return None
        return [_row(one) for one in await self._cache.page(self.account_key, limit=limit)]

    async def open(self, row: InboxRow) -> OpenedMessage:
        """The message of ``row`` with its text (saved, or fetched and saved), marked read.

        The saved copy holds the text only: a message that came with attachments is not saved,
        so it is fetched (attachments included) each time it is opened.

        Raises:
            InboxChangedError: the service has another message at the row's id.
        """
        cache = self._cache
        saved = await cache.body(self.account_key, row.key, row.id) if cache is not None else None
        if saved is not None:
            message = _message_of(row.item, saved)
        else:
            message = await self._fetch_checked(row)
        kind = classify(row.item.subject, message.body).kind
        if row.kind is ReceiptKind.TIMEOUT_FINAL and kind is ReceiptKind.TIMEOUT_WARNING:
            kind = row.kind  # the list found it final (its date, a notice before it)
        opened = replace(row, kind=kind, is_read=True)
        try:
            if cache is not None and saved is None and not message.attachments:
                await cache.store_body(
                    self.account_key,
                    row.key,
                    message.body,
                    server_id=row.id,
                    search_text=text_of(message.body),
                    kind=kind.value,
                )
            if cache is not None and not row.is_read:
                await cache.set_read(self.account_key, [row.key], True)
        except StorageError as err:
            _log.warning("Message not saved locally: %s", err.message)
        return OpenedMessage(row=opened, message=message, from_cache=saved is not None)

    async def set_read(self, rows: Sequence[InboxRow], read: bool) -> list[InboxRow]:
        """Mark ``rows`` read or unread on this computer; return them updated."""
        if self._cache is not None:
            await self._cache.set_read(self.account_key, [r.key for r in rows], read)
        return [replace(r, is_read=read) for r in rows]

    async def delete(self, rows: Sequence[InboxRow]) -> list[InboxRow]:
        """Delete ``rows`` from the mailbox, highest id first; return those deleted.

        Each id is checked against the row's fingerprint first, so a renumbered mailbox never
        loses the wrong message; deleting stops at the first mismatch. Going from the highest
        id down also keeps the lower ids valid if the service renumbers after each deletion.

        Raises:
            InboxChangedError: a row's id now holds another message (those before it are gone).
        """
        deleted: list[InboxRow] = []
        try:
            for row in sorted(rows, key=lambda r: r.id, reverse=True):
                try:
                    await self._fetch_checked(row)
                except NotFoundError:
                    deleted.append(row)  # already gone
                    continue
                await self._mail.delete_message(row.id)
                deleted.append(row)
        finally:
            if deleted and self._cache is not None:
                await self._cache.forget(self.account_key, [r.key for r in deleted])
        return deleted

    async def _fetch_checked(self, row: InboxRow) -> Message:
        message = await self._mail.message(row.id)
        if message_key(message) != base_key(row.key):
            raise InboxChangedError(subject=row.item.subject)
        return message


def _message_of(item: InboxItem, body: str) -> Message:
    return Message(
        sender=item.sender,
        sender_text=item.sender_text,
        recipient=item.recipient,
        date=item.date,
        date_text=item.date_text,
        subject=item.subject,
        body=body,
    )
