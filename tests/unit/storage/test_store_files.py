"""Damaged or unusable store files: a plain StorageError, and the file left byte for byte."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from pecdesk.errors import StorageError
from pecdesk.storage import STORE_FILE_NAME, AttachmentData, NewCampaign, NewJob, QueueStore
from pecdesk.storage.drafts import DRAFTS_FILE_NAME, DraftStore
from pecdesk.storage.mail_cache import CACHE_FILE_NAME, MailCache
from pecdesk.storage.queue_schema import QUEUE_MIGRATIONS
from pecdesk.storage.session_stores import (
    CACHE_OFF,
    DRAFTS_OFF,
    StoreProblem,
    open_mail_cache,
    open_send_stores,
)
from tests.helpers.read_only import read_only

Opener = Callable[[Path], object]
STORES: list[tuple[str, Opener]] = [
    (STORE_FILE_NAME, QueueStore.open),
    (DRAFTS_FILE_NAME, DraftStore.open),
    (CACHE_FILE_NAME, MailCache.open),
]


def _ids(stores: list[tuple[str, Opener]]) -> list[str]:
    return [name for name, _ in stores]


def _real_store(folder: Path) -> bytes:
    """The bytes of a closed queue store holding one campaign of thirty jobs."""
    store = QueueStore.open(folder)
    jobs = tuple(NewJob((f"p{n}@pec.it",), "Avviso", "Testo " * 200) for n in range(30))
    new = NewCampaign("studio@pec.it", "Avviso", "Testo", False,
                      (AttachmentData("a.pdf", b"%PDF" * 2000),), jobs)
    asyncio.run(store.add_campaign(new))
    store.close()
    return (folder / STORE_FILE_NAME).read_bytes()


def _refused(open_store: Opener, folder: Path, match: str) -> StorageError:
    """Open ``folder``'s store, expecting a refusal; the folder's listing must not change."""
    before = sorted(p.name for p in folder.iterdir())
    with pytest.raises(StorageError, match=match) as caught:
        open_store(folder)
    assert sorted(p.name for p in folder.iterdir()) == before
    message = caught.value.message
    assert "untouched" in message or "Nothing in it was changed" in message
    return caught.value


@pytest.mark.parametrize(("name", "open_store"), STORES, ids=_ids(STORES))
def test_an_empty_file_is_not_taken_for_a_new_store(
    tmp_path: Path, name: str, open_store: Opener
) -> None:
    """A 0-byte store is refused as empty; it stays 0 bytes (no fresh schema written in it)."""
    (tmp_path / name).write_bytes(b"")
    error = _refused(open_store, tmp_path, r"empty \(0 bytes\)")
    assert str(tmp_path / name) in error.message
    assert (tmp_path / name).read_bytes() == b""


@pytest.mark.parametrize(
    "content",
    [b"hello, not a database\n" * 300, b"\x89PNG\r\n\x1a\n" + bytes(5000), b"x"],
    ids=["text", "png", "one-byte"],
)
@pytest.mark.parametrize(("name", "open_store"), STORES, ids=_ids(STORES))
def test_a_file_that_is_not_sqlite_is_left_alone(
    tmp_path: Path, name: str, open_store: Opener, content: bytes
) -> None:
    """Any file without the sqlite header is refused and kept as it was."""
    (tmp_path / name).write_bytes(content)
    _refused(open_store, tmp_path, "not a pecdesk database")
    assert (tmp_path / name).read_bytes() == content


@pytest.mark.parametrize("cut", [10, 99, 100, 4096, 5000, -1])
def test_a_truncated_store_is_refused(tmp_path: Path, cut: int) -> None:
    """The first N bytes of a real store are refused as cut short, the bytes unchanged."""
    whole = _real_store(tmp_path / "whole")
    part = whole[:cut]
    assert 0 < len(part) < len(whole)
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / STORE_FILE_NAME).write_bytes(part)
    _refused(QueueStore.open, damaged, "cut short")
    assert (damaged / STORE_FILE_NAME).read_bytes() == part


def test_a_store_with_a_broken_page_is_refused_unchanged(tmp_path: Path) -> None:
    """A whole-length file whose schema page is garbage is refused as damaged, not repaired."""
    whole = bytearray(_real_store(tmp_path))
    whole[100:4096] = b"\xee" * (4096 - 100)  # the schema table (sqlite_master), header kept
    path = tmp_path / STORE_FILE_NAME
    path.write_bytes(bytes(whole))
    _refused(QueueStore.open, tmp_path, r"is damaged \(database disk image is malformed\)")
    assert path.read_bytes() == bytes(whole)


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_a_newer_schema_is_refused_byte_for_byte(tmp_path: Path, journal: str) -> None:
    """A store from a newer pecdesk is refused with both versions named; not even WAL is set."""
    path = tmp_path / STORE_FILE_NAME
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA journal_mode={journal}")
    connection.execute("CREATE TABLE future (x)")
    connection.execute(f"PRAGMA user_version={len(QUEUE_MIGRATIONS) + 3}")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    error = _refused(QueueStore.open, tmp_path, "newer pecdesk")
    assert error.params["known"] == str(len(QUEUE_MIGRATIONS))
    assert path.read_bytes() == before


@pytest.mark.parametrize(("name", "open_store"), STORES, ids=_ids(STORES))
def test_a_read_only_folder_gives_a_plain_error(
    tmp_path: Path, name: str, open_store: Opener
) -> None:
    """A data folder pecdesk cannot write in is refused up front, no OS error escapes."""
    folder = tmp_path / "data"
    folder.mkdir()
    with read_only(folder):
        _refused(open_store, folder, "cannot write in its data folder")
    assert not (folder / name).exists()


def test_a_read_only_folder_with_a_store_keeps_the_store(tmp_path: Path) -> None:
    """A real store in a read-only folder is refused and kept byte for byte."""
    whole = _real_store(tmp_path)
    with read_only(tmp_path):
        _refused(QueueStore.open, tmp_path, "cannot write in its data folder")
    assert (tmp_path / STORE_FILE_NAME).read_bytes() == whole


def test_a_missing_parent_that_cannot_be_made_is_a_plain_error(tmp_path: Path) -> None:
    """A data folder below a file (it cannot be created) is a StorageError naming the folder."""
    (tmp_path / "file").write_text("x")
    with pytest.raises(StorageError, match="cannot use its data folder"):
        QueueStore.open(tmp_path / "file" / "data")


def test_a_read_only_store_file_is_refused_unchanged(tmp_path: Path) -> None:
    """A read-only store file is refused as read-only and its bytes are kept."""
    whole = _real_store(tmp_path)
    with read_only(tmp_path / STORE_FILE_NAME):
        _refused(QueueStore.open, tmp_path, "is read-only")
    assert (tmp_path / STORE_FILE_NAME).read_bytes() == whole


def test_a_folder_in_place_of_the_store_is_refused(tmp_path: Path) -> None:
    """A directory where the store file should be is not a store."""
    (tmp_path / STORE_FILE_NAME).mkdir()
    error = _refused(QueueStore.open, tmp_path, "not a pecdesk database")
    assert str(tmp_path / STORE_FILE_NAME) in error.message


def test_a_new_store_leaves_no_temporary_file(tmp_path: Path) -> None:
    """A new store is built aside and moved in: afterwards only the store file is there."""
    store = QueueStore.open(tmp_path)
    assert store.database.schema_version == len(QUEUE_MIGRATIONS)
    store.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == [STORE_FILE_NAME]
    reopened = QueueStore.open(tmp_path)  # a healthy store opens again as it was
    assert reopened.database.schema_version == len(QUEUE_MIGRATIONS)
    reopened.close()


def test_session_stores_hand_back_each_problem(tmp_path: Path) -> None:
    """A damaged drafts file and mail cache: the queue still opens, and each reason is kept."""
    (tmp_path / DRAFTS_FILE_NAME).write_bytes(b"")
    (tmp_path / CACHE_FILE_NAME).write_bytes(b"not a database")
    problems: list[StoreProblem] = []
    assert open_mail_cache(tmp_path, problems=problems) is None
    stores = open_send_stores(tmp_path, problems=problems)
    assert stores is not None
    assert stores.drafts is None
    stores.close()
    assert [p.effect for p in problems] == [CACHE_OFF, DRAFTS_OFF]
    assert "not a pecdesk database" in problems[0].error.message
    assert "empty (0 bytes)" in problems[1].error.message
    assert (tmp_path / DRAFTS_FILE_NAME).read_bytes() == b""
