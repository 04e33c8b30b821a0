"""In Italian, the Sent tab words pecdesk's reasons in Italian, and offers Italian file names.

The compiled Italian (``pecdesk_it.qm``) is loaded as the window loads it. The strings added with
the reason table are not in it until the lead translates ``pecdesk_it.ts``, so a translator
holding just their Italian is installed on top: the text still reaches the screen through
``QCoreApplication.translate``, as it will with the real catalogue.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import QApplication

from pecdesk.domain.delivery import DeliveryState
from pecdesk.ui.sent.actions import evidence_zip_name
from pecdesk.ui.sent.models import REASON_COLUMN, STATE_COLUMN
from pecdesk.ui.sent.tab import SentTab
from pecdesk.ui.window.about import diagnostics_name
from pecdesk.ui.window.i18n import Translations
from tests.helpers.engine import campaign
from tests.helpers.gui import drive
from tests.helpers.sent import SentRig, rig, shown_states  # noqa: F401 - the fixture

NEW_ITALIAN = {
    ("SentReason", "cancelled by the user"): "annullata dall’utente",
    ("SentActions", "pecdesk-campaign-{id}"): "pecdesk-invio-{id}",
    ("AboutDialog", "pecdesk-diagnostics-{time}"): "pecdesk-diagnostica-{time}",
}
CANCELLED = "annullato@pec.it"


class Catalogue(QTranslator):
    """A translator that knows only the given (context, source) → Italian pairs."""

    def __init__(self, table: dict[tuple[str, str], str]) -> None:
        super().__init__()
        self._table = table

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        """The Italian of ``source``, or None: the next translator is asked."""
        del disambiguation, n
        return self._table.get((context, source))

    def isEmpty(self) -> bool:
        """Never empty: Qt asks it."""
        return False


@pytest.fixture
def italian(qapp: QApplication, compiled_translations: Path) -> Iterator[None]:
    """Pecdesk in Italian, plus the Italian of the strings not yet in the catalogue."""
    translations = Translations(qapp, directory=compiled_translations)
    translations.use("it")
    catalogue = Catalogue(NEW_ITALIAN)
    assert qapp.installTranslator(catalogue)
    yield
    qapp.removeTranslator(catalogue)
    translations.remove()


def cancelled_tab(rig: SentRig) -> SentTab:  # noqa: F811 - the fixture's name
    """A Sent tab showing a campaign whose only recipient was cancelled before it left."""

    async def cancel() -> None:
        cid = await rig.store.add_campaign(campaign([CANCELLED]))
        jobs = await rig.store.jobs(campaign_ids=[cid])
        assert await rig.store.cancel([j.id for j in jobs]) != []

    drive(rig.qtbot, rig.loop, cancel())
    tab = rig.tab()
    rig.qtbot.waitUntil(
        lambda: shown_states(tab) == {CANCELLED: DeliveryState.CANCELLED}, timeout=10000
    )
    return tab


def cell(tab: SentTab, column: int, role: Qt.ItemDataRole) -> object:
    """What the recipient table shows in the first row's ``column`` for ``role``."""
    model = tab.recipients
    assert model is not None
    return model.index(0, column).data(role)


def test_a_cancelled_jobs_reason_reads_in_italian(
    italian: None,
    rig: SentRig,  # noqa: F811
) -> None:
    """The Reason column and its tooltip say "annullata dall’utente" beside "Annullata"."""
    tab = cancelled_tab(rig)
    assert cell(tab, STATE_COLUMN, Qt.ItemDataRole.DisplayRole) == "Annullata"
    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
        assert cell(tab, REASON_COLUMN, role) == "annullata dall’utente"
    model = tab.recipients
    assert model is not None
    header = model.headerData(REASON_COLUMN, Qt.Orientation.Horizontal)
    assert header == "Motivo"


def test_a_cancelled_jobs_reason_reads_in_english(rig: SentRig) -> None:  # noqa: F811
    """With no translation the reason reads as the journal holds it."""
    tab = cancelled_tab(rig)
    assert cell(tab, REASON_COLUMN, Qt.ItemDataRole.DisplayRole) == "cancelled by the user"


def test_save_dialogs_offer_italian_names(italian: None) -> None:
    """The evidence and diagnostics ZIPs are offered under Italian names in Italian."""
    assert evidence_zip_name(12) == "pecdesk-invio-12.zip"
    assert diagnostics_name(datetime(2026, 3, 1, 9, 5, 7)) == (
        "pecdesk-diagnostica-20260301-090507.zip"
    )


def test_save_dialogs_offer_english_names(qapp: QApplication) -> None:
    """In English the names are the source texts."""
    assert evidence_zip_name(12) == "pecdesk-campaign-12.zip"
    assert diagnostics_name(datetime(2026, 3, 1, 9, 5, 7)) == (
        "pecdesk-diagnostics-20260301-090507.zip"
    )
