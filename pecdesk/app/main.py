"""Start-up and composition root: arguments, logging, Qt, accounts, the loop, shutdown.

This is the only module that builds concrete objects and hands them to each other, with
:mod:`pecdesk.app.wiring`, which wires each account's client, send queue, reconciler and tracker
(for the command line and the self-test too). The main window is rebuilt, with a new client
and services, whenever another account is opened or the language changes.

Start-up order (issue 8): :func:`main` imports only what the empty main window needs and shows
it; everything else (the asyncio loop, the API client, the stores, the services, the tabs, the
keychain, the built-in sandbox) is imported by the function that builds it, after the window
is on screen. That is why the imports below sit inside functions (ruff's PLC0415 is off for
this file); the types come in under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import pecdesk
from pecdesk.app.log import RedactingFilter, buffer_startup_logs, setup_logging
from pecdesk.app.options import Options, parse_args
from pecdesk.config.paths import AppPaths, resource_path
from pecdesk.config.settings import Settings, SettingsStore
from pecdesk.config.window_state import WindowState, WindowStateStore
from pecdesk.errors import PecError
from pecdesk.ui.window.i18n import PSEUDO_ENV, Translations, system_language
from pecdesk.ui.window.main_window import MainWindow
from pecdesk.ui.window.qt_app import (
    create_app,
    forget_module_sources,
    run_on_qt_loop,
    show_empty_window,
)
from pecdesk.ui.window.startup_probe import STARTUP_PROBE_ENV, report_modules

if TYPE_CHECKING:
    from pecdesk.accounts.account import Account
    from pecdesk.accounts.profiles import AccountStore
    from pecdesk.api import PecMassivaClient
    from pecdesk.app.builtin_sandbox import BuiltinSandbox
    from pecdesk.services.session import SessionService
    from pecdesk.storage.mail_cache import MailCache
    from pecdesk.storage.session_stores import SendStores, StoreProblem
    from pecdesk.ui.widgets.tasks import TaskRunner
    from pecdesk.ui.window.crash import CrashReporter
    from pecdesk.ui.window.loop import Workspace
    from pecdesk.ui.window.qt_app import Application
    from pecdesk.ui.window.shell import OpenedAccount

_log = logging.getLogger(__name__)


def build_window(
    account: Account,
    tasks: TaskRunner,
    window: MainWindow,
    *,
    mail_cache: MailCache | None = None,
    send_stores: SendStores | None = None,
    store_problems: Sequence[StoreProblem] = (),
    signatures: AccountStore | None = None,
) -> PecMassivaClient:
    """The client for ``account``, and its services attached to ``window`` (returns the client).

    With the send stores open, the client is the one :func:`pecdesk.app.wiring.open_mailbox`
    wires to the account's queue, reconciler and tracker; the caller closes it. The stores
    that did not open (``store_problems``) are shown on the window, with what is off.
    Compose gets the templates and the account's signature (from ``signatures``).
    """
    from pecdesk.app.wiring import open_window_services

    services = open_window_services(
        account,
        queue_store=send_stores.queue if send_stores is not None else None,
        drafts=send_stores.drafts if send_stores is not None else None,
        mail_cache=mail_cache,
        templates=send_stores.templates if send_stores is not None else None,
        contacts=send_stores.contacts if send_stores is not None else None,
    )
    window.attach(mail=services.mail, tasks=tasks, inbox=services.inbox,
                  compose=services.compose, sent=services.sent, events=services.events)
    window.compose_tab.use_templates(services.templates)
    window.compose_tab.use_address_book(services.contacts)
    window.compose_tab.use_signature(signatures.signature_of(account) if signatures else "")
    window.show_local_data_problems([(problem.error, problem.effect) for problem in store_problems])
    forget_module_sources()  # the tabs' modules are in
    return services.client


async def run_window(
    app: Application,
    *,
    account: Account,
    reporter: CrashReporter,
    quit_after_shown: bool,
    workspace: Workspace | None = None,
    account_id: str = "",
    mail_cache: MailCache | None = None,
    send_stores: SendStores | None = None,
    store_problems: Sequence[StoreProblem] = (),
    first_window: MainWindow | None = None,
) -> int:
    """Show the main window and wait until it is closed or the session ends; returns the exit code.

    Opening another account (or changing the language) replaces the window with a new one. Qt
    must not leave its event loop on its own (qasync would stop under this coroutine), so
    quitting on the last window is switched off for good: closing the window ends this
    coroutine, and the loop stops after it. ``first_window``, if given, is an empty main window
    already on screen, filled for the first account.
    """
    import asyncio
    import functools

    from pecdesk.ui.window.loop import WindowLoop
    from pecdesk.ui.window.shell import OpenedAccount

    asyncio.get_running_loop().set_exception_handler(reporter.handle_loop_exception)
    app.setQuitOnLastWindowClosed(False)
    build = functools.partial(build_window, mail_cache=mail_cache, send_stores=send_stores,
                              store_problems=store_problems,
                              signatures=workspace.context.session.accounts if workspace else None)
    windows = WindowLoop(app, build=build, workspace=workspace, quit_after_shown=quit_after_shown)
    await windows.run(OpenedAccount(account_id, account), first_window)
    if reporter.crashed:
        return 1
    if quit_after_shown:
        return 0 if windows.first_load == [True] else 1
    return 0


async def first_account(
    options: Options,
    *,
    env_account: Account | None,
    session: SessionService,
    sandbox: BuiltinSandbox,
) -> tuple[OpenedAccount, PecError | None]:
    """The account to start on (:func:`pecdesk.accounts.choose.choose_account`), else the sandbox.

    The choice is the command line's: --sandbox, the environment's, the last one used. Where
    the command line refuses, the window opens the built-in sandbox, also when the last-used
    account cannot be opened (its secrets gone from the keychain, say).

    Returns:
        The account, and the problem that stopped the last-used account from opening, if any.
    """
    from pecdesk.accounts.choose import choose_account
    from pecdesk.accounts.profiles import BUILTIN_ID
    from pecdesk.ui.window.shell import OpenedAccount

    chosen = choose_account(session.accounts, sandbox=options.sandbox, from_env=env_account)
    if chosen is not None and chosen.account is not None:
        return OpenedAccount(chosen.account_id, chosen.account), None
    problem: PecError | None = None
    if chosen is not None and chosen.profile is not None:
        try:
            return OpenedAccount(chosen.account_id,
                                 await session.open_account(chosen.account_id)), None
        except PecError as err:
            _log.warning("Account %s did not open: %s", chosen.account_id, err.message)
            problem = err
    return OpenedAccount(BUILTIN_ID, sandbox.account()), problem


async def run_app(
    app: Application,
    options: Options,
    *,
    workspace: Workspace,
    env_account: Account | None,
    sandbox: BuiltinSandbox,
    reporter: CrashReporter,
    mail_cache: MailCache | None = None,
    send_stores: SendStores | None = None,
    store_problems: Sequence[StoreProblem] = (),
    first_window: MainWindow | None = None,
) -> int:
    """Pick the first account (the keychain is read on the loop) and run the windows."""
    from pecdesk.accounts.profiles import BUILTIN_ID

    session = workspace.context.session
    opened, problem = await first_account(
        options, env_account=env_account, session=session, sandbox=sandbox
    )
    workspace.startup_error = problem
    workspace.welcome_allowed = (
        opened.id == BUILTIN_ID and not options.sandbox and not session.accounts.profiles()
    )
    return await run_window(
        app,
        account=opened.account,
        account_id=opened.id,
        reporter=reporter,
        quit_after_shown=options.quit_after_shown,
        workspace=workspace,
        mail_cache=mail_cache,
        send_stores=send_stores,
        store_problems=store_problems,
        first_window=first_window,
    )


@dataclass(frozen=True, slots=True)
class Started:
    """What :func:`main` set up before showing the window, for :func:`run_session`.

    Attributes:
        options: the command line.
        paths: where config, data and logs go.
        settings_store: the settings file.
        settings: the settings in force.
        log_file: the log file.
        redactor: the log filter, told about secrets as they are learnt.
        translations: the installed translators.
        window_state: the window's layout as last left (window-state.json).
    """

    options: Options
    paths: AppPaths
    settings_store: SettingsStore
    settings: Settings
    log_file: Path
    redactor: RedactingFilter
    translations: Translations
    window_state: WindowState | None = None


def main(argv: Sequence[str] | None = None) -> int:
    """Run pecdesk; returns the process exit code."""
    options = parse_args(sys.argv[1:] if argv is None else argv)
    if options.self_test:  # before any user dir, setting or keychain is touched
        from pecdesk.app.selftest import SelfTest
        from pecdesk.ui.window.selftest_view import run_self_test

        return run_self_test(lambda render: SelfTest(render=render).run(), options.qt_args)
    paths = AppPaths.under(options.basedir) if options.basedir else AppPaths.for_user()
    buffer_startup_logs()  # the log file opens after the first paint
    _log.info("pecdesk %s starting (Python %s)", pecdesk.__version__, sys.version.split()[0])
    settings_store = SettingsStore(paths.config_dir)
    settings = settings_store.load()
    if settings.data_dir and options.basedir is None:
        paths = replace(paths, data_dir=Path(settings.data_dir).expanduser())
    app = create_app(options.qt_args)
    translations = Translations(
        app, directory=resource_path("translations"), pseudo=os.environ.get(PSEUDO_ENV) == "1"
    )
    translations.use(system_language(settings.language))
    window_state = WindowStateStore(paths.config_dir).load()
    window = show_empty_window(app, geometry=window_state.geometry)
    log_file = paths.log_file()
    redactor = setup_logging(log_file)
    started = Started(options, paths, settings_store, settings, log_file, redactor, translations,
                      window_state)
    code = run_session(app, started, window)
    if os.environ.get(STARTUP_PROBE_ENV) == "1":
        report_modules("at-exit")
    _log.info("pecdesk exits with code %d", code)
    return code


def run_session(app: Application, started: Started, window: MainWindow) -> int:
    """Everything after the first paint: stores, keychain, sandbox, the loop; the exit code."""
    from pecdesk.accounts.account import account_from_env
    from pecdesk.accounts.profiles import BUILTIN_ID, ENV_ID
    from pecdesk.app.builtin_sandbox import BuiltinSandbox
    from pecdesk.app.wiring import open_session
    from pecdesk.services.diagnostics import DiagnosticsSources, write_diagnostics
    from pecdesk.storage.session_stores import open_mail_cache, open_send_stores
    from pecdesk.ui.window.collector import MainThreadCollector
    from pecdesk.ui.window.crash import CrashReporter
    from pecdesk.ui.window.loop import Workspace
    from pecdesk.ui.window.shell import ShellContext
    from pecdesk.ui.window.support import SupportInfo

    forget_module_sources()  # after the imports above
    options, paths = started.options, started.paths
    reporter = CrashReporter(log_file=started.log_file, redact=started.redactor.redact)
    sys.excepthook = reporter
    collector = MainThreadCollector(app)
    collector.start()
    # The keychain is looked up when an account first needs it, not here: on the built-in
    # sandbox or an account from the environment it is never loaded.
    session = open_session(paths.config_dir)
    env_account = None if options.sandbox else account_from_env(os.environ)
    store_problems: list[StoreProblem] = []  # shown on every window: each says what is off
    mail_cache = open_mail_cache(paths.data_dir, problems=store_problems)
    send_stores = open_send_stores(paths.data_dir, problems=store_problems)
    sandbox = BuiltinSandbox()

    async def open_account(account_id: str) -> Account:
        if account_id == BUILTIN_ID:
            return sandbox.account()
        if account_id == ENV_ID and env_account is not None:
            return env_account
        return await session.open_account(account_id)

    diagnostics = DiagnosticsSources(paths.data_dir, paths.config_dir, paths.log_dir,
                                     session.credentials.backend_name, started.redactor.redact)
    support = SupportInfo(paths.data_dir, session.credentials.backend_name,
                          lambda target, qt: write_diagnostics(diagnostics, target, qt))
    workspace = Workspace(
        context=ShellContext(
            session=session,
            settings_store=started.settings_store,
            open_account=open_account,
            remember_secret=started.redactor.add_secret,
            log_dir=paths.log_dir,
            default_data_dir=paths.data_dir,
            env_mailbox=env_account.sender if env_account else None,
            support=support,
        ),
        settings=started.settings,
        translations=started.translations,
        window_state=started.window_state or WindowState(),
        window_state_store=WindowStateStore(paths.config_dir),
    )
    try:
        return run_on_qt_loop(
            app,
            lambda: run_app(
                app,
                options,
                workspace=workspace,
                env_account=env_account,
                sandbox=sandbox,
                reporter=reporter,
                mail_cache=mail_cache,
                send_stores=send_stores,
                store_problems=store_problems,
                first_window=window,
            ),
        )
    finally:
        sandbox.stop()
        for store in (mail_cache, send_stores):
            if store is not None:
                store.close()
        collector.stop()
        sys.excepthook = sys.__excepthook__
