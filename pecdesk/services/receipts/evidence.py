"""The evidence ZIP of a campaign: what was sent, every receipt as returned, and a manifest.

Contents (all paths relative, ASCII, no directories outside the archive)::

    ledger.csv          one row per recipient: state, code, times, reason (UTF-8 with BOM, ';')
    receipts.json       every receipt exactly as the service returned it, with when it was seen
    sent/job-<id>.json  each request's sender, recipients, subject, body and attachment digests
                        (each with the archive path of its bytes: ``file``)
    attachments/<n>-<name>   the campaign's attachments (every job carries them), byte for byte
    attachments/job-<id>/<n>-<name>   a job's own attachments (its recipient's own files)
    SHA256SUMS          ``<sha256>  <path>`` for every file above: ``sha256sum -c SHA256SUMS``

The CSV opens right in Italian Excel (``;``, BOM) and guards every cell, the header and the
``code`` column included, against formula injection (:func:`pecdesk.domain.spreadsheet.safe_cell`).
"""

from __future__ import annotations

import asyncio
import csv
import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pecdesk.domain.ledger import LedgerRow, StoredReceipt
from pecdesk.domain.spreadsheet import safe_row
from pecdesk.storage import QueueStore, SendPayload
from pecdesk.storage.ledger import LedgerStore

MANIFEST = "SHA256SUMS"
CSV_HEADER = (
    "campaign", "job", "recipient", "state", "code", "reason", "temporary",
    "submitted_at", "accepted_at", "final_at", "subject",
)
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def local_time(ts: float | None) -> str:
    """A POSIX time as local ISO 8601 with its offset ("" for None)."""
    if ts is None:
        return ""
    return datetime.fromtimestamp(ts).astimezone().isoformat(timespec="seconds")


def safe_name(name: str) -> str:
    """A file name safe in any archive and for ``sha256sum`` (no spaces, slashes, newlines)."""
    cleaned = _UNSAFE.sub("_", name).strip("._") or "file"
    return cleaned[:120]


def ledger_csv(rows: list[LedgerRow]) -> bytes:
    """The ledger as CSV bytes: UTF-8 with BOM, ``;``-separated, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(safe_row(CSV_HEADER))
    for r in rows:
        writer.writerow(safe_row([
            r.campaign_id, r.job_id, r.address, r.state.value, r.code, r.reason,
            "yes" if r.temporary else "", local_time(r.submitted_at), local_time(r.accepted_at),
            local_time(r.final_at), r.subject,
        ]))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def receipts_json(receipts: list[StoredReceipt]) -> bytes:
    """Every receipt with its raw item, as indented UTF-8 JSON."""
    items = [
        {
            "job": r.job_id, "code": r.code, "kind": r.kind.value,
            "recipients": [a for a in r.addresses if a], "date": r.date_text,
            "seen_at": local_time(r.seen_at), "source": r.source,
            "key": r.fingerprint,
            "sha256_of_raw": hashlib.sha256(r.raw.encode("utf-8")).hexdigest(),
            "raw": json.loads(r.raw),
        }
        for r in receipts
    ]
    return json.dumps(items, ensure_ascii=False, indent=2).encode("utf-8")


@dataclass(frozen=True, slots=True)
class Evidence:
    """A written evidence ZIP.

    Attributes:
        path: the ZIP file.
        sha256: digest of the ZIP file itself.
        files: the archived files and their digests.
        receipts: the identities (keys) of the receipts it holds.
    """

    path: Path
    sha256: str
    files: dict[str, str]
    receipts: frozenset[str]


async def collect(
    ledger: LedgerStore, store: QueueStore, campaign_id: int
) -> tuple[dict[str, bytes], frozenset[str]]:
    """Every file of a campaign's evidence, by archive path; plus the receipts' fingerprints."""
    rows = await ledger.rows(campaign_id)
    receipts = await ledger.receipts(campaign_id)
    files: dict[str, bytes] = {
        "ledger.csv": ledger_csv(rows),
        "receipts.json": receipts_json(receipts),
    }
    shared_done = False
    for job in await store.jobs(campaign_ids=[campaign_id]):
        sent = await store.load_payload(job.id)
        payload = sent.payload
        paths = _archive_paths(job.id, sent)
        files[f"sent/job-{job.id}.json"] = json.dumps(
            {
                "job": job.id, "code": job.code or "", "state": job.state.value,
                "sender": payload.sender, "recipients": list(payload.recipients),
                "subject": payload.subject, "body": payload.body,
                "attachments": [
                    {"name": a.name, "sha256": a.sha256, "size": a.size, "file": path}
                    for a, path in zip(payload.attachments, paths, strict=True)
                ],
            },
            ensure_ascii=False, indent=2,
        ).encode("utf-8")
        shared = len(sent.shared)
        for n, (attachment, path) in enumerate(zip(sent.attachments, paths, strict=True)):
            if n >= shared or not shared_done:
                files[path] = attachment.content
        shared_done = True
    return files, frozenset(r.fingerprint for r in receipts)


def _archive_paths(job_id: int, sent: SendPayload) -> list[str]:
    """Where each of a job's attachments lies in the archive, in payload order.

    The campaign's files once for all jobs; each job's own files in its own folder, so what
    every recipient was sent can be proved file by file.
    """
    shared = len(sent.shared)
    return [
        f"attachments/{n}-{safe_name(a.name)}" if n <= shared
        else f"attachments/job-{job_id}/{n}-{safe_name(a.name)}"
        for n, a in enumerate(sent.attachments, start=1)
    ]


def manifest(files: dict[str, bytes]) -> bytes:
    """``sha256sum``'s own format: ``<hex>  <path>`` per line, sorted by path."""
    lines = [
        f"{hashlib.sha256(data).hexdigest()}  {path}\n" for path, data in sorted(files.items())
    ]
    return "".join(lines).encode("utf-8")


def write_zip(target: Path, files: dict[str, bytes]) -> str:
    """Write ``files`` plus their manifest to ``target`` atomically; the ZIP's SHA-256."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, data in sorted(files.items()):
            archive.writestr(path, data)
        archive.writestr(MANIFEST, manifest(files))
    partial.replace(target)
    return hashlib.sha256(target.read_bytes()).hexdigest()


def verify_zip(path: Path) -> list[str]:
    """Check every file of an evidence ZIP against its manifest; the problems found ([] = ok)."""
    problems: list[str] = []
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist()) - {MANIFEST}
            listed: set[str] = set()
            for line in archive.read(MANIFEST).decode("utf-8").splitlines():
                digest, _, name = line.partition("  ")
                listed.add(name)
                if name not in names:
                    problems.append(f"missing: {name}")
                elif hashlib.sha256(archive.read(name)).hexdigest() != digest:
                    problems.append(f"altered: {name}")
            problems += [f"not in the manifest: {n}" for n in sorted(names - listed)]
    except (OSError, KeyError, zipfile.BadZipFile) as exc:
        problems.append(f"unreadable archive: {exc}")
    return problems


async def export_zip(
    ledger: LedgerStore, store: QueueStore, campaign_id: int, target: Path
) -> Evidence:
    """Write a campaign's evidence ZIP to ``target``."""
    files, fingerprints = await collect(ledger, store, campaign_id)
    digest = await asyncio.to_thread(write_zip, target, files)
    sums = {path: hashlib.sha256(data).hexdigest() for path, data in files.items()}
    return Evidence(target, digest, sums, fingerprints)
