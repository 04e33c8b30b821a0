"""MailCache on a real SQLite file: saving, paging, folding search, bodies, flags, pruning."""

from __future__ import annotations

import asyncio
import os
import stat
from collections.abc import Coroutine, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest

from pecdesk.domain.models import InboxItem
from pecdesk.storage.mail_cache import (
    CACHE_FILE_NAME,
    MIGRATIONS,
    CachedHeader,
    MailCache,
    fold,
)

T = TypeVar("T")
ACCOUNT = "pec|studio.rossi@pecmassiva.com"
START = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def header(n: int, subject: str = "", *, kind: str = "altro") -> CachedHeader:
    """Message ``n``: newer as ``n`` grows."""
    item = InboxItem(
        id=n,
        sender=f"mittente{n}@pec.it",
        sender_text=f'"Per conto di: mittente{n}@pec.it" ',
        recipient="studio.rossi@pecmassiva.com",
        date=START + timedelta(minutes=n),
        date_text="",
        subject=subject or f"Pratica {n}",
    )
    return CachedHeader(key=f"key{n}", item=item, kind=kind, code="")


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[MailCache]:
    """A cache in a throwaway data dir."""
    opened = MailCache.open(tmp_path / "data")
    yield opened
    opened.close()


def run(coro: Coroutine[Any, Any, T]) -> T:
    """Run one coroutine on a fresh loop (no Qt here)."""
    return asyncio.run(coro)


def test_file_is_private_and_migrated(cache: MailCache, tmp_path: Path) -> None:
    """The cache has its own file, readable by the owner only, at the latest schema."""
    path = tmp_path / "data" / CACHE_FILE_NAME
    assert cache.database.path == path
    assert cache.database.schema_version == len(MIGRATIONS)
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_store_and_page_newest_first(cache: MailCache) -> None:
    """Saved headers come back newest first, paged, with their date and id."""
    saved = run(cache.store_headers(ACCOUNT, "L1", [header(n) for n in range(1, 31)]))
    assert set(saved) == {f"key{n}" for n in range(1, 31)}
    first = run(cache.page(ACCOUNT, offset=0, limit=25))
    second = run(cache.page(ACCOUNT, offset=25, limit=25))
    assert [m.header.item.id for m in first] == list(range(30, 5, -1))
    assert [m.header.item.id for m in second] == [5, 4, 3, 2, 1]
    assert first[0].header.item.date == START + timedelta(minutes=30)
    assert first[0].header == header(30)
    assert run(cache.count(ACCOUNT)) == 30
    assert run(cache.page("other|account")) == []


def test_search_folds_case_and_accents(cache: MailCache) -> None:
    """A search for "citta" finds "Città"; sender and body text are searched too."""
    run(
        cache.store_headers(
            ACCOUNT,
            "L1",
            [header(1, "Comunicazione della CITTÀ di Bologna"), header(2), header(3)],
        )
    )
    run(
        cache.store_body(
            ACCOUNT,
            "key3",
            "<p>Fattura n. 77</p>",
            server_id=3,
            search_text="Fattura n. 77",
            kind="altro",
        )
    )
    assert fold("Città Niccolò") == "citta niccolo"
    assert [m.header.key for m in run(cache.page(ACCOUNT, "citta"))] == ["key1"]
    assert [m.header.key for m in run(cache.page(ACCOUNT, "MITTENTE2"))] == ["key2"]
    assert [m.header.key for m in run(cache.page(ACCOUNT, "fattura n. 77"))] == ["key3"]
    assert run(cache.count(ACCOUNT, "pratica")) == 2
    assert run(cache.page(ACCOUNT, "nessuno")) == []


def test_body_kind_and_read_flags(cache: MailCache) -> None:
    """A body is saved with the kind its text revealed; a later listing keeps that kind."""
    run(cache.store_headers(ACCOUNT, "L1", [header(1, kind="preavviso-errore-consegna")]))
    assert run(cache.body(ACCOUNT, "key1", 1)) is None
    run(
        cache.store_body(
            ACCOUNT,
            "key1",
            "testo",
            server_id=1,
            search_text="testo",
            kind="errore-consegna-tempo-massimo",
        )
    )
    assert run(cache.body(ACCOUNT, "key1", 1)) == "testo"
    again = run(cache.store_headers(ACCOUNT, "L2", [header(1, kind="preavviso-errore-consegna")]))
    assert again["key1"].header.kind == "errore-consegna-tempo-massimo"
    assert again["key1"].has_body
    run(cache.set_read(ACCOUNT, ["key1"], True))
    assert run(cache.page(ACCOUNT))[0].is_read
    run(cache.set_read(ACCOUNT, ["key1"], False))
    assert not run(cache.page(ACCOUNT))[0].is_read


def test_text_learnt_is_dropped_when_the_key_changes_id(cache: MailCache) -> None:
    """Identical headers may swap keys between listings: a text never follows a key to a new id."""
    run(cache.store_headers(ACCOUNT, "L1", [header(1, kind="preavviso-errore-consegna")]))
    run(
        cache.store_body(
            ACCOUNT,
            "key1",
            "12 ore",
            server_id=1,
            search_text="12 ore",
            kind="preavviso-errore-consegna",
        )
    )
    moved = CachedHeader("key1", replace(header(1).item, id=2), "preavviso-errore-consegna", "")
    again = run(cache.store_headers(ACCOUNT, "L2", [moved]))
    assert not again["key1"].has_body
    assert run(cache.body(ACCOUNT, "key1", 2)) is None
    assert run(cache.body(ACCOUNT, "key1", 1)) is not None  # stale, and never asked for
    assert run(cache.page(ACCOUNT, "12 ore")) == []


def test_body_of_an_unknown_message_is_not_kept(cache: MailCache) -> None:
    """Bodies belong to listed messages only."""
    run(cache.store_body(ACCOUNT, "nope", "x", server_id=1, search_text="x", kind="altro"))
    assert run(cache.body(ACCOUNT, "nope", 1)) is None


def test_forget_and_sweep(cache: MailCache) -> None:
    """Deleted messages are forgotten with their bodies; a complete listing prunes the rest."""
    run(cache.store_headers(ACCOUNT, "L1", [header(n) for n in range(1, 6)]))
    run(cache.store_body(ACCOUNT, "key2", "b", server_id=2, search_text="b", kind="altro"))
    run(cache.forget(ACCOUNT, ["key2"]))
    assert run(cache.body(ACCOUNT, "key2", 2)) is None
    assert run(cache.count(ACCOUNT)) == 4
    run(cache.store_headers(ACCOUNT, "L2", [header(1), header(3)]))
    assert run(cache.sweep(ACCOUNT, "L2")) == 2
    assert [m.header.key for m in run(cache.page(ACCOUNT))] == ["key3", "key1"]


def test_reopening_keeps_everything(tmp_path: Path) -> None:
    """The cache survives a restart (that is what makes the list open instantly)."""
    first = MailCache.open(tmp_path)
    run(first.store_headers(ACCOUNT, "L1", [header(1)]))
    first.close()
    second = MailCache.open(tmp_path)
    try:
        assert [m.header.key for m in run(second.page(ACCOUNT))] == ["key1"]
    finally:
        second.close()
