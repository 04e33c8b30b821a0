"""The Compose tab's recipients: typed addresses, an imported list, the address book, the folder.

The box owns the list it shows: the imported sheet (mapped and checked in the worker by
:class:`~pecdesk.ui.compose.importing.ListImporter`), the addresses typed or pasted, the rows
added from the address book, and the folder of per-recipient attachments. The tab reads them
when it takes a snapshot of the form and hears of every change through the box's signals.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pecdesk.recipients import ColumnMapping, Recipient, Table, from_text, with_typed
from pecdesk.services.contacts.book import AddressBookService
from pecdesk.services.contacts.transfer import merge_rows
from pecdesk.services.sending.heap import Collector
from pecdesk.services.sending.preflight import Report
from pecdesk.ui.compose.importing import ListImporter
from pecdesk.ui.compose.recipients import COL_ADDRESS, RecipientsModel
from pecdesk.ui.compose.work import Mapped, map_table, mapped
from pecdesk.ui.contacts.link import AddressBookLink
from pecdesk.ui.widgets.columns import fit_columns
from pecdesk.ui.widgets.remembered import keep_folder, remember, start_folder
from pecdesk.ui.widgets.tasks import TaskRunner


class RecipientsBox(QGroupBox):
    """The address box, Import and Address book, the attachments folder and the recipients table.

    Attributes:
        paste_edit: addresses typed or pasted (newline, comma or semicolon between them).
        import_button: imports a spreadsheet.
        importer: reads, maps and checks an imported list (in the worker).
        address_book: the address book's button and the completion of the address box.
        folder_button: picks the folder of per-recipient attachments.
        folder_label: the folder's path.
        recipients_model: every recipient, imported and typed.
        table: the view of ``recipients_model``.
        recipients_label: how many recipients, how many invalid.
        clear_button: empties the recipients (the imported list and the typed addresses).

    Signals:
        changed(): the recipients changed (typed, imported, added or restored).
        list_replaced(): the imported list was replaced (an import, rows added): save it again.
        folder_changed(): another folder of attachments was chosen.
    """

    changed = Signal()
    list_replaced = Signal()
    folder_changed = Signal()

    def __init__(
        self,
        *,
        tasks: TaskRunner | None,
        collector: Collector | None,
        parent: QWidget | None = None,
    ) -> None:
        """Import in the worker through ``tasks``, ``collector`` held back meanwhile."""
        super().__init__(parent)
        self.setTitle(self.tr("Recipients"))
        self._list = mapped((), ())  # the imported recipients, their fields, how many invalid
        self._folder: Path | None = None
        self.paste_edit = QPlainTextEdit(self)
        self.paste_edit.setPlaceholderText(self.tr("Type or paste PEC addresses, one per line"))
        self.paste_edit.setMaximumHeight(90)
        self.paste_edit.textChanged.connect(self._update)
        self.paste_edit.setTabChangesFocus(True)  # Tab leaves the box; it never types a tab
        self.address_book = AddressBookLink(
            edit=self.paste_edit, add=self.add_recipients, tasks=tasks, parent=self
        )
        self.import_button = QPushButton(self.tr("Import Excel or CSV…"), self)
        self.importer = ListImporter(
            owner=self, busy=self.import_button, tasks=tasks, collector=collector
        )
        self.importer.imported.connect(self.set_list)
        self.import_button.clicked.connect(self.importer.pick)
        self.folder_button = QPushButton(self.tr("Attachments folder…"), self)
        self.folder_button.clicked.connect(self._pick_folder)
        self.folder_label = QLabel(self)
        self.folder_label.setTextFormat(Qt.TextFormat.PlainText)
        self.folder_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.recipients_model = RecipientsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.recipients_model)
        fit_columns(self.table, stretch=COL_ADDRESS, stretch_fits_content=True)
        remember(self.table.horizontalHeader(), "compose.recipients")
        self.recipients_label = QLabel(self)
        self.recipients_label.setWordWrap(True)  # long in Italian: beside Clear, in a narrow box
        self.clear_button = QPushButton(self.tr("Clear"), self)
        self.clear_button.setToolTip(
            self.tr("Remove every recipient: the imported list and the typed addresses")
        )
        self.clear_button.clicked.connect(lambda _checked=False: self.clear())
        self._lay_out()
        self._update()

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.address_book.button)
        buttons.addStretch(1)
        # The folder on its own row, beside its path, and Clear below the table, beside the
        # count it empties: three buttons in a row made the window wider than a 1,024 px screen
        # in Italian, and squeezed the box until "Rubrica…" was cut.
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_button)
        folder_row.addWidget(self.folder_label, 1)
        count_row = QHBoxLayout()
        count_row.addWidget(self.recipients_label, 1)
        count_row.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.paste_edit)
        layout.addLayout(buttons)
        layout.addLayout(folder_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(count_row)

    # -- what the box holds -----------------------------------------------------------------------

    @property
    def imported(self) -> Mapped:
        """The imported (or added) rows, their merge fields, where they came from."""
        return self._list

    @property
    def folder(self) -> Path | None:
        """The folder of per-recipient attachments; None when none was chosen."""
        return self._folder

    def pasted(self) -> str:
        """The address box's text as typed."""
        return self.paste_edit.toPlainText()

    def recipients(self) -> list[Recipient]:
        """Imported rows, then the typed or pasted addresses (numbered after them)."""
        return with_typed(self._list.recipients, self.pasted())

    def _update(self) -> None:
        rows = self.recipients()
        pasted = rows[len(self._list.recipients):]
        self.recipients_model.set_recipients(rows, self._list.fields)
        invalid = self._list.invalid + sum(not r.valid for r in pasted)
        self.recipients_label.setText(
            self.tr("%n recipient(s)", "", len(rows))
            + ", "
            + self.tr("%n invalid", "", invalid)
        )
        self.clear_button.setEnabled(bool(rows) or bool(self.pasted().strip()))
        self.changed.emit()

    def show_sizes(self, report: Report) -> None:
        """Show each line's encoded size and own files, as ``report`` measured them."""
        self.recipients_model.set_sizes(report.message_sizes, report.own_files)

    # -- changing the list ------------------------------------------------------------------------

    def set_list(self, rows: Mapped) -> None:
        """Use ``rows`` as the imported recipients."""
        self._list = rows
        self.list_replaced.emit()
        self._update()

    def apply_table(self, table: Table, mapping: ColumnMapping, *, source: str = "") -> None:
        """Use ``table``'s rows as the imported recipients, columns mapped as given, at once."""
        self.importer.supersede()
        self.set_list(map_table(table, mapping, source))

    def add_recipients(self, rows: Sequence[Recipient], fields: Sequence[str]) -> int:
        """Add ``rows`` (with their merge ``fields``) to the list; returns how many were new.

        Addresses already in the list or typed in the box are skipped; the list then feeds
        the planning step as an imported sheet does.
        """
        self.importer.supersede()  # an import still being mapped would drop these rows
        typed = (row.key for row in from_text(self.pasted()))
        merged = merge_rows(self._list.recipients, self._list.fields, rows, fields, taken=typed)
        self.set_list(
            mapped(
                merged.recipients,
                merged.fields,
                source=self._list.source,
                mapping=self._list.mapping,
            )
        )
        return merged.added

    def clear(self) -> None:
        """Remove every recipient: the imported list and the typed addresses (the folder stays).

        The empty list is a new list (``list_replaced``): the draft forgets the old one.
        """
        self.importer.supersede()  # an import still being mapped would fill the list again
        self.paste_edit.clear()
        self.set_list(mapped((), ()))

    def restore(self, rows: Mapped, pasted: str, folder: Path | None) -> None:
        """Hold what a draft held: not a new list (``list_replaced`` is not emitted)."""
        self.importer.supersede()  # an import still being mapped would overwrite the draft
        self._list = rows
        self.paste_edit.setPlainText(pasted)
        self.set_folder(folder)
        self._update()

    def use_address_book(self, service: AddressBookService | None) -> None:
        """Offer the address book ``service``: its dialog and the completion of addresses."""
        self.address_book.use(service)

    # -- the folder of per-recipient attachments --------------------------------------------------

    def _pick_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(
            self, self.tr("Folder of the attachments"), start_folder(self, "attachments-folder")
        )
        if name:
            keep_folder(self, "attachments-folder", name)
            self.set_folder(Path(name))

    def set_folder(self, folder: Path | None) -> None:
        """Look up per-recipient attachment names in ``folder``."""
        self._folder = folder
        self.folder_label.setText(str(folder) if folder else "")
        self.folder_label.setToolTip(str(folder) if folder else "")  # the label may be cut
        self.folder_changed.emit()
