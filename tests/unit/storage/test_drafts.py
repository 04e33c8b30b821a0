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
