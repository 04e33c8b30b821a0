"""Column widths that fit what a table shows: one column takes the spare width, others fit.

A header of fixed 100 px sections cut dates, codes and Italian titles, while a stretched last
column ("Final", "Reason") grew with nothing in it, and a right-aligned value in it slid out of
sight once the stretched width was saved and restored into a narrower window. Here every column
fits its title and a sample of its rows (``resizeContentsPrecision`` rows, never all of a
10,000-row list), and one chosen column, the one whose text matters (a subject, an address),
takes whatever width is left.

A width set by anyone else (the person dragging a border, or :mod:`remembered` restoring what the
person left) wins: that column is never fitted again. The columns still fitted are listed in the
header's :data:`~pecdesk.ui.widgets.remembered.FITTED` property, so only the person's own widths
are saved.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView

from pecdesk.ui.widgets.remembered import FITTED

SAMPLE_ROWS = 50
"""Rows measured per column (the visible ones first): enough for a fair width, cheap at 10,000."""
GROW_DELAY_MS = 200
"""How long updates in place gather before the columns are widened to fit them."""


class FittedColumns(QObject):
    """Fits ``view``'s columns to their content; ``stretch`` takes the spare width.

    Attributes:
        stretch: the column that takes the spare width.
    """

    def __init__(
        self,
        view: QTableView,
        *,
        stretch: int,
        cap: int = 320,
        caps: Mapping[int, int] | None = None,
        stretch_fits_content: bool = False,
    ) -> None:
        """Fit now and again when rows arrive; ``cap`` bounds a fitted column's width.

        ``caps`` bounds some columns tighter (their tooltips tell the rest). With
        ``stretch_fits_content`` the stretch column never gets narrower than its sampled content
        (up to its cap), even if the table then scrolls sideways (an address matters more than
        the columns after it); else it never gets narrower than its title.
        """
        super().__init__(view)
        self.stretch = stretch
        self._view = view
        self._cap = cap
        self._caps = dict(caps or {})
        self._stretch_fits_content = stretch_fits_content
        self._floor = 0
        self._ours: dict[int, int] = {}  # the widths this object set, by column
        self._theirs: set[int] = set()  # columns sized by someone else: left alone
        self._busy = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        self._header().setStretchLastSection(False)
        self._header().setResizeContentsPrecision(SAMPLE_ROWS)
        self._header().sectionResized.connect(self._resized)
        view.viewport().installEventFilter(self)
        model = view.model()
        model.modelReset.connect(self._timer.start)
        model.columnsInserted.connect(self._timer.start)
        model.rowsInserted.connect(self._rows_inserted)
        # Rows updated in place (a code, a delivery time that arrived) may no longer fit: the
        # columns grow, never shrink (no jitter), at most a few times a second.
        self._grow_timer = QTimer(self)
        self._grow_timer.setSingleShot(True)
        self._grow_timer.setInterval(GROW_DELAY_MS)
        self._grow_timer.timeout.connect(self.grow)
        model.dataChanged.connect(self._data_changed)
        self.fit()

    def fit(self) -> None:
        """Fit every column nobody else sized to its title and sampled rows; stretch the one."""
        header, view = self._header(), self._view
        for column in range(header.count()):
            if column in self._theirs:
                continue
            width = self._bounded(column, view.sizeHintForColumn(column))
            if column == self.stretch:
                title = header.sectionSizeHint(column)
                self._floor = max(width, title) if self._stretch_fits_content else title
                self._ours.setdefault(column, header.sectionSize(column))
            else:
                self._set(column, width)
        self._mark()
        self.spread()

    def grow(self) -> None:
        """Widen the fitted columns whose rows on screen no longer fit; none gets narrower.

        Only the rows in sight are measured (rows change in place where the person looks, and
        a dozen rows cost far less than the sample :meth:`fit` takes while receipts stream).
        """
        header, view = self._header(), self._view
        model = view.model()
        first = max(view.rowAt(0), 0)
        last = view.rowAt(view.viewport().height() - 1)
        if last < 0:  # rows end above the bottom, or the view is not laid out: a sample only
            last = min(model.rowCount(), first + SAMPLE_ROWS) - 1
        last = min(last, first + SAMPLE_ROWS - 1)
        grid = 1 if view.showGrid() else 0
        for column in range(header.count()):
            cap = self._caps.get(column, self._cap)
            if (column in self._theirs or column == self.stretch
                    or header.isSectionHidden(column) or header.sectionSize(column) >= cap):
                continue
            content = max((view.sizeHintForIndex(model.index(row, column)).width() + grid
                           for row in range(first, last + 1)), default=0)
            width = self._bounded(column, content)
            if width > header.sectionSize(column):
                self._set(column, width)
        self.spread()

    def _bounded(self, column: int, content: int) -> int:
        """The width for ``content`` px of text: never below the title, never above the cap."""
        return min(max(self._header().sectionSizeHint(column), content),
                   self._caps.get(column, self._cap))

    def _data_changed(self, *_args: object) -> None:
        if not self._grow_timer.isActive():
            self._grow_timer.start()

    def spread(self) -> None:
        """Give the stretch column the width the others leave (never less than its floor)."""
        header = self._header()
        column = self.stretch
        if column in self._theirs or column >= header.count() or header.isSectionHidden(column):
            return
        others = sum(
            header.sectionSize(c)
            for c in range(header.count())
            if c != column and not header.isSectionHidden(c)
        )
        self._set(column, max(self._floor, self._view.viewport().width() - others))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """Spread again when the table's viewport changes width."""
        if event.type() == QEvent.Type.Resize:
            self.spread()
        return False

    def _rows_inserted(
        self, _parent: QModelIndex | QPersistentModelIndex, first: int, _last: int
    ) -> None:
        if first == 0:  # a first page (or a newest row on top), not a later page: fit once
            self._timer.start()

    def _header(self) -> QHeaderView:
        return self._view.horizontalHeader()

    def _set(self, column: int, width: int) -> None:
        self._ours[column] = width
        if self._header().sectionSize(column) == width and not self._header().isSectionHidden(
            column
        ):
            return
        self._busy = True
        try:
            self._header().resizeSection(column, width)
        finally:
            self._busy = False

    def _resized(self, column: int, old: int, new: int) -> None:
        if self._busy:
            return
        hidden_or_shown = new == 0 or (old == 0 and new == self._ours.get(column))
        if not hidden_or_shown and new != self._ours.get(column):
            self._theirs.add(column)  # dragged, or restored: the person's width from now on
            self._mark()
        if column != self.stretch:
            self.spread()

    def _mark(self) -> None:
        fitted = [c for c in range(self._header().count()) if c not in self._theirs]
        self._header().setProperty(FITTED, fitted)


def fit_columns(
    view: QTableView,
    *,
    stretch: int,
    cap: int = 320,
    caps: Mapping[int, int] | None = None,
    stretch_fits_content: bool = False,
) -> FittedColumns:
    """Fit ``view``'s columns to their content, ``stretch`` taking the spare width."""
    return FittedColumns(
        view, stretch=stretch, cap=cap, caps=caps, stretch_fits_content=stretch_fits_content
    )
