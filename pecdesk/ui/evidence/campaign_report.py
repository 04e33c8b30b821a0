"""A campaign's report as PDF: how many recipients stand where, then one line per recipient.

Printable on A4: the recipients' table repeats its header on every page, and every page's footer
says what the document is (:mod:`pecdesk.ui.evidence.pages`).
"""

from __future__ import annotations

import time
from html import escape

from PySide6.QtCore import QCoreApplication

from pecdesk.domain.ledger import LedgerRow
from pecdesk.services.receipts.statements import CampaignReport
from pecdesk.ui.evidence.pages import footer_text, new_document, print_pdf
from pecdesk.ui.sent.format import format_time_long, reason_label, state_label

translate = QCoreApplication.translate
"""Qt's translation, under the name lupdate looks for."""


RECIPIENT_WIDTHS = (4, 31, 15, 17, 16, 17)
"""Percent of the line for #, address, state, code, time, reason: an address on one line."""


def _cells(values: list[str], tag: str = "td", widths: tuple[int, ...] = ()) -> str:
    sized = [f" width='{width}%'" for width in widths] or [""] * len(values)
    return "<tr>" + "".join(
        f"<{tag}{size}>{escape(value)}</{tag}>" for value, size in zip(values, sized, strict=True)
    ) + "</tr>"


def _h3(text: str) -> str:
    return f"<h3>{escape(text)}</h3>"


def _recipient_line(n: int, row: LedgerRow) -> str:
    """One recipient: number, address, state, code, time of the final receipt, reason."""
    return _cells([
        str(n), row.address, state_label(row.state, ordinary=row.ordinary), row.code,
        format_time_long(row.final_at or row.accepted_at), reason_label(row.reason),
    ])


def _subject(report: CampaignReport) -> str:
    """The campaign's subject; when merge fields made it differ, say whose it is."""
    if len({row.subject for row in report.rows}) <= 1:
        return report.subject
    note = translate("Evidence", "(the first recipient's; each recipient's subject is in "
                                 "their attestation)")
    return f"{report.subject} {note}"


def report_html(report: CampaignReport) -> str:
    """The report as HTML, every value escaped."""
    title = translate("Evidence", "PEC campaign report")
    facts = [
        (translate("Evidence", "Campaign"), str(report.campaign_id)),
        (translate("Evidence", "Sender"), report.sender),
        (translate("Evidence", "Subject"), _subject(report)),
        (translate("Evidence", "Recipients"), str(len(report.rows))),
    ]
    counts = "".join(
        _cells([state_label(state), str(count)]) for state, count in report.counts().items()
    )
    header = _cells([
        "#", translate("Evidence", "Recipient"), translate("Evidence", "State"),
        translate("Evidence", "Sending code"), translate("Evidence", "Final receipt at"),
        translate("Evidence", "Reason"),
    ], "th", RECIPIENT_WIDTHS)
    lines = "".join(_recipient_line(n, row) for n, row in enumerate(report.rows, start=1))
    table = "<table width='100%' cellpadding='3' cellspacing='0' border='0.5'>"
    return (
        f"<h2>{escape(title)}</h2>{table}"
        + "".join(_cells([label, value]) for label, value in facts) + "</table>"
        + _h3(translate("Evidence", "Recipients by state")) + table
        + _cells([translate("Evidence", "State"), translate("Evidence", "Recipients")], "th")
        + counts + "</table>"
        + _h3(translate("Evidence", "One line per recipient"))
        + "<table width='100%' cellpadding='2' cellspacing='0' border='0.5' "
        + "style='font-size: 8pt'>"
        + f"<thead>{header}</thead>{lines}</table>"
    )


def campaign_report_pdf(report: CampaignReport, *, generated_at: float | None = None) -> bytes:
    """The campaign's report as A4 PDF bytes (``generated_at``: as the footer says; now)."""
    document = new_document()
    document.setHtml(report_html(report))
    title = translate("Evidence", "PEC campaign report")
    footer = footer_text(report.sender, format_time_long(generated_at or time.time()))
    return print_pdf(document, title=f"{title} — {report.campaign_id}", footer=footer)
