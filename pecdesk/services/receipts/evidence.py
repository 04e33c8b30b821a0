"""The evidence ZIP of a campaign: what was sent, every receipt as returned, and a manifest.

Contents (all paths relative, ASCII, no directories outside the archive)::

    <ledger>.csv        one row per recipient: state and reason (worded in the UI's language;
                        the state also as a stable ``state_code``), code, times (UTF-8 with
                        BOM, ';'); named in the UI's language like the PDFs (:func:`ledger_name`)
    receipts.json       every receipt exactly as the service returned it, with when it was seen
    sent/job-<id>.json  each request's sender, recipients, subject, body and attachment digests
                        (each with the archive path of its bytes: ``file``)
    attachments/<n>-<name>   the campaign's attachments (every job carries them), byte for byte
    attachments/job-<id>/<n>-<name>   a job's own attachments (its recipient's own files)
    <report>.pdf        the campaign's report: counts by state, one line per recipient
    <attestations>/<n>-<address>.pdf   each recipient's attestation
    SHA256SUMS          ``<sha256>  <path>`` for every file above: ``sha256sum -c SHA256SUMS``

The PDFs need Qt, which the services never import: the composition root injects their writers
(:class:`EvidenceWriters`) together with the translation function of the UI's language; the
PDFs' and the CSV's names and headings are in that language. Without writers the ZIP holds no
PDF and the CSV speaks English. The names of what programs read back stay fixed in every
language: ``receipts.json`` (:mod:`pecdesk.services.receipts.archive` reads it), ``sent/``,
``attachments/`` (each job's JSON points into it) and ``SHA256SUMS``.

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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pecdesk
from pecdesk.domain.jobs import Payload
from pecdesk.domain.ledger import LedgerRow, StoredReceipt
from pecdesk.domain.reason_names import reason_name
from pecdesk.domain.spreadsheet import safe_row
from pecdesk.domain.state_names import state_name as domain_state_name
from pecdesk.i18n import QT_TRANSLATE_NOOP
from pecdesk.services.receipts.statements import Attestation, CampaignReport, attestation_of
from pecdesk.storage import QueueStore, SendPayload
from pecdesk.storage.ledger import LedgerStore

MANIFEST = "SHA256SUMS"
STATE_CODE = "state_code"
"""The CSV column that names the state for programs: the :class:`DeliveryState` member's name."""
_CONTEXT = "Evidence"
# lupdate needs the context as a literal.
CSV_HEADER = (
    QT_TRANSLATE_NOOP("Evidence", "Campaign"),
    QT_TRANSLATE_NOOP("Evidence", "Sending number"),
    QT_TRANSLATE_NOOP("Evidence", "Recipient"),
    QT_TRANSLATE_NOOP("Evidence", "State"),
    STATE_CODE,
    QT_TRANSLATE_NOOP("Evidence", "Sending code"),
    QT_TRANSLATE_NOOP("Evidence", "Reason"),
    QT_TRANSLATE_NOOP("Evidence", "Temporary failure"),
    QT_TRANSLATE_NOOP("Evidence", "Submitted at"),
    QT_TRANSLATE_NOOP("Evidence", "Accepted at"),
    QT_TRANSLATE_NOOP("Evidence", "Final receipt at"),
    QT_TRANSLATE_NOOP("Evidence", "Subject"),
)
_YES = QT_TRANSLATE_NOOP("Evidence", "yes")
_ATTESTATIONS_DIR = QT_TRANSLATE_NOOP("Evidence", "attestations")
_REPORT_NAME = QT_TRANSLATE_NOOP("Evidence", "campaign-report")
_LEDGER_NAME = QT_TRANSLATE_NOOP("Evidence", "ledger")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")

Translate = Callable[[str, str], str]
"""``translate(context, text)``: the UI language's wording of a source text (Qt's signature)."""


def untranslated(context: str, text: str) -> str:
    """The source text itself (English): the translation used when none is injected."""
    del context
    return text


@dataclass(frozen=True, slots=True)
class EvidenceWriters:
    """What the evidence ZIP needs from the UI layer: PDF writers and the UI's language.

    Built by the composition root (:mod:`pecdesk.app.wiring` for the window,
    :mod:`pecdesk.app.evidence_pdf` for the command line), since drawing a PDF needs Qt.

    Attributes:
        attestation: a recipient's attestation as PDF bytes.
        campaign_report: a campaign's report as PDF bytes.
        translate: the UI language's translation, for the CSV and the archive's names.
    """

    attestation: Callable[[Attestation], bytes]
    campaign_report: Callable[[CampaignReport], bytes]
    translate: Translate = untranslated


