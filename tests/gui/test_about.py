"""Help > About and the diagnostics ZIP: the facts shown, the entries written, no secret inside."""

from __future__ import annotations

import asyncio
import json
import logging
import platform
import zipfile
from collections.abc import Iterator
from pathlib import Path

import PySide6
import pytest
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

import pecdesk
from pecdesk.accounts.keychain import CredentialStore
from pecdesk.app.log import RedactingFilter, setup_logging
from pecdesk.config.paths import LOG_FILE_NAME, AppPaths
from pecdesk.config.settings import Settings, SettingsStore
from pecdesk.domain.delivery import DeliveryState
from pecdesk.domain.jobs import JobState
from pecdesk.domain.ledger import LedgerRow
from pecdesk.services.diagnostics import DiagnosticsSources, write_diagnostics
from pecdesk.services.receipts.statements import Attestation
from pecdesk.storage import QueueStore
from pecdesk.storage.records import NewCampaign, NewJob, Outcome
from pecdesk.ui.sent.attestation import write_attestation
from pecdesk.ui.window.about import AboutDialog
from pecdesk.ui.window.main_window import MainWindow
from pecdesk.ui.window.support import SupportInfo
from tests.helpers.gui import OFFSCREEN_SHOW_NOISE

pytestmark = OFFSCREEN_SHOW_NOISE
TOKEN = "0123456789abcdef01234567"
PASSWORD = "Segreta-Pw-2026!"
SUBJECT = "Diffida riservata Rossi"
BODY = "Testo riservato della diffida al signor Rossi"
RECIPIENT = "mario.rossi@pec.example.it"


def visible_box(name: str) -> QMessageBox | None:
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    return next((b for b in boxes if b.objectName() == name and b.isVisible()), None)


async def fill_store(data_dir: Path) -> None:
    """A campaign of two jobs (one submitted, one queued) whose texts must never leave."""
    store = QueueStore.open(data_dir)
    try:
        jobs = (NewJob((RECIPIENT,), SUBJECT, BODY), NewJob(("b@pec.example.it",), SUBJECT, BODY))
        cid = await store.add_campaign(NewCampaign("studio@pec.it", SUBJECT, BODY, False, (), jobs))
        first = (await store.jobs(campaign_ids=[cid]))[0]
        attempt = await store.claim(first.id)
        assert attempt is not None
        await store.finish(first.id, attempt, Outcome(JobState.SUBMITTED, code="C1"))
    finally:
        store.close()


@pytest.fixture
def app_paths(tmp_path: Path) -> Iterator[tuple[AppPaths, RedactingFilter]]:
    """Settings, a send journal with a campaign, and a log (current and rotated) with secrets.

    Two lines reach the files raw, as if written before the secrets were known (or by a bug):
    the diagnostics must redact them again.
    """
    paths = AppPaths.under(tmp_path / "base")
    SettingsStore(paths.config_dir).save(Settings(language="it", retention_years=7))
    asyncio.run(fill_store(paths.data_dir))
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    redactor = setup_logging(paths.log_file())
    logging.getLogger("pecdesk.test").info("inbox loaded: 3 messages")
    for handler in [h for h in root.handlers if h not in before]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)
    with paths.log_file().open("a", encoding="utf-8") as log:
        log.write(f"2026-01-01 raw line with {TOKEN} and {PASSWORD}\n")
    (paths.log_dir / f"{LOG_FILE_NAME}.1").write_text(
        f"older: x-password: {PASSWORD}\nlogin as {TOKEN}\n", encoding="utf-8"
    )
    redactor.add_secret(TOKEN)
    redactor.add_secret(PASSWORD)
    yield paths, redactor


def support_for(paths: AppPaths, redactor: RedactingFilter) -> SupportInfo:
    """What pecdesk.app.main hands the window: the real keychain lookup and ZIP writer."""
    credentials = CredentialStore()
    sources = DiagnosticsSources(paths.data_dir, paths.config_dir, paths.log_dir,
                                 credentials.backend_name, redactor.redact)
    return SupportInfo(paths.data_dir, credentials.backend_name,
                       lambda target, qt: write_diagnostics(sources, target, qt))


def test_about_shows_versions_data_folder_and_keychain(
    qtbot: QtBot, app_paths: tuple[AppPaths, RedactingFilter]
) -> None:
    paths, redactor = app_paths
    dialog = AboutDialog(support_for(paths, redactor))
    qtbot.addWidget(dialog)
    dialog.show()
    shown = {key: label.text() for key, label in dialog.facts.items()}
    assert shown == {
        "version": pecdesk.__version__,
        "qt": qVersion(),
        "pyside6": PySide6.__version__,
        "python": platform.python_version(),
        "data_dir": str(paths.data_dir),
        "keychain": "tests.helpers.keyrings.MemoryKeyring",
    }
    assert dialog.diagnostics_button.isEnabled()


