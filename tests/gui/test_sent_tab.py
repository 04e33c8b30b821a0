"""The Sent tab on the real sandbox: states reach final, filters, evidence, retry, archive."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pecdesk.domain.delivery import DeliveryState
from pecdesk.services.receipts.evidence import verify_zip
from pecdesk.ui.evidence.writers import evidence_writers
from pecdesk.ui.sent.format import format_time_long
from pecdesk.ui.sent.models import CampaignModel, RecipientModel
from pecdesk.ui.sent.tab import SentTab
from tests.helpers.engine import campaign
from tests.helpers.evidence import italian, pdf_text
from tests.helpers.gui import drive
from tests.helpers.reconcile import interrupted_job
from tests.helpers.sent import EXPECTED, SentRig, rig, shown_states  # noqa: F401 - the fixture


def settled_tab(rig: SentRig) -> SentTab:  # noqa: F811 - the fixture's name
    """Send the four outcomes and wait (UI-driven) until the tab shows every final state."""
    rig.send(list(EXPECTED))
    tab = rig.tab()
    rig.qtbot.waitUntil(lambda: shown_states(tab) == EXPECTED, timeout=15000)
    return tab


def test_recipients_reach_final_states(rig: SentRig, qtbot: QtBot) -> None:  # noqa: F811
    """The tab tracks receipts in the background until every recipient is final."""
    tab = settled_tab(rig)
    assert tab.pages.currentIndex() == 1
    overview = tab.campaigns.campaign(0)
    assert overview is not None and overview.final == overview.total == 4
    text = tab.campaigns.data(tab.campaigns.index(0, 5), Qt.ItemDataRole.DisplayRole)
    assert isinstance(text, str) and text.startswith("100")
    tab.filter_box.setCurrentIndex(2)  # Not delivered
    qtbot.waitUntil(lambda: set(shown_states(tab)) == set(EXPECTED) - {"ok@pec.it"})
    tab.search_edit.setText("slow")
    qtbot.waitUntil(lambda: list(shown_states(tab)) == ["slow.c@pec.it"])
    assert tab.count_label.text() == "1 recipient(s)"


def test_zip_export_verifies(
    rig: SentRig, qtbot: QtBot, qapp: QApplication, tmp_path: Path  # noqa: F811
) -> None:
    """The tab's evidence ZIP, in Italian: each recipient's PDF, the report, the CSV; all verify.

    ``sha256sum -c SHA256SUMS`` accepts the unpacked archive.
    """
    rig.service = rig.mailbox.sent_service(tmp_path / "archive", evidence_writers())
    tab = settled_tab(rig)
    assert tab.action_bar is not None
    target = tmp_path / "out" / "evidence.zip"
    with italian(qapp), qtbot.waitSignal(tab.action_bar.finished, timeout=20000):
        tab.action_bar.export_zip(target)
    assert verify_zip(target) == []
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(target) as archive:
        archive.extractall(unpacked)
    assert len(list((unpacked / "attestazioni").glob("*.pdf"))) == len(EXPECTED)
    report = pdf_text(unpacked / "rapporto-campagna.pdf")
    assert "Rapporto della campagna PEC" in report
    assert all(address in report for address in EXPECTED)
    rows = list(csv.DictReader(io.StringIO(
        next(unpacked.glob("*.csv")).read_text(encoding="utf-8-sig")), delimiter=";"))
    assert {r["Destinatario"]: r["state_code"] for r in rows} == {
        address: state.name for address, state in EXPECTED.items()
    }
    assert {r["Stato"] for r in rows if r["Destinatario"] == "ok@pec.it"} == {"Consegnata"}
    if shutil.which("sha256sum") is None:
        pytest.skip("sha256sum is not installed")
    done = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=unpacked, check=False,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_pdf_attestation_states_code_and_time(
    rig: SentRig, qtbot: QtBot, qapp: QApplication, tmp_path: Path  # noqa: F811
) -> None:
    """The delivered recipient's PDF, in Italian: headings, code, delivery time, the text read."""
    tab = settled_tab(rig)
    assert tab.action_bar is not None and tab.recipients is not None
    tab.recipient_view.selectRow(0)
    row = tab.action_bar.selected_row()
    assert row is not None and row.state is DeliveryState.DELIVERED
    target = tmp_path / "att.pdf"
    with italian(qapp), qtbot.waitSignal(tab.action_bar.finished, timeout=10000):
        tab.action_bar.export_pdf(target)
    text = pdf_text(target)
    assert row.code in text
    assert format_time_long(row.final_at) in text
    for heading in ("Attestazione di invio PEC", "Ricevuta di accettazione",
                    "Ricevuta di avvenuta consegna", "Pagina 1 di"):
        assert heading in text, heading
    assert "CONSEGNA:" in text and "ok@pec.it" in text
    assert "Testo" in text.split() and "<p>" not in text  # the body "<p>Testo</p>", rendered


