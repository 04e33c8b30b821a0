"""The verified copy of the archive: every file proven identical, nothing overwritten silently."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from pecdesk.services.receipts.archive_copy import (
    PART_SUFFIX,
    CopyProgress,
    CopyStopped,
    copy_verified,
    verify_copy,
    write_file,
)
from tests.helpers.read_only import read_only

FILES = {
    "campaign-1-20261204-101010.zip": b"PK\x03\x04" + bytes(range(256)) * 300,
    "campaign-2-20261204-111111.zip": b"PK\x03\x04 second",
    "old/campaign-0-20160101-000000.zip": b"PK\x03\x04 ten years ago",
}


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """An archive folder with two ZIPs and one in a subfolder (bytes, not real ZIPs)."""
    folder = tmp_path / "archive"
    for name, data in FILES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_file_copied_and_proven(archive: Path, tmp_path: Path) -> None:
    """All files land with the same bytes, progress reaches the end, nothing is left over."""
    target = tmp_path / "usb" / "pecdesk"
    steps: list[CopyProgress] = []
    report = copy_verified(archive, target, progress=steps.append)
    assert report.ok
    assert sorted(report.copied) == sorted(FILES)
    assert report.verified == len(FILES)
    for name, data in FILES.items():
        assert (target / name).read_bytes() == data
    assert not list(target.rglob(f"*{PART_SUFFIX}"))
    assert [s.done_files for s in steps] == [0, 1, 2, 3]
    assert steps[-1].done_bytes == steps[-1].total_bytes == sum(map(len, FILES.values()))
    assert steps[-1].current == ""
    assert verify_copy(archive, target) == []


def test_a_second_copy_leaves_identical_files_alone(archive: Path, tmp_path: Path) -> None:
    """Copying again: every file is already there and identical, none is rewritten."""
    target = tmp_path / "share"
    copy_verified(archive, target)
    stamps = {n: (target / n).stat().st_mtime_ns for n in FILES}
    again = copy_verified(archive, target)
    assert again.ok and again.copied == []
    assert sorted(again.identical) == sorted(FILES)
    assert {n: (target / n).stat().st_mtime_ns for n in FILES} == stamps


def test_a_different_file_is_never_overwritten(archive: Path, tmp_path: Path) -> None:
    """A same-named file with other bytes stays as it was and is reported as a conflict."""
    target = tmp_path / "share"
    name = "campaign-2-20261204-111111.zip"
    (target / name).parent.mkdir(parents=True)
    (target / name).write_bytes(b"someone else's file")
    report = copy_verified(archive, target)
    assert not report.ok
    assert report.conflicts == [name]
    assert (target / name).read_bytes() == b"someone else's file"
    assert len(report.copied) == len(FILES) - 1
    assert verify_copy(archive, target) == [name]


def test_a_corrupted_copy_is_detected_and_removed(archive: Path, tmp_path: Path) -> None:
    """A device that flips a byte on its way: the read-back differs, the copy is not kept."""
    bad = "campaign-1-20261204-101010.zip"

    def faulty_device(source: Path, part: Path) -> str:
        expected = write_file(source, part)
        if source.name == bad:
            data = bytearray(part.read_bytes())
            data[len(data) // 2] ^= 0x01
            part.write_bytes(bytes(data))
        return expected

    target = tmp_path / "usb"
    report = copy_verified(archive, target, write=faulty_device)
    assert report.mismatched == [bad]
    assert not report.ok
    assert not (target / bad).exists()
    assert not list(target.rglob(f"*{PART_SUFFIX}"))
    assert sorted(report.copied) == sorted(set(FILES) - {bad})


def test_a_copy_damaged_later_is_found_again(archive: Path, tmp_path: Path) -> None:
    """verify_copy re-checks an old copy: a changed byte and a missing file are both named."""
    target = tmp_path / "usb"
    assert copy_verified(archive, target).ok
    damaged = target / "old/campaign-0-20160101-000000.zip"
    damaged.write_bytes(damaged.read_bytes()[:-1] + b"!")
    (target / "campaign-2-20261204-111111.zip").unlink()
    assert verify_copy(archive, target) == [
        "campaign-2-20261204-111111.zip", "old/campaign-0-20160101-000000.zip"]
    assert digest(archive / "old/campaign-0-20160101-000000.zip") != digest(damaged)


def test_a_read_only_target_is_reported(archive: Path, tmp_path: Path) -> None:
    """A write-protected drive: every file is reported with the system's reason, none copied."""
    target = tmp_path / "locked"
    target.mkdir()
    with read_only(target):
        report = copy_verified(archive, target)
    assert not report.ok
    assert report.copied == []
    assert sorted(name for name, _ in report.failed) == sorted(FILES)
    reasons = {reason for _, reason in report.failed}
    assert reasons & {"Permission denied", "Operation not permitted", "Read-only file system"}
    assert list(target.iterdir()) == []


def test_stop_between_files(archive: Path, tmp_path: Path) -> None:
    """Asked to stop, it stops before the next file; the files done so far stay verified."""
    target = tmp_path / "usb"
    asked = iter([False, True])
    with pytest.raises(CopyStopped):
        copy_verified(archive, target, should_stop=lambda: next(asked))
    copied = [p for p in target.rglob("*") if p.is_file()]
    assert len(copied) == 1
    assert verify_copy(archive, target) != []


def test_the_archive_onto_itself_is_refused(archive: Path) -> None:
    """Copying the archive into its own folder is refused, and nothing is touched."""
    before = {p: p.read_bytes() for p in archive.rglob("*") if p.is_file()}
    report = copy_verified(archive, archive)
    assert not report.ok and report.failed
    assert {p: p.read_bytes() for p in archive.rglob("*") if p.is_file()} == before


def test_an_empty_or_missing_archive_copies_nothing(tmp_path: Path) -> None:
    """No archive folder yet: an empty, successful report."""
    report = copy_verified(tmp_path / "none", tmp_path / "usb")
    assert report.ok and report.verified == 0
