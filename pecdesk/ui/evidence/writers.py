"""The evidence PDF writers handed to the services, in the window and on the command line.

The PDF modules (Qt's text documents, the attestation and report layouts) are imported when a
PDF is first drawn, not when the writers are handed over at start-up: the window builds them
before its first inbox page, and most sessions export no evidence.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from pecdesk.config.paths import resource_path
from pecdesk.services.receipts.evidence import EvidenceWriters
from pecdesk.ui.window.i18n import Translations, system_language

if TYPE_CHECKING:
    from pecdesk.services.receipts.statements import Attestation, CampaignReport


def attestation_pdf(data: Attestation) -> bytes:
    """:func:`pecdesk.ui.sent.attestation.attestation_pdf`, imported at the first PDF."""
    from pecdesk.ui.sent.attestation import attestation_pdf as draw  # noqa: PLC0415

    return draw(data)


def campaign_report_pdf(report: CampaignReport) -> bytes:
    """:func:`pecdesk.ui.evidence.campaign_report.campaign_report_pdf`, at the first PDF."""
    from pecdesk.ui.evidence.campaign_report import campaign_report_pdf as draw  # noqa: PLC0415

    return draw(report)


def evidence_writers() -> EvidenceWriters:
    """The writers of a running application, in the language its translators speak."""
    return EvidenceWriters(
        attestation=attestation_pdf,
        campaign_report=campaign_report_pdf,
        translate=QCoreApplication.translate,
    )


@contextmanager
def offscreen_evidence_writers(language: str) -> Iterator[EvidenceWriters]:
    """The writers for a program without a window (``pecdesk export``), in ``language``.

    Drawing text needs a Qt application: when there is none, one is made on Qt's offscreen
    platform (no display needed) and pecdesk's translators for ``language`` (``"it"``, ``"en"``,
    or ``""`` for the system's) are installed on it until the block ends. It is a QApplication,
    not a bare QGuiApplication, so that whatever runs next in the process can still show
    widgets. An application that exists already keeps its own translators.
    """
    if QCoreApplication.instance() is not None:
        yield evidence_writers()
        return
    app = QApplication(["pecdesk", "-platform", "offscreen"])
    translations = Translations(app, directory=resource_path("translations"))
    translations.use(system_language(language))
    try:
        yield evidence_writers()
    finally:
        translations.remove()
