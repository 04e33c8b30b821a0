"""DraftStore: the compose form saved between sessions, in its own small SQLite file.

One draft per sending mailbox, kept as JSON text: the form changes shape more often than a
schema should. The imported recipient list lives in a table of its own and is written only when
it changes: the form is saved a second and a half after every pause in typing, and re-encoding
100,000 rows each time would stall the window.
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path
from typing import Any

from pecdesk.storage.db import Database

DRAFTS_FILE_NAME = "drafts.sqlite3"
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
        self, mailbox: str, state: dict[str, Any], *, imported: list[Any] | None = None
    ) -> None:
        """Replace the draft of ``mailbox``; the recipient list too when ``imported`` is given.

        The JSON is encoded on the database's thread, not the caller's.
        """
        now = time.time()

        def write(c: sqlite3.Connection) -> None:
            c.execute(_UPSERT_FORM, (mailbox, now, json.dumps(state, ensure_ascii=False)))
            if imported is not None:
                c.execute(_UPSERT_LIST, (mailbox, now, json.dumps(imported, ensure_ascii=False)))

        await self.database.run(write)

    async def load(self, mailbox: str) -> dict[str, Any] | None:
        """The draft of ``mailbox`` with its recipient list under ``imported``, or None."""

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
                text = json.dumps(state["imported"], ensure_ascii=False)
                c.execute(_UPSERT_LIST, (mailbox, time.time(), text))
            return state

        return await self.database.run(read)

    async def discard(self, mailbox: str) -> None:
        """Forget the draft of ``mailbox``."""
        def delete(c: sqlite3.Connection) -> None:
            c.execute("DELETE FROM drafts WHERE mailbox = ?", (mailbox,))
            c.execute("DELETE FROM draft_lists WHERE mailbox = ?", (mailbox,))

        await self.database.run(delete)


def _json_object(text: str) -> dict[str, Any] | None:
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _json_list(text: str) -> list[Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return []
    return value if isinstance(value, list) else []
