"""Copy the archive to another folder (a USB drive, a network share) and prove the copy is whole.

The archive is the only copy of receipts purged from the server, so a second copy elsewhere is
worth having, and a copy that was never checked is worth little: a failing drive or a dropped
share connection leaves files that look fine and are not. So every file is hashed while it is
read, written to a temporary name beside its destination, flushed to the device, read back
*from the target* and hashed again; only a matching copy takes its real name. A file already
at the target is hashed too: identical, it is left alone; different, it is never overwritten
(it is reported, and the person decides). Blocking I/O: run it in a worker thread
(:func:`asyncio.to_thread`), with ``progress`` forwarding to the UI.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

CHUNK = 1024 * 1024
PART_SUFFIX = ".pecdesk-part"
"""Suffix of a file being copied; a leftover one is an interrupted copy, never the archive."""


class CopyStopped(Exception):  # noqa: N818 - a request, not an error
    """The person stopped the copy; the files already verified stay."""


@dataclass(frozen=True, slots=True)
class CopyProgress:
    """How far a copy has come.

    Attributes:
        done_files: files finished (copied, identical, or reported).
        total_files: files in the archive.
        done_bytes: bytes read so far.
        total_bytes: bytes in the archive.
        current: the file being copied ("" once finished), relative to the archive.
    """

    done_files: int
    total_files: int
    done_bytes: int
    total_bytes: int
    current: str


@dataclass(slots=True)
class CopyReport:
    """What a verified copy did, file by file (paths relative to the archive).

    Attributes:
        target: the folder copied to.
        copied: files copied and read back identical.
        identical: files already at the target with the same content (left alone).
        conflicts: files already at the target with other content (never overwritten).
        mismatched: files whose copy read back differently (removed from the target).
        failed: files that could not be copied, with the system's reason.
    """

    target: Path
    copied: list[str] = field(default_factory=list)
    identical: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    mismatched: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def verified(self) -> int:
        """Files that are now at the target, proven identical to the archive's."""
        return len(self.copied) + len(self.identical)

    @property
    def ok(self) -> bool:
        """Every file of the archive is at the target and proven identical."""
        return not (self.conflicts or self.mismatched or self.failed)


WriteFile = Callable[[Path, Path], str]
"""``write(source, part)``: copy ``source`` to ``part`` and return the source's SHA-256."""


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def write_file(source: Path, part: Path) -> str:
    """Copy ``source`` to ``part`` (new file only), flushed to the device; the source's hash."""
    digest = hashlib.sha256()
    with source.open("rb") as reader, part.open("xb") as writer:
        while chunk := reader.read(CHUNK):
            digest.update(chunk)
            writer.write(chunk)
        writer.flush()
        os.fsync(writer.fileno())
    return digest.hexdigest()


def archive_files(source_dir: Path) -> list[Path]:
    """The archive's regular files (no links, no leftovers of an interrupted copy), sorted."""
    if not source_dir.is_dir():
        return []
    return sorted(
        p for p in source_dir.rglob("*")
        if p.is_file() and not p.is_symlink() and not p.name.endswith(PART_SUFFIX)
    )


def copy_verified(
    source_dir: Path,
    target_dir: Path,
    *,
    progress: Callable[[CopyProgress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    write: WriteFile = write_file,
) -> CopyReport:
    """Copy every file of ``source_dir`` into ``target_dir``, verifying each copy.

    Args:
        source_dir: the archive folder.
        target_dir: where the copy goes (created if missing).
        progress: called before each file and at the end, from the calling thread.
        should_stop: polled between files; True stops the copy (:class:`CopyStopped`).
        write: how one file is written (the default flushes it to the device).

    Raises:
        CopyStopped: ``should_stop`` said so.
    """
    report = CopyReport(target_dir)
    files = archive_files(source_dir)
    sizes = {p: p.stat().st_size for p in files}
    total_bytes = sum(sizes.values())
    done_bytes = 0
    if source_dir.resolve() == target_dir.resolve():
        report.failed.append((".", "the target is the archive folder itself"))
        return report
    for number, source in enumerate(files):
        name = source.relative_to(source_dir).as_posix()
        if progress is not None:
            progress(CopyProgress(number, len(files), done_bytes, total_bytes, name))
        if should_stop is not None and should_stop():
            raise CopyStopped
        target = target_dir / source.relative_to(source_dir)
        part = target.with_name(target.name + PART_SUFFIX)
        try:
            _copy_one(source, target, part, name=name, report=report, write=write)
        except OSError as exc:
            report.failed.append((name, exc.strerror or str(exc)))
            with contextlib.suppress(OSError):  # the target may refuse even that
                part.unlink(missing_ok=True)
        done_bytes += sizes[source]
    if progress is not None:
        progress(CopyProgress(len(files), len(files), done_bytes, total_bytes, ""))
    return report


def _copy_one(
    source: Path, target: Path, part: Path, *, name: str, report: CopyReport, write: WriteFile
) -> None:
    """Copy one file through ``part``, read it back, and file the outcome in ``report``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        same = sha256_of(target) == sha256_of(source)
        (report.identical if same else report.conflicts).append(name)
        return
    part.unlink(missing_ok=True)
    expected = write(source, part)
    if sha256_of(part) != expected:  # read back from the target device
        part.unlink(missing_ok=True)
        report.mismatched.append(name)
    elif target.exists():  # appeared meanwhile: never replace it
        part.unlink(missing_ok=True)
        report.conflicts.append(name)
    else:
        part.replace(target)
        report.copied.append(name)


def verify_copy(source_dir: Path, target_dir: Path) -> list[str]:
    """Files of the archive missing from ``target_dir`` or different there (relative paths).

    Checks an earlier copy again (a drive kept in a drawer for years).
    """
    problems: list[str] = []
    for source in archive_files(source_dir):
        target = target_dir / source.relative_to(source_dir)
        if not target.is_file() or sha256_of(target) != sha256_of(source):
            problems.append(source.relative_to(source_dir).as_posix())
    return problems
