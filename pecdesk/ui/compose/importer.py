"""The import dialog: a preview of the spreadsheet and the choice of its columns."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pecdesk.recipients import ColumnMapping, Table, guess_mapping

PREVIEW_ROWS = 20


class ImportDialog(QDialog):
    """Shows the first rows of a table and lets the person map its columns.

    Attributes:
        address_combo: which column holds the PEC address.
        attachments_combo: which column names each row's files ("none" first).
        preview: the first rows, as read.
        summary: what was found (rows, format, delimiter, encoding).
        form: the column choices (the address book's import adds its own rows here).
    """

    def __init__(self, table: Table, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._table = table
        self.setWindowTitle(self.tr("Import recipients from {name}").format(name=name))
        guess = guess_mapping(table)
        self.summary = QLabel(self._summary(), self)
        self.summary.setWordWrap(True)
        self.address_combo = QComboBox(self)
        self.address_combo.addItems(list(table.headers))
        self.address_combo.setCurrentIndex(guess.address)
        self.attachments_combo = QComboBox(self)
        self.attachments_combo.addItem(self.tr("(none)"))
        self.attachments_combo.addItems(list(table.headers))
        if guess.attachments is not None:
            self.attachments_combo.setCurrentIndex(guess.attachments + 1)
        self.preview = QTableWidget(self)
        self._fill_preview()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.form = QFormLayout()
        self.form.addRow(self.tr("PEC address column:"), self.address_combo)
        self.form.addRow(self.tr("Attachments column:"), self.attachments_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(self.form)
        layout.addWidget(self.preview, 1)
        layout.addWidget(
            QLabel(self.tr("The other columns become merge fields, e.g. {{Nome}}."), self)
        )
        layout.addWidget(buttons)
        self.resize(760, 480)

    def _summary(self) -> str:
        table = self._table
        if table.kind == "xlsx":
            kind = self.tr("Excel workbook")
        else:
            kind = self.tr("CSV, delimiter “{delimiter}”, encoding {encoding}").format(
                delimiter=table.delimiter, encoding=table.encoding
            )
        header = self.tr("first row used as column names") if table.has_header else self.tr(
            "no header row"
        )
        return self.tr("{rows} rows · {kind} · {header}").format(
            rows=len(table.rows), kind=kind, header=header
        )

    def _fill_preview(self) -> None:
        table = self._table
        rows = table.rows[:PREVIEW_ROWS]
        self.preview.setColumnCount(len(table.headers) + 1)
        self.preview.setHorizontalHeaderLabels([self.tr("Line"), *table.headers])
        self.preview.setRowCount(len(rows))
        for r, row in enumerate(rows):
            self.preview.setItem(r, 0, QTableWidgetItem(str(row.line)))
            for c in range(len(table.headers)):
                self.preview.setItem(r, c + 1, QTableWidgetItem(row.cell(c)))

    def mapping(self) -> ColumnMapping:
        """The columns as chosen."""
        attachments = self.attachments_combo.currentIndex() - 1
        address = self.address_combo.currentIndex()
        return ColumnMapping(address, attachments if attachments >= 0 and attachments != address
                             else None)
