"""A sending held for later reads "Scheduled for …" in the Sent tab, not like a stuck queue."""

from __future__ import annotations

import time
from dataclasses import replace

from PySide6.QtCore import QDateTime, QLocale, Qt
from pytestqt.qtbot import QtBot

from pecdesk.ui.sent.tab import SentTab
from tests.helpers.engine import campaign
from tests.helpers.gui import drive
from tests.helpers.sent import SentRig, rig  # noqa: F401 - the fixture

FINAL_COLUMN = 5


def final_text(tab: SentTab, campaign_id: int) -> str:
    """What the campaign's "Final" cell shows."""
    row = tab.campaigns.row_of(campaign_id)
    assert row is not None
    return str(tab.campaigns.index(row, FINAL_COLUMN).data(Qt.ItemDataRole.DisplayRole))


def test_scheduled_campaign_says_when_it_goes(rig: SentRig, qtbot: QtBot) -> None:  # noqa: F811
    """Tomorrow's sending shows its local date and time; one sent at once shows its share final."""
    sent_now = rig.send(["subito@pec.it"])
    at = time.time() + 86400
    later = replace(
        campaign(["domani@pec.it", "dopodomani@pec.it"], subject="Assemblea"), not_before=at
    )
    held = drive(qtbot, rig.loop, rig.store.add_campaign(later))
    tab = rig.tab()
    qtbot.waitUntil(lambda: tab.campaigns.row_of(held) is not None, timeout=5000)
    when = QLocale().toString(QDateTime.fromSecsSinceEpoch(int(at)), QLocale.FormatType.ShortFormat)
    assert final_text(tab, held) == f"Scheduled for {when}"
    assert final_text(tab, sent_now).endswith("%")
