"""The Sent tab's search bar: in the selected campaign or in every campaign, by state and date.

What the person types waits a quarter of a second (a search per key press would queue one
query per letter); a change of scope, state or date applies at once. In "All campaigns" the
dates appear and the search also looks in subjects; the query itself runs in storage (see
:meth:`pecdesk.services.receipts.sent.SentService.search`).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pecdesk.domain.delivery import DeliveryState
from pecdesk.i18n import QT_TRANSLATE_NOOP
from pecdesk.services.receipts.sent import SentSearch

S = DeliveryState
TYPING_MS = 250
_NO_DATE = QDate(2000, 1, 1)
# (label, states) of the filter box; None shows everybody.
FILTERS: tuple[tuple[str, tuple[DeliveryState, ...] | None], ...] = (
    (QT_TRANSLATE_NOOP("SentTab", "All recipients"), None),
    (QT_TRANSLATE_NOOP("SentTab", "Delivered"), (S.DELIVERED,)),
    (QT_TRANSLATE_NOOP("SentTab", "Not delivered"), (S.FAILED, S.FAILED_TIMEOUT, S.REJECTED)),
    (QT_TRANSLATE_NOOP("SentTab", "In progress"), (S.QUEUED, S.SUBMITTED, S.ACCEPTED, S.DELAYED)),
    (QT_TRANSLATE_NOOP("SentTab", "Needs attention"), (S.UNKNOWN, S.NOT_SENT, S.DELAYED)),
)


def _epoch(day: QDate) -> float:
    return datetime.fromisoformat(f"{day.toString('yyyy-MM-dd')}T00:00:00").timestamp()


class SearchBar(QWidget):
    """Scope, state filter, search text, dates (every campaign only) and the match count.

    Attributes:
        scope_box: "This campaign" or "All campaigns".
        filter_box: the state filter.
        search_edit: a piece of address or code (and subject, in every campaign).
        since_edit: first day (its lowest value means no bound).
        until_edit: last day (its lowest value means no bound).
        count_label: how many recipients match.

    Signals:
        changed(): the search changed (typing has paused).
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scope_box = QComboBox(self)
        self.scope_box.addItem(self.tr("This campaign"), False)
        self.scope_box.addItem(self.tr("All campaigns"), True)
        self.filter_box = QComboBox(self)
        for label, states in FILTERS:
            self.filter_box.addItem(QCoreApplication.translate("SentTab", label), states)
        self.search_edit = QLineEdit(self)
        self.search_edit.setClearButtonEnabled(True)
        self.since_edit, self.until_edit = self._date(), self._date()
        self.count_label = QLabel(self)
        self.count_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.count_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("0" * 14))
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_MS)
        self._typing.timeout.connect(self.changed)
        self.search_edit.textChanged.connect(lambda _t: self._typing.start())
        self.scope_box.currentIndexChanged.connect(self._scope_changed)
        self.filter_box.currentIndexChanged.connect(lambda _i: self.changed.emit())
        for edit in (self.since_edit, self.until_edit):
            edit.dateChanged.connect(lambda _d: self.changed.emit())
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        for widget, stretch in ((self.scope_box, 0), (self.filter_box, 0),
                                (self.search_edit, 1), (self.count_label, 0)):
            top.addWidget(widget, stretch)
        self.dates = QWidget(self)
        dates = QHBoxLayout(self.dates)
        dates.setContentsMargins(0, 0, 0, 0)
        dates.addWidget(QLabel(self.tr("Sent from"), self.dates))
        dates.addWidget(self.since_edit)
        dates.addWidget(QLabel(self.tr("to"), self.dates))
        dates.addWidget(self.until_edit)
        dates.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.dates)
        self._scope_changed()

    def _date(self) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setMinimumDate(_NO_DATE)
        edit.setSpecialValueText(self.tr("any day"))  # shown at the lowest value
        edit.setDate(_NO_DATE)
        return edit

    def _scope_changed(self) -> None:
        every = self.everywhere
        self.dates.setVisible(every)
        self.search_edit.setPlaceholderText(
            self.tr("Search recipient, subject or code") if every
            else QCoreApplication.translate("SentTab", "Search address or code")
        )
        self.changed.emit()

    @property
    def everywhere(self) -> bool:
        """Whether the search covers every campaign."""
        return bool(self.scope_box.currentData())

    def states(self) -> Collection[DeliveryState] | None:
        """The states the filter keeps (None: all)."""
        states: Collection[DeliveryState] | None = self.filter_box.currentData()
        return states

    def text(self) -> str:
        """The search text."""
        return self.search_edit.text()

    def search(self) -> SentSearch:
        """The search over every campaign the bar describes."""
        since, until = self.since_edit.date(), self.until_edit.date()
        return SentSearch(
            text=self.text(), states=self.states(),
            since=None if since == _NO_DATE else _epoch(since),
            until=None if until == _NO_DATE else _epoch(until.addDays(1)),
        )

    def reset(self) -> None:
        """Back to the selected campaign, every state, no text (no ``changed`` emitted)."""
        for widget in (self.scope_box, self.filter_box, self.search_edit):
            widget.blockSignals(True)
        self.scope_box.setCurrentIndex(0)
        self.filter_box.setCurrentIndex(0)
        self.search_edit.clear()
        self._typing.stop()
        for widget in (self.scope_box, self.filter_box, self.search_edit):
            widget.blockSignals(False)
        self.dates.setVisible(False)
        self.search_edit.setPlaceholderText(
            QCoreApplication.translate("SentTab", "Search address or code"))

    def show_count(self, total: int) -> None:
        """Say how many recipients match."""
        self.count_label.setText(self.tr("%n recipient(s)", "", total))

