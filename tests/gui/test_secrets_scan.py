"""No secret on disk or on stderr: a scripted session, then every file and all output searched.

The session adds an account through the account dialog, tests its connection, sends a PEC on the
sandbox through the client, fails with a wrong password, and crashes a task on purpose; the app
itself is also started once with the account in its environment. Then the API token and every
password used must appear nowhere: not in the data, config, cache or log folders (nor anywhere
under the test run's throwaway home), not on stderr or stdout. Only the keychain holds them.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from pecdesk.accounts.account import Account
from pecdesk.accounts.keychain import SERVICE_NAME, CredentialStore
from pecdesk.accounts.profiles import AccountStore, Environment
from pecdesk.api import PecMassivaClient
from pecdesk.app.log import RedactingFilter, setup_logging
from pecdesk.config.paths import AppPaths
from pecdesk.config.settings import Settings, SettingsStore
from pecdesk.sandbox import EmbeddedSandbox, SandboxConfig
from pecdesk.services.diagnostics import DiagnosticsSources, write_diagnostics
from pecdesk.services.session import ConnectionCheck, ConnectionVerdict, SessionService
from pecdesk.ui.dialogs.account import AccountDialog
from pecdesk.ui.widgets.tasks import TaskRunner
from pecdesk.ui.window.crash import CrashReporter
from tests.helpers.gui import OFFSCREEN_SHOW_NOISE, WindowFactory
from tests.helpers.keyrings import MemoryKeyring
from tests.helpers.sandbox import SandboxFactory

pytestmark = [pytest.mark.slow, OFFSCREEN_SHOW_NOISE]
MAILBOX = "studio.verdi@pecmassiva.com"
BODY = "Contenuto riservato della comunicazione"


@dataclass(frozen=True)
class Secrets:
    """Secrets made for this test alone, so a hit can only come from this session."""

    token: str
    password: str
    wrong_password: str

    def all(self) -> tuple[str, ...]:
        """Every secret to look for."""
        return (self.token, self.password, self.wrong_password)


@pytest.fixture
def fresh() -> Secrets:
    """A random token (24 hex, like openapi's) and two random passwords."""
    return Secrets(
        token=secrets.token_hex(12),
        password=f"Pw-{secrets.token_urlsafe(12)}-è",
        wrong_password=f"Sbagliata-{secrets.token_urlsafe(9)}",
    )


@contextmanager
def app_logging(base: Path) -> Iterator[tuple[AppPaths, RedactingFilter]]:
    """The app's logging (file and stderr, redacted, DEBUG) under ``base``.

    Set up inside the test, not in a fixture: its stderr handler must write to the stderr that
    capfd captures during the test call.
    """
    paths = AppPaths.under(base)
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    redactor = setup_logging(paths.log_file(), level=logging.DEBUG)
    try:
        yield paths, redactor
    finally:
        for handler in [h for h in root.handlers if h not in before]:
            root.removeHandler(handler)
            handler.close()
        root.setLevel(level)


def needles(values: tuple[str, ...]) -> list[bytes]:
    """Each secret as it could be written: UTF-8 and URL-encoded."""
    found = set()
    for value in values:
        found.update({value.encode("utf-8"), quote(value, safe="").encode("ascii")})
    return sorted(found)


def leaks(roots: list[Path], values: tuple[str, ...]) -> list[str]:
    """Every file under ``roots`` that contains one of ``values``."""
    hits = []
    for root in roots:
        for path in root.rglob("*"):
            if path.is_file() and not path.is_symlink():
                data = path.read_bytes()
                hits += [f"{path}: {n!r}" for n in needles(values) if n in data]
    return hits


def add_account_through_dialog(
    qtbot: QtBot,
    session: SessionService,
    tasks: TaskRunner,
    box: EmbeddedSandbox,
    redactor: RedactingFilter,
    fresh: Secrets,
) -> str:
    """Fill the account dialog, test the connection (wrong password, then right), save."""
    dialog = AccountDialog(session=session, tasks=tasks, remember_secret=redactor.add_secret)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.environment_combo.setCurrentIndex(
        dialog.environment_combo.findData(Environment.CUSTOM.value)
    )
    dialog.url_edit.setText(box.base_url)
    dialog.token_edit.setText(fresh.token)
    dialog.sender_edit.setText(MAILBOX)
    verdicts = []
    for password in (fresh.wrong_password, fresh.password):
        dialog.password_edit.setText(password)
        with qtbot.waitSignal(dialog.test_finished, timeout=5000) as done:
            dialog.test_button.click()
        check = done.args[0]
        assert isinstance(check, ConnectionCheck)
        verdicts.append(check.verdict)
        qtbot.waitUntil(dialog.test_button.isEnabled, timeout=2000)
    assert verdicts == [ConnectionVerdict.BAD_MAILBOX, ConnectionVerdict.OK]
    with qtbot.waitSignal(dialog.account_saved, timeout=5000) as saved:
        dialog.save_button.click()
    return str(saved.args[0])


def crash_a_task(qtbot: QtBot, tasks: TaskRunner, reporter: CrashReporter, fresh: Secrets) -> None:
    """A bug whose message carries the secrets reaches the crash dialog and the log, redacted."""
    parent = QApplication.activeWindow() or QMessageBox()

    async def buggy() -> None:
        raise RuntimeError(f"bug while using {fresh.token} and {fresh.password}")

    previous = sys.excepthook
    sys.excepthook = reporter
    try:
        tasks.run_task(buggy(), parent=parent)
        qtbot.waitUntil(lambda: reporter.dialog is not None, timeout=5000)
    finally:
        sys.excepthook = previous
    dialog = reporter.dialog
    assert dialog is not None
    assert "RuntimeError: bug while using ***" in dialog.text()
    assert str(reporter.log_file) in dialog.text()
    assert not any(secret in dialog.text() for secret in fresh.all())
    dialog.close()


def test_scripted_session_leaves_no_secret(
    qtbot: QtBot,
    capfd: pytest.CaptureFixture[str],
    qloop: asyncio.AbstractEventLoop,
    sandbox_factory: SandboxFactory,
    open_window: WindowFactory,
    memory_keyring: MemoryKeyring,
    fresh: Secrets,
    tmp_path: Path,
) -> None:
    """Add, test, send, fail and crash: the secrets end up in the keychain and nowhere else."""
    with app_logging(tmp_path / "base") as (paths, redactor):
        run_session(qtbot, qloop, sandbox_factory, open_window, paths, redactor, fresh)
        started = start_app_with_env(tmp_path / "subprocess", fresh)
        diagnostics = unpacked_diagnostics(paths, redactor, tmp_path / "diagnostics")
    assert (diagnostics / "log" / "pecdesk.app.log").read_text(encoding="utf-8").strip()
    assert BODY.encode() not in b"".join(p.read_bytes() for p in diagnostics.rglob("*.*"))
    log_text = paths.log_file().read_text(encoding="utf-8")
    assert "Unexpected error" in log_text
    assert BODY not in log_text
    account_id = session_accounts(paths)[0]
    assert memory_keyring.entries[(SERVICE_NAME, f"token:{account_id}")] == fresh.token
    roots = [*paths.all_dirs(), tmp_path / "subprocess", diagnostics,
             Path(os.environ["HOME"]).parent]
    assert leaks([r for r in roots if r.exists()], fresh.all()) == []
    captured = capfd.readouterr()
    output = captured.out + captured.err + started.stdout.decode() + started.stderr.decode()
    assert "x-password: ***" in captured.err
    assert not [s for s in fresh.all() if s in output or quote(s, safe="") in output]


def unpacked_diagnostics(paths: AppPaths, redactor: RedactingFilter, folder: Path) -> Path:
    """Help > Save diagnostics after the session, its ZIP unpacked into ``folder``."""
    sources = DiagnosticsSources(paths.data_dir, paths.config_dir, paths.log_dir,
                                 CredentialStore().backend_name, redactor.redact)
    target = write_diagnostics(sources, folder.with_suffix(".zip"), {"qt": "test"})
    with zipfile.ZipFile(target) as archive:
        archive.extractall(folder)
    return folder


def session_accounts(paths: AppPaths) -> list[str]:
    """The ids of the accounts stored under ``paths``."""
    return [p.id for p in AccountStore(paths.config_dir).profiles()]


def run_session(
    qtbot: QtBot,
    qloop: asyncio.AbstractEventLoop,
    sandbox_factory: SandboxFactory,
    open_window: WindowFactory,
    paths: AppPaths,
    redactor: RedactingFilter,
    fresh: Secrets,
) -> None:
    """The scripted session: add, test, send, fail with a wrong password, crash a task."""
    box = sandbox_factory(tokens=[fresh.token], mailboxes={MAILBOX: fresh.password})
    session = SessionService(
        accounts=AccountStore(paths.config_dir),
        credentials=CredentialStore(),
        client_factory=lambda a: PecMassivaClient(
            a.base_url, a.token, a.username, a.password, timeout=5.0
        ),
    )
    SettingsStore(paths.config_dir).save(Settings(language="it", welcome_done=True))
    tasks = TaskRunner(qloop)
    account_id = add_account_through_dialog(qtbot, session, tasks, box, redactor, fresh)

    async def open_and_send() -> Account:
        account = await session.open_account(account_id)
        async with session_client(account) as client:
            result = await client.send(MAILBOX, "cliente@pec.example.it", "Diffida", BODY)
            log = logging.getLogger("pecdesk.test")
            log.info("Sent %r for %r: {'subject': 'Diffida', 'body': %r}", result, account, BODY)
        return account

    task = qloop.create_task(open_and_send())
    qtbot.waitUntil(task.done, timeout=5000)
    account = task.result()
    assert len(box.ledger()) == 1

    window = open_window(account, show=False)  # the inbox loads with the right password …
    with qtbot.waitSignal(window.inbox_tab.page_loaded, timeout=5000):
        window.show()
    wrong = Account(account.base_url, account.token, MAILBOX, fresh.wrong_password, MAILBOX)
    refused = open_window(wrong, show=False)  # … and is refused with the wrong one
    with qtbot.waitSignal(refused.inbox_tab.load_failed, timeout=5000):
        refused.show()
    assert not any(s in refused.inbox_tab.error_banner.text() for s in fresh.all())

    reporter = CrashReporter(log_file=paths.log_file(), redact=redactor.redact)
    crash_a_task(qtbot, tasks, reporter, fresh)
    logging.getLogger("pecdesk.test").warning("client headers: x-password: %s", fresh.password)

    logging.getLogger("pecdesk.test").warning("client headers: x-password: %s", fresh.password)


def start_app_with_env(base: Path, fresh: Secrets) -> subprocess.CompletedProcess[bytes]:
    """Start pecdesk itself once, the account in its environment, until the inbox loads."""
    box = EmbeddedSandbox(SandboxConfig(tokens=[fresh.token], mailboxes={MAILBOX: fresh.password}))
    with box:
        env = {
            **os.environ,
            "PECDESK_BASE_URL": box.base_url,
            "PECDESK_TOKEN": fresh.token,
            "PECDESK_USERNAME": MAILBOX,
            "PECDESK_PASSWORD": fresh.password,
        }
        started = subprocess.run(
            [sys.executable, "-m", "pecdesk", "--basedir", str(base), "--quit-after-shown"],
            env=env,
            capture_output=True,
            timeout=60,
            check=False,
            cwd=Path(__file__).resolve().parents[2],
        )
    assert started.returncode == 0, started.stderr.decode("utf-8", "replace")
    return started


def session_client(account: Account) -> PecMassivaClient:
    """A client for ``account`` with a short timeout."""
    return PecMassivaClient(
        account.base_url, account.token, account.username, account.password, timeout=5.0
    )
