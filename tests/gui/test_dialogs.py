"""About box, error texts, the crash report (redacted, with the log's path) and yes/no questions."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

import pecdesk
from pecdesk.app.log import RedactingFilter
from pecdesk.errors import NetworkError
from pecdesk.ui.dialogs.ask import ask, error_texts, show_about
from pecdesk.ui.window.crash import CrashReporter
from tests.helpers.guards import answer, open_questions, wait_question
from tests.helpers.gui import OFFSCREEN_SHOW_NOISE

pytestmark = OFFSCREEN_SHOW_NOISE
SECRET = "S3gret0-pw!"


def visible_box(name: str) -> QMessageBox | None:
    """The visible message box with this object name, if any."""
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    return next((b for b in boxes if b.objectName() == name and b.isVisible()), None)


def test_error_texts_fill_the_template() -> None:
    """A PecError becomes its (translated) title and its message with parameters filled in."""
    title, message = error_texts(NetworkError(outcome_unknown=False, reason="connection refused"))
    assert title == "No connection"
    assert message.startswith("Could not reach the PEC service: connection refused.")


def test_about_shows_version(qtbot: QtBot) -> None:
    """The About box names pecdesk and its version."""
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    show_about(parent)
    qtbot.waitUntil(lambda: visible_box("aboutBox") is not None, timeout=2000)
    box = visible_box("aboutBox")
    assert box is not None
    assert f"pecdesk {pecdesk.__version__}" in box.text()
    box.close()


def test_crash_reporter_logs_and_shows_redacted(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A bug is logged with its traceback and shown without the secret, naming the log file."""
    redactor = RedactingFilter([SECRET])
    reporter = CrashReporter(log_file=tmp_path / "pecdesk.app.log", redact=redactor.redact)
    try:
        raise RuntimeError(f"failed with {SECRET}")
    except RuntimeError as exc:
        with caplog.at_level(logging.CRITICAL, logger="pecdesk.ui.window.crash"):
            reporter(type(exc), exc, exc.__traceback__)
    assert reporter.crashed
    assert caplog.records[0].exc_info is not None
    qtbot.waitUntil(lambda: visible_box("crashBox") is not None, timeout=2000)
    box = visible_box("crashBox")
    assert box is reporter.dialog
    assert box is not None
    assert "RuntimeError: failed with ***" in box.text()
    assert SECRET not in box.text()
    assert str(tmp_path / "pecdesk.app.log") in box.text()
    box.close()


def _asking(
    qtbot: QtBot, loop: asyncio.AbstractEventLoop, *, yes: str = "", no: str = ""
) -> asyncio.Task[bool]:
    """A shown parent and a task awaiting :func:`ask` on it."""
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    return loop.create_task(ask(parent, "Delete?", "Delete the receipts?", yes=yes, no=no))


def test_ask_answers_without_a_nested_loop(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop
) -> None:
    """The question is open while the loop runs other tasks; Yes (with its own words) is True."""
    task = _asking(qtbot, qloop, yes="Delete", no="Keep")
    box = wait_question(qtbot)
    ticks = qloop.create_task(asyncio.sleep(0.05, result="ran"))
    qtbot.waitUntil(ticks.done, timeout=2000)  # the loop is not stuck inside the question
    assert ticks.result() == "ran" and not task.done()
    assert box.defaultButton().text() == "Keep"
    assert [b.text() for b in box.buttons() if box.buttonRole(b)
            == QMessageBox.ButtonRole.YesRole] == ["Delete"]
    answer(qtbot, box, yes=True)
    qtbot.waitUntil(task.done, timeout=2000)
    assert task.result() is True


@pytest.mark.parametrize("how", ["no", "escape"])
def test_ask_no_or_escape_is_false(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, how: str
) -> None:
    """No, or closing the question with Escape, answers False."""
    task = _asking(qtbot, qloop)
    box = wait_question(qtbot)
    if how == "no":
        answer(qtbot, box, yes=False)
    else:
        QTest.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(task.done, timeout=2000)
    assert task.result() is False


def test_cancelling_the_asking_task_closes_the_question(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop
) -> None:
    """When the coroutine waiting for the answer is cancelled, its question goes too."""
    task = _asking(qtbot, qloop)
    wait_question(qtbot)
    task.cancel()
    qtbot.waitUntil(lambda: task.done() and not open_questions(), timeout=2000)
    assert task.cancelled()
