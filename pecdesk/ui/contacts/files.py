"""The address book's Import and Export buttons: a sheet into the book, a list out to CSV.

Split from the dialog, which holds the contacts and the lists. Reading and writing happen in
worker threads through :class:`pecdesk.services.contacts.book.AddressBookService`; the file
dialogs open in the folder last used for each. Between reading a sheet and storing its
contacts, the preview Compose's import shows lets the person pick the address and name columns.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QPushButton, QWidget

from pecdesk.recipients import ColumnMapping, Table
from pecdesk.services.contacts.book import AddressBookService
from pecdesk.ui.contacts.importer import ContactImportDialog
from pecdesk.ui.widgets.remembered import keep_folder, start_folder
from pecdesk.ui.widgets.tasks import TaskRunner


class BookFiles(QObject):
    """Imports a spreadsheet into the book (and a list named after it); exports to CSV.

    Attributes:
        import_button: asks for a sheet, then imports it.
        export_button: asks where, then writes the list shown (or the whole book).
        preview: the sheet's preview and column choice while it is open.

    Signals:
        imported(str): contacts were imported; the list they were saved in ("" for none).
        said(str): what was done, for the dialog's status line.
    """

    imported = Signal(str)
    said = Signal(str)

    def __init__(
        self,
        *,
        service: AddressBookService,
        tasks: TaskRunner,
        owner: QWidget,
        current_list: Callable[[], str],
    ) -> None:
        """Work for ``owner`` (the dialog); ``current_list()`` names the list it shows."""
        super().__init__(owner)
        self._service = service
        self._tasks = tasks
        self._owner = owner
        self._current_list = current_list
        self.preview: ContactImportDialog | None = None
        self.import_button = QPushButton(self.tr("Import Excel or CSV…"), owner)
        self.import_button.clicked.connect(lambda _checked=False: self._pick_import())
        self.export_button = QPushButton(self.tr("Export to CSV…"), owner)
        self.export_button.clicked.connect(lambda _checked=False: self._pick_export())

    def _pick_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self._owner,
            self.tr("Import contacts"),
            start_folder(self._owner, "contacts-import"),
            self.tr("Spreadsheets (*.xlsx *.csv *.txt);;All files (*)"),
        )
        if name:
            keep_folder(self._owner, "contacts-import", name)
            self.import_file(Path(name))

    def import_file(self, path: Path) -> None:
        """Read ``path``, then show its preview to choose the columns (it imports on OK)."""

        async def read() -> None:
            table = await self._service.read_sheet(path)
            dialog = ContactImportDialog(table, path.name, self._owner)
            self.preview = dialog
            dialog.accepted.connect(
                lambda: self._store(path, table, dialog.mapping(), dialog.name_at())
            )
            dialog.finished.connect(lambda _code: setattr(self, "preview", None))
            dialog.open()  # not exec(): no nested event loop under qasync

        self._tasks.run_task(read(), parent=self._owner, busy=self.import_button)

    def _store(self, path: Path, table: Table, mapping: ColumnMapping, name_at: int | None) -> None:
        """Store the sheet's contacts, its rows also saved as a list named after the file."""

        async def store() -> None:
            found = await self._service.sheet_contacts(table, mapping, name_at=name_at)
            added, updated = await self._service.add_contacts(found.contacts, into_list=path.stem)
            text = self.tr(
                "From {file}: {added} new contacts, {updated} updated, {skipped} "
                "rows without a valid address skipped."
            )
            self.said.emit(
                text.format(file=path.name, added=added, updated=updated, skipped=found.invalid)
            )
            self.imported.emit(path.stem if found.contacts else "")

        self._tasks.run_task(store(), parent=self._owner, busy=self.import_button)

    def _pick_export(self) -> None:
        default = (self._current_list() or self.tr("contacts")) + ".csv"
        name, _ = QFileDialog.getSaveFileName(
            self._owner,
            self.tr("Export contacts"),
            start_folder(self._owner, "contacts-export", default),
            self.tr("CSV files (*.csv)"),
        )
        if name:
            keep_folder(self._owner, "contacts-export", name)
            self.export_to(Path(name))

    def export_to(self, path: Path) -> None:
        """Write the list shown (or the whole book) to ``path`` as CSV."""

        async def export() -> None:
            count = await self._service.export_csv(path, list_name=self._current_list())
            self.said.emit(
                self.tr("%n contact(s) written to {file}.", "", count).format(file=path.name)
            )

        self._tasks.run_task(export(), parent=self._owner, busy=self.export_button)
