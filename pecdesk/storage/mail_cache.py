"""MailCache: the INBOX headers and bodies seen so far, kept on disk for instant, offline use.

The cache lives in its own SQLite file (``mailcache.sqlite3``), apart from the send journal: it
is throwaway data, so it is written with ``synchronous=NORMAL`` and may be deleted at any time.
Messages are keyed by a fingerprint of their headers, not by the service's id, because ids may
renumber after deletions (api.md 7.7); the id stored is only the last one the service gave.
Search runs over a folded copy of the text (lower case, accents removed), so "citta" finds
"Città", and never touches the network.
"""

from __future__ import annotations

import sqlite3
import time
import unicodedata
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pecdesk.domain.models import InboxItem
from pecdesk.storage.db import Database, transaction

CACHE_FILE_NAME = "mailcache.sqlite3"
BODY_SEARCH_CHARS = 20_000
"""How much of a message's text is searchable (the start of it)."""

# Each entry upgrades the schema by one version; never edit a released entry, append a new one.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE messages (
            account TEXT NOT NULL,
            key TEXT NOT NULL,
            server_id INTEGER NOT NULL,
            sender TEXT NOT NULL,
            sender_text TEXT NOT NULL,
            recipient TEXT NOT NULL,
            date_ts REAL,
            date_text TEXT NOT NULL,
            subject TEXT NOT NULL,
            kind TEXT NOT NULL,
            code TEXT NOT NULL,
            haystack TEXT NOT NULL,
            body_text TEXT,
            is_read INTEGER NOT NULL DEFAULT 0 CHECK (is_read IN (0, 1)),
            listing TEXT NOT NULL,
            listed_at REAL NOT NULL,
            PRIMARY KEY (account, key)
        )""",
        "CREATE INDEX messages_newest ON messages(account, date_ts DESC, server_id DESC)",
        """CREATE TABLE bodies (
            account TEXT NOT NULL,
            key TEXT NOT NULL,
            server_id INTEGER NOT NULL,
            body TEXT NOT NULL,
            fetched_at REAL NOT NULL,
            PRIMARY KEY (account, key),
            FOREIGN KEY (account, key) REFERENCES messages(account, key) ON DELETE CASCADE
        )""",
    ),
)

_COLUMNS = (
    "key, server_id, sender, sender_text, recipient, date_ts, date_text, subject, kind, code, "
    "is_read, body_text IS NOT NULL"
)
_NEWEST_FIRST = "ORDER BY date_ts DESC, server_id DESC, key"
_MATCH = "(instr(haystack, :needle) > 0 OR instr(coalesce(body_text, ''), :needle) > 0)"


def fold(text: str) -> str:
    """``text`` folded for searching: accents dropped, case folded ("Città" → "citta")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True, slots=True)
class CachedHeader:
    """What is saved of one listed message.

    Attributes:
        key: the message's fingerprint (stable when ids renumber).
        item: its headers and the id the service gave it last.
        kind: its PEC kind, as a ``ReceiptKind`` value.
        code: the sending code a receipt refers to, "" otherwise.
    """

    key: str
    item: InboxItem
    kind: str
    code: str


@dataclass(frozen=True, slots=True)
class SavedMessage:
    """A message as the cache returns it.

    Attributes:
        header: the saved headers (the kind may have been refined from the text).
        is_read: opened on this computer.
        has_body: its text is saved too.
    """

    header: CachedHeader
    is_read: bool
    has_body: bool


def _haystack(item: InboxItem) -> str:
    return fold("\n".join((item.subject, item.sender_text, item.sender, item.recipient)))


def _saved(row: tuple[Any, ...]) -> SavedMessage:
    key, server_id, sender, sender_text, recipient, date_ts, date_text, subject = row[:8]
    kind, code, is_read, has_body = row[8:]
    item = InboxItem(
        id=int(server_id),
        sender=sender,
        sender_text=sender_text,
        recipient=recipient,
        date=None if date_ts is None else datetime.fromtimestamp(date_ts, UTC),
        date_text=date_text,
        subject=subject,
    )
    return SavedMessage(
        header=CachedHeader(key=key, item=item, kind=kind, code=code),
        is_read=bool(is_read),
        has_body=bool(has_body),
    )


