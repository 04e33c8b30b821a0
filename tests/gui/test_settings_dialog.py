"""The Settings dialog: shows the settings in force and hands back the edited ones on OK."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from pecdesk.config.settings import SendMode, Settings
from pecdesk.ui.dialogs.settings import SettingsDialog
from tests.helpers.gui import OFFSCREEN_SHOW_NOISE

pytestmark = OFFSCREEN_SHOW_NOISE


def open_dialog(qtbot: QtBot, settings: Settings, tmp_path: Path) -> SettingsDialog:
    """A shown Settings dialog."""
    dialog = SettingsDialog(settings=settings, default_data_dir=tmp_path / "data")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def button(dialog: SettingsDialog, which: QDialogButtonBox.StandardButton) -> QDialogButtonBox:
    """The dialog's button box (to press OK or Cancel)."""
    box = dialog.findChild(QDialogButtonBox)
    assert isinstance(box, QDialogButtonBox)
    assert box.button(which) is not None
    return box


def test_shows_defaults(qtbot: QtBot, tmp_path: Path) -> None:
    """The defaults: system language, one PEC per recipient, 60 s, ten years, default folder."""
    dialog = open_dialog(qtbot, Settings(), tmp_path)
    assert dialog.language_combo.currentData() == ""
    assert [dialog.language_combo.itemText(i) for i in (1, 2)] == ["Italiano", "English"]
    assert dialog.send_mode_combo.currentData() == SendMode.PER_RECIPIENT.value
    assert dialog.poll_spin.value() == 60
    assert dialog.retention_spin.value() == 10
    assert dialog.data_dir_edit.text() == ""
    assert dialog.data_dir_edit.placeholderText() == str(tmp_path / "data")


def test_ok_hands_back_edited_settings(qtbot: QtBot, tmp_path: Path) -> None:
    """OK emits the settings as edited, keeping what the dialog does not show."""
    dialog = open_dialog(qtbot, Settings(welcome_done=True), tmp_path)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("it"))
    dialog.send_mode_combo.setCurrentIndex(1)
    dialog.poll_spin.setValue(120)
    dialog.retention_spin.setValue(15)
    dialog.data_dir_edit.setText(f"  {tmp_path / 'pec'}  ")
    box = button(dialog, QDialogButtonBox.StandardButton.Ok)
    with qtbot.waitSignal(dialog.settings_saved, timeout=2000) as saved:
        box.button(QDialogButtonBox.StandardButton.Ok).click()
    assert saved.args[0] == Settings(
        language="it",
        send_mode=SendMode.ONE_FOR_ALL,
        poll_seconds=120,
        retention_years=15,
        data_dir=str(tmp_path / "pec"),
        welcome_done=True,
    )
    assert not dialog.isVisible()


def test_cancel_saves_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    """Cancel closes without a settings_saved signal."""
    dialog = open_dialog(qtbot, Settings(), tmp_path)
    dialog.retention_spin.setValue(3)
    seen: list[object] = []
    dialog.settings_saved.connect(seen.append)
    button(dialog, QDialogButtonBox.StandardButton.Cancel).button(
        QDialogButtonBox.StandardButton.Cancel
    ).click()
    assert seen == []
    assert not dialog.isVisible()
