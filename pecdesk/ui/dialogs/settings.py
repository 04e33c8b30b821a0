"""The Settings dialog: language, default send mode, polling interval, retention, data folder."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pecdesk.config.settings import POLL_RANGE, RETENTION_RANGE, SendMode, Settings
from pecdesk.ui.window.i18n import language_names


class SettingsDialog(QDialog):
    """Edit the non-secret preferences; nothing is saved until OK.

    Attributes:
        language_combo: the system's language, or one pecdesk speaks.
        send_mode_combo: one PEC per recipient, or one PEC to all.
        poll_spin: seconds between checks for new messages and receipts.
        retention_spin: years the local history is kept.
        data_dir_edit: the data folder; empty for the default one.
        browse_button: picks the data folder.

    Signals:
        settings_saved(object): OK was pressed; carries the new Settings.
    """

    settings_saved = Signal(object)

    def __init__(
        self, *, settings: Settings, default_data_dir: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))

        self.language_combo = QComboBox(self)
        self.language_combo.addItem(self.tr("Same as the system"), "")
        for code, name in language_names().items():
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(self.language_combo.findData(settings.language))

        self.send_mode_combo = QComboBox(self)
        self.send_mode_combo.addItem(
            self.tr("One PEC for each recipient (recommended)"), SendMode.PER_RECIPIENT.value
        )
        self.send_mode_combo.addItem(
            self.tr("One PEC to all recipients (they see each other)"), SendMode.ONE_FOR_ALL.value
        )
        self.send_mode_combo.setCurrentIndex(
            self.send_mode_combo.findData(settings.send_mode.value)
        )

        self.poll_spin = QSpinBox(self)
        self.poll_spin.setRange(*POLL_RANGE)
        self.poll_spin.setSingleStep(15)
        self.poll_spin.setSuffix(self.tr(" seconds"))
        self.poll_spin.setValue(settings.poll_seconds)

        self.retention_spin = QSpinBox(self)
        self.retention_spin.setRange(*RETENTION_RANGE)
        self.retention_spin.setSuffix(self.tr(" years"))
        self.retention_spin.setValue(settings.retention_years)
        self.retention_spin.setToolTip(
            self.tr("Sendings older than this are listed in the Archive window of the Sent tab "
                    "for you to delete. Nothing is ever deleted automatically.")
        )

        self.data_dir_edit = QLineEdit(settings.data_dir, self)
        self.data_dir_edit.setPlaceholderText(str(default_data_dir))
        self.browse_button = QPushButton(self.tr("Choose…"), self)
        self.browse_button.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.data_dir_edit, 1)
        folder_row.addWidget(self.browse_button)

        form = QFormLayout()
        form.addRow(self.tr("Language"), self.language_combo)
        form.addRow(self.tr("Several recipients"), self.send_mode_combo)
        form.addRow(self.tr("Check for new messages every"), self.poll_spin)
        form.addRow(self.tr("Keep the sending history for"), self.retention_spin)
        form.addRow(self.tr("Data folder"), folder_row)
        note = QLabel(
            self.tr(
                "A new data folder is used from the next start; the history already saved is "
                "not moved. Receipts are legal evidence: keep them at least ten years."
            ),
            self,
        )
        note.setWordWrap(True)
        note.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def settings(self) -> Settings:
        """The settings as the form shows them."""
        return replace(
            self._settings,
            language=str(self.language_combo.currentData()),
            send_mode=SendMode(str(self.send_mode_combo.currentData())),
            poll_seconds=self.poll_spin.value(),
            retention_years=self.retention_spin.value(),
            data_dir=self.data_dir_edit.text().strip(),
        )

    def _accept(self) -> None:
        self.settings_saved.emit(self.settings())
        self.accept()

    def _browse(self) -> None:
        """Ask for a folder without blocking the event loop (no static getExistingDirectory)."""
        dialog = QFileDialog(self, self.tr("Data folder"))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.data_dir_edit.setText)
        dialog.open()
