"""The Inbox tab's search bar: local search as you type, the service's search on demand, kinds."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from pecdesk.ui.inbox.kinds import KindGroup, group_label

SEARCH_DELAY_MS = 150
"""Typing pause before the local search runs."""


class _SearchEdit(QLineEdit):
    """A line edit that clears itself on Escape."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        """Escape clears the text; other keys as usual."""
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)


class InboxSearchBar(QWidget):
    """Search field, "search on the service" switch with its warning, and the kind filter.

    The local search runs over the messages saved on this computer as the person types; the
    service's search (``GET /inbox?q=``) runs only on Enter, because it can be slow.

    Attributes:
        search_edit: the text to look for.
        server_box: search on the PEC service instead of this computer.
        server_note: the warning that the service's search can be slow.
        kind_filter: which kinds of message to show.

    Signals:
        local_search_requested(str): search the saved messages ("" shows the whole inbox).
        server_search_requested(str): search the mailbox on the service.
        kind_group_changed(object): the :class:`KindGroup` chosen.
    """

    local_search_requested = Signal(str)
    server_search_requested = Signal(str)
    kind_group_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search_edit = _SearchEdit(self)
        self.search_edit.setPlaceholderText(self.tr("Search messages (Ctrl+F)"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._text_changed)
        self.search_edit.returnPressed.connect(self._enter_pressed)
        self.server_box = QCheckBox(self.tr("On the PEC service"), self)
        self.server_box.setToolTip(
            self.tr("Search the whole mailbox on the PEC service instead of this computer.")
        )
        self.server_box.toggled.connect(self._server_toggled)
        self.server_note = QLabel(
            self.tr(
                "The PEC service's search can take a while on big mailboxes: press Enter to "
                "start it. Without this option, pecdesk searches at once, offline, through "
                "the messages already seen on this computer."
            ),
            self,
        )
        self.server_note.setWordWrap(True)
        self.server_note.hide()
        self.kind_filter = QComboBox(self)
        for group in KindGroup:
            self.kind_filter.addItem(group_label(group), group)
        self.kind_filter.currentIndexChanged.connect(
            lambda index: self.kind_group_changed.emit(self.kind_filter.itemData(index))
        )
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._search_locally)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.search_edit, 1)
        row.addWidget(self.server_box)
        row.addWidget(self.kind_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.server_note)

    @property
    def query(self) -> str:
        """The text searched for, trimmed."""
        return self.search_edit.text().strip()

    @property
    def kind_group(self) -> KindGroup:
        """The kinds chosen in the filter."""
        group = self.kind_filter.currentData()
        return group if isinstance(group, KindGroup) else KindGroup.ALL

    def focus_search(self) -> None:
        """Put the cursor in the search field, its text selected (Ctrl+F)."""
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _text_changed(self, text: str) -> None:
        if not text.strip():
            self._timer.stop()
            self.local_search_requested.emit("")  # back to the inbox, even in service mode
        elif not self.server_box.isChecked():
            self._timer.start()

    def _enter_pressed(self) -> None:
        if self.server_box.isChecked() and self.query:
            self.server_search_requested.emit(self.query)
        else:
            self._timer.stop()
            self._search_locally()

    def _server_toggled(self, on: bool) -> None:
        self.server_note.setVisible(on)
        if not on and self.query:
            self._timer.start()

    def _search_locally(self) -> None:
        self.local_search_requested.emit(self.query)
