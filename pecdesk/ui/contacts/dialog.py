"""The address book dialog: contacts and saved lists; import, export, add to the recipients.

Opened with ``open()`` (never ``exec()``): on the qasync loop a nested event loop would stall
the tasks that save. Every change goes to
:class:`pecdesk.services.contacts.book.AddressBookService` through the task runner; the dialog
shows the book again once the change is stored. This module holds the contacts and lays the
dialog out; the saved lists are :mod:`pecdesk.ui.contacts.lists`, the files
:mod:`pecdesk.ui.contacts.files`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pecdesk.recipients import Recipient
from pecdesk.services.contacts.book import AddressBookService
from pecdesk.services.contacts.contact import Contact, ContactList
from pecdesk.ui.contacts.editor import ContactEditor
from pecdesk.ui.contacts.files import BookFiles
from pecdesk.ui.contacts.lists import BookLists
from pecdesk.ui.contacts.model import COL_FIELDS, ContactsModel
from pecdesk.ui.dialogs.ask import ask
from pecdesk.ui.widgets.columns import fit_columns
from pecdesk.ui.widgets.tasks import TaskRunner

AddRecipients = Callable[[Sequence[Recipient], Sequence[str]], int]
"""Puts recipients (with their merge fields' names) into Compose; returns how many were new."""


class AddressBookDialog(QDialog):
    """The contacts (all, or one list's), searched; lists; import, export, add to the message.

    Attributes:
        lists: the saved lists and their buttons (see :mod:`pecdesk.ui.contacts.lists`).
        lists_widget: "All contacts" first, then the saved lists (the lists').
        search_edit: filters the contacts shown by name, address or field value.
        model: the contacts shown; table: its view (several rows may be selected).
        new_button, edit_button, delete_button: the contacts.
        new_list_button, add_to_list_button, remove_from_list_button, delete_list_button:
            the lists' buttons.
        files: imports a sheet into the book, exports the book or the list to CSV.
        import_button, export_button: its buttons.
        add_button: puts the selected contacts (none selected: the list shown) into Compose.
        status_label: what the last action did.
        editor: the contact editor, while open.
        ask: asks a yes/no question (tests replace it; see :func:`pecdesk.ui.dialogs.ask.ask`).

    Signals:
        changed(): a change to the book was stored and is shown.
    """

    changed = Signal()

    def __init__(
        self,
        *,
        service: AddressBookService,
        tasks: TaskRunner,
        add: AddRecipients | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._tasks = tasks
        self._add = add
        self.editor: ContactEditor | None = None
        self.ask = ask
        self.setObjectName("addressBookDialog")
        self.setWindowTitle(self.tr("Address book"))
        self.resize(820, 480)
        self.lists = BookLists(
            service=service, tasks=tasks, owner=self, selected=self.selected, ask=self._ask
        )
        self.lists.shown_changed.connect(self.show_contacts)
        self.lists.stored.connect(self._lists_stored)
        self.lists.said.connect(self._said)
        self.lists_widget = self.lists.lists_widget
        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(self.tr("Search by name, address or field"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(lambda _text: self.show_contacts())
        self.model = ContactsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # Name and address fit their text; the merge fields take the rest (as in the Sent tab).
        fit_columns(self.table, stretch=COL_FIELDS)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        self._build_buttons()
        self._lay_out()
        self.reload()

    # -- building -----------------------------------------------------------------------------

    def _button(self, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _build_buttons(self) -> None:
        self.new_button = self._button(self.tr("New contact…"), self.new_contact)
        self.edit_button = self._button(self.tr("Edit…"), self.edit_selected)
        self.delete_button = self._button(self.tr("Delete"), self.delete_selected)
        self.new_list_button = self.lists.new_list_button
        self.add_to_list_button = self.lists.add_to_list_button
        self.remove_from_list_button = self.lists.remove_from_list_button
        self.delete_list_button = self.lists.delete_list_button
        self.files = BookFiles(
            service=self._service, tasks=self._tasks, owner=self, current_list=self.current_list
        )
        self.files.said.connect(self._said)
        self.files.imported.connect(self._imported)
        self.import_button, self.export_button = self.files.import_button, self.files.export_button
        self.add_button = self._button(self.tr("Add to recipients"), self.add_to_recipients)
        self.add_button.setDefault(True)

    def _lay_out(self) -> None:
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("Lists"), left))
        left_layout.addWidget(self.lists_widget, 1)
        left_layout.addWidget(self.new_list_button)
        left_layout.addWidget(self.delete_list_button)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.search_edit)
        right_layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        for widget in (
            self.new_button,
            self.edit_button,
            self.delete_button,
            self.add_to_list_button,
            self.remove_from_list_button,
        ):
            row.addWidget(widget)
        row.addStretch(1)
        right_layout.addLayout(row)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        bottom = QHBoxLayout()
        bottom.addWidget(self.import_button)
        bottom.addWidget(self.export_button)
        bottom.addStretch(1)
        bottom.addWidget(self.add_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status_label)
        layout.addLayout(bottom)

    # -- showing ------------------------------------------------------------------------------

    def reload(self, select_list: str | None = None) -> None:
        """Show the lists and the contacts again; ``select_list`` ("" for all) is then shown."""
        self.lists.show_lists(select_list)
        self.show_contacts()

    def current_list(self) -> str:
        """The name of the list shown; "" when all contacts are."""
        return self.lists.current_list()

    def show_contacts(self) -> None:
        """Fill the table with the contacts of the list shown that match the search."""
        name = self.current_list()
        needle = self.search_edit.text()
        matching = self._service.search(needle)
        if name:
            wanted = {contact.key for contact in matching}
            matching = [c for c in self._service.members(name) if c.key in wanted]
        self.model.set_contacts(matching)
        self._enable()

    def selected(self) -> list[Contact]:
        """The contacts selected in the table, in its order."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.contacts[row] for row in rows if row < len(self.model.contacts)]

    def select(self, addresses: Sequence[str]) -> None:
        """Select the rows of ``addresses`` (any case)."""
        wanted = {address.lower() for address in addresses}
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for row, contact in enumerate(self.model.contacts):
            if contact.key in wanted:
                self.table.selectRow(row)
        self.table.setSelectionMode(mode)

    def _enable(self) -> None:
        chosen = bool(self.selected())
        in_list = bool(self.current_list())
        self.edit_button.setEnabled(len(self.selected()) == 1)
        self.delete_button.setEnabled(chosen)
        self.lists.enable(chosen)
        self.add_button.setEnabled(
            self._add is not None and (chosen or (in_list and bool(self.model.contacts)))
        )

    def _said(self, text: str) -> None:
        self.status_label.setText(text)

    # -- contacts -----------------------------------------------------------------------------

    def new_contact(self) -> ContactEditor:
        """Open the editor on a new contact."""
        return self._edit(None)

    def edit_selected(self) -> ContactEditor | None:
        """Open the editor on the selected contact."""
        chosen = self.selected()
        return self._edit(chosen[0]) if len(chosen) == 1 else None

    def _edit(self, contact: Contact | None) -> ContactEditor:
        editor = ContactEditor(contact, parent=self)
        old = contact.address if contact is not None else None
        editor.edited.connect(lambda new: self._save(new, old))
        editor.finished.connect(lambda _code: self._editor_closed(editor))
        self.editor = editor
        editor.open()
        return editor

    def _editor_closed(self, editor: ContactEditor) -> None:
        if self.editor is editor:
            self.editor = None
        editor.deleteLater()

    def _save(self, contact: Contact, old: str | None) -> None:
        in_list = self.current_list()

        async def save() -> None:
            stored = await self._service.save_contact(contact, replacing=old)
            saved = self._service.get_list(in_list) if in_list else None
            if saved is not None and stored.key not in saved.members:  # a new one, in this list
                await self._service.save_list(ContactList(saved.name, (*saved.members, stored.key)))
            self.reload()
            self.select([stored.address])
            self._said(self.tr("{contact} saved.").format(contact=stored.label()))
            self.changed.emit()

        self._tasks.run_task(save(), parent=self)

    def delete_selected(self) -> None:
        """Ask, then delete the selected contacts (from every list too)."""
        chosen = self.selected()
        if not chosen:
            return

        async def delete() -> None:
            question = self.tr(
                "Delete %n contact(s) from the address book, and from every list? "
                "This cannot be undone.",
                "",
                len(chosen),
            )
            if not await self.ask(self, self.tr("Delete contacts"), question):
                return
            for contact in chosen:
                await self._service.delete_contact(contact.address)
            self.reload()
            self._said(self.tr("%n contact(s) deleted.", "", len(chosen)))
            self.changed.emit()

        self._tasks.run_task(delete(), parent=self, busy=self.delete_button)

    # -- lists (see pecdesk.ui.contacts.lists) --------------------------------------------

    def ask_list_name(self) -> QInputDialog:
        """Ask a name, then save the selected contacts as a list of that name."""
        return self.lists.ask_list_name()

    def _ask(self, title: str, question: str) -> Awaitable[bool]:
        """Ask through :attr:`ask`, looked up now (tests replace it)."""
        return self.ask(self, title, question)

    def _lists_stored(self, name: str) -> None:
        self.reload(name)
        self.changed.emit()

    # -- to Compose, after an import ------------------------------------------------------------

    def add_to_recipients(self) -> int:
        """Put the selected contacts (none selected: the whole list shown) into the message."""
        chosen = self.selected() or (self.model.contacts if self.current_list() else [])
        if self._add is None or not chosen:
            return 0
        rows, fields = self._service.recipients(chosen)
        added = self._add(rows, fields)
        self._said(self.tr("%n recipient(s) added to the message.", "", added))
        return added

    def _imported(self, list_name: str) -> None:
        self.reload(list_name or None)
        self.changed.emit()
