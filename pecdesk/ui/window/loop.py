"""The app's windows over time: one main window per opened account, until the person quits.

Opening another account, or changing the language, replaces the main window with a new one on
a new client. The objects themselves are built by :mod:`pecdesk.app.main` (``build``); this module
only decides when, and tears the old ones down in order: tasks, window, client.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from pecdesk.accounts.account import Account
from pecdesk.config.settings import Settings
from pecdesk.config.window_state import WindowState, WindowStateStore
from pecdesk.errors import PecError
from pecdesk.ui.dialogs.ask import show_error
from pecdesk.ui.widgets.remembered import Remembered
from pecdesk.ui.widgets.tasks import TaskRunner
from pecdesk.ui.window.i18n import Translations, pick_language
from pecdesk.ui.window.main_window import MainWindow
from pecdesk.ui.window.memory import first_page_in, quit_after_idling
from pecdesk.ui.window.shell import OpenedAccount, Shell, ShellContext

_log = logging.getLogger(__name__)

WindowBuilder = Callable[[Account, TaskRunner, MainWindow], AbstractAsyncContextManager[Any]]
"""Builds the client (returned: an async context manager) and the services for one account,
and attaches them to the (empty) main window given."""


@dataclass(slots=True)
class Workspace:
    """What outlives one main window: the shell's services, the settings, the translators.

    Attributes:
        context: what the shell needs (accounts, settings file, log folder…).
        settings: the settings in force.
        translations: the installed translators; None leaves the language alone.
        welcome_allowed: the first-run welcome page may be shown (no account yet).
        startup_error: a problem to show on the first window (an account that did not open).
        window_state: the layout as last left (geometry, splitters, columns, folders), so a
            rebuilt window, or the next start, opens as the person left it.
        window_state_store: where ``window_state`` is saved when a window goes; None: nowhere.
    """

    context: ShellContext
    settings: Settings
    translations: Translations | None = None
    welcome_allowed: bool = False
    startup_error: PecError | None = None
    window_state: WindowState = field(default_factory=WindowState)
    window_state_store: WindowStateStore | None = None

    def take_settings(self, settings: Settings) -> bool:
        """Use new settings; True when the language changed (the window must be rebuilt)."""
        old, self.settings = self.settings, settings
        if self.translations is None or old.language == settings.language:
            return False
        self.translations.use(pick_language(settings.language, QLocale.system()))
        return True

    def keep_layout(self, remembered: Remembered) -> None:
        """Note the closing window's layout and save it (for the next window and the next start)."""
        self.window_state = remembered.capture()
        if self.window_state_store is not None:
            self.window_state_store.save(self.window_state)


class WindowLoop:
    """Shows a main window per account until the window is closed or the session ends.

    Attributes:
        closing: set when the person quits (or the session ends).
        first_load: with ``quit_after_shown``, whether the first inbox page loaded.
        tasks: runs every coroutine the windows start.
    """

    def __init__(
        self,
        app: QApplication,
        *,
        build: WindowBuilder,
        workspace: Workspace | None,
        quit_after_shown: bool,
    ) -> None:
        self._app = app
        self._build = build
        self._workspace = workspace
        self._quit_after_shown = quit_after_shown
        self.closing = asyncio.Event()
        self.first_load: list[bool] = []
        self.tasks = TaskRunner(asyncio.get_running_loop())

    async def run(self, opened: OpenedAccount, first_window: MainWindow | None = None) -> None:
        """Show windows, starting on ``opened``, until the person quits.

        Args:
            opened: the first account.
            first_window: an empty main window already on screen (app.main shows one before
                anything slow); None creates one.
        """
        self._app.aboutToQuit.connect(self.closing.set)
        current: OpenedAccount | None = opened
        window = first_window
        try:
            while current is not None:
                if self._workspace is not None:
                    self._workspace.context.remember_secret(current.account.token)
                    self._workspace.context.remember_secret(current.account.password)
                _log.info("Account: %r", current.account)
                current = await self._window_for(current, window or MainWindow())
                window = None
        finally:
            self._app.aboutToQuit.disconnect(self.closing.set)
            await self.tasks.shutdown()

    def _first_load_done(self, ok: bool) -> None:
        if not self.first_load:
            self.first_load.append(ok)
            quit_after_idling(self.closing.set)

    async def _window_for(self, opened: OpenedAccount, window: MainWindow) -> OpenedAccount | None:
        """Fill and show ``window`` for ``opened``; returns the account to rebuild on, or None."""
        loop = asyncio.get_running_loop()
        switch: asyncio.Future[OpenedAccount] = loop.create_future()

        def rebuild(target: OpenedAccount) -> None:
            if not switch.done():
                switch.set_result(target)

        remembered = None
        if self._workspace is not None:  # before the tabs: they look for it when shown
            remembered = Remembered(self._workspace.window_state, window)
        client = self._build(opened.account, self.tasks, window)
        async with client:
            self._decorate(window, opened, rebuild)
            window.closed.connect(self.closing.set)
            window.first_page_loaded.connect(first_page_in)  # start-up's memory goes back
            if self._quit_after_shown and not self.first_load:
                # The inbox's first page, from the service, with or without the Inbox tab.
                window.first_page_loaded.connect(lambda _rows: self._first_load_done(True))
                window.first_page_failed.connect(lambda _msg: self._first_load_done(False))
            window.show()
            closing = loop.create_task(self.closing.wait())
            waiters: set[asyncio.Future[Any]] = {closing, switch}
            try:
                await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
            finally:
                closing.cancel()
                await self.tasks.shutdown()
                window.closed.disconnect(self.closing.set)
                if self._workspace is not None and remembered is not None:
                    self._workspace.keep_layout(remembered)
                window.close()
                window.deleteLater()
        if self.closing.is_set() or not switch.done():
            return None
        return switch.result()

    def _decorate(
        self, window: MainWindow, opened: OpenedAccount, rebuild: Callable[[OpenedAccount], None]
    ) -> None:
        """Add the shell (accounts, settings, welcome page) when running the whole app."""
        workspace = self._workspace
        if workspace is None:
            return
        shell = Shell(
            window=window,
            context=workspace.context,
            tasks=self.tasks,
            settings=workspace.settings,
            current_id=opened.id,
            show_welcome=workspace.welcome_allowed and not workspace.settings.welcome_done,
        )
        shell.account_opened.connect(rebuild)

        def settings_changed(settings: object) -> None:
            if isinstance(settings, Settings) and workspace.take_settings(settings):
                rebuild(opened)

        shell.settings_changed.connect(settings_changed)
        if workspace.startup_error is not None:
            show_error(window, workspace.startup_error)
            workspace.startup_error = None