def state_name(row: LedgerRow, translate: Translate = untranslated) -> str:
    """A row's state in words (accepted to an ordinary e-mail address says so)."""
    return domain_state_name(row.state, translate, ordinary=row.ordinary)


def local_time(ts: float | None) -> str:
    """A POSIX time as local ISO 8601 with its offset ("" for None)."""
    if ts is None:
        return ""
    return datetime.fromtimestamp(ts).astimezone().isoformat(timespec="seconds")


def safe_name(name: str) -> str:
    """A file name safe in any archive and for ``sha256sum`` (no spaces, slashes, newlines)."""
    cleaned = _UNSAFE.sub("_", name).strip("._") or "file"
    return cleaned[:120]


def ledger_name(translate: Translate = untranslated) -> str:
    """The archive name of the ledger CSV in ``translate``'s language (``ledger.csv``)."""
    return f"{safe_name(translate(_CONTEXT, _LEDGER_NAME))}.csv"


def ledger_csv(rows: list[LedgerRow], translate: Translate = untranslated) -> bytes:
    """The ledger as CSV bytes: UTF-8 with BOM, ``;``-separated, CRLF line ends.

    Headers, states and reasons are worded by ``translate`` (the service's own words in a
    reason are kept as they came); ``state_code`` keeps the state's stable
    name (``DELIVERED``, ``FAILED``…) for programs, whatever the language.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    header = [name if name == STATE_CODE else translate(_CONTEXT, name) for name in CSV_HEADER]
    writer.writerow(safe_row(header))
    yes = translate(_CONTEXT, _YES)
    for r in rows:
        writer.writerow(safe_row([
            r.campaign_id, r.job_id, r.address, state_name(r, translate), r.state.name, r.code,
            reason_name(r.reason, translate), yes if r.temporary else "",
            local_time(r.submitted_at), local_time(r.accepted_at), local_time(r.final_at),
            r.subject,
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
    ledger: LedgerStore, store: QueueStore, campaign_id: int,
    writers: EvidenceWriters | None = None,
) -> tuple[dict[str, bytes], frozenset[str]]:
    """Every file of a campaign's evidence, by archive path; plus the receipts' fingerprints.

    With ``writers``, the campaign's report and every recipient's attestation as PDF, and the
    CSV in their language.
    """
    translate = writers.translate if writers is not None else untranslated
    rows = await ledger.rows(campaign_id)
    receipts = await ledger.receipts(campaign_id)
    files: dict[str, bytes] = {
        ledger_name(translate): ledger_csv(rows, translate),
        "receipts.json": receipts_json(receipts),
    }
    payloads: dict[int, Payload] = {}
    shared_done = False
    for job in await store.jobs(campaign_ids=[campaign_id]):
        sent = await store.load_payload(job.id)
        payload = payloads[job.id] = sent.payload
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
    if writers is not None:
        files.update(await _pdfs(campaign_id, rows, payloads, receipts, writers))
    return files, frozenset(r.fingerprint for r in receipts)


async def _pdfs(
    campaign_id: int, rows: list[LedgerRow], payloads: dict[int, Payload],
    receipts: list[StoredReceipt], writers: EvidenceWriters,
) -> dict[str, bytes]:
    """The campaign's report and one attestation per recipient, by archive path.

    Drawn one at a time on the caller's thread (Qt paints there), handing the loop back
    between two, so that a window exporting a large campaign keeps answering.
    """
    translate = writers.translate
    first = payloads[rows[0].job_id] if rows else None
    report = CampaignReport(
        campaign_id, first.sender if first else "", first.subject if first else "", tuple(rows)
    )
    folder = safe_name(translate(_CONTEXT, _ATTESTATIONS_DIR))
    report_name = safe_name(translate(_CONTEXT, _REPORT_NAME))
    files = {f"{report_name}.pdf": writers.campaign_report(report)}
    width = len(str(len(rows)))
    for n, row in enumerate(rows, start=1):
        await asyncio.sleep(0)
        attestation = attestation_of(row, payloads[row.job_id], receipts)
        files[f"{folder}/{n:0{width}d}-{safe_name(row.address)}.pdf"] = (
            writers.attestation(attestation)
        )
    return files


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
        archive.comment = f"pecdesk {pecdesk.__version__}".encode()  # which build wrote it
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
    ledger: LedgerStore, store: QueueStore, campaign_id: int, target: Path,
    writers: EvidenceWriters | None = None,
) -> Evidence:
    """Write a campaign's evidence ZIP to ``target`` (with ``writers``: its PDFs too)."""
    files, fingerprints = await collect(ledger, store, campaign_id, writers)
    digest = await asyncio.to_thread(write_zip, target, files)
    sums = {path: hashlib.sha256(data).hexdigest() for path, data in files.items()}
    return Evidence(target, digest, sums, fingerprints)