def test_retry_then_archive(rig: SentRig, qtbot: QtBot) -> None:  # noqa: F811
    """Retry queues only full*/slow* as a linked campaign; archive empties the server."""
    tab = settled_tab(rig)
    assert tab.action_bar is not None
    with qtbot.waitSignal(tab.action_bar.finished, timeout=10000):
        tab.action_bar.retry(confirmed=True)
    qtbot.waitUntil(lambda: tab.campaigns.rowCount() == 2, timeout=10000)
    retry = tab.campaigns.campaign(0)
    assert retry is not None and retry.parent_id == 1 and retry.total == 2
    tab.campaign_view.selectRow(0)
    qtbot.waitUntil(lambda: set(shown_states(tab)) == {"full.b@pec.it", "slow.c@pec.it"})
    tab.campaign_view.selectRow(1)  # the original campaign (newest first)
    qtbot.waitUntil(lambda: set(shown_states(tab)) == set(EXPECTED))
    with qtbot.waitSignal(tab.action_bar.finished, timeout=15000):
        tab.action_bar.archive(confirmed=True)
    assert tab.action_bar.status_label.text().startswith("4 sending(s) archived")
    codes = {e["message_id"] for e in rig.box.ledger()}
    for code in codes:
        assert drive(qtbot, rig.loop, rig.client.sending_receipts(code)) == []


def test_send_again_what_was_not_sent(rig: SentRig, qtbot: QtBot) -> None:  # noqa: F811
    """A PEC proven not sent is queued again on the person's word, and leaves exactly once."""

    async def prepare() -> int:
        campaign_id = await rig.store.add_campaign(campaign(["mario@pec.it"]))
        (job,) = await rig.store.jobs()
        await interrupted_job(rig.store, job.id)  # a crash before the request left
        return campaign_id

    campaign_id = drive(qtbot, rig.loop, prepare())
    service = rig.mailbox.sent_service()
    drive(qtbot, rig.loop, service.settle_unknown(grace=0))
    tab = SentTab(sent=service, tasks=rig.tasks)
    qtbot.addWidget(tab)
    tab.start()
    assert tab.action_bar is not None
    qtbot.waitUntil(lambda: tab.campaigns.rowCount() == 1, timeout=5000)
    tab.campaign_view.selectRow(0)
    assert tab.selected_campaign_id() == campaign_id
    with qtbot.waitSignal(tab.action_bar.finished, timeout=10000):
        tab.action_bar.resend(confirmed=True)
    assert tab.action_bar.status_label.text() == "1 PEC(s) queued again."
    qtbot.waitUntil(lambda: len(rig.box.ledger()) == 1, timeout=10000)
    with qtbot.waitSignal(tab.action_bar.finished, timeout=10000):
        tab.action_bar.resend(confirmed=True)
    assert tab.action_bar.status_label.text() == "Nothing of this campaign is marked as not sent."
    assert len(rig.box.ledger()) == 1


def test_lazy_model_pages_ten_thousand_rows(rig: SentRig, qtbot: QtBot) -> None:  # noqa: F811
    """10,000 recipients: the first page at once, more only when the view asks."""
    addresses = [f"c{n:05d}@pec.it" for n in range(10_000)]
    drive(qtbot, rig.loop, rig.store.add_campaign(campaign(addresses)), timeout=30000)
    owner = SentTab()
    qtbot.addWidget(owner)
    model = RecipientModel(service=rig.service,
                           run=lambda coro: rig.tasks.run_task(coro, parent=owner))
    model.show_campaign(1)
    qtbot.waitUntil(lambda: model.rowCount() == 200)
    assert model.total == 10_000 and model.canFetchMore()
    model.fetchMore()
    assert not model.canFetchMore()  # one page at a time
    qtbot.waitUntil(lambda: model.rowCount() == 400)
    row = model.row(399)
    assert row is not None and row.address == "c00399@pec.it"


def test_campaign_model_passes_the_model_tester(qtmodeltester: object) -> None:
    """The campaign model keeps Qt's model contract."""
    model = CampaignModel()
    qtmodeltester.check(model)  # type: ignore[attr-defined]
