"""About box, error texts and the crash report (redacted, with the log's path)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

import pecdesk
from pecdesk.errors import NetworkError
from pecdesk.log import RedactingFilter
from pecdesk.ui.crash import CrashReporter
from pecdesk.ui.dialogs import error_texts, show_about
from tests.gui.conftest import OFFSCREEN_SHOW_NOISE

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
    reporter = CrashReporter(log_file=tmp_path / "pecdesk.log", redact=redactor.redact)
    try:
        raise RuntimeError(f"failed with {SECRET}")
    except RuntimeError as exc:
        with caplog.at_level(logging.CRITICAL, logger="pecdesk.ui.crash"):
            reporter(type(exc), exc, exc.__traceback__)
    assert reporter.crashed
    assert caplog.records[0].exc_info is not None
    qtbot.waitUntil(lambda: visible_box("crashBox") is not None, timeout=2000)
    box = visible_box("crashBox")
    assert box is reporter.dialog
    assert box is not None
    assert "RuntimeError: failed with ***" in box.text()
    assert SECRET not in box.text()
    assert str(tmp_path / "pecdesk.log") in box.text()
    box.close()