def _store_headers(
    connection: sqlite3.Connection,
    account: str,
    listing: str,
    headers: Sequence[CachedHeader],
    now: float,
) -> dict[str, SavedMessage]:
    rows = [
        (
            account,
            h.key,
            h.item.id,
            h.item.sender,
            h.item.sender_text,
            h.item.recipient,
            h.item.date.timestamp() if h.item.date is not None else None,
            h.item.date_text,
            h.item.subject,
            h.kind,
            h.code,
            _haystack(h.item),
            listing,
            now,
        )
        for h in headers
    ]
    with transaction(connection):
        # What was learnt from a message's text (its kind, its searchable text) holds only while
        # the key keeps its id: two mails with identical headers (the two timeout notices sent
        # in the same second) may swap keys between listings, never their texts.
        connection.executemany(
            """INSERT INTO messages (account, key, server_id, sender, sender_text, recipient,
                   date_ts, date_text, subject, kind, code, haystack, listing, listed_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (account, key) DO UPDATE SET
                   server_id = excluded.server_id, listing = excluded.listing,
                   listed_at = excluded.listed_at,
                   kind = CASE WHEN messages.body_text IS NOT NULL
                                    AND messages.server_id = excluded.server_id
                               THEN messages.kind ELSE excluded.kind END,
                   body_text = CASE WHEN messages.server_id = excluded.server_id
                               THEN messages.body_text END""",
            rows,
        )
    return _by_keys(connection, account, [h.key for h in headers])


def _by_keys(
    connection: sqlite3.Connection, account: str, keys: Sequence[str]
) -> dict[str, SavedMessage]:
    found: dict[str, SavedMessage] = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        marks = ",".join("?" * len(chunk))
        cursor = connection.execute(
            f"SELECT {_COLUMNS} FROM messages WHERE account = ? AND key IN ({marks})",  # noqa: S608
            (account, *chunk),
        )
        for row in cursor:
            saved = _saved(row)
            found[saved.header.key] = saved
    return found


def _page(
    connection: sqlite3.Connection, account: str, needle: str, offset: int, limit: int
) -> list[SavedMessage]:
    where = f"account = :account AND {_MATCH}" if needle else "account = :account"
    cursor = connection.execute(
        f"SELECT {_COLUMNS} FROM messages WHERE {where} {_NEWEST_FIRST} "  # noqa: S608
        "LIMIT :limit OFFSET :offset",
        {"account": account, "needle": fold(needle), "limit": limit, "offset": offset},
    )
    return [_saved(row) for row in cursor]


def _first_page(
    connection: sqlite3.Connection, account: str, needle: str, limit: int
) -> tuple[list[SavedMessage], int]:
    """The first ``limit`` matches and how many there are, in one pass over the rows."""
    where = f"account = :account AND {_MATCH}" if needle else "account = :account"
    rows = connection.execute(
        f"SELECT {_COLUMNS}, count(*) OVER () FROM messages WHERE {where} "  # noqa: S608
        f"{_NEWEST_FIRST} LIMIT :limit",
        {"account": account, "needle": fold(needle), "limit": limit},
    ).fetchall()
    return [_saved(row[:-1]) for row in rows], int(rows[0][-1]) if rows else 0


def _count(connection: sqlite3.Connection, account: str, needle: str) -> int:
    where = f"account = :account AND {_MATCH}" if needle else "account = :account"
    (count,) = connection.execute(
        f"SELECT count(*) FROM messages WHERE {where}",  # noqa: S608
        {"account": account, "needle": fold(needle)},
    ).fetchone()
    return int(count)


def _store_body(
    connection: sqlite3.Connection,
    account: str,
    key: str,
    body: str,
    *,
    server_id: int,
    search_text: str,
    kind: str,
    now: float,
) -> None:
    with transaction(connection):
        updated = connection.execute(
            "UPDATE messages SET body_text = ?, kind = ? "
            "WHERE account = ? AND key = ? AND server_id = ?",
            (fold(search_text[:BODY_SEARCH_CHARS]), kind, account, key, server_id),
        ).rowcount
        if updated:
            connection.execute(
                "INSERT OR REPLACE INTO bodies (account, key, server_id, body, fetched_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (account, key, server_id, body, now),
            )


