"""The address book's saved lists: which one is shown, and making, filling and deleting them.

Split from the dialog, which holds the contacts and lays the controls out. Every change goes
to :class:`pecdesk.services.contacts.book.AddressBookService` through the task runner; once it
is stored, :attr:`BookLists.stored` names the list to show and the dialog shows the book again.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QWidget,
)

from pecdesk.services.contacts.book import AddressBookService
from pecdesk.services.contacts.contact import Contact, ContactList
from pecdesk.ui.widgets.tasks import TaskRunner

Ask = Callable[[str, str], Awaitable[bool]]
"""Asks a yes/no question (a title, the question) for the dialog; True for yes."""
_ALL = Qt.ItemDataRole.UserRole + 1


class BookLists(QObject):
    """The lists beside the contacts, and the buttons that change them.

    Attributes:
        lists_widget: "All contacts" first, then the saved lists; the current one is shown.
        new_list_button: saves the selected contacts as a new list.
        add_to_list_button: adds the selected contacts to a list (its menu).
        remove_from_list_button: takes the selected contacts out of the list shown.
        delete_list_button: deletes the list shown (its contacts stay).
        name_dialog: the list name question, while open.

    Signals:
        shown_changed(): another list (or all contacts) was chosen.
        stored(str): a change to the lists was stored; the list to show now ("" for all).
        said(str): what was done, for the dialog's status line.
    """

    shown_changed = Signal()
    stored = Signal(str)
    said = Signal(str)

    def __init__(
        self,
        *,
        service: AddressBookService,
        tasks: TaskRunner,
        owner: QWidget,
        selected: Callable[[], list[Contact]],
        ask: Ask,
    ) -> None:
        """Work for ``owner`` (the dialog); ``selected()`` gives the contacts chosen in it."""
        super().__init__(owner)
        self._service = service
        self._tasks = tasks
        self._owner = owner
        self._selected = selected
        self._ask = ask
        self.name_dialog: QInputDialog | None = None
        self.lists_widget = QListWidget(owner)
        self.lists_widget.currentItemChanged.connect(lambda *_: self.shown_changed.emit())
        self.new_list_button = self._button(self.tr("New list…"), self.ask_list_name)
        self.new_list_button.setToolTip(self.tr(
            "Saves the selected contacts as a new list (a condominium, say): select them first."))
        # A push button with a menu, not a tool button: the style then makes room for the
        # arrow (an InstantPopup tool button drew it over the end of "Aggiungi all'elenco").
        self.add_to_list_button = QPushButton(self.tr("Add to list"), owner)
        self.add_to_list_button.setMenu(QMenu(self.add_to_list_button))
        self.add_to_list_button.menu().aboutToShow.connect(self._fill_lists_menu)
        self.remove_from_list_button = self._button(
            self.tr("Remove from list"), self.remove_from_list
        )
        self.delete_list_button = self._button(self.tr("Delete list"), self.delete_list)

    def _button(self, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self._owner)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # -- showing ------------------------------------------------------------------------------

    def show_lists(self, select_list: str | None = None) -> None:
        """List the saved lists again; ``select_list`` ("" for all) is then the current one.

        No :attr:`shown_changed` follows: the caller shows the contacts itself.
        """
        shown = self.current_list() if select_list is None else select_list
        self.lists_widget.blockSignals(True)
        self.lists_widget.clear()
        everyone = QListWidgetItem(self.tr("All contacts"), self.lists_widget)
        everyone.setData(_ALL, True)
        current = everyone
        for saved in self._service.lists():
            item = QListWidgetItem(f"{saved.name} ({len(saved.members)})", self.lists_widget)
            item.setData(Qt.ItemDataRole.UserRole, saved.name)
            if shown and saved.name.casefold() == shown.casefold():
                current = item
        self.lists_widget.setCurrentItem(current)
        self.lists_widget.blockSignals(False)

    def current_list(self) -> str:
        """The name of the list shown; "" when all contacts are."""
        item = self.lists_widget.currentItem()
        name = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return name if isinstance(name, str) else ""

    def enable(self, chosen: bool) -> None:
        """Enable what applies, with contacts ``chosen`` (or not) in the list shown."""
        in_list = bool(self.current_list())
        self.add_to_list_button.setEnabled(chosen)
        self.remove_from_list_button.setEnabled(chosen and in_list)
        self.delete_list_button.setEnabled(in_list)
        self.new_list_button.setEnabled(chosen)

    # -- changing -----------------------------------------------------------------------------

    def ask_list_name(self) -> QInputDialog:
        """Ask a name, then save the selected contacts as a list of that name."""
        dialog = QInputDialog(self._owner)
        dialog.setObjectName("listNameDialog")
        dialog.setWindowTitle(self.tr("New list"))
        dialog.setLabelText(self.tr("Name of the list (for example, the condominium):"))
        dialog.textValueSelected.connect(self.save_as_list)
        dialog.finished.connect(lambda _code: self._name_dialog_closed(dialog))
        self.name_dialog = dialog
        dialog.open()
        return dialog

    def _name_dialog_closed(self, dialog: QInputDialog) -> None:
        if self.name_dialog is dialog:
            self.name_dialog = None
        dialog.deleteLater()

    def save_as_list(self, name: str) -> None:
        """Save the selected contacts as the list ``name`` (added to it if it exists)."""
        chosen = [contact.key for contact in self._selected()]
        if name.strip() and chosen:
            self._into_list(name.strip(), chosen)

    def _fill_lists_menu(self) -> None:
        menu = self.add_to_list_button.menu()
        menu.clear()
        for saved in self._service.lists():
            action = menu.addAction(saved.name)
            action.triggered.connect(lambda _checked=False, n=saved.name: self.add_to_list(n))
        if not self._service.lists():
            menu.addAction(self.tr("No lists yet")).setEnabled(False)

    def add_to_list(self, name: str) -> None:
        """Add the selected contacts to the list ``name``."""
        self._into_list(name, [contact.key for contact in self._selected()])

    def _into_list(self, name: str, keys: list[str]) -> None:
        async def save() -> None:
            old = self._service.get_list(name)
            members = (*(old.members if old else ()), *keys)
            stored = await self._service.save_list(ContactList(old.name if old else name, members))
            self.said.emit(
                self.tr("The list {name} has %n contact(s).", "", len(stored.members)).format(
                    name=stored.name
                )
            )
            self.stored.emit(stored.name)

        self._tasks.run_task(save(), parent=self._owner)

    def remove_from_list(self) -> None:
        """Take the selected contacts out of the list shown (they stay in the book)."""
        saved = self._service.get_list(self.current_list())
        gone = {contact.key for contact in self._selected()}
        if saved is None or not gone:
            return

        async def save() -> None:
            members = tuple(m for m in saved.members if m not in gone)
            await self._service.save_list(ContactList(saved.name, members))
            self.stored.emit(saved.name)

        self._tasks.run_task(save(), parent=self._owner)

    def delete_list(self) -> None:
        """Ask, then delete the list shown (its contacts stay in the book)."""
        name = self.current_list()
        if not name:
            return

        async def delete() -> None:
            question = self.tr(
                "Delete the list {name}? Its contacts stay in the address book."
            ).format(name=name)
            if not await self._ask(self.tr("Delete list"), question):
                return
            await self._service.delete_list(name)
            self.stored.emit("")

        self._tasks.run_task(delete(), parent=self._owner, busy=self.delete_list_button)
