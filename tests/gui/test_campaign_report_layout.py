"""The campaign report as a lawyer reads it: whole addresses, and whose subject it shows."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QApplication

from pecdesk.domain.delivery import DeliveryState
from pecdesk.domain.ledger import LedgerRow
from pecdesk.services.receipts.statements import CampaignReport
from pecdesk.ui.evidence.campaign_report import campaign_report_pdf
from tests.helpers.evidence import italian, pdf_text

AT = 1_764_849_600.0
ADDRESSES = (
    "alessandro.deluca@pec.it",
    "francesca.russo@pec.it",
    "beatrice.giordano@pec.it",
    "valentina.mancini@pec.it",
    "slow.andrea.ricci@pec.it",
)


def row(n: int, address: str, subject: str) -> LedgerRow:
    """Recipient ``n``, delivered, with its own ``subject``."""
    return LedgerRow(
        campaign_id=1,
        job_id=n,
        address=address,
        state=DeliveryState.DELIVERED,
        code=f"20261205090824{n:02d}",
        reason="",
        temporary=False,
        ordinary=False,
        subject=subject,
        submitted_at=AT,
        accepted_at=AT + 1,
        final_at=AT + 2,
        changed_at=AT + 2,
    )


def report_text(app: QApplication, rows: tuple[LedgerRow, ...], path: Path) -> str:
    """The report's text, in Italian, as pdftotext (or QtPdf) reads it."""
    with italian(app):
        path.write_bytes(
            campaign_report_pdf(CampaignReport(1, "studio@pec.it", rows[0].subject, rows))
        )
    return pdf_text(path)


def test_addresses_stay_whole_in_the_recipient_column(qapp: QApplication, tmp_path: Path) -> None:
    """The sample campaign's addresses broke mid-word ("francesca.russo@pec.i" / "t")."""
    rows = tuple(row(n, a, "Diffida") for n, a in enumerate(ADDRESSES, start=1))
    failed = replace(
        row(9, "fail.luca.ferrari@pec.it", "Diffida"),
        state=DeliveryState.FAILED,
        reason="5.1.1 - casella inesistente / utente sconosciuto",
    )
    ordinary = replace(
        row(10, "federica.conti@gmail.com", "Diffida"),
        state=DeliveryState.ACCEPTED,
        ordinary=True,
        final_at=None,
    )
    rows = (*rows, failed, ordinary)
    text = report_text(qapp, rows, tmp_path / "report.pdf")
    assert all(r.address in text for r in rows), text


def test_a_merged_subject_says_it_is_the_first_recipients(
    qapp: QApplication, tmp_path: Path
) -> None:
    """One subject per recipient: the report names the first one's, and says so."""
    merged = tuple(
        row(n, a, f"Fattura in scadenza il {n:02d}/12/2026")
        for n, a in enumerate(ADDRESSES, start=1)
    )
    same = tuple(row(n, a, "Diffida") for n, a in enumerate(ADDRESSES, start=1))
    merged_text = " ".join(report_text(qapp, merged, tmp_path / "merged.pdf").split())
    same_text = " ".join(report_text(qapp, same, tmp_path / "same.pdf").split())
    assert "Fattura in scadenza il 01/12/2026 (" in merged_text
    assert "Diffida (" not in same_text and "Diffida" in same_text
