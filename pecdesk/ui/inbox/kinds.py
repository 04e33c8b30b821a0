"""The kind filter of the Inbox: the groups it offers, their names, and the kinds in each."""

from __future__ import annotations

import enum

from PySide6.QtCore import QCoreApplication

from pecdesk.domain.receipts import ReceiptKind
from pecdesk.i18n import QT_TRANSLATE_NOOP

_CONTEXT = "InboxKinds"
# lupdate needs the context as a literal.


class KindGroup(enum.Enum):
    """The choices of the kind filter; every kind belongs to exactly one group but ALL."""

    ALL = "all"
    CERTIFIED = "certified"
    RECEIPTS = "receipts"
    PROBLEMS = "problems"
    ANOMALIES = "anomalies"
    OTHER = "other"


_GROUP_LABELS: dict[KindGroup, str] = {
    KindGroup.ALL: QT_TRANSLATE_NOOP("InboxKinds", "All messages"),
    KindGroup.CERTIFIED: QT_TRANSLATE_NOOP("InboxKinds", "Certified mail"),
    KindGroup.RECEIPTS: QT_TRANSLATE_NOOP("InboxKinds", "Receipts"),
    KindGroup.PROBLEMS: QT_TRANSLATE_NOOP("InboxKinds", "Problems and notices"),
    KindGroup.ANOMALIES: QT_TRANSLATE_NOOP("InboxKinds", "Anomalies"),
    KindGroup.OTHER: QT_TRANSLATE_NOOP("InboxKinds", "Other mail"),
}

_GROUPS: dict[KindGroup, frozenset[ReceiptKind]] = {
    KindGroup.CERTIFIED: frozenset({ReceiptKind.CERTIFIED_MAIL}),
    KindGroup.RECEIPTS: frozenset(
        {ReceiptKind.ACCEPTANCE, ReceiptKind.TAKEN_IN_CHARGE, ReceiptKind.DELIVERY}
    ),
    KindGroup.PROBLEMS: frozenset(
        {
            ReceiptKind.NON_ACCEPTANCE,
            ReceiptKind.NON_ACCEPTANCE_VIRUS,
            ReceiptKind.NON_DELIVERY,
            ReceiptKind.NON_DELIVERY_VIRUS,
            ReceiptKind.TIMEOUT_WARNING,
            ReceiptKind.TIMEOUT_FINAL,
            ReceiptKind.VIRUS_DETECTED,
        }
    ),
    KindGroup.ANOMALIES: frozenset({ReceiptKind.ANOMALY}),
    KindGroup.OTHER: frozenset({ReceiptKind.OTHER}),
}


def group_label(group: KindGroup) -> str:
    """The translated name of a filter choice."""
    return QCoreApplication.translate(_CONTEXT, _GROUP_LABELS[group])


def kinds_of(group: KindGroup) -> frozenset[ReceiptKind] | None:
    """The kinds a filter choice shows; None for all of them."""
    return None if group is KindGroup.ALL else _GROUPS[group]
