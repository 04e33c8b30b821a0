"""A per-recipient PDF attestation, in the UI's language, drawn with Qt (QTextDocument, QPdfWriter).

It states what was sent (sender, recipient, subject, the message rendered as the recipient reads
it, attachments with size and SHA-256), the sending code, and each receipt's kind, time and
wording exactly as the service returned them; every page's footer says what the document is
(:mod:`pecdesk.ui.evidence.pages`). It is a readable summary for people: the legal proof stays
the signed receipts in the mailbox, and the evidence ZIP holds the raw receipts it is based on.
"""

from __future__ import annotations

import time
from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QTextDocument

from pecdesk.domain.delivery import DeliveryState
from pecdesk.domain.receipts import ReceiptKind
from pecdesk.i18n import QT_TRANSLATE_NOOP
from pecdesk.services.receipts.statements import Attestation, ReceiptText
from pecdesk.ui.evidence.pages import append_message_box, footer_text, new_document, print_pdf
from pecdesk.ui.sent.format import format_time_long, reason_label, state_label

_CONTEXT = "Evidence"
translate = QCoreApplication.translate
"""Qt's translation, under the name lupdate looks for."""
# The receipts' names as the PEC rules word them (domain.md a2); lupdate needs the literal.
_KINDS: dict[ReceiptKind, str] = {
    ReceiptKind.ACCEPTANCE: QT_TRANSLATE_NOOP("Evidence", "Acceptance receipt"),
    ReceiptKind.NON_ACCEPTANCE: QT_TRANSLATE_NOOP("Evidence", "Non-acceptance notice"),
    ReceiptKind.NON_ACCEPTANCE_VIRUS: QT_TRANSLATE_NOOP(
        "Evidence", "Non-acceptance notice (virus)"
    ),
    ReceiptKind.TAKEN_IN_CHARGE: QT_TRANSLATE_NOOP("Evidence", "Taken-in-charge receipt"),
    ReceiptKind.DELIVERY: QT_TRANSLATE_NOOP("Evidence", "Delivery receipt"),
    ReceiptKind.NON_DELIVERY: QT_TRANSLATE_NOOP("Evidence", "Non-delivery notice"),
    ReceiptKind.NON_DELIVERY_VIRUS: QT_TRANSLATE_NOOP("Evidence", "Non-delivery notice (virus)"),
    ReceiptKind.TIMEOUT_WARNING: QT_TRANSLATE_NOOP("Evidence", "Non-delivery warning (time limit)"),
    ReceiptKind.TIMEOUT_FINAL: QT_TRANSLATE_NOOP(
        "Evidence", "Non-delivery notice (time limit exceeded)"
    ),
    ReceiptKind.VIRUS_DETECTED: QT_TRANSLATE_NOOP("Evidence", "Virus detection notice"),
    ReceiptKind.CERTIFIED_MAIL: QT_TRANSLATE_NOOP("Evidence", "Transport envelope"),
    ReceiptKind.ANOMALY: QT_TRANSLATE_NOOP("Evidence", "Anomaly envelope (no legal value)"),
    ReceiptKind.OTHER: QT_TRANSLATE_NOOP("Evidence", "Other message"),
}


def _tr(text: str) -> str:
    """``text`` (marked where it is written) in the UI's language."""
    return translate(_CONTEXT, text)


def kind_name(kind: ReceiptKind) -> str:
    """A receipt kind's formal name, translated ("Ricevuta di avvenuta consegna")."""
    return _tr(_KINDS[kind])


def _h3(text: str) -> str:
    return f"<h3>{escape(text)}</h3>"


