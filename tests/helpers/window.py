"""Main windows wired as the app wires them, for GUI tests, and the app's shell on the sandbox.

``wired_window`` builds the window from :func:`pecdesk.app.wiring.open_window_services` (the
tests that send and watch the Sent tab); ``built_window`` goes through
:func:`pecdesk.app.main.build_window` (the tests of what the app hands each tab). Both close
the tasks and the client afterwards; the stores stay with whoever opened them.
``sandbox_context`` and ``start_app`` run the whole app (the shell and run_app) on the sandbox.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pecdesk.accounts.account import Account
from pecdesk.accounts.keychain import CredentialStore
from pecdesk.accounts.profiles import BUILTIN_ID, AccountStore
from pecdesk.app.main import build_window, run_app
from pecdesk.app.options import Options
from pecdesk.app.wiring import WindowServices, open_window_services
from pecdesk.config.settings import SettingsStore
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.session import SessionService
from pecdesk.storage import QueueStore
from pecdesk.storage.session_stores import SendStores
from pecdesk.ui.widgets.tasks import TaskRunner
from pecdesk.ui.window.crash import CrashReporter
from pecdesk.ui.window.loop import Workspace
from pecdesk.ui.window.main_window import MainWindow
from pecdesk.ui.window.shell import ShellContext
from tests.helpers.gui import account_for, drive


@dataclass
class WiredWindow:
    """A main window and what it runs on.

    Attributes:
        window: the main window (not yet shown).
        services: its services, as the app wires them.
        tasks: its task runner.
    """

    window: MainWindow
    services: WindowServices
    tasks: TaskRunner


@contextmanager
def wired_window(
    qtbot: QtBot,
    loop: asyncio.AbstractEventLoop,
    account: Account,
    store: QueueStore,
    **window_args: Any,
) -> Iterator[WiredWindow]:
    """A main window with sending on over ``store``; ``window_args`` go to MainWindow too."""
    services = open_window_services(account, queue_store=store, drafts=None, mail_cache=None)
    tasks = TaskRunner(loop)
    window = MainWindow(
        mail=services.mail,
        tasks=tasks,
        inbox=services.inbox,
        compose=services.compose,
        sent=services.sent,
        events=services.events,
        **window_args,
    )
    qtbot.addWidget(window)
    try:
        yield WiredWindow(window, services, tasks)
    finally:
        drive(qtbot, loop, tasks.shutdown())
        drive(qtbot, loop, services.client.aclose())


def show_loaded(qtbot: QtBot, window: MainWindow) -> None:
    """Show ``window`` and wait until its first inbox page is in."""
    with qtbot.waitSignal(window.first_page_loaded, timeout=5000):
        window.show()


@contextmanager
def built_window(
    qtbot: QtBot,
    loop: asyncio.AbstractEventLoop,
    account: Account,
    stores: SendStores,
    **build_args: Any,
) -> Iterator[MainWindow]:
    """A main window given its services by app.main's build_window; ``build_args`` go there."""
    window = MainWindow()
    qtbot.addWidget(window)
    tasks = TaskRunner(loop)
    client = build_window(account, tasks, window, send_stores=stores, **build_args)
    try:
        yield window
    finally:

        async def shut() -> None:
            await tasks.shutdown()
            await client.aclose()

        drive(qtbot, loop, shut())


class FakeSandbox:
    """Stands for builtin_sandbox.BuiltinSandbox: the test sandbox as the built-in one."""

    def __init__(self, box: EmbeddedSandbox) -> None:
        self._box = box

    def account(self) -> Account:
        """The test mailbox, marked as the built-in sandbox."""
        return account_for(self._box, builtin=True)


def sandbox_context(base: Path, box: EmbeddedSandbox) -> ShellContext:
    """The shell's context over ``base``/config and the test keychain, ``box`` as the built-in.

    The built-in account is ``box``'s mailbox; stored accounts open from the keychain, and a
    connection test fails the test (none is expected).
    """
    config = base / "config"
    session = SessionService(
        accounts=AccountStore(config),
        credentials=CredentialStore(),
        client_factory=lambda a: pytest.fail("no connection test expected"),
    )
    builtin = FakeSandbox(box)

    async def open_account(account_id: str) -> Account:
        if account_id == BUILTIN_ID:
            return builtin.account()
        return await session.open_account(account_id)

    return ShellContext(
        session=session,
        settings_store=SettingsStore(config),
        open_account=open_account,
        remember_secret=lambda _secret: None,
        log_dir=base / "log",
        default_data_dir=base / "data",
    )


def start_app(
    loop: asyncio.AbstractEventLoop,
    app: QApplication,
    workspace: Workspace,
    *,
    box: EmbeddedSandbox,
    base: Path,
    send_stores: SendStores | None = None,
) -> asyncio.Task[int]:
    """run_app as main() calls it, as a task on the test loop; ``box`` is the built-in sandbox.

    The crash log goes in ``base``.
    """
    reporter = CrashReporter(log_file=base / "pecdesk.app.log", redact=str)
    options = Options(sandbox=False, basedir=None, quit_after_shown=False, qt_args=())
    return loop.create_task(
        run_app(
            app,
            options,
            workspace=workspace,
            env_account=None,
            sandbox=FakeSandbox(box),  # type: ignore[arg-type]
            reporter=reporter,
            send_stores=send_stores,
        )
    )
