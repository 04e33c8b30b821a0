"""Compose drafts survive closing: saved per mailbox in their own SQLite file."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from pecdesk.storage.drafts import DRAFTS_FILE_NAME, DraftStore


def test_save_load_replace_discard(tmp_path: Path) -> None:
    """A draft is saved, replaced, reopened from disk and discarded."""

    async def scenario() -> None:
        store = DraftStore.open(tmp_path)
        assert await store.load("a@pec.it") is None
        await store.save("a@pec.it", {"subject": "Uno"})
        await store.save("a@pec.it", {"subject": "Due", "body": "<p>è</p>"})
        store.close()
        again = DraftStore.open(tmp_path)
        assert await again.load("a@pec.it") == {"subject": "Due", "body": "<p>è</p>"}
        assert await again.load("b@pec.it") is None
        await again.discard("a@pec.it")
        assert await again.load("a@pec.it") is None
        again.close()

    asyncio.run(scenario())
    assert (tmp_path / DRAFTS_FILE_NAME).stat().st_mode & 0o077 == 0


def test_the_recipient_list_is_written_only_when_given(tmp_path: Path) -> None:
    """Form saves leave the stored list alone; a new list replaces it; old drafts move over."""
    rows = [{"line": n, "raw": f"c{n}@pec.it", "fields": {}, "files": []} for n in range(3)]

    async def scenario() -> None:
        store = DraftStore.open(tmp_path)
        await store.save("a@pec.it", {"subject": "Uno"}, imported=rows)
        await store.save("a@pec.it", {"subject": "Due"})  # typing: the list is not rewritten
        assert await store.load("a@pec.it") == {"subject": "Due", "imported": rows}
        await store.save("a@pec.it", {"subject": "Due"}, imported=rows[:1])
        assert (await store.load("a@pec.it") or {})["imported"] == rows[:1]
        # A draft from before the list had its own table keeps its list from now on.
        await store.save("b@pec.it", {"subject": "Vecchia", "imported": rows})
        assert (await store.load("b@pec.it") or {})["imported"] == rows
        await store.save("b@pec.it", {"subject": "Nuova"})
        assert await store.load("b@pec.it") == {"subject": "Nuova", "imported": rows}
        await store.discard("a@pec.it")
        assert await store.load("a@pec.it") is None
        store.close()

    asyncio.run(scenario())


def test_a_damaged_draft_reads_as_none_and_a_damaged_list_as_empty(tmp_path: Path) -> None:
    """Text that is not JSON, JSON that is not an object, a NULL: no draft, and no crash."""
    store = DraftStore.open(tmp_path)

    def plant(form: object, rows: object) -> None:
        def write(c: sqlite3.Connection) -> None:
            c.execute("INSERT OR REPLACE INTO drafts VALUES ('a@pec.it', 0, ?)", (form,))
            c.execute("INSERT OR REPLACE INTO draft_lists VALUES ('a@pec.it', 0, ?)", (rows,))

        store.database.call(write)

    try:
        for damaged in ("{not json", "[1, 2]", "null", b"\xff\xfe", "[" * 100_000):
            plant(damaged, "[]")
            assert asyncio.run(store.load("a@pec.it")) is None, damaged
        for damaged_list in ("{not json", '{"a": 1}', b"\xff", "[" * 100_000):
            plant('{"subject": "Uno"}', damaged_list)
            assert asyncio.run(store.load("a@pec.it")) == {"subject": "Uno", "imported": []}
    finally:
        store.close()
