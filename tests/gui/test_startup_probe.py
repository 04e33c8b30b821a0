"""The start-up probe benchmarks/startup.py reads: one mark at the first main-window Show."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget
from pytestqt.qtbot import QtBot

from pecdesk.ui.window.startup_probe import SHOWN_MARK, install_startup_probe


def test_probe_marks_the_first_main_window_only(
    qtbot: QtBot, qapp: QApplication, capsys: pytest.CaptureFixture[str]
) -> None:
    probe = install_startup_probe(qapp)
    try:
        other = QWidget()
        qtbot.addWidget(other)
        other.show()
        assert SHOWN_MARK not in capsys.readouterr().err
        first, second = QMainWindow(), QMainWindow()
        qtbot.addWidget(first)
        qtbot.addWidget(second)
        first.show()
        second.show()
        lines = [ln for ln in capsys.readouterr().err.splitlines() if ln.startswith(SHOWN_MARK)]
        assert len(lines) == 1
        assert float(lines[0].split()[1]) > 0
    finally:
        qapp.removeEventFilter(probe)
        probe.deleteLater()
