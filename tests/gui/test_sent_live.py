"""The Sent tab follows the mailbox's events row by row, searches every campaign, shows a sending.

Real sandbox sendings over HTTP on 127.0.0.1 (:mod:`tests.helpers.sent`); the tab listens to
the mailbox's events as the window wires it.
"""

from __future__ import annotations

from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from pecdesk.domain.delivery import DeliveryState
from pecdesk.ui.sent.models import CAMPAIGN_COLUMN
from pecdesk.ui.sent.tab import SentTab
from tests.helpers.gui import OFFSCREEN_SHOW_NOISE, drive
from tests.helpers.sent import (  # noqa: F401 - the fixtures
    EXPECTED,
    SentRig,
    rig,
    shown_states,
    slow_rig,
)

pytestmark = OFFSCREEN_SHOW_NOISE
MANY = [f"dest{n:02}@pec.it" for n in range(25)]


class Resets:
    """Counts the resets of a model from now on (a reset loses the selection and the scroll)."""

    def __init__(self, *models: object) -> None:
        self.count = 0
        for model in models:
            model.modelReset.connect(self._reset)  # type: ignore[attr-defined]

    def _reset(self) -> None:
        self.count += 1


def test_a_row_stays_selected_while_50_receipts_arrive(
    slow_rig: SentRig, qtbot: QtBot  # noqa: F811
) -> None:
    """25 recipients, an acceptance and a delivery each: the selected row and the scroll stay.

    Each receipt changes its own row (``dataChanged``), never the whole table.
    """
    tab = slow_rig.tab()
    tab.resize(700, 420)
    tab.show()
    qtbot.waitExposed(tab)
    assert tab.recipients is not None
    slow_rig.send(MANY)  # the tab hears of it by events: no poll, no reload
    qtbot.waitUntil(lambda: tab.recipients is not None and tab.recipients.rowCount() == 25,
                    timeout=10000)
    resets = Resets(tab.recipients, tab.campaigns)
    tab.recipient_view.selectRow(17)
    tab.recipient_view.scrollTo(tab.recipients.index(17, 1))
    scroll = tab.recipient_view.verticalScrollBar().value()
    assert scroll > 0, "the view is small enough to scroll"
    changed: list[int] = []
    tab.updated.connect(changed.append)
    qtbot.waitUntil(
        lambda: set(shown_states(tab).values()) == {DeliveryState.DELIVERED}, timeout=20000
    )
    selected = tab.selected_recipient()
    assert selected is not None and selected.address == MANY[17]
    assert selected.state is DeliveryState.DELIVERED
    assert tab.recipient_view.verticalScrollBar().value() == scroll
    assert resets.count == 0
    assert sum(changed) >= 25  # at least every delivery arrived after the selection
    receipts = drive(qtbot, slow_rig.loop, slow_rig.mailbox.ledger.receipts(1))
    assert len(receipts) == 50
    overview = tab.campaigns.campaign(0)
    assert overview is not None and overview.counts == {DeliveryState.DELIVERED: 25}


def test_a_new_campaign_appears_by_its_event(rig: SentRig, qtbot: QtBot) -> None:  # noqa: F811
    """A campaign sent while the tab is open appears on top; the selected one stays selected."""
    rig.send(["ok@pec.it"], subject="Primo")
    tab = rig.tab()
    qtbot.waitUntil(lambda: tab.campaigns.rowCount() == 1, timeout=5000)
    resets = Resets(tab.campaigns)
    with qtbot.waitSignal(tab.updated, timeout=10000):
        rig.send(["fail.a@pec.it"], subject="Secondo")
    qtbot.waitUntil(lambda: tab.campaigns.rowCount() == 2, timeout=5000)
    newest = tab.campaigns.campaign(0)
    assert newest is not None and newest.subject == "Secondo"
    assert tab.selected_campaign_id() == 1
    assert resets.count == 0
    assert not hasattr(tab, "feed_inbox")


def search_tab(rig: SentRig) -> SentTab:  # noqa: F811
    """Two campaigns, every recipient final, the tab searching every campaign."""
    rig.send(list(EXPECTED), subject="Fattura marzo")
    rig.send(["ok@pec.it", "rossi@pec.it"], subject="Promemoria")
    tab = rig.tab()
    rig.qtbot.waitUntil(lambda: tab.campaigns.rowCount() == 2, timeout=5000)
    tab.search_bar.scope_box.setCurrentIndex(1)  # All campaigns
    return tab


