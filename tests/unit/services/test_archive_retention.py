"""The archive's catalog, the retention listing (never a deletion), the archive ZIP's PDFs."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from pecdesk.config.settings import YEAR_SECONDS
from pecdesk.domain.delivery import DeliveryState
from pecdesk.domain.ledger import CampaignOverview
from pecdesk.services.receipts.archive import ArchivedCampaign, Archiver, past_retention
from pecdesk.services.receipts.evidence import EvidenceWriters, verify_zip
from pecdesk.services.receipts.statements import Attestation, CampaignReport
from tests.helpers.sandbox import SandboxFactory
from tests.helpers.tracking import Ledgered, ledgered

pytestmark = pytest.mark.anyio


def labelled_writers() -> EvidenceWriters:
    """Writers that label their bytes (the Qt-drawn ones are tested under tests/gui)."""

    def attestation(data: Attestation) -> bytes:
        return f"%PDF attestation {data.row.address}".encode()

    def report(data: CampaignReport) -> bytes:
        return f"%PDF report {len(data.rows)}".encode()

    return EvidenceWriters(attestation=attestation, campaign_report=report)


def archiver(led: Ledgered, folder: Path, *, years_later: float = 0.0) -> Archiver:
    """An archiver over the test engine, whose clock runs ``years_later`` ahead."""
    return Archiver(
        ledger=led.ledger, store=led.engine.store, client=led.engine.client, archive_dir=folder,
        retention=YEAR_SECONDS, clock=lambda: time.time() + years_later * YEAR_SECONDS,
    )


def pdfs_in(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return sorted(n for n in archive.namelist() if n.endswith(".pdf"))


async def test_the_archive_zip_carries_the_pdfs(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """Archived through the Sent tab's service, the ZIP holds each attestation and the report."""
    box = sandbox_factory(pec_timeout=0.5)
    async with ledgered(box, tmp_path / "data") as led:
        cid = await led.send(["uno@pec.it", "fail.due@pec.it"])
        await led.track_until_final()
        service = led.engine.mailbox.sent_service(tmp_path / "archive", labelled_writers())
        report = await service.archive_and_purge(cid)
        assert report.path is not None and verify_zip(report.path) == []
        names = pdfs_in(report.path)
        assert len(names) == 3
        assert sum("attestations/" in n for n in names) == 2
        with zipfile.ZipFile(report.path) as archive:
            texts = {archive.read(n).decode() for n in names}
        assert "%PDF attestation uno@pec.it" in texts and "%PDF report 2" in texts


async def test_catalog_and_retention_list_but_never_delete(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """A campaign past retention is listed with its ZIP; the ZIP and the ledger stay intact."""
    box = sandbox_factory(pec_timeout=0.5)
    async with ledgered(box, tmp_path / "data") as led:
        cid = await led.send(["uno@pec.it", "fail.due@pec.it"], subject="Diffida")
        await led.track_until_final()
        now = archiver(led, tmp_path / "archive")
        report = await now.archive_and_purge(cid)
        assert report.path is not None
        campaigns = await led.ledger.overview()
        (entry,) = await now.catalog(campaigns)
        assert (entry.campaign_id, entry.subject, entry.path) == (cid, "Diffida", report.path)
        assert (entry.codes, entry.purged, entry.exists) == (2, 2, True)
        assert entry.keep_until - entry.archived_at == pytest.approx(YEAR_SECONDS)
        assert await now.past_retention(campaigns) == []
        later = archiver(led, tmp_path / "archive", years_later=2)
        (past,) = await later.past_retention(campaigns)
        assert past.campaign.id == cid and past.archives == (report.path,)
        assert await later.past_retention(campaigns, 3 * YEAR_SECONDS) == []
        assert report.path.is_file() and verify_zip(report.path) == []
        assert await led.states(cid) == {
            "uno@pec.it": DeliveryState.DELIVERED, "fail.due@pec.it": DeliveryState.FAILED,
        }
        report.path.unlink()
        (gone,) = await later.catalog(campaigns)
        assert not gone.exists
        assert await later.catalog([]) == []  # another mailbox's campaigns: none of these


def overview(cid: int, created_at: float) -> CampaignOverview:
    return CampaignOverview(cid, created_at, f"Campagna {cid}", {}, 0)


def test_the_setting_in_force_decides_oldest_first() -> None:
    """Shortening the retention lists more at once; the list runs oldest first."""
    now = 100 * YEAR_SECONDS
    campaigns = [overview(1, now - 5 * YEAR_SECONDS), overview(2, now - 12 * YEAR_SECONDS),
                 overview(3, now - 0.5 * YEAR_SECONDS)]
    zip_of_2 = ArchivedCampaign(2, "Campagna 2", None, Path("c2.zip"), "", 0.0, 0.0, 1, 1, True)
    ten = past_retention(campaigns, [zip_of_2], retention=10 * YEAR_SECONDS, now=now)
    assert [(p.campaign.id, p.archives) for p in ten] == [(2, (Path("c2.zip"),))]
    one = past_retention(campaigns, [zip_of_2], retention=YEAR_SECONDS, now=now)
    assert [p.campaign.id for p in one] == [2, 1]
    assert one[1].expired_at == pytest.approx(now - 4 * YEAR_SECONDS)
