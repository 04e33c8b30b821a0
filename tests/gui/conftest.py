"""GUI test fixtures: a qasync loop on pytest-qt's QApplication, and windows on the sandbox.

The loop follows env.md section 5: marked "already running", driven only by qtbot waits and
processEvents; never ``exec()``, ``run_until_complete`` or ``loop.stop()`` (they break or crash
later tests).
"""

from __future__ import annotations

import asyncio
import gc
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pecdesk.accounts.account import Account
from pecdesk.api import PecMassivaClient
from pecdesk.services.mailbox.inbox import InboxService
from pecdesk.services.mailbox.mail import MailService
from pecdesk.ui.widgets.tasks import TaskRunner
from pecdesk.ui.window.i18n import Translations
from pecdesk.ui.window.main_window import MainWindow
from tests.helpers.gui import WindowFactory, drive


@pytest.fixture(autouse=True, scope="session")
def _free_widgets_before_exit(qapp: QApplication) -> Iterator[None]:
    """Delete the widgets the last test left to deleteLater before the application goes.

    A QtWebEngine page still alive when the process ends ("Release of profile requested but
    WebEnginePage still not deleted") crashes it at exit (rc 139).
    """
    yield
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def _gc_on_gui_thread() -> Iterator[None]:
    """Run Python's cyclic GC only here, on the GUI thread, around each GUI test (ui/collector).

    A collection triggered in a sandbox thread could destroy a widget left in a reference cycle
    outside the GUI thread: Qt then warns "Timers cannot be stopped from another thread" or
    crashes. Automatic collection is restored afterwards, so other tests run as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    yield
    gc.collect()
    if was_enabled:
        gc.enable()


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """pytest-qt's application, its quit-on-last-window setting restored afterwards.

    For the tests that run the app's own window loop (run_app, run_window), which turn it off.
    """
    before = qapp.quitOnLastWindowClosed()
    yield qapp
    qapp.setQuitOnLastWindowClosed(before)


@pytest.fixture
def qloop(qapp: QApplication) -> Iterator[asyncio.AbstractEventLoop]:
    """A qasync loop marked 'already running' on pytest-qt's QApplication.

    qtbot.wait/waitUntil/waitSignal spin Qt events, which drive the asyncio callbacks;
    asyncio.get_running_loop() works inside slots (httpx/anyio/sniffio need it).
    Never calls QApplication.exec()/exit().
    """
    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    yield loop
    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for t in pending:
        t.cancel()
    deadline = time.monotonic() + 5
    while any(not t.done() for t in pending) and time.monotonic() < deadline:
        qapp.processEvents()  # let cancellations run without exec()/exit()
    asyncio.events._set_running_loop(None)  # else later asyncio.run() refuses to start
    loop._QEventLoop__is_running = False  # NOT loop.stop(): it calls qapp.exit()
    loop.close()
    asyncio.set_event_loop(None)


@pytest.fixture
def open_window(qtbot: QtBot, qloop: asyncio.AbstractEventLoop) -> Iterator[WindowFactory]:
    """Build main windows the way app.py does; at teardown stop their tasks and clients."""
    runners: list[TaskRunner] = []
    clients: list[PecMassivaClient] = []

    def make(account: Account, *, show: bool = True) -> MainWindow:
        client = PecMassivaClient(
            account.base_url, account.token, account.username, account.password, timeout=5.0
        )
        tasks = TaskRunner(qloop)
        clients.append(client)
        runners.append(tasks)
        mail = MailService(client=client, account=account)
        window = MainWindow(mail=mail, tasks=tasks, inbox=InboxService(mail=mail, cache=None))
        qtbot.addWidget(window)
        if show:
            window.show()
            qtbot.waitExposed(window)
        return window

    yield make

    async def close_all() -> None:
        for tasks in runners:
            await tasks.shutdown()
        for client in clients:
            await client.aclose()

    drive(qtbot, qloop, close_all())


@pytest.fixture(scope="session")
def compiled_translations(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """resources/translations/*.ts compiled with pyside6-lrelease into a throwaway folder."""
    out = tmp_path_factory.mktemp("translations")
    sources = Path(__file__).resolve().parents[2] / "resources" / "translations"
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    for ts in sorted(sources.glob("*.ts")):
        subprocess.run(
            [str(lrelease), "-silent", str(ts), "-qm", str(out / f"{ts.stem}.qm")],
            check=True,
            capture_output=True,
        )
    return out


@pytest.fixture
def italian(qapp: QApplication, compiled_translations: Path) -> Iterator[Translations]:
    """Pecdesk and Qt in Italian for one test (as tests/gui/test_i18n.py loads them)."""
    translations = Translations(qapp, directory=compiled_translations)
    translations.use("it")
    yield translations
    translations.remove()
