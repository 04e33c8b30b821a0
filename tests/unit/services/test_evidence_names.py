"""The evidence ZIP in the UI's language: its file names and the reasons in its CSV."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from pecdesk.domain.ledger import LedgerRow
from pecdesk.services.receipts.evidence import (
    MANIFEST,
    EvidenceWriters,
    Translate,
    export_zip,
    ledger_name,
    untranslated,
    verify_zip,
)
from pecdesk.services.receipts.statements import Attestation, CampaignReport
from tests.helpers.engine import campaign
from tests.helpers.sandbox import SandboxFactory
from tests.helpers.tracking import ledgered

ITALIAN = {
    ("Evidence", "ledger"): "esiti-destinatari",
    ("Evidence", "attestations"): "attestazioni",
    ("Evidence", "campaign-report"): "rapporto-campagna",
    ("Evidence", "Recipient"): "Destinatario",
    ("Evidence", "Reason"): "Motivo",
    ("SentReason", "cancelled by the user"): "annullata dall’utente",
}


def italian(context: str, text: str) -> str:
    """A stand-in for Qt's Italian translation (this test is Qt-free)."""
    return ITALIAN.get((context, text), text)


def writers(translate: Translate = italian) -> EvidenceWriters:
    """PDF writers that only label their bytes, in ``translate``'s language."""

    def attestation(data: Attestation) -> bytes:
        return f"%PDF {data.row.address}".encode()

    def report(data: CampaignReport) -> bytes:
        return f"%PDF report {data.campaign_id}".encode()

    return EvidenceWriters(attestation=attestation, campaign_report=report, translate=translate)


async def export(
    box_factory: SandboxFactory, tmp_path: Path, chosen: EvidenceWriters | None
) -> tuple[Path, list[LedgerRow]]:
    """A campaign with one recipient cancelled before sending, one failed; exported; its rows."""
    target = tmp_path / "evidence.zip"
    async with ledgered(box_factory(pec_timeout=0.5), tmp_path / "data") as led:
        store = led.engine.store
        cid = await store.add_campaign(campaign(["annullato@pec.it", "fail.x@pec.it"]))
        jobs = await store.jobs(campaign_ids=[cid])
        await store.cancel([j.id for j in jobs if "annullato@pec.it" in j.recipients])
        await led.engine.queue.run()
        await led.track_until_final()
        await export_zip(led.ledger, store, cid, target, chosen)
        return target, await led.ledger.rows(cid)


@pytest.mark.anyio
async def test_names_and_reasons_in_italian(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """The CSV, report and attestations are named in Italian; the payload's names stay fixed."""
    target, rows = await export(sandbox_factory, tmp_path, writers())
    assert verify_zip(target) == []
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        data = archive.read("esiti-destinatari.csv").decode("utf-8-sig")
    top = {n.split("/")[0] for n in names}
    assert top == {
        "esiti-destinatari.csv",
        "rapporto-campagna.pdf",
        "attestazioni",
        "receipts.json",
        "sent",
        MANIFEST,
    }
    assert sum(n.startswith("attestazioni/") for n in names) == 2
    reasons = {
        r["Destinatario"]: r["Motivo"] for r in csv.DictReader(io.StringIO(data), delimiter=";")
    }
    assert reasons["annullato@pec.it"] == "annullata dall’utente"
    stored = {r.address: r.reason for r in rows}
    assert stored["annullato@pec.it"] == "cancelled by the user"  # the journal is unchanged
    assert stored["fail.x@pec.it"]  # the provider's own words, quoted as they came
    assert reasons["fail.x@pec.it"] == stored["fail.x@pec.it"]


@pytest.mark.anyio
async def test_names_in_english_without_translation(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """With no translation (and no PDFs) the ledger keeps its English name and reason."""
    target, _rows = await export(sandbox_factory, tmp_path, None)
    assert ledger_name() == ledger_name(untranslated) == "ledger.csv"
    assert ledger_name(italian) == "esiti-destinatari.csv"
    with zipfile.ZipFile(target) as archive:
        data = archive.read("ledger.csv").decode("utf-8-sig")
    reasons = {
        r["Recipient"]: r["Reason"] for r in csv.DictReader(io.StringIO(data), delimiter=";")
    }
    assert reasons["annullato@pec.it"] == "cancelled by the user"
