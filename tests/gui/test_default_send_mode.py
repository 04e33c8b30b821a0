"""The default send mode of Settings: a new Compose form starts in it and follows its changes."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from pecdesk.accounts.account import Account
from pecdesk.accounts.keychain import CredentialStore
from pecdesk.accounts.profiles import BUILTIN_ID, AccountStore
from pecdesk.config.settings import SendMode, Settings, SettingsStore
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.session import SessionService
from pecdesk.ui.dialogs.settings import SettingsDialog
from pecdesk.ui.widgets.tasks import TaskRunner
from pecdesk.ui.window.shell import Shell, ShellContext
from tests.helpers.gui import OFFSCREEN_SHOW_NOISE, WindowFactory, account_for

pytestmark = OFFSCREEN_SHOW_NOISE


@pytest.fixture
def settings_store(tmp_path: Path) -> SettingsStore:
    """The settings file in a temporary config folder."""
    return SettingsStore(tmp_path / "config")


@pytest.fixture
def shell_on(
    tmp_path: Path,
    sandbox: EmbeddedSandbox,
    open_window: WindowFactory,
    qloop: asyncio.AbstractEventLoop,
    settings_store: SettingsStore,
) -> Shell:
    """A main window on the sandbox, with the shell that applies the saved settings to it."""

    async def open_account(_account_id: str) -> Account:
        return account_for(sandbox, builtin=True)

    def make() -> Shell:
        context = ShellContext(
            session=SessionService(
                accounts=AccountStore(tmp_path / "config"),
                credentials=CredentialStore(),
                client_factory=lambda a: pytest.fail("no connection test expected"),
            ),
            settings_store=settings_store,
            open_account=open_account,
            remember_secret=lambda _secret: None,
            log_dir=tmp_path / "log",
            default_data_dir=tmp_path / "data",
        )
        window = open_window(account_for(sandbox, builtin=True), show=False)
        shell = Shell(
            window=window,
            context=context,
            tasks=TaskRunner(qloop),
            settings=settings_store.load(),
            current_id=BUILTIN_ID,
            show_welcome=False,
        )
        window.show()
        return shell

    settings_store.save(Settings(send_mode=SendMode.ONE_FOR_ALL, welcome_done=True))
    return make()


def no_question_shown() -> bool:
    """No "are you sure?" box is on screen."""
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    return not any(box.isVisible() for box in boxes)


def test_new_form_starts_in_the_saved_mode(shell_on: Shell) -> None:
    """With "one PEC to all" saved, a new Compose form starts so, without asking first."""
    tab = shell_on.window.compose_tab
    assert tab.all_radio.isChecked()
    assert tab.draft().one_for_all
    assert no_question_shown()


def test_changing_the_setting_updates_an_empty_form_only(
    qtbot: QtBot, shell_on: Shell, settings_store: SettingsStore
) -> None:
    """A new default applies to a form not yet begun; once begun, the person's choice stays."""
    tab = shell_on.window.compose_tab
    with qtbot.waitSignal(shell_on.settings_changed, timeout=2000):
        shell_on.edit_settings()
        dialog = shell_on.dialog
        assert isinstance(dialog, SettingsDialog)
        dialog.settings_saved.emit(Settings(send_mode=SendMode.PER_RECIPIENT, welcome_done=True))
    dialog.close()
    assert tab.each_radio.isChecked()
    assert settings_store.load().send_mode is SendMode.PER_RECIPIENT

    tab.subject_edit.setText("Convocazione assemblea")
    dialog_settings = Settings(send_mode=SendMode.ONE_FOR_ALL, welcome_done=True)
    shell_on.edit_settings()
    dialog = shell_on.dialog
    assert isinstance(dialog, SettingsDialog)
    dialog.settings_saved.emit(dialog_settings)
    dialog.close()
    assert shell_on.settings.send_mode is SendMode.ONE_FOR_ALL
    assert tab.each_radio.isChecked()  # a begun letter keeps its mode
    assert no_question_shown()
