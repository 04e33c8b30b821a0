"""How an inbox row reads in the list: dates in the user's locale, names, tooltips."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from pecdesk.services.mailbox.inbox import InboxRow
from pecdesk.ui.message.headers import format_date
from pecdesk.ui.message.kinds import kind_label

COL_DATE = 0
COL_FROM = 1
COL_SUBJECT = 2
COL_KIND = 3


def row_text(row: InboxRow, column: int, locale: QLocale) -> str | None:
    """What the list shows for ``row`` in ``column``."""
    item = row.item
    if column == COL_DATE:
        return format_date(item.date, item.date_text, locale)
    if column == COL_FROM:
        return item.sender or item.sender_text.strip()
    if column == COL_SUBJECT:
        return item.subject
    if column == COL_KIND:
        return kind_label(row.kind)
    return None


def row_tooltip(row: InboxRow, column: int) -> str | None:
    """The tooltip of ``row`` in ``column``: the full sender, subject, kind and sending."""
    if column == COL_FROM:
        return row.item.sender_text.strip() or row.item.sender
    if column == COL_SUBJECT:
        return row.item.subject
    if column == COL_KIND and row.code:
        return QCoreApplication.translate("InboxModel", "{kind} · sending {code}").format(
            kind=kind_label(row.kind), code=row.code
        )
    if column == COL_KIND:
        return kind_label(row.kind)
    return None
