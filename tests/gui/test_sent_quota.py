"""The status bar's mailbox gauge: warnings at 70 % and 90 %, what to do, no idle "0%" bar."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from pecdesk.domain.models import Quota
from pecdesk.services.mailbox.mail import AccountDescription
from pecdesk.ui.widgets.quota_gauge import QuotaGauge, QuotaLevel, level_of
from pecdesk.ui.window.status_bar import StatusBar
from tests.helpers.gui import OFFSCREEN_SHOW_NOISE


@pytest.mark.parametrize(
    ("fraction", "level"),
    [(0.0, QuotaLevel.OK), (0.69, QuotaLevel.OK), (0.70, QuotaLevel.WARNING),
     (0.899, QuotaLevel.WARNING), (0.90, QuotaLevel.CRITICAL), (1.2, QuotaLevel.CRITICAL)],
)
def test_levels(fraction: float, level: QuotaLevel) -> None:
    """70 % warns, 90 % is critical."""
    assert level_of(fraction) is level


def level(gauge: QuotaGauge) -> QuotaLevel:
    """The gauge's level (read through a call, so each read is a fresh value for mypy)."""
    return gauge.level


@OFFSCREEN_SHOW_NOISE
def test_gauge_warns(qtbot: QtBot) -> None:
    """The bar shows the percentage; crossing a threshold emits the new level once."""
    gauge = QuotaGauge()
    qtbot.addWidget(gauge)
    gauge.show_quota(Quota(usage=171012, limit=1048576))
    assert gauge.bar.value() == 16 and level(gauge) is QuotaLevel.OK
    assert gauge.warning_label.text() == ""
    with qtbot.waitSignal(gauge.level_changed) as blocker:
        gauge.show_quota(Quota(usage=95, limit=100))
    assert blocker.args == [QuotaLevel.CRITICAL]
    assert "Archive" in gauge.toolTip() and gauge.warning_label.text()
    gauge.show_quota(Quota(usage=75, limit=100))
    assert level(gauge) is QuotaLevel.WARNING and "70%" in gauge.toolTip()
    gauge.show_quota(Quota(usage=0, limit=0))
    assert gauge.bar.value() == 0 and level(gauge) is QuotaLevel.OK


@OFFSCREEN_SHOW_NOISE
def test_idle_status_bar_shows_no_bar_at_zero(qtbot: QtBot) -> None:
    """A nearly empty mailbox shows words only: no "0%" bar that reads as a task stuck at 0."""
    window = QMainWindow()
    qtbot.addWidget(window)
    status = StatusBar(window, AccountDescription(mailbox="demo@pec.it", is_builtin_sandbox=False))
    window.show()
    qtbot.waitExposed(window)
    status.show_quota(Quota(usage=2048, limit=1048576))  # 0.2 %
    assert status.quota_label.isVisible() and "0.2" in status.quota_label.text()
    assert not status.quota_gauge.bar.isVisible()
    status.show_quota(Quota(usage=75, limit=100))  # now it warns, with its bar
    assert status.quota_gauge.bar.isVisible() and status.quota_gauge.bar.value() == 75
    status.show_quota(Quota(usage=1, limit=100))
    assert not status.quota_gauge.bar.isVisible()
