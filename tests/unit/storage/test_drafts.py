"""Compose drafts survive closing: saved per mailbox in their own SQLite file."""

from __future__ import annotations

import asyncio
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