def test_diagnostics_zip_holds_facts_and_no_secret(
    qtbot: QtBot, app_paths: tuple[AppPaths, RedactingFilter], tmp_path: Path
) -> None:
    paths, redactor = app_paths
    target = tmp_path / "out" / "diagnostics.zip"
    target.parent.mkdir()
    asked: list[str] = []

    def ask_path(_parent: QWidget, suggested: str) -> str:
        asked.append(suggested)
        return str(target)

    dialog = AboutDialog(support_for(paths, redactor), ask_path=ask_path)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.diagnostics_saved, timeout=5000) as saved:
        dialog.diagnostics_button.click()
    assert saved.args == [target]
    assert Path(asked[0]).name.startswith("pecdesk-diagnostics-")
    qtbot.waitUntil(lambda: visible_box("diagnosticsSavedBox") is not None, timeout=2000)
    box = visible_box("diagnosticsSavedBox")
    assert box is not None and str(target) in box.text()
    box.close()

    with zipfile.ZipFile(target) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    assert sorted(entries) == [
        "log/pecdesk.app.log", "log/pecdesk.app.log.1", "settings.json", "store.json",
        "versions.json",
    ]
    versions = json.loads(entries["versions.json"])
    assert versions["pecdesk"] == pecdesk.__version__
    assert versions["qt"] == qVersion()
    assert versions["pyside6"] == PySide6.__version__
    assert versions["keychain_backend"] == "tests.helpers.keyrings.MemoryKeyring"
    assert versions["data_dir"] == str(paths.data_dir)
    settings = json.loads(entries["settings.json"])
    assert settings["language"] == "it" and settings["retention_years"] == 7
    store = json.loads(entries["store.json"])
    journal = store["send_journal"]
    assert journal["campaigns"] == 1
    assert journal["jobs_by_state"] == {"queued": 1, "submitted": 1}
    assert store["files"]["pecdesk.sqlite3"] > 0
    log = entries["log/pecdesk.app.log"].decode()
    assert "inbox loaded: 3 messages" in log
    assert "raw line with *** and ***" in log
    assert "x-password: ***" in entries["log/pecdesk.app.log.1"].decode()
    everything = b"".join(entries.values())
    for private in (TOKEN, PASSWORD, SUBJECT, BODY, RECIPIENT):
        assert private.encode() not in everything, private


def test_a_diagnostics_file_that_cannot_be_written_is_reported(
    qtbot: QtBot, app_paths: tuple[AppPaths, RedactingFilter], tmp_path: Path
) -> None:
    paths, redactor = app_paths
    target = tmp_path / "missing-folder" / "diagnostics.zip"
    dialog = AboutDialog(support_for(paths, redactor), ask_path=lambda _p, _s: str(target))
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.assertNotEmitted(dialog.diagnostics_saved):
        dialog.diagnostics_button.click()
    qtbot.waitUntil(lambda: visible_box("diagnosticsFailedBox") is not None, timeout=2000)
    box = visible_box("diagnosticsFailedBox")
    assert box is not None and "could not be written" in box.text()
    box.close()
    assert not target.exists()


def test_help_menu_shows_the_injected_facts(
    qtbot: QtBot, app_paths: tuple[AppPaths, RedactingFilter]
) -> None:
    paths, redactor = app_paths
    window = MainWindow()
    qtbot.addWidget(window)
    window.support = support_for(paths, redactor)
    assert window.diagnostics_action in window.help_menu.actions()
    window.show()
    window.about_action.trigger()
    dialogs = window.findChildren(AboutDialog)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in dialogs), timeout=2000)
    assert dialogs[0].facts["data_dir"].text() == str(paths.data_dir)
    dialogs[0].close()


def test_about_and_attestation_pdf_carry_the_version(qtbot: QtBot, tmp_path: Path) -> None:
    """The About dialog and the evidence PDF's Creator both name this build's version."""
    pdf = pytest.importorskip("PySide6.QtPdf")
    dialog = AboutDialog(None)
    qtbot.addWidget(dialog)
    assert dialog.facts["version"].text() == pecdesk.__version__
    assert dialog.facts["data_dir"].text() == "unknown"
    assert not dialog.diagnostics_button.isEnabled()
    row = LedgerRow(1, 1, "a@pec.it", DeliveryState.DELIVERED, "C1", "", False, False,
                    "Oggetto", 1.0, 2.0, 3.0, 3.0)
    target = tmp_path / "attestation.pdf"
    write_attestation(Attestation(row, "me@pec.it", "Oggetto", "Testo", (), ()), target)
    document = pdf.QPdfDocument()
    document.load(str(target))
    creator = document.metaData(pdf.QPdfDocument.MetaDataField.Creator)
    assert creator == f"pecdesk {pecdesk.__version__}"