def _p(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def _facts(data: Attestation) -> list[tuple[str, str]]:
    """The label and value of each fact of the summary table (times left out when unknown)."""
    row = data.row
    delivered = row.state is DeliveryState.DELIVERED
    facts = [
        (translate("Evidence", "Sender"), data.sender),
        (translate("Evidence", "Recipient"), row.address),
        (translate("Evidence", "Subject"), data.subject),
        (translate("Evidence", "Sending code"), row.code),
        (translate("Evidence", "State"), state_label(row.state, ordinary=row.ordinary)),
        (translate("Evidence", "Submitted at"), format_time_long(row.submitted_at)),
        (translate("Evidence", "Accepted at"), format_time_long(row.accepted_at)),
        (
            translate("Evidence", "Delivered at")
            if delivered
            else translate("Evidence", "Final receipt at"),
            format_time_long(row.final_at),
        ),
        (translate("Evidence", "Reason"), reason_label(row.reason)),
    ]
    return [(label, value) for label, value in facts if value]


def _head_html(data: Attestation) -> str:
    """Title, outcome and the summary table, every value escaped."""
    row = data.row
    if row.state is DeliveryState.DELIVERED:
        outcome = translate("Evidence", "Delivered to the recipient's mailbox on {time}").format(
            time=format_time_long(row.final_at)
        )
    else:
        outcome = state_label(row.state, ordinary=row.ordinary)
    title = translate("Evidence", "PEC sending attestation")
    table = "".join(
        f"<tr><td width='28%'><b>{escape(label)}</b></td><td>{escape(value)}</td></tr>"
        for label, value in _facts(data)
    )
    return (
        f"<h2>{escape(title)}</h2><h3>{escape(outcome)}</h3>"
        f"<table width='100%' cellpadding='3' cellspacing='0' border='0.5'>{table}</table>"
        + _h3(translate("Evidence", "The message as the recipient reads it"))
    )


def _tail_html(data: Attestation) -> str:
    """Attachments and receipts, every value escaped; receipts worded as returned."""
    parts = [_h3(translate("Evidence", "Attachments"))]
    if data.attachments:
        parts += [
            f"<p><b>{escape(name)}</b> — "
            + escape(translate("Evidence", "{size} bytes").format(size=size))
            + f"<br><span style='font-family: monospace; font-size: 8pt'>SHA-256 {escape(digest)}"
            "</span></p>"
            for name, digest, size in data.attachments
        ]
    else:
        parts.append(_p(translate("Evidence", "None")))
    parts.append(_h3(translate("Evidence", "Receipts, as returned by the service")))
    if not data.receipts:
        parts.append(_p(translate("Evidence", "No receipt has arrived yet.")))
    parts += [_receipt_html(receipt) for receipt in data.receipts]
    return "".join(parts)


def _receipt_html(receipt: ReceiptText) -> str:
    """One receipt: its kind and time, then subject, date and text exactly as returned."""
    date_label = translate("Evidence", "Date as written by the service")
    subject_label = translate("Evidence", "Subject")
    html = (
        f"<p><b>{escape(kind_name(receipt.kind))}</b> — {escape(format_time_long(receipt.at))}"
        f"<br>{escape(subject_label)}: {escape(receipt.subject)}"
        f"<br>{escape(date_label)}: {escape(receipt.date_text)}</p>"
    )
    if receipt.body:
        html += (
            "<p style='white-space: pre-wrap; font-size: 8.5pt; margin-left: 12px'>"
            f"{escape(receipt.body)}</p>"
        )
    return html


def attestation_document(data: Attestation) -> QTextDocument:
    """The attestation as a text document; the message rendered, never shown as source.

    The message is laid inside a framed box as its HTML reads (plain text as written), so
    its own markup cannot reach the headings and tables around it.
    """
    document = new_document()
    document.setHtml(_head_html(data))
    append_message_box(document, data.body)
    cursor = document.rootFrame().lastCursorPosition()
    cursor.insertHtml(_tail_html(data))
    return document


def attestation_pdf(data: Attestation, *, generated_at: float | None = None) -> bytes:
    """The attestation of one recipient as A4 PDF bytes.

    Args:
        data: what it states.
        generated_at: when it is made, as its footer says (default: now).
    """
    title = translate("Evidence", "PEC sending attestation")
    footer = footer_text(data.sender, format_time_long(generated_at or time.time()))
    return print_pdf(
        attestation_document(data), title=f"{title} — {data.row.address}", footer=footer
    )


def write_attestation(data: Attestation, target: Path) -> None:
    """Write the attestation of one recipient as an A4 PDF to ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(attestation_pdf(data))
