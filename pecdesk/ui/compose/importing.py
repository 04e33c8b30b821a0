"""Importing a recipient list: read the file, ask for its columns, map its rows, off the GUI thread.

Reading a 100,000-row sheet and checking its addresses each take most of a second, so both run
in a worker thread; only the mapping dialog (twenty rows of preview) is built on the GUI thread.
A newer import, or a draft restored meanwhile, supersedes one still being mapped.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from pecdesk.errors import PecError
from pecdesk.recipients import ColumnMapping, Table, read_table
from pecdesk.services.sending.heap import Collector
from pecdesk.ui.compose.importer import ImportDialog
from pecdesk.ui.compose.work import Latest, map_table
from pecdesk.ui.dialogs.ask import show_error
from pecdesk.ui.widgets.remembered import keep_folder, start_folder
from pecdesk.ui.widgets.tasks import TaskRunner

P = ParamSpec("P")
T = TypeVar("T")


class ListImporter(QObject):
    """Takes a spreadsheet from the file to checked recipients, asking for the columns between.

    Attributes:
        dialog: the mapping dialog while it is open.
        error: why the last import failed, if it did.

    Signals:
        imported(Mapped): the rows of the newest import, mapped and checked.
    """

    imported = Signal(object)

    def __init__(
        self,
        *,
        owner: QWidget,
        busy: QWidget,
        tasks: TaskRunner | None,
        collector: Collector | None,
    ) -> None:
        """Import on behalf of ``owner`` (it parents the dialogs), ``busy`` disabled meanwhile.

        ``collector`` is held back while the worker builds the rows (see
        :mod:`pecdesk.services.sending.heap`); None builds them with the collector as it is.
        """
        super().__init__(owner)
        self._owner = owner
        self._collector = collector
        self._busy = busy
        self._tasks = tasks
        self._latest = Latest()
        self.dialog: ImportDialog | None = None
        self.error: PecError | None = None

    def pick(self) -> None:
        """Ask for a spreadsheet, then import it."""
        name, _ = QFileDialog.getOpenFileName(  # the tab's words, translated already
            self._owner, QCoreApplication.translate("ComposeTab", "Import recipients"),
            start_folder(self._owner, "import"),
            QCoreApplication.translate("ComposeTab",
                                       "Spreadsheets (*.xlsx *.csv *.txt);;All files (*)"),
        )
        if name:
            keep_folder(self._owner, "import", name)
            self.import_file(Path(name))

    def import_file(self, path: Path) -> None:
        """Read ``path`` off the GUI thread, then ask for the column mapping."""
        if self._tasks is not None:
            self._tasks.run_task(self._read(path), parent=self._owner, busy=self._busy,
                                 on_error=self._failed)

    def supersede(self) -> None:
        """Drop the import being mapped, if any: the list was replaced meanwhile."""
        self._latest.next()

    def _failed(self, error: PecError) -> None:
        self.error = error
        show_error(self._owner, error)

    async def _read(self, path: Path) -> None:
        self.error = None
        table = await asyncio.to_thread(self._building(read_table), path)
        dialog = ImportDialog(table, path.name, self._owner)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._map(table, dialog.mapping(), path.name))
        dialog.finished.connect(lambda _code: setattr(self, "dialog", None))
        dialog.open()

    def _building(self, work: Callable[P, T]) -> Callable[P, T]:
        return work if self._collector is None else self._collector.building(work)

    def _map(self, table: Table, mapping: ColumnMapping, source: str) -> None:
        """Map and check the sheet's rows in the worker; only the newest import is applied."""
        assert self._tasks is not None  # a dialog opens only when tasks run
        ticket = self._latest.next()

        async def mapping_rows() -> None:
            rows = await asyncio.to_thread(self._building(map_table), table, mapping, source)
            if self._latest.is_current(ticket):
                self.imported.emit(rows)

        self._tasks.run_task(mapping_rows(), parent=self._owner, busy=self._busy,
                             on_error=self._failed)
