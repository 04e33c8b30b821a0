"""Compose's way into the address book: the button, the menu entry and the completion.

The Compose tab builds one :class:`AddressBookLink` beside its import button and hands it the
address box and a way to add recipients; the window puts :attr:`AddressBookLink.action` in its
File menu. The book itself arrives later (:meth:`AddressBookLink.use`), as the templates do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QPlainTextEdit, QPushButton, QWidget

from pecdesk.services.contacts.book import AddressBookService
from pecdesk.ui.contacts.completion import AddressCompleter
from pecdesk.ui.widgets.tasks import TaskRunner

if TYPE_CHECKING:  # the dialog is imported when first opened, not with the Compose tab
    from pecdesk.ui.contacts.dialog import AddRecipients, AddressBookDialog


class AddressBookLink(QObject):
    """Opens the address book for Compose and completes addresses in its address box.

    Attributes:
        button: "Address book…", beside "Import Excel or CSV…".
        action: the same, for the window's menu.
        completion: the completion of the address box.
        dialog: the address book while it is open.
    """

    def __init__(
        self,
        *,
        edit: QPlainTextEdit,
        add: AddRecipients,
        tasks: TaskRunner | None,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._add = add
        self._tasks = tasks
        self._service: AddressBookService | None = None
        self.dialog: AddressBookDialog | None = None
        self.button = QPushButton(self.tr("Address book…"), parent)
        self.button.clicked.connect(lambda _checked=False: self.open_book())
        self.action = QAction(self.tr("&Address book…"), parent)
        self.action.triggered.connect(lambda _checked=False: self.open_book())
        self.completion = AddressCompleter(edit, self._suggestions, self._revision)
        self.use(None)

    @property
    def service(self) -> AddressBookService | None:
        """The address book, when it is available."""
        return self._service

    def use(self, service: AddressBookService | None) -> None:
        """Offer the address book ``service`` (None: the button and the completion are off)."""
        self._service = service
        usable = service is not None and self._tasks is not None
        for control in (self.button, self.action):
            control.setEnabled(usable)
        self.button.setToolTip("" if usable else self.tr("The address book is not available"))
        self.completion.refresh()

    def _suggestions(self) -> list[str]:
        return self._service.completions() if self._service is not None else []

    def _revision(self) -> int:
        return self._service.revision if self._service is not None else 0

    def open_book(self) -> AddressBookDialog | None:
        """Open the address book (or raise it, if it is open already)."""
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        if self._service is None or self._tasks is None:
            return None
        from pecdesk.ui.contacts.dialog import AddressBookDialog  # noqa: PLC0415 - see top

        dialog = AddressBookDialog(
            service=self._service, tasks=self._tasks, add=self._add, parent=self._parent.window()
        )
        dialog.finished.connect(lambda _code: self._closed(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _closed(self, dialog: AddressBookDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
