"""The evidence ZIP: ledger CSV for Italian Excel, raw receipts, payloads, PDFs and a manifest."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from pecdesk.domain.delivery import DeliveryState
from pecdesk.domain.ledger import LedgerRow
from pecdesk.services.receipts.evidence import (
    EvidenceWriters,
    export_zip,
    ledger_csv,
    verify_zip,
)
from pecdesk.services.receipts.statements import Attestation, CampaignReport
from pecdesk.storage import AttachmentData
from tests.helpers.sandbox import MAILBOX, SandboxFactory
from tests.helpers.tracking import ledgered

PDF = AttachmentData("Atto di citazione (copia).pdf", b"%PDF-1.4 fake \x00\xff")


def make_zip(
    sandbox_factory: SandboxFactory, tmp_path: Path, writers: EvidenceWriters | None = None
) -> Path:
    """Send to a delivered and a failing recipient, track to the end, export the ZIP."""
    box = sandbox_factory(pec_timeout=0.5)
    target = tmp_path / "out" / "evidence.zip"

    async def go() -> None:
        async with ledgered(box, tmp_path / "data") as led:
            cid = await led.send(["rossi@pec.it", "fail.x@pec.it"], attachments=[PDF],
                                 subject="Diffida è urgente")
            await led.track_until_final()
            evidence = await export_zip(led.ledger, led.engine.store, cid, target, writers)
            assert len(evidence.receipts) == 4

    asyncio.run(go())
    return target


def test_manifest_verifies_with_sha256sum(sandbox_factory: SandboxFactory, tmp_path: Path) -> None:
    """Unzipped, ``sha256sum -c SHA256SUMS`` passes; the built-in check agrees."""
    target = make_zip(sandbox_factory, tmp_path)
    assert verify_zip(target) == []
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(target) as archive:
        archive.extractall(unpacked)
    assert (unpacked / "attachments" / "1-Atto_di_citazione_copia_.pdf").read_bytes() == PDF.content
    if shutil.which("sha256sum") is None:
        pytest.skip("sha256sum is not installed")
    done = subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], cwd=unpacked, capture_output=True, text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count(": OK") == len(list(unpacked.rglob("*"))) - 3  # minus 2 dirs, sums


def test_csv_opens_in_italian_excel(sandbox_factory: SandboxFactory, tmp_path: Path) -> None:
    """UTF-8 with BOM, ``;``-separated, one row per recipient with state and code."""
    target = make_zip(sandbox_factory, tmp_path)
    with zipfile.ZipFile(target) as archive:
        data = archive.read("ledger.csv")
        receipts = json.loads(archive.read("receipts.json"))
        sent = [n for n in archive.namelist() if n.startswith("sent/")]
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    states = {r["Recipient"]: (r["State"], r["state_code"]) for r in rows}
    assert states == {
        "rossi@pec.it": ("Delivered", "DELIVERED"), "fail.x@pec.it": ("Not delivered", "FAILED")
    }
    assert all(r["Sending code"] for r in rows)
    assert {r["Subject"] for r in rows} == {"Diffida è urgente"}
    assert {r["raw"]["object"].split(":")[0] for r in receipts} == {
        "ACCETTAZIONE", "CONSEGNA", "AVVISO DI MANCATA CONSEGNA"
    }
    assert len(sent) == 2


def test_tampering_is_detected(sandbox_factory: SandboxFactory, tmp_path: Path) -> None:
    """A changed file in the archive no longer matches its manifest line."""
    target = make_zip(sandbox_factory, tmp_path)
    altered = tmp_path / "altered.zip"
    with zipfile.ZipFile(target) as source, zipfile.ZipFile(altered, "w") as copy:
        for name in source.namelist():
            data = source.read(name)
            copy.writestr(name, data + b"x" if name == "ledger.csv" else data)
    assert verify_zip(altered) == ["altered: ledger.csv"]


HYPERLINK = '=HYPERLINK("http://evil.example/steal","Apri")'


def test_every_text_column_is_neutralised_against_formulas() -> None:
    """Formulas planted in recipient, code, reason and subject come back as plain text."""
    row = LedgerRow(
        campaign_id=1, job_id=2, address="+" + HYPERLINK, state=DeliveryState.FAILED,
        code=HYPERLINK, reason="@" + HYPERLINK, temporary=True, ordinary=False,
        subject=HYPERLINK, submitted_at=None, accepted_at=None, final_at=None, changed_at=None,
    )
    data = ledger_csv([row]).decode("utf-8-sig")
    (back,) = csv.DictReader(io.StringIO(data), delimiter=";")
    assert back["Recipient"] == "'+" + HYPERLINK
    assert back["Sending code"] == "'" + HYPERLINK
    assert back["Reason"] == "'@" + HYPERLINK
    assert back["Subject"] == "'" + HYPERLINK
    assert not any(value.startswith(("=", "+", "-", "@", "\t", "\r")) for value in back.values())


@pytest.mark.anyio
async def test_a_planted_subject_is_neutralised_in_the_zip(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """A campaign really sent with a formula as subject: the ZIP's ledger CSV holds it as text."""
    box = sandbox_factory()
    target = tmp_path / "evidence.zip"
    async with ledgered(box, tmp_path / "data") as led:
        cid = await led.send(["rossi@pec.it"], subject=HYPERLINK)
        await export_zip(led.ledger, led.engine.store, cid, target)
    with zipfile.ZipFile(target) as archive:
        data = archive.read("ledger.csv").decode("utf-8-sig")
    (back,) = csv.DictReader(io.StringIO(data), delimiter=";")
    assert back["Subject"] == "'" + HYPERLINK
    assert back["Recipient"] == "rossi@pec.it"


