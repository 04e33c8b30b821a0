"""The Archive window on the real sandbox: archived campaigns, evidence, retention, the copy."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from pecdesk.config.settings import YEAR_SECONDS
from pecdesk.services.receipts.archive import Archiver
from pecdesk.services.receipts.archive_copy import CopyProgress, CopyReport, verify_copy
from pecdesk.services.receipts.evidence import verify_zip
from pecdesk.services.receipts.sent import SentService
from pecdesk.ui.evidence.writers import evidence_writers
from pecdesk.ui.sent.archive_view import ARCHIVE_BUTTON_NAME, ArchiveDialog
from tests.helpers.gui import OFFSCREEN_SHOW_NOISE, drive
from tests.helpers.read_only import read_only
from tests.helpers.sent import SentRig, rig  # noqa: F401 - the fixture

DONE = {"ok@pec.it", "fail.a@pec.it"}


def archived_service(rig: SentRig, folder: Path, *, years_later: float = 0.0) -> SentService:  # noqa: F811
    """The Sent tab's service with real PDF writers and an archiver whose clock runs ahead."""
    archiver = Archiver(
        ledger=rig.mailbox.ledger, store=rig.store, client=rig.client, archive_dir=folder,
        retention=YEAR_SECONDS, evidence_writers=evidence_writers(),
        clock=lambda: time.time() + years_later * YEAR_SECONDS,
    )
    return SentService(
        ledger=rig.mailbox.ledger, store=rig.store, tracker=rig.mailbox.tracker,
        archiver=archiver, sender=rig.mailbox.sender, service=rig.mailbox.service,
    )


def archive_one(rig: SentRig, service: SentService) -> tuple[int, Path]:  # noqa: F811
    """Send a campaign, wait until final, archive it; its id and ZIP."""
    cid = rig.send(sorted(DONE), subject="Diffida")

    async def settle() -> Path:
        await rig.mailbox.tracker.run(stop_when_final=True)
        report = await service.archive_and_purge(cid)
        assert report.path is not None and sorted(report.kept) == []
        return report.path

    return cid, drive(rig.qtbot, rig.loop, settle(), timeout=20000)


def opened_dialog(rig: SentRig, service: SentService, opened: list[Path]) -> ArchiveDialog:  # noqa: F811
    dialog = ArchiveDialog(sent=service, tasks=rig.tasks, opener=opened.append)
    rig.qtbot.addWidget(dialog)
    with rig.qtbot.waitSignal(dialog.loaded, timeout=10000):
        dialog.reload()
    return dialog


def test_lists_archived_campaigns_and_opens_their_evidence(
    rig: SentRig, qtbot: QtBot, tmp_path: Path  # noqa: F811
) -> None:
    """One row per ZIP with its subject; Open hands the ZIP (with its PDFs) to the system."""
    service = archived_service(rig, tmp_path / "archive")
    cid, zip_path = archive_one(rig, service)
    opened: list[Path] = []
    dialog = opened_dialog(rig, service, opened)
    assert dialog.table.rowCount() == 1
    cells = [dialog.table.item(0, column) for column in (0, 1)]
    assert [c.text() if c is not None else None for c in cells] == [str(cid), "Diffida"]
    assert not dialog.open_button.isEnabled()
    dialog.table.selectRow(0)
    assert dialog.open_button.isEnabled()
    dialog.open_button.click()
    assert opened == [zip_path]
    assert verify_zip(zip_path) == []
    with zipfile.ZipFile(zip_path) as archive:
        pdfs = [n for n in archive.namelist() if n.endswith(".pdf")]
    assert len(pdfs) == len(DONE) + 1  # each recipient's attestation and the report
    dialog.open_folder()
    assert opened[-1] == tmp_path / "archive"
    assert "No sending is older" in dialog.retention_label.text()
    assert dialog.retention_list.isHidden()


def test_campaigns_past_retention_are_listed_never_deleted(
    rig: SentRig, tmp_path: Path  # noqa: F811
) -> None:
    """Two years on with a one-year retention: listed for the person; files and rows stay."""
    _, zip_path = archive_one(rig, archived_service(rig, tmp_path / "archive"))
    later = archived_service(rig, tmp_path / "archive", years_later=2)
    dialog = opened_dialog(rig, later, [])
    assert not dialog.retention_list.isHidden()
    assert dialog.retention_list.count() == 1
    line = dialog.retention_list.item(0).text()
    assert "Diffida" in line and "(archived)" in line
    assert "never deletes them by itself" in dialog.retention_label.text()
    assert zip_path.is_file() and verify_zip(zip_path) == []
    rows = drive(rig.qtbot, rig.loop, later.overview())
    assert len(rows) == 1 and rows[0].total == len(DONE)


def test_copy_to_another_folder_is_verified(rig: SentRig, tmp_path: Path) -> None:  # noqa: F811
    """The copy runs in a worker thread with progress, and says every file was verified."""
    service = archived_service(rig, tmp_path / "archive")
    archive_one(rig, service)
    dialog = opened_dialog(rig, service, [])
    target = tmp_path / "usb" / "pecdesk-archive"
    steps: list[CopyProgress] = []
    dialog.copy_progressed.connect(steps.append)
    with rig.qtbot.waitSignal(dialog.copy_finished, timeout=20000) as finished:
        dialog.copy_to(target)
    report = finished.args[0]
    assert isinstance(report, CopyReport) and report.ok and report.verified == 1
    assert [(s.done_files, s.total_files) for s in steps] == [(0, 1), (1, 1)]
    assert verify_copy(tmp_path / "archive", target) == []
    assert "copied to" in dialog.status_label.text() and "verified" in dialog.status_label.text()
    rig.qtbot.waitUntil(dialog.copy_button.isEnabled)  # re-enabled once the task has ended
    assert dialog.progress.isHidden()


def test_copy_to_a_read_only_folder_is_reported(rig: SentRig, tmp_path: Path) -> None:  # noqa: F811
    """A write-protected target: the window says the copy is not complete, and why."""
    service = archived_service(rig, tmp_path / "archive")
    archive_one(rig, service)
    dialog = opened_dialog(rig, service, [])
    target = tmp_path / "locked"
    target.mkdir()
    with read_only(target), rig.qtbot.waitSignal(dialog.copy_finished, timeout=20000) as done:
        dialog.copy_to(target)
    assert not done.args[0].ok
    text = dialog.status_label.text()
    assert "not complete" in text and "could not be written" in text
    assert list(target.iterdir()) == []


@OFFSCREEN_SHOW_NOISE
def test_the_sent_tab_offers_the_archive(rig: SentRig, tmp_path: Path) -> None:  # noqa: F811
    """The Sent tab's action bar holds the "Archive…" button, which opens the window."""
    rig.service = archived_service(rig, tmp_path / "archive")
    tab = rig.tab()
    button = tab.findChild(QPushButton, ARCHIVE_BUTTON_NAME)
    assert button is not None
    button.click()
    rig.qtbot.waitUntil(lambda: tab.findChild(ArchiveDialog) is not None, timeout=5000)
    dialog = tab.findChild(ArchiveDialog)
    assert dialog is not None
    rig.qtbot.waitUntil(lambda: dialog.retention_label.text() != "", timeout=10000)
    dialog.close()
