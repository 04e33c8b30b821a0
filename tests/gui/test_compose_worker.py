"""The Compose tab keeps the window's thread free: pre-flight, preview and mapping in a worker.

Each request supersedes the ones before it: a result computed for an older form (or an older
import) is never applied over a newer one.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from pecdesk.recipients import guess_mapping, read_table
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.sending.preflight import IssueKind, Report
from pecdesk.storage.drafts import DraftStore
from tests.helpers.compose import Harness, make_harness
from tests.helpers.guards import Crashes, crashes
from tests.helpers.gui import drive
from tests.helpers.sandbox import MAILBOX

__all__ = ["crashes"]  # the fixture
pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")


@pytest.fixture
def harness(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, sandbox: EmbeddedSandbox, tmp_path: Path
) -> Iterator[Harness]:
    """A Compose tab on the sandbox."""
    made = make_harness(qtbot, qloop, sandbox, tmp_path / "data")
    yield made
    made.close(qtbot, qloop)


def big_list(folder: Path, rows: int) -> Path:
    """A ';' CSV of ``rows`` valid recipients with a name each (no files)."""
    lines = ["Nome;PEC", *(f"Nome{n};cliente{n}@pec{n % 50}.it" for n in range(rows))]
    path = folder / f"lista_{rows}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def load(harness: Harness, path: Path) -> None:
    """Import ``path`` at once (no dialog), columns guessed."""
    table = read_table(path)
    harness.tab.apply_table(table, guess_mapping(table))


def unknown_fields(report: Report) -> set[str]:
    """The merge fields ``report`` calls unknown."""
    return {i.detail for i in report.issues if i.kind is IssueKind.UNKNOWN_FIELD}


def test_typing_during_a_check_supersedes_it(
    qtbot: QtBot, harness: Harness, tmp_path: Path
) -> None:
    """An edit while the pre-flight runs stops it; only the newest form's report is applied."""
    tab = harness.tab
    load(harness, big_list(tmp_path, 60_000))
    tab.body_edit.setPlainText("Gentile {{Nome}}")
    applied: list[Report] = []
    tab.checked.connect(applied.append)
    tab.subject_edit.setText("Avviso {{Uno}}")
    qtbot.waitUntil(lambda: tab.checking, timeout=5000)
    tab.subject_edit.setText("Avviso {{Due}}")  # typed on while the worker checks
    qtbot.waitUntil(lambda: bool(applied) and not tab.checking, timeout=20000)
    assert [unknown_fields(report) for report in applied] == [{"{{Due}}"}]
    assert tab.report is applied[0]
    # The preview follows the check, merged in the worker in its turn.
    qtbot.waitUntil(lambda: tab.preview_subject.text() == "Avviso {{Due}}", timeout=10000)


def test_the_live_check_leaves_the_window_thread_free(
    qtbot: QtBot, harness: Harness, tmp_path: Path
) -> None:
    """While 100,000 rows are checked in the worker, a 5 ms timer is never held up long."""
    tab = harness.tab
    load(harness, big_list(tmp_path, 100_000))
    tab.subject_edit.setText("Fattura per {{Nome}}")
    tab.body_edit.setPlainText("Gentile {{Nome}}")
    started = time.perf_counter()
    assert tab.check_now().ok  # the same check on this thread, for comparison
    on_this_thread = time.perf_counter() - started
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    ticker = QTimer()
    ticker.setInterval(5)
    ticker.timeout.connect(tick)
    with qtbot.waitSignal(tab.checked, timeout=20000) as got:
        tab.body_edit.setPlainText("Gentile {{Nome}}, ecco.")
        last[0] = time.perf_counter()
        ticker.start()
    ticker.stop()
    report = got.args[0]
    assert isinstance(report, Report) and report.ok and len(report.message_sizes) == 100_000
    assert len(gaps) > 20
    assert max(gaps) < on_this_thread / 2, (max(gaps), on_this_thread)


def test_a_newer_list_supersedes_an_import_being_mapped(
    qtbot: QtBot, harness: Harness, tmp_path: Path
) -> None:
    """A list set while an import is still mapped in the worker is not overwritten by it."""
    tab = harness.tab
    tab.import_file(big_list(tmp_path, 30_000))
    qtbot.waitUntil(lambda: tab.import_dialog is not None, timeout=10000)
    dialog = tab.import_dialog
    assert dialog is not None
    dialog.accept()  # the 30,000 rows are mapped in the worker...
    assert not tab.import_button.isEnabled()
    load(harness, big_list(tmp_path, 3))  # ...when another list arrives
    qtbot.waitUntil(tab.import_button.isEnabled, timeout=20000)
    assert tab.recipients_model.rowCount() == 3
    assert [r.address for r in tab.recipients()] == [f"cliente{n}@pec{n}.it" for n in range(3)]