ITALIAN = {
    "Recipient": "Destinatario", "State": "Stato", "Delivered": "Consegnata",
    "Not delivered": "Non consegnata", "attestations": "attestazioni",
    "campaign-report": "rapporto-campagna",
}


def italian(context: str, text: str) -> str:
    """A stand-in for Qt's Italian translation (this test is Qt-free)."""
    assert context in {"Evidence", "SentState"}
    return ITALIAN.get(text, text)


def test_csv_speaks_the_injected_language() -> None:
    """Headers and states come from ``translate``; ``state_code`` stays the stable name."""
    row = LedgerRow(
        campaign_id=1, job_id=2, address="rossi@pec.it", state=DeliveryState.DELIVERED,
        code="2026120412000001", reason="", temporary=False, ordinary=False, subject="Diffida",
        submitted_at=1.0, accepted_at=2.0, final_at=3.0, changed_at=3.0,
    )
    data = ledger_csv([row], italian).decode("utf-8-sig")
    (back,) = csv.DictReader(io.StringIO(data), delimiter=";")
    assert back["Destinatario"] == "rossi@pec.it"
    assert back["Stato"] == "Consegnata"
    assert back["state_code"] == "DELIVERED"


def test_zip_holds_every_recipients_pdf_and_the_report(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """With writers injected: one attestation per recipient, the report, all in the manifest.

    The writers here only label their bytes (the real, Qt-drawn ones are tested under
    tests/gui): what is checked is what the ZIP asks them for and where it puts the answers.
    """
    asked: list[str] = []

    def attestation(data: Attestation) -> bytes:
        asked.append(data.row.address)
        kinds = ",".join(r.kind.value for r in data.receipts)
        return f"%PDF {data.row.address} {data.row.code} {kinds}".encode()

    def report(data: CampaignReport) -> bytes:
        counts = ",".join(f"{s.name}={n}" for s, n in data.counts().items())
        return f"%PDF report {data.sender} {counts}".encode()

    writers = EvidenceWriters(attestation=attestation, campaign_report=report, translate=italian)
    target = make_zip(sandbox_factory, tmp_path, writers)
    assert verify_zip(target) == []
    with zipfile.ZipFile(target) as archive:
        pdfs = {
            n: archive.read(n).decode() for n in archive.namelist()
            if n.endswith(".pdf") and not n.startswith("attachments/")
        }
        header = archive.read("ledger.csv").decode("utf-8-sig").splitlines()[0]
    assert sorted(asked) == ["fail.x@pec.it", "rossi@pec.it"]
    attestations = {n: text for n, text in pdfs.items() if n.startswith("attestazioni/")}
    assert len(attestations) == 2 and len(pdfs) == 3
    delivered = next(t for n, t in attestations.items() if n.endswith("rossi_pec.it.pdf"))
    assert delivered.endswith("accettazione,avvenuta-consegna")
    assert pdfs["rapporto-campagna.pdf"] == f"%PDF report {MAILBOX} DELIVERED=1,FAILED=1"
    assert header.split(";")[2:5] == ["Destinatario", "Stato", "state_code"]
