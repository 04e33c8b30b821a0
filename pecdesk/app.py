"""Start-up and composition root: arguments, logging, Qt, the account, the loop, shutdown.

This is the only module that builds concrete objects and hands them to each other.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

# QtWebEngine must be imported before the QApplication exists (it sets up shared GL contexts).
import PySide6.QtWebEngineWidgets  # noqa: F401
import qasync
from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

import pecdesk
from pecdesk.account import Account, account_from_env
from pecdesk.api import PecMassivaClient
from pecdesk.log import setup_logging
from pecdesk.paths import APP_NAME, AppPaths, resource_path
from pecdesk.sandbox import (
    DEMO_MAILBOX,
    DEMO_PASSWORD,
    DEMO_TOKEN,
    EmbeddedSandbox,
    SandboxConfig,
)
from pecdesk.services.mail import MailService
from pecdesk.ui.collector import MainThreadCollector
from pecdesk.ui.crash import CrashReporter
from pecdesk.ui.main_window import MainWindow
from pecdesk.ui.tasks import TaskRunner

_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Options:
    """The command line, parsed.

    Attributes:
        sandbox: start on the built-in sandbox even if an account is configured.
        basedir: keep every file under this directory instead of the user's dirs.
        quit_after_shown: smoke test: quit once the first inbox page loaded (0) or failed (1).
        qt_args: arguments left for Qt (``-platform offscreen``, ``-style``…).
    """

    sandbox: bool
    basedir: Path | None
    quit_after_shown: bool
    qt_args: tuple[str, ...]


def parse_args(argv: Sequence[str]) -> Options:
    """Read pecdesk's own options; anything else is left for Qt."""
    parser = argparse.ArgumentParser(prog=APP_NAME, description=pecdesk.__doc__)
    parser.add_argument(
        "--sandbox", action="store_true", help="use the built-in sandbox, not a real account"
    )
    parser.add_argument("--basedir", type=Path, help="keep all data, settings and logs here")
    parser.add_argument(
        "--quit-after-shown",
        action="store_true",
        help="smoke test: quit once the first inbox page has loaded (exit 0) or failed",
    )
    parser.add_argument("--version", action="version", version=pecdesk.__version__)
    known, rest = parser.parse_known_args(list(argv))
    return Options(
        sandbox=known.sandbox,
        basedir=known.basedir,
        quit_after_shown=known.quit_after_shown,
        qt_args=tuple(rest),
    )


def install_translators(app: QApplication) -> list[QTranslator]:
    """Load pecdesk's and Qt's translations for the system locale; absent files are skipped.

    Returns:
        The installed translators (the application owns them).
    """
    locale = QLocale.system()
    sources = (
        ("pecdesk", resource_path("translations")),
        ("qtbase", Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))),
    )
    installed: list[QTranslator] = []
    for name, directory in sources:
        translator = QTranslator(app)
        if translator.load(locale, name, "_", str(directory)) and app.installTranslator(translator):
            installed.append(translator)
    _log.info("Locale %s, translations: %s", locale.name(), [t.filePath() for t in installed])
    return installed


def start_builtin_sandbox() -> tuple[EmbeddedSandbox, Account]:
    """Start the sandbox that ships with pecdesk (demo messages included) and its account."""
    box = EmbeddedSandbox(
        SandboxConfig(
            tokens=[DEMO_TOKEN],
            mailboxes={DEMO_MAILBOX: DEMO_PASSWORD},
            send_rate=1.0,
            receipt_delay=1.0,
            demo=True,
        )
    )
    box.start()
    account = Account(
        base_url=box.base_url,
        token=DEMO_TOKEN,
        username=DEMO_MAILBOX,
        password=DEMO_PASSWORD,
        sender=DEMO_MAILBOX,
        is_builtin_sandbox=True,
    )
    return box, account


async def run_window(
    app: QApplication, *, account: Account, reporter: CrashReporter, quit_after_shown: bool
) -> int:
    """Show the main window and wait until it is closed or the session ends; returns the exit code.

    Qt must not leave its event loop on its own (qasync would stop under this coroutine), so
    quitting on the last window is switched off for good: closing the window ends this
    coroutine, and the loop stops after it.
    """
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(reporter.handle_loop_exception)
    app.setQuitOnLastWindowClosed(False)
    closing = asyncio.Event()
    app.aboutToQuit.connect(closing.set)
    tasks = TaskRunner(loop)
    first_load_ok: list[bool] = []

    def first_load_done(ok: bool) -> None:
        if not first_load_ok:
            first_load_ok.append(ok)
            closing.set()

    async with PecMassivaClient(
        account.base_url, account.token, account.username, account.password
    ) as client:
        window = MainWindow(mail=MailService(client=client, account=account), tasks=tasks)
        window.closed.connect(closing.set)
        if quit_after_shown:
            window.inbox_tab.page_loaded.connect(lambda _page: first_load_done(True))
            window.inbox_tab.load_failed.connect(lambda _message: first_load_done(False))
        window.show()
        try:
            await closing.wait()
        finally:
            app.aboutToQuit.disconnect(closing.set)
            await tasks.shutdown()
            window.close()
            window.deleteLater()
    if reporter.crashed:
        return 1
    if quit_after_shown:
        return 0 if first_load_ok == [True] else 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run pecdesk; returns the process exit code."""
    options = parse_args(sys.argv[1:] if argv is None else argv)
    paths = AppPaths.under(options.basedir) if options.basedir else AppPaths.for_user()
    account = None if options.sandbox else account_from_env(os.environ)
    log_file = paths.log_file()
    redactor = setup_logging(log_file)
    _log.info("pecdesk %s starting (Python %s)", pecdesk.__version__, sys.version.split()[0])

    app = QApplication([sys.argv[0], *options.qt_args])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(pecdesk.__version__)
    install_translators(app)
    reporter = CrashReporter(log_file=log_file, redact=redactor.redact)
    sys.excepthook = reporter
    collector = MainThreadCollector(app)
    collector.start()
    sandbox: EmbeddedSandbox | None = None
    try:
        if account is None:
            sandbox, account = start_builtin_sandbox()
        redactor.add_secret(account.token)
        redactor.add_secret(account.password)
        _log.info("Account: %r", account)
        with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
            code = runner.run(
                run_window(
                    app,
                    account=account,
                    reporter=reporter,
                    quit_after_shown=options.quit_after_shown,
                )
            )
    finally:
        if sandbox is not None:
            sandbox.stop()
        collector.stop()
        sys.excepthook = sys.__excepthook__
    _log.info("pecdesk exits with code %d", code)
    return code
