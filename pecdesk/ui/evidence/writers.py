"""The evidence PDF writers handed to the services, in the window and on the command line."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from pecdesk.config.paths import resource_path
from pecdesk.services.receipts.evidence import EvidenceWriters
from pecdesk.ui.evidence.campaign_report import campaign_report_pdf
from pecdesk.ui.sent.attestation import attestation_pdf
from pecdesk.ui.window.i18n import Translations, system_language


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