def test_an_imported_list_arrives_from_the_worker(
    qtbot: QtBot, harness: Harness, tmp_path: Path
) -> None:
    """Accepting the mapping fills the list (mapped off the GUI thread) and checks it."""
    tab = harness.tab
    tab.subject_edit.setText("Per {{Nome}}")
    tab.body_edit.setPlainText("Gentile {{Nome}}")
    tab.import_file(big_list(tmp_path, 20_000))
    qtbot.waitUntil(lambda: tab.import_dialog is not None, timeout=10000)
    dialog = tab.import_dialog
    assert dialog is not None
    with qtbot.waitSignal(tab.checked, timeout=20000,
                          check_params_cb=lambda r: len(r.message_sizes) == 20_000):
        dialog.accept()
    assert tab.recipients_model.rowCount() == 20_000
    assert tab.recipients_label.text() == "20000 recipient(s), 0 invalid"
    assert tab.report.ok and tab.send_button.isEnabled()


def make_with_draft(
    qtbot: QtBot, loop: asyncio.AbstractEventLoop, box: EmbeddedSandbox, data: Path,
    form: object, rows: object = None,
) -> Harness:
    """A Compose tab started on a drafts store that holds ``form`` (and ``rows``) as saved."""
    store = DraftStore.open(data)
    try:
        imported = rows if isinstance(rows, list) else None
        drive(qtbot, loop, store.save(MAILBOX, form, imported=imported))  # type: ignore[arg-type]
    finally:
        store.close()
    return make_harness(qtbot, loop, box, data)


def test_a_draft_of_an_earlier_version_is_restored(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, sandbox: EmbeddedSandbox, tmp_path: Path,
    crashes: Crashes,
) -> None:
    """A draft saved before drafts were typed (list inside the form) fills the form again."""
    old = {"subject": "Avviso per {{Nome}}", "body": "<p>Gentile {{Nome}}</p>",
           "pasted": "extra@pec.it", "fields": ["Nome", "PEC"], "folder": "",
           "attachments": [], "one_for_all": False,
           "imported": [{"line": 2, "raw": "anna@pec.it", "fields": {"Nome": "Anna",
                                                                     "PEC": "anna@pec.it"},
                         "files": []}]}
    harness = make_with_draft(qtbot, qloop, sandbox, tmp_path / "data", old)
    try:
        tab = harness.tab
        qtbot.waitUntil(lambda: tab.subject_edit.text() == "Avviso per {{Nome}}", timeout=5000)
        assert [r.address for r in tab.recipients()] == ["anna@pec.it", "extra@pec.it"]
        assert tab.editor.field_combo.count() == 2
        qtbot.waitUntil(lambda: tab.preview_subject.text() == "Avviso per Anna", timeout=5000)
        assert crashes.none(), crashes.describe()
    finally:
        harness.close(qtbot, qloop)


def test_a_damaged_draft_gives_an_empty_form(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, sandbox: EmbeddedSandbox, tmp_path: Path,
    crashes: Crashes,
) -> None:
    """Mistyped values in a saved draft are dropped; the tab starts and works, nothing crashes."""
    damaged = {"subject": ["not", "text"], "body": 7, "fields": "Nome", "folder": 3,
               "attachments": "a.pdf", "one_for_all": "yes", "mapping": {"address": -2}}
    rows = [{"line": "x", "raw": "a@pec.it"}, "b@pec.it", {"line": 4, "raw": "ok@pec.it"}]
    harness = make_with_draft(qtbot, qloop, sandbox, tmp_path / "data", damaged, rows)
    try:
        tab = harness.tab
        qtbot.waitUntil(lambda: tab.recipients_model.rowCount() == 1, timeout=5000)
        assert tab.recipients()[0].address == "ok@pec.it"
        assert tab.subject_edit.text() == "" and tab.each_radio.isChecked()
        tab.subject_edit.setText("Avviso")
        tab.body_edit.setPlainText("Testo")
        assert tab.check_now().ok
        assert crashes.none(), crashes.describe()
    finally:
        harness.close(qtbot, qloop)
