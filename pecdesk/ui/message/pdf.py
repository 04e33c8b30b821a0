"""A received message as a PDF file: subject, sender, recipient, date and kind above its text.

Printing the web view alone gave the text without saying who sent it, to whom and when: a
PDF filed away or sent to a lawyer must say so. The page is laid out like the evidence PDFs
(:mod:`pecdesk.ui.evidence.pages`): the headers as plain text the message cannot restyle,
then the message rendered in a box, loading nothing from disk or network.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QTextDocument

from pecdesk.services.mailbox.inbox import OpenedMessage
from pecdesk.ui.evidence.pages import append_message_box, new_document, print_pdf


def message_document(opened: OpenedMessage, *, date: str, kind: str) -> QTextDocument:
    """The message as a text document: its headers, then its text in a framed box.

    Args:
        opened: the message.
        date: its date as the window shows it.
        kind: its PEC kind as the window names it.
    """
    message = opened.message
    translate = QCoreApplication.translate  # the reading pane's words, already translated
    rows = [
        (translate("MessagePane", "From:"), message.sender or message.sender_text.strip()),
        (translate("MessagePane", "To:"), message.recipient),
        (translate("MessagePane", "Date:"), date),
        (translate("MessagePane", "Type:"), f"{kind} {opened.row.code}".strip()),
    ]
    cells = "".join(
        f"<tr><td><b>{escape(name)}</b></td><td>{escape(value)}</td></tr>" for name, value in rows
    )
    document = new_document()
    document.setHtml(
        f"<h2>{escape(message.subject)}</h2><table cellspacing='0' cellpadding='2'>{cells}</table>"
    )
    append_message_box(document, message.body)
    return document


def message_pdf(opened: OpenedMessage, *, date: str, kind: str, saved_on: str) -> bytes:
    """The message as A4 PDF bytes; every page says when it was saved and what it is not."""
    footer = QCoreApplication.translate(
        "MessagePane",
        "Saved with pecdesk on {date}. The legal proof remains the signed message in the PEC "
        "mailbox.",
    ).format(date=saved_on)
    document = message_document(opened, date=date, kind=kind)
    return print_pdf(document, title=opened.message.subject, footer=footer)
