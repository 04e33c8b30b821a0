"""The mailbox usage gauge for the status bar, with warnings at 70 % and 90 %.

Receipts fill a PEC mailbox (domain.md complaint 5); a full mailbox refuses incoming PEC. The
gauge shows the share in use (the service's units are unclear, api.md 7.3, so the percentage is
what counts) and turns amber, then red, suggesting archive-then-purge from the Sent tab.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

if TYPE_CHECKING:  # the window's frame shows before the domain is imported
    from pecdesk.domain.models import Quota


WARNING_AT = 0.70
CRITICAL_AT = 0.90
_CHUNK = {
    "ok": "",
    "warning": "QProgressBar::chunk { background: #c98a00; }",
    "critical": "QProgressBar::chunk { background: #b3261e; }",
}


class QuotaLevel(Enum):
    """How worrying the mailbox usage is."""

    OK = "ok"
    WARNING = "warning"
    CRITICAL = "critical"


def level_of(fraction: float) -> QuotaLevel:
    """The level for a used share of the mailbox (0.0–1.0)."""
    if fraction >= CRITICAL_AT:
        return QuotaLevel.CRITICAL
    if fraction >= WARNING_AT:
        return QuotaLevel.WARNING
    return QuotaLevel.OK


class QuotaGauge(QWidget):
    """A small bar and a warning label for the mailbox usage, shown from 70 % on.

    Attributes:
        bar: the usage bar (0–100), hidden below 70 %.
        warning_label: empty below 70 %, a warning above.
        level: the current level.

    Signals:
        level_changed(object): the :class:`QuotaLevel` changed.
    """

    level_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.level = QuotaLevel.OK
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 100)
        self.bar.setMaximumWidth(120)
        self.bar.setTextVisible(True)
        self.warning_label = QLabel(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.bar)
        self.hide()

    def show_quota(self, quota: Quota) -> None:
        """Show ``quota`` and warn at 70 % and 90 %."""
        fraction = max(0.0, min(1.0, quota.fraction))
        self.bar.setValue(round(fraction * 100))
        level = level_of(fraction)
        self.bar.setStyleSheet(_CHUNK[level.value])
        if level is QuotaLevel.CRITICAL:
            text = self.tr("Mailbox almost full: new PECs may be refused. "
                           "Archive and delete old receipts from the Sent tab.")
        elif level is QuotaLevel.WARNING:
            text = self.tr("Mailbox over 70% full: consider archiving old receipts.")
        else:
            text = ""
        self.warning_label.setText(self.tr("Mailbox nearly full") if text else "")
        self.setToolTip(text)
        # Below 70 % the status bar's words say it all ("Mailbox 0.2% full"); a bar reading
        # "0%" there looked like a task stuck at its start. The bar comes when it warns.
        self.bar.setVisible(level is not QuotaLevel.OK)
        self.show()
        if level is not self.level:
            self.level = level
            self.level_changed.emit(level)
