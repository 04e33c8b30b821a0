"""The retention setting reaches the window's archive: at start-up and when it is saved."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pecdesk.accounts.keychain import CredentialStore
from pecdesk.accounts.profiles import BUILTIN_ID, AccountStore
from pecdesk.api import PecMassivaClient
from pecdesk.app.wiring import WindowServices
from pecdesk.config.settings import YEAR_SECONDS, Settings, SettingsStore
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.session import SessionService
from pecdesk.storage import QueueStore
from pecdesk.ui.dialogs.settings import SettingsDialog
from pecdesk.ui.sent.archive_view import ArchiveDialog
from pecdesk.ui.widgets.tasks import TaskRunner
from pecdesk.ui.window.shell import Shell, ShellContext
from tests.helpers.engine import campaign
from tests.helpers.gui import OFFSCREEN_SHOW_NOISE, account_for, drive
from tests.helpers.window import show_loaded, wired_window

pytestmark = OFFSCREEN_SHOW_NOISE
Rig = tuple[Shell, WindowServices, TaskRunner]


@pytest.fixture
def shell_rig(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, sandbox: EmbeddedSandbox, tmp_path: Path
) -> Iterator[Rig]:
    """A sending window (wired as the app does) with its shell; settings say 5 years.

    The store holds one campaign enqueued three years ago (a store whose clock runs behind).
    """
    store = QueueStore.open(tmp_path / "data")
    three_years_ago = QueueStore(store.database, clock=lambda: time.time() - 3 * YEAR_SECONDS)
    drive(qtbot, qloop, three_years_ago.add_campaign(campaign(["rossi@pec.it"], subject="Vecchia")))
    with wired_window(qtbot, qloop, account_for(sandbox, builtin=True), store) as wired:
        settings_store = SettingsStore(tmp_path / "config")
        settings_store.save(Settings(retention_years=5, welcome_done=True))
        context = ShellContext(
            session=SessionService(
                accounts=AccountStore(tmp_path / "config"),
                credentials=CredentialStore(),
                client_factory=lambda a: PecMassivaClient(
                    a.base_url, a.token, a.username, a.password
                ),
            ),
            settings_store=settings_store,
            open_account=lambda _id: asyncio.sleep(0, account_for(sandbox, builtin=True)),
            remember_secret=lambda _secret: None,
            log_dir=tmp_path / "log",
            default_data_dir=tmp_path / "data",
            env_mailbox=None,
        )
        shell = Shell(
            window=wired.window,
            context=context,
            tasks=wired.tasks,
            settings=settings_store.load(),
            current_id=BUILTIN_ID,
            show_welcome=False,
        )
        show_loaded(qtbot, wired.window)
        yield shell, wired.services, wired.tasks
    store.close()


def past_retention_lines(qtbot: QtBot, services: WindowServices, tasks: TaskRunner) -> list[str]:
    """What a newly opened Archive window lists as past retention."""
    assert services.sent is not None
    dialog = ArchiveDialog(sent=services.sent, tasks=tasks)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=10000):
        dialog.reload()
    if dialog.retention_list.isHidden():
        return []
    return [dialog.retention_list.item(i).text() for i in range(dialog.retention_list.count())]


def test_saving_a_shorter_retention_lists_the_old_campaign(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, shell_rig: Rig
) -> None:
    """Five years keeps a 3-year-old campaign off the list; saving 2 years lists it, no restart."""
    shell, services, tasks = shell_rig
    assert services.sent is not None
    assert services.sent.archiver.retention == 5 * YEAR_SECONDS  # applied at start-up
    assert past_retention_lines(qtbot, services, tasks) == []
    shell.settings_action.trigger()
    dialog = shell.dialog
    assert isinstance(dialog, SettingsDialog)
    dialog.retention_spin.setValue(2)
    with qtbot.waitSignal(shell.settings_changed, timeout=2000):
        dialog.settings_saved.emit(dialog.settings())
    dialog.close()
    lines = past_retention_lines(qtbot, services, tasks)
    assert len(lines) == 1 and "Vecchia" in lines[0]
    campaigns = drive(qtbot, qloop, services.sent.overview())
    assert [c.subject for c in campaigns] == ["Vecchia"]  # listed, never deleted