def _keys_in(keys: Collection[str]) -> tuple[str, list[str]]:
    listed = list(keys)
    return ",".join("?" * len(listed)), listed


class MailCache:
    """Saved INBOX headers, bodies and read flags of every account used on this computer.

    Every method runs its SQL on the database thread, so an event loop awaiting it stays free.

    Attributes:
        database: the SQLite file the cache lives in.
    """

    def __init__(self, database: Database, *, clock: Callable[[], float] = time.time) -> None:
        self.database = database
        self._clock = clock

    @classmethod
    def open(cls, data_dir: Path, *, clock: Callable[[], float] = time.time) -> MailCache:
        """Open (creating and migrating if needed) the cache in ``data_dir``."""
        database = Database(data_dir / CACHE_FILE_NAME, migrations=MIGRATIONS)
        # A cache may lose its last writes in a power cut; it need not wait for the disk.
        database.call(lambda c: c.execute("PRAGMA synchronous=NORMAL"))
        return cls(database, clock=clock)

    def close(self) -> None:
        """Close the database."""
        self.database.close()

    async def store_headers(
        self, account: str, listing: str, headers: Sequence[CachedHeader]
    ) -> dict[str, SavedMessage]:
        """Save listed messages (seen by ``listing``); return them as saved, by key."""
        if not headers:
            return {}
        now = self._clock()
        return await self.database.run(lambda c: _store_headers(c, account, listing, headers, now))

    async def page(
        self, account: str, needle: str = "", *, offset: int = 0, limit: int = 25
    ) -> list[SavedMessage]:
        """Saved messages, newest first, whose text contains ``needle`` (all when empty)."""
        return await self.database.run(lambda c: _page(c, account, needle, offset, limit))

    async def first_page(
        self, account: str, needle: str = "", *, limit: int = 25
    ) -> tuple[list[SavedMessage], int]:
        """The newest ``limit`` messages containing ``needle``, and how many contain it."""
        return await self.database.run(lambda c: _first_page(c, account, needle, limit))

    async def count(self, account: str, needle: str = "") -> int:
        """How many saved messages contain ``needle`` (all when empty)."""
        return await self.database.run(lambda c: _count(c, account, needle))

    async def body(self, account: str, key: str, server_id: int) -> str | None:
        """The saved text of a message, None unless it was fetched from this same id."""
        row = await self.database.run(
            lambda c: c.execute(
                "SELECT body FROM bodies WHERE account = ? AND key = ? AND server_id = ?",
                (account, key, server_id),
            ).fetchone()
        )
        return None if row is None else str(row[0])

    async def store_body(
        self, account: str, key: str, body: str, *, server_id: int, search_text: str, kind: str
    ) -> None:
        """Save a message's text (fetched from ``server_id``) and the kind it reveals.

        Only a saved message that still has that id takes it.
        """
        now = self._clock()
        await self.database.run(
            lambda c: _store_body(
                c,
                account,
                key,
                body,
                server_id=server_id,
                search_text=search_text,
                kind=kind,
                now=now,
            )
        )

    async def set_read(self, account: str, keys: Collection[str], read: bool) -> None:
        """Mark saved messages read or unread."""
        marks, listed = _keys_in(keys)
        if listed:
            await self.database.run(
                lambda c: c.execute(
                    f"UPDATE messages SET is_read = ? WHERE account = ? AND key IN ({marks})",  # noqa: S608
                    (int(read), account, *listed),
                )
            )

    async def forget(self, account: str, keys: Collection[str]) -> None:
        """Drop messages (deleted from the mailbox) and their text."""
        marks, listed = _keys_in(keys)
        if listed:
            await self.database.run(
                lambda c: c.execute(
                    f"DELETE FROM messages WHERE account = ? AND key IN ({marks})",  # noqa: S608
                    (account, *listed),
                )
            )

    async def sweep(self, account: str, listing: str) -> int:
        """Drop every message a complete ``listing`` did not see (deleted elsewhere)."""
        return await self.database.run(
            lambda c: (
                c.execute(
                    "DELETE FROM messages WHERE account = ? AND listing != ?", (account, listing)
                ).rowcount
            )
        )
