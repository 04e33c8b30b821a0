"""A per-recipient PDF attestation, written with Qt's own PDF writer (QPdfWriter).

It states what was sent (sender, recipient, subject, text, attachment names with SHA-256), the
sending code, and each receipt's kind, time and wording exactly as the service returned them.
It is a readable summary for people; the evidence ZIP holds the raw receipts it is based on.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from pecdesk.domain.delivery import DeliveryState
from pecdesk.services.receipts.sent import Attestation
from pecdesk.ui.sent.format import format_time_long, state_label

_CONTEXT = "Attestation"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _pre(text: str) -> str:
    """Plain text as escaped, wrapped HTML (never interpreted as markup)."""
    return "<p style='white-space: pre-wrap'>" + escape(text) + "</p>"


def attestation_html(data: Attestation) -> str:
    """The attestation as HTML, every value escaped."""
    row = data.row
    headline = (
        _tr("Delivered on {time}").format(time=format_time_long(row.final_at))
        if row.state is DeliveryState.DELIVERED
        else state_label(row.state, ordinary=row.ordinary)
    )
    facts = [
        (_tr("Recipient"), row.address),
        (_tr("Sender"), data.sender),
        (_tr("Subject"), data.subject),
        (_tr("Sending code"), row.code),
        (_tr("State"), state_label(row.state, ordinary=row.ordinary)),
        (_tr("Accepted (ACCETTAZIONE)"), format_time_long(row.accepted_at)),
        (_tr("Final receipt"), format_time_long(row.final_at)),
    ]
    if row.reason:
        facts.append((_tr("Reason"), row.reason))
    parts = [
        "<h2>" + escape(_tr("PEC delivery attestation")) + "</h2>",
        "<h3>" + escape(headline) + "</h3>",
        "<table cellpadding='3'>",
        *(f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>" for k, v in facts),
        "</table>",
        "<h3>" + escape(_tr("Attachments")) + "</h3>",
    ]
    if data.attachments:
        parts += ["<ul>"] + [
            f"<li>{escape(name)} — {size} B — SHA-256 {escape(digest)}</li>"
            for name, digest, size in data.attachments
        ] + ["</ul>"]
    else:
        parts.append("<p>" + escape(_tr("None")) + "</p>")
    parts.append("<h3>" + escape(_tr("Receipts, as returned by the service")) + "</h3>")
    for receipt in data.receipts:
        parts.append(
            "<p><b>" + escape(receipt.subject) + "</b><br>" + escape(receipt.date_text)
            + " — " + escape(format_time_long(receipt.at)) + "</p>"
        )
        if receipt.body:
            parts.append(_pre(receipt.body))
    parts += ["<h3>" + escape(_tr("Message text")) + "</h3>", _pre(data.body)]
    return "".join(parts)


def write_attestation(data: Attestation, target: Path) -> None:
    """Write the attestation of one recipient as an A4 PDF to ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    writer = QPdfWriter(str(target))
    writer.setTitle(_tr("PEC delivery attestation") + f" — {data.row.address}")
    writer.setCreator("pecdesk")
    writer.setResolution(300)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter,
        )
    )
    document = QTextDocument()
    document.setHtml(attestation_html(data))
    document.print_(writer)
