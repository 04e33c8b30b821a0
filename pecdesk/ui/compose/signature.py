"""The account's signature in the body editor: below a separator line, once, editable there.

The signature is ordinary text of the body once inserted: the person may change or delete it
for one sending. What marks it is the separator line, ``-- `` (the e-mail convention, which
also survives in plain text): a body that has one already has its signature, so it is never
added twice, and saving the body as a template drops everything from that line down.
"""

from __future__ import annotations

from PySide6.QtGui import QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit

SEPARATOR = "-- "
"""The line above the signature."""


def _separator_block(document: QTextDocument) -> int | None:
    """The position of the last separator line in ``document``; None when there is none."""
    block = document.lastBlock()
    while block.isValid():
        if block.text() == SEPARATOR:
            return block.position()
        block = block.previous()
    return None


def has_signature(edit: QTextEdit) -> bool:
    """Whether the body already holds a signature (its separator line)."""
    return _separator_block(edit.document()) is not None


def letter_text(plain: str) -> str:
    """The body's plain text above the signature (all of it when there is none)."""
    lines = plain.split("\n")
    for n in range(len(lines) - 1, -1, -1):
        if lines[n] == SEPARATOR:
            return "\n".join(lines[:n])
    return plain


def append_signature(edit: QTextEdit, signature: str) -> bool:
    """Put ``signature`` at the end of the body below the separator; False when not added.

    Nothing is added when the signature is blank or the body already has one. In an empty
    body the cursor is left on the first line, above the signature, where the letter starts.
    """
    if not signature.strip() or has_signature(edit):
        return False
    document = edit.document()
    was_empty = not document.toPlainText().strip()
    cursor = QTextCursor(document)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    plain = QTextCharFormat()
    cursor.beginEditBlock()
    cursor.insertBlock(QTextBlockFormat(), plain)  # a blank line above the separator
    if not was_empty:
        cursor.insertBlock(QTextBlockFormat(), plain)
    cursor.insertText(SEPARATOR, plain)
    for line in signature.rstrip().split("\n"):
        cursor.insertBlock(QTextBlockFormat(), plain)
        cursor.insertText(line, plain)
    cursor.endEditBlock()
    if was_empty:
        edit.moveCursor(QTextCursor.MoveOperation.Start)
    return True


def without_signature(html: str) -> str:
    """``html`` (a body) without its signature and the blank lines above it.

    Returns:
        The body's HTML, or "" when nothing but the signature was there.
    """
    document = QTextDocument()
    document.setHtml(html)
    start = _separator_block(document)
    if start is None:
        return html if document.toPlainText().strip() else ""
    block = document.findBlock(start).previous()
    while block.isValid() and not block.text().strip():
        start = block.position()
        block = block.previous()
    cursor = QTextCursor(document)
    cursor.setPosition(max(0, start - 1))  # the end of the last line of the letter
    cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
    cursor.removeSelectedText()
    return document.toHtml() if document.toPlainText().strip() else ""
