"""DraftStore: the compose form saved between sessions, in its own small SQLite file.

One draft per sending mailbox, kept as JSON text: the form changes shape more often than a
schema should. The store deals in JSON objects only; their meaning (and the tolerance of old or
damaged drafts) is :class:`pecdesk.services.sending.draft.Draft`'s. The imported recipient list
lives in a table of its own and is written only when it changes: the form is saved a second and
a half after every pause in typing, and re-encoding 100,000 rows each time would stall the
window.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pecdesk.storage.db import Database

DRAFTS_FILE_NAME = "drafts.sqlite3"
PIECE = 500
"""Recipients encoded (or decoded) by one JSON call (see :func:`dumps_list`)."""
DRAFT_MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE drafts (
            mailbox TEXT PRIMARY KEY,
            saved_at REAL NOT NULL,
            state TEXT NOT NULL
        )""",
    ),
    (
        """CREATE TABLE draft_lists (
            mailbox TEXT PRIMARY KEY,
            saved_at REAL NOT NULL,
            rows TEXT NOT NULL
        )""",
    ),
)
_UPSERT_FORM = (
    "INSERT INTO drafts (mailbox, saved_at, state) VALUES (?, ?, ?) ON CONFLICT(mailbox) "
    "DO UPDATE SET saved_at = excluded.saved_at, state = excluded.state"
)
_UPSERT_LIST = (
    "INSERT INTO draft_lists (mailbox, saved_at, rows) VALUES (?, ?, ?) ON CONFLICT(mailbox) "
    "DO UPDATE SET saved_at = excluded.saved_at, rows = excluded.rows"
)


class DraftStore:
    """Saves and loads the compose draft of each mailbox.

    Attributes:
        database: the drafts database.
    """

    def __init__(self, database: Database) -> None:
        self.database = database

    @classmethod
    def open(cls, data_dir: Path) -> DraftStore:
        """Open (creating if needed) the drafts file in ``data_dir``."""
        return cls(Database(data_dir / DRAFTS_FILE_NAME, migrations=DRAFT_MIGRATIONS))

    def close(self) -> None:
        """Close the database."""
        self.database.close()

    async def save(
        self,
        mailbox: str,
        state: Mapping[str, object],
        *,
        imported: Sequence[object] | None = None,
    ) -> None:
        """Replace the draft of ``mailbox``; the recipient list too when ``imported`` is given.

        The JSON is encoded on the database's thread, not the caller's.
        """
        now = time.time()

        def write(c: sqlite3.Connection) -> None:
            c.execute(_UPSERT_FORM, (mailbox, now, json.dumps(dict(state), ensure_ascii=False)))
            if imported is not None:
                c.execute(_UPSERT_LIST,
                          (mailbox, now, dumps_list(list(imported))))

        await self.database.run(write)

    async def load(self, mailbox: str) -> dict[str, Any] | None:
        """The draft of ``mailbox`` with its recipient list under ``imported``, or None.

        A damaged draft (not JSON, not an object) reads as None; a damaged list as empty.
        """

        def read(c: sqlite3.Connection) -> dict[str, Any] | None:
            row = c.execute("SELECT state FROM drafts WHERE mailbox = ?", (mailbox,)).fetchone()
            state = _json_object(row[0]) if row is not None else None
            if state is None:
                return None
            rows = c.execute(
                "SELECT rows FROM draft_lists WHERE mailbox = ?", (mailbox,)
            ).fetchone()
            if rows is not None:
                state["imported"] = _json_list(rows[0])
            elif isinstance(state.get("imported"), list):  # saved before lists had their table
                text = dumps_list(state["imported"])
                c.execute(_UPSERT_LIST, (mailbox, time.time(), text))
            return state

        return await self.database.run(read)

    async def discard(self, mailbox: str) -> None:
        """Forget the draft of ``mailbox``."""
        def delete(c: sqlite3.Connection) -> None:
            c.execute("DELETE FROM drafts WHERE mailbox = ?", (mailbox,))
            c.execute("DELETE FROM draft_lists WHERE mailbox = ?", (mailbox,))

        await self.database.run(delete)


def _json_object(text: object) -> dict[str, Any] | None:
    try:
        value = json.loads(text)  # type: ignore[arg-type]  # a damaged row may hold anything
    except (ValueError, TypeError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def dumps_list(items: list[Any]) -> str:
    r"""``items`` as a JSON array written in pieces of :data:`PIECE` items, one piece a line.

    Still one JSON array (older versions read it as such), but no single encoding or decoding
    call covers the whole list: each holds Python's interpreter lock for a millisecond or two,
    not the 150 ms of a 100,000-row list, so the window's thread is never kept waiting.
    Newlines never occur inside JSON-encoded strings, so ``,\n`` separates pieces only.
    """
    pieces = (json.dumps(items[n:n + PIECE], ensure_ascii=False)[1:-1]
              for n in range(0, len(items), PIECE))
    return "[\n" + ",\n".join(pieces) + "\n]" if items else "[]"


def _json_list(text: object) -> list[Any]:
    try:
        if isinstance(text, str) and text.startswith("[\n") and text.endswith("\n]"):
            result: list[Any] = []
            for piece in text[2:-2].split(",\n"):
                result += json.loads(f"[{piece}]")
            return result
        value = json.loads(text)  # type: ignore[arg-type]  # a damaged row may hold anything
    except (ValueError, TypeError, RecursionError):
        return []
    return value if isinstance(value, list) else []
