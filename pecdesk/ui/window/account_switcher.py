"""The account switcher: a list of accounts in the main window, and the Account menu."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMenu, QWidget


@dataclass(frozen=True, slots=True)
class SwitcherEntry:
    """One account as the switcher lists it.

    Attributes:
        id: the account id (a stored account's, ``builtin`` or ``env``).
        label: what the person sees.
        editable: True for stored accounts (they can be edited and removed).
    """

    id: str
    label: str
    editable: bool


class AccountSwitcher(QWidget):
    """Shows the active account and lets the person pick another, add, edit or remove one.

    Attributes:
        combo: every account; the active one selected.
        menu: the Account menu (add, edit, remove).
        add_action: Account > Add account…
        edit_action: Account > Edit account… (stored accounts only).
        remove_action: Account > Remove account… (stored accounts only).

    Signals:
        switch_requested(str): another account was picked, by id.
        add_requested(): the person wants to add an account.
        edit_requested(str): the person wants to edit the active account.
        remove_requested(str): the person wants to remove the active account.
    """

    switch_requested = Signal(str)
    add_requested = Signal()
    edit_requested = Signal(str)
    remove_requested = Signal(str)

    def __init__(
        self, *, entries: Sequence[SwitcherEntry], current_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._entries = list(entries)
        self._current_id = current_id
        self.combo = QComboBox(self)
        self.combo.setObjectName("accountCombo")
        self.combo.setToolTip(self.tr("The account in use"))
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for entry in self._entries:
            self.combo.addItem(entry.label, entry.id)
        self.reset()
        self.combo.activated.connect(self._picked)
        label = QLabel(self.tr("Account:"), self)
        label.setBuddy(self.combo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.combo)

        self.menu = QMenu(self.tr("&Account"), self)
        self.add_action = QAction(self.tr("&Add account…"), self)
        self.edit_action = QAction(self.tr("&Edit account…"), self)
        self.remove_action = QAction(self.tr("&Remove account…"), self)
        self.add_action.triggered.connect(self.add_requested)
        self.edit_action.triggered.connect(lambda: self.edit_requested.emit(self._current_id))
        self.remove_action.triggered.connect(lambda: self.remove_requested.emit(self._current_id))
        editable = any(e.id == current_id and e.editable for e in self._entries)
        self.edit_action.setEnabled(editable)
        self.remove_action.setEnabled(editable)
        self.menu.addAction(self.add_action)
        self.menu.addAction(self.edit_action)
        self.menu.addAction(self.remove_action)

    @property
    def current_id(self) -> str:
        """The id of the account in use."""
        return self._current_id

    def entry_ids(self) -> list[str]:
        """The ids listed, in order."""
        return [e.id for e in self._entries]

    def reset(self) -> None:
        """Select the account in use again (after a switch that did not happen)."""
        self.combo.setCurrentIndex(max(0, self.combo.findData(self._current_id)))

    def _picked(self, index: int) -> None:
        account_id = str(self.combo.itemData(index))
        if account_id != self._current_id:
            self.switch_requested.emit(account_id)
