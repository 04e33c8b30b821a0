"""PEC kinds of a message: their translated names and their icons (in the list and the pane)."""

from __future__ import annotations

import enum

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from pecdesk.domain.receipts import ReceiptKind
from pecdesk.i18n import QT_TRANSLATE_NOOP

_CONTEXT = "InboxKinds"
# lupdate needs the context as a literal; the name stays "InboxKinds" for the translations.
_LABELS: dict[ReceiptKind, str] = {
    ReceiptKind.ACCEPTANCE: QT_TRANSLATE_NOOP("InboxKinds", "Accepted"),
    ReceiptKind.NON_ACCEPTANCE: QT_TRANSLATE_NOOP("InboxKinds", "Not accepted"),
    ReceiptKind.NON_ACCEPTANCE_VIRUS: QT_TRANSLATE_NOOP("InboxKinds", "Not accepted (virus)"),
    ReceiptKind.TAKEN_IN_CHARGE: QT_TRANSLATE_NOOP("InboxKinds", "Taken in charge"),
    ReceiptKind.DELIVERY: QT_TRANSLATE_NOOP("InboxKinds", "Delivered"),
    ReceiptKind.NON_DELIVERY: QT_TRANSLATE_NOOP("InboxKinds", "Not delivered"),
    ReceiptKind.NON_DELIVERY_VIRUS: QT_TRANSLATE_NOOP("InboxKinds", "Not delivered (virus)"),
    ReceiptKind.TIMEOUT_WARNING: QT_TRANSLATE_NOOP("InboxKinds", "Delivery delayed"),
    ReceiptKind.TIMEOUT_FINAL: QT_TRANSLATE_NOOP("InboxKinds", "Not delivered (time limit)"),
    ReceiptKind.VIRUS_DETECTED: QT_TRANSLATE_NOOP("InboxKinds", "Virus detected"),
    ReceiptKind.CERTIFIED_MAIL: QT_TRANSLATE_NOOP("InboxKinds", "Certified mail"),
    ReceiptKind.ANOMALY: QT_TRANSLATE_NOOP("InboxKinds", "Anomaly (no legal value)"),
    ReceiptKind.OTHER: QT_TRANSLATE_NOOP("InboxKinds", "Other mail"),
}


class Glyph(enum.Enum):
    """The mark drawn on a kind's icon."""

    CHECK = "check"
    CROSS = "cross"
    BANG = "bang"
    ENVELOPE = "envelope"
    DOT = "dot"


_GREEN, _BLUE, _RED, _AMBER, _TEAL, _GREY = (
    "#2e7d32",
    "#1565c0",
    "#c62828",
    "#ef6c00",
    "#00695c",
    "#757575",
)
_LOOKS: dict[ReceiptKind, tuple[str, Glyph]] = {
    ReceiptKind.ACCEPTANCE: (_BLUE, Glyph.CHECK),
    ReceiptKind.TAKEN_IN_CHARGE: (_BLUE, Glyph.DOT),
    ReceiptKind.DELIVERY: (_GREEN, Glyph.CHECK),
    ReceiptKind.NON_ACCEPTANCE: (_RED, Glyph.CROSS),
    ReceiptKind.NON_ACCEPTANCE_VIRUS: (_RED, Glyph.CROSS),
    ReceiptKind.NON_DELIVERY: (_RED, Glyph.CROSS),
    ReceiptKind.NON_DELIVERY_VIRUS: (_RED, Glyph.CROSS),
    ReceiptKind.TIMEOUT_FINAL: (_RED, Glyph.CROSS),
    ReceiptKind.TIMEOUT_WARNING: (_AMBER, Glyph.BANG),
    ReceiptKind.VIRUS_DETECTED: (_RED, Glyph.BANG),
    ReceiptKind.CERTIFIED_MAIL: (_TEAL, Glyph.ENVELOPE),
    ReceiptKind.ANOMALY: (_AMBER, Glyph.BANG),
    ReceiptKind.OTHER: (_GREY, Glyph.ENVELOPE),
}


def kind_label(kind: ReceiptKind) -> str:
    """The translated name of ``kind``."""
    return QCoreApplication.translate(_CONTEXT, _LABELS[kind])


def look_of(kind: ReceiptKind) -> tuple[str, Glyph]:
    """The colour (``#rrggbb``) and mark of ``kind``'s icon."""
    return _LOOKS[kind]


class KindIcons:
    """Draws each kind's icon once (a coloured disc or envelope with a white mark) and keeps it.

    Build it only once a QGuiApplication exists (it paints pixmaps).
    """

    def __init__(self) -> None:
        self._icons: dict[ReceiptKind, QIcon] = {}

    def icon(self, kind: ReceiptKind) -> QIcon:
        """The icon of ``kind``."""
        found = self._icons.get(kind)
        if found is None:
            color, glyph = look_of(kind)
            found = QIcon()
            for size in (16, 24, 32, 48):
                found.addPixmap(paint_icon(size, QColor(color), glyph))
            self._icons[kind] = found
        return found


def paint_icon(size: int, color: QColor, glyph: Glyph) -> QPixmap:
    """A ``size``-pixel square icon: ``glyph`` in white on ``color``."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(size / 100, size / 100)  # draw on a 100 x 100 grid
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        pen = QPen(QColor("white"), 11, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        if glyph is Glyph.ENVELOPE:
            painter.drawRoundedRect(QRectF(6, 20, 88, 60), 10, 10)
            pen.setWidthF(8)
            painter.setPen(pen)
            painter.drawPolyline([QPointF(14, 28), QPointF(50, 56), QPointF(86, 28)])
            return pixmap
        painter.drawEllipse(QRectF(5, 5, 90, 90))
        painter.setPen(pen)
        if glyph is Glyph.CHECK:
            painter.drawPolyline([QPointF(28, 52), QPointF(44, 68), QPointF(73, 36)])
        elif glyph is Glyph.CROSS:
            painter.drawLine(QPointF(34, 34), QPointF(66, 66))
            painter.drawLine(QPointF(66, 34), QPointF(34, 66))
        elif glyph is Glyph.BANG:
            painter.drawLine(QPointF(50, 25), QPointF(50, 56))
            painter.drawPoint(QPointF(50, 75))
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("white"))
            painter.drawEllipse(QPointF(50, 50), 15, 15)
        return pixmap
    finally:
        painter.end()
