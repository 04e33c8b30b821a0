"""Deleting from this computer in the Archive window, and the Sent tab's retention note."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from pecdesk.config.settings import YEAR_SECONDS
from pecdesk.services.receipts.forget import DeleteReport
from pecdesk.ui.sent.archive_view import ArchiveDialog
from pecdesk.ui.sent.tab import SentTab
from tests.gui.test_archive_view import archive_one, archived_service, opened_dialog
from tests.helpers.guards import wait_question
from tests.helpers.gui import OFFSCREEN_SHOW_NOISE
from tests.helpers.sent import SentRig, rig  # noqa: F401 - the fixture

pytestmark = OFFSCREEN_SHOW_NOISE
SCREEN = 1024


def two_years_on(rig: SentRig, folder: Path) -> tuple[Path, SentTab, ArchiveDialog]:  # noqa: F811
    """An archived final campaign seen two years later (one-year retention): ZIP, tab, window."""
    _, zip_path = archive_one(rig, archived_service(rig, folder))
    rig.service = archived_service(rig, folder, years_later=2)
    tab = rig.tab()
    rig.qtbot.waitUntil(lambda: tab.campaigns.rowCount() == 1, timeout=10000)
    dialog = opened_dialog(rig, rig.service, [])
    assert dialog.retention_list.count() == 1 and not dialog.delete_button.isEnabled()
    dialog.retention_list.item(0).setSelected(True)
    assert dialog.delete_button.isEnabled()
    return zip_path, tab, dialog


def test_delete_after_confirming(rig: SentRig, tmp_path: Path) -> None:  # noqa: F811
    """The question names the sendings, recipients and folder; Delete empties list, ZIP, tab."""
    zip_path, tab, dialog = two_years_on(rig, tmp_path / "archive")
    dialog.delete_button.click()
    box = wait_question(rig.qtbot)
    text = box.text()
    # (English plural forms come from pecdesk_en.ts once the strings are extracted.)
    assert "Delete 1 sending" in text and "from this computer (2 recipient" in text
    assert str(tmp_path / "archive") in text and "Copy archive to" in text
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    with rig.qtbot.waitSignal(dialog.deleted, timeout=10000) as done:
        box.button(QMessageBox.StandardButton.Yes).click()
    report = done.args[0]
    assert isinstance(report, DeleteReport) and report.removed == (zip_path,)
    assert not zip_path.exists()
    assert dialog.retention_list.isHidden() and dialog.table.rowCount() == 0
    assert "deleted from this computer" in dialog.status_label.text()
    rig.qtbot.waitUntil(lambda: tab.campaigns.rowCount() == 0, timeout=5000)
    assert tab.pages.currentIndex() == 0  # back to the empty state
    note = tab.retention_note
    assert note is not None
    rig.qtbot.waitUntil(lambda: note.older == 0 and note.isHidden(), timeout=5000)


def test_cancel_keeps_everything(rig: SentRig, tmp_path: Path) -> None:  # noqa: F811
    """Keep (the default) deletes nothing and says so."""
    zip_path, tab, dialog = two_years_on(rig, tmp_path / "archive")
    dialog.delete_button.click()
    box = wait_question(rig.qtbot)
    with rig.qtbot.waitSignal(dialog.deleted, timeout=10000) as done:
        box.button(QMessageBox.StandardButton.No).click()
    assert done.args[0] is None
    assert zip_path.is_file() and dialog.retention_list.count() == 1
    assert dialog.status_label.text() == "Nothing was deleted."
    assert tab.campaigns.rowCount() == 1


def test_sent_tab_notes_campaigns_past_retention(rig: SentRig, tmp_path: Path) -> None:  # noqa: F811
    """One wrapping line with a link; the link opens the Archive window; none when recent."""
    folder = tmp_path / "archive"
    archive_one(rig, archived_service(rig, folder))
    rig.service = archived_service(rig, folder, years_later=2)
    tab = rig.tab()
    tab.resize(SCREEN, 700)
    tab.show()
    note = tab.retention_note
    assert note is not None
    rig.qtbot.waitUntil(lambda: note.older == 1, timeout=10000)
    assert note.text().startswith("1 sending")
    assert "older than the retention period (1 year" in note.text()
    assert note.isVisible() and note.wordWrap() and 'href="archive"' in note.text()
    shown = note.text()
    note.setText(" ".join(["invii più vecchi del periodo di conservazione"] * 20))  # wraps
    assert tab.minimumSizeHint().width() <= SCREEN and tab.width() <= SCREEN
    note.setText(shown)
    note.linkActivated.emit("archive")
    rig.qtbot.waitUntil(lambda: tab.findChild(ArchiveDialog) is not None, timeout=5000)
    dialog = tab.findChild(ArchiveDialog)
    assert dialog is not None
    dialog.close()
    rig.service.set_retention(3 * YEAR_SECONDS)
    note.recount()
    assert note.older == 0 and note.isHidden()
