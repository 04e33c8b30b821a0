"""DraftStore: the compose form saved between sessions, in its own small SQLite file.

One draft per sending mailbox, kept as JSON text: the form changes shape more often than a
schema should.
"""

from __future__ import annotations

import json
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

    async def save(self, mailbox: str, state: dict[str, Any]) -> None:
        """Replace the draft of ``mailbox``."""
        text = json.dumps(state, ensure_ascii=False)
        now = time.time()
        await self.database.run(
            lambda c: c.execute(
                "INSERT INTO drafts (mailbox, saved_at, state) VALUES (?, ?, ?) "
                "ON CONFLICT(mailbox) DO UPDATE SET saved_at = excluded.saved_at, "
                "state = excluded.state",
                (mailbox, now, text),
            )
        )

    async def load(self, mailbox: str) -> dict[str, Any] | None:
        """The draft of ``mailbox``, or None."""
        row = await self.database.run(
            lambda c: c.execute("SELECT state FROM drafts WHERE mailbox = ?", (mailbox,)).fetchone()
        )
        if row is None:
            return None
        try:
            state = json.loads(row[0])
        except ValueError:
            return None
        return state if isinstance(state, dict) else None

    async def discard(self, mailbox: str) -> None:
        """Forget the draft of ``mailbox``."""
        await self.database.run(
            lambda c: c.execute("DELETE FROM drafts WHERE mailbox = ?", (mailbox,))
        )