def shown(tab: SentTab) -> list[tuple[int, str]]:
    """(campaign id, address) of the rows shown."""
    model = tab.recipients
    assert model is not None
    rows = [model.row(i) for i in range(model.rowCount())]
    return [(r.campaign_id, r.address) for r in rows if r is not None]


def test_search_across_campaigns(rig: SentRig, qtbot: QtBot) -> None:  # noqa: F811
    """Recipient, subject, code, state and dates, over both campaigns; rows name their campaign."""
    tab = search_tab(rig)
    assert tab.recipients is not None
    qtbot.waitUntil(lambda: len(shown(tab)) == 6, timeout=5000)
    assert not tab.recipient_view.isColumnHidden(CAMPAIGN_COLUMN)
    assert shown(tab)[0] == (2, "rossi@pec.it")  # newest sending first
    campaign_text = tab.recipients.index(0, CAMPAIGN_COLUMN).data()
    assert campaign_text == "#2 Promemoria"
    tab.search_edit.setText("ok@")
    qtbot.waitUntil(lambda: shown(tab) == [(2, "ok@pec.it"), (1, "ok@pec.it")])
    tab.search_edit.setText("promem")  # the subject, case ignored
    qtbot.waitUntil(lambda: shown(tab) == [(2, "rossi@pec.it"), (2, "ok@pec.it")])
    (job,) = [j for j in drive(qtbot, rig.loop, rig.store.jobs())
              if j.recipients == ("slow.c@pec.it",)]
    assert job.code
    tab.search_edit.setText(job.code)
    qtbot.waitUntil(lambda: shown(tab) == [(1, "slow.c@pec.it")])
    tab.search_edit.clear()
    qtbot.waitUntil(lambda: len(shown(tab)) == 6, timeout=5000)
    qtbot.waitUntil(lambda: DeliveryState.FAILED_TIMEOUT in shown_states(tab).values(),
                    timeout=15000)
    tab.filter_box.setCurrentIndex(2)  # Not delivered
    qtbot.waitUntil(lambda: sorted(shown(tab)) == [
        (1, "fail.a@pec.it"), (1, "full.b@pec.it"), (1, "slow.c@pec.it")], timeout=5000)
    assert tab.count_label.text() == "3 recipient(s)"
    tab.filter_box.setCurrentIndex(0)
    tab.search_bar.since_edit.setDate(QDate.currentDate().addDays(1))
    qtbot.waitUntil(lambda: shown(tab) == [] and tab.count_label.text() == "0 recipient(s)")
    tab.search_bar.since_edit.setDate(QDate.currentDate())
    tab.search_bar.until_edit.setDate(QDate.currentDate())
    qtbot.waitUntil(lambda: len(shown(tab)) == 6)
    tab.search_bar.scope_box.setCurrentIndex(0)  # back to the selected campaign
    qtbot.waitUntil(lambda: {c for c, _a in shown(tab)} == {tab.selected_campaign_id()})
    assert tab.recipient_view.isColumnHidden(CAMPAIGN_COLUMN)


def test_show_this_sending(rig: SentRig, qtbot: QtBot) -> None:  # noqa: F811
    """A sending code opens its campaign and selects its recipient; an unknown code says so."""
    tab = search_tab(rig)
    tab.search_bar.scope_box.setCurrentIndex(0)
    tab.search_edit.setText("rossi")  # the bar goes back to everybody
    (job,) = [j for j in drive(qtbot, rig.loop, rig.store.jobs())
              if j.recipients == ("full.b@pec.it",)]
    assert job.code and job.campaign_id == 1
    with qtbot.waitSignal(tab.sending_shown, timeout=5000) as shown_signal:
        tab.show_sending(job.code)
    assert shown_signal.args == [1, job.id]
    assert tab.selected_campaign_id() == 1
    selected = tab.selected_recipient()
    assert selected is not None and selected.address == "full.b@pec.it"
    assert tab.search_edit.text() == "" and not tab.search_bar.everywhere
    with qtbot.waitSignal(tab.sending_shown, timeout=5000) as shown_signal:
        tab.show_campaign(2)
    assert shown_signal.args == [2, None] and tab.selected_campaign_id() == 2
    tab.show_sending("opec-nessuno")
    qtbot.waitUntil(lambda: "opec-nessuno" in tab.banner.text(), timeout=5000)
