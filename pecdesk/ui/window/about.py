"""Help > About (version, Qt, Python, data folder, keychain) and Help > Save diagnostics.

Both answer support's first questions: which build is this, on which Qt, where are its files and
which keychain holds its secrets. The facts and the function that writes the diagnostics ZIP
(:mod:`pecdesk.services.diagnostics`) come from the composition root as a :class:`SupportInfo`;
this module reads no store and no keychain itself.
"""

from __future__ import annotations

import platform
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, Qt, Signal, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

import pecdesk
from pecdesk.ui.widgets.remembered import keep_folder, start_folder
from pecdesk.ui.window.support import SupportInfo

PathAsker = Callable[[QWidget, str], str]
"""Asks where to save: (parent, suggested path) → the chosen path, or "" when cancelled."""


def qt_versions() -> dict[str, str]:
    """The Qt and PySide6 versions in use (only the UI may import Qt to ask)."""
    return {"qt": qVersion(), "pyside6": PySide6.__version__}


def ask_save_path(parent: QWidget, suggested: str) -> str:
    """Qt's save dialog for the diagnostics ZIP; "" when cancelled."""
    title = QCoreApplication.translate("AboutDialog", "Save diagnostics")
    kinds = QCoreApplication.translate("AboutDialog", "ZIP archives (*.zip)")
    start = start_folder(parent, "diagnostics", Path(suggested).name)  # the folder last used
    path, _filter = QFileDialog.getSaveFileName(parent, title, start, kinds)
    if path:
        keep_folder(parent, "diagnostics", path)
    return path


def _message(parent: QWidget, icon: QMessageBox.Icon, name: str, text: str) -> QMessageBox:
    title = QCoreApplication.translate("AboutDialog", "Diagnostics")
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName(name)
    box.setTextFormat(Qt.TextFormat.PlainText)  # paths and error text come from outside
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def diagnostics_name(at: datetime) -> str:
    """The name offered for the diagnostics ZIP written ``at``, in the UI's language."""
    stem = QCoreApplication.translate("AboutDialog", "pecdesk-diagnostics-{time}")
    return f"{stem.format(time=f'{at:%Y%m%d-%H%M%S}')}.zip"


def save_diagnostics(
    parent: QWidget, support: SupportInfo | None, ask_path: PathAsker = ask_save_path
) -> Path | None:
    """Ask where, write the diagnostics ZIP and say where it went; the path, or None.

    The ZIP is small (counts, settings, a redacted log of at most ~4 MB) and is written on the
    spot; a failure is shown, never raised.
    """
    warning, information = QMessageBox.Icon.Warning, QMessageBox.Icon.Information
    if support is None:
        text = QCoreApplication.translate(
            "AboutDialog", "Diagnostics are not available until pecdesk has finished starting."
        )
        _message(parent, warning, "diagnosticsFailedBox", text)
        return None
    chosen = ask_path(parent, str(Path.home() / diagnostics_name(datetime.now())))
    if not chosen:
        return None
    try:
        written = support.write_diagnostics(Path(chosen), qt_versions())
    except OSError as exc:
        text = QCoreApplication.translate(
            "AboutDialog", "The diagnostics file could not be written ({reason})."
        ).format(reason=exc.strerror or type(exc).__name__)
        _message(parent, warning, "diagnosticsFailedBox", text)
        return None
    text = QCoreApplication.translate(
        "AboutDialog",
        "Diagnostics saved to:\n{path}\n\nSend this file to support. It holds the versions, the "
        "settings, counts of sendings and the log, and never a password, a token or the text of "
        "a message.",
    ).format(path=written)
    _message(parent, information, "diagnosticsSavedBox", text)
    return written


class AboutDialog(QDialog):
    """Name, version, Qt, PySide6 and Python versions, data folder and keychain backend.

    Attributes:
        facts: each row's value label, by key (version, qt, pyside6, python, data_dir, keychain).
        diagnostics_button: Save diagnostics… (asks where, writes the ZIP).

    Signals:
        diagnostics_saved(object): the diagnostics ZIP was written (its Path).
    """

    diagnostics_saved = Signal(object)

    def __init__(
        self,
        support: SupportInfo | None,
        parent: QWidget | None = None,
        *,
        ask_path: PathAsker = ask_save_path,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About pecdesk"))
        self._support = support
        self._ask_path = ask_path
        unknown = self.tr("unknown")
        versions = qt_versions()
        rows = (
            ("version", self.tr("Version"), pecdesk.__version__),
            ("qt", "Qt", versions["qt"]),
            ("pyside6", "PySide6", versions["pyside6"]),
            ("python", "Python", platform.python_version()),
            ("data_dir", self.tr("Data folder"),
             str(support.data_dir) if support else unknown),
            ("keychain", self.tr("Keychain"),
             support.keychain_backend() if support else unknown),
        )
        intro = QLabel(self.tr("pecdesk {version}\n\nBulk certified e-mail (PEC) for small "
                               "offices, through the PEC Massiva service.")
                       .format(version=pecdesk.__version__), self)
        form = QFormLayout()
        self.facts: dict[str, QLabel] = {}
        for key, label, value in rows:
            field = QLabel(value, self)
            field.setTextFormat(Qt.TextFormat.PlainText)  # a path can hold anything
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, field)
            self.facts[key] = field
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.diagnostics_button = QPushButton(self.tr("Save &diagnostics…"), self)
        self.diagnostics_button.setEnabled(support is not None)
        self.diagnostics_button.clicked.connect(self._save_diagnostics)
        buttons.addButton(self.diagnostics_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _save_diagnostics(self) -> None:
        written = save_diagnostics(self, self._support, self._ask_path)
        if written is not None:
            self.diagnostics_saved.emit(written)


def show_about_dialog(parent: QWidget, support: SupportInfo | None) -> AboutDialog:
    """Open the About dialog (window-modal, deleted on close) and return it."""
    dialog = AboutDialog(support, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
