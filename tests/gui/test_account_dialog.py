"""The account dialog on a real sandbox: Test connection in plain words, saving to the keychain."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable
from pathlib import Path

import keyring
import keyring.errors
import pytest
from pytestqt.qtbot import QtBot

from pecdesk.accounts.account import Account
from pecdesk.accounts.keychain import SERVICE_NAME, CredentialStore
from pecdesk.accounts.profiles import AccountProfile, AccountStore, Environment
from pecdesk.api import PecMassivaClient
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.session import ConnectionCheck, ConnectionVerdict, SessionService
from pecdesk.ui.dialogs.account import AccountDialog
from pecdesk.ui.widgets.tasks import TaskRunner
from tests.helpers.gui import OFFSCREEN_SHOW_NOISE
from tests.helpers.keyrings import BrokenKeyring, MemoryKeyring, fail_keyring
from tests.helpers.sandbox import MAILBOX, PASSWORD, TOKEN

pytestmark = OFFSCREEN_SHOW_NOISE
DialogFactory = Callable[..., AccountDialog]


def client_for(account: Account) -> PecMassivaClient:
    """A client with a short timeout."""
    return PecMassivaClient(
        account.base_url, account.token, account.username, account.password, timeout=5.0
    )


@pytest.fixture
def session(tmp_path: Path) -> SessionService:
    """Accounts under a temporary config folder; secrets in keyring's (test) backend."""
    return SessionService(
        accounts=AccountStore(tmp_path / "config"),
        credentials=CredentialStore(),
        client_factory=client_for,
    )


@pytest.fixture
def remembered() -> list[str]:
    """Secrets the dialog handed to the log filter."""
    return []


@pytest.fixture
def make_dialog(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, session: SessionService, remembered: list[str]
) -> DialogFactory:
    """Open account dialogs whose tasks run on the test loop."""

    def make(profile: AccountProfile | None = None) -> AccountDialog:
        dialog = AccountDialog(
            session=session,
            tasks=TaskRunner(qloop),
            remember_secret=remembered.append,
            profile=profile,
        )
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    return make


def fill(dialog: AccountDialog, url: str, *, token: str = TOKEN, password: str = PASSWORD) -> None:
    """Type an account pointing at ``url`` into the form."""
    dialog.environment_combo.setCurrentIndex(
        dialog.environment_combo.findData(Environment.CUSTOM.value)
    )
    dialog.url_edit.setText(url)
    dialog.token_edit.setText(token)
    dialog.sender_edit.setText(MAILBOX)
    dialog.password_edit.setText(password)


def run_test(qtbot: QtBot, dialog: AccountDialog) -> ConnectionCheck:
    """Click Test connection and wait for its verdict."""
    with qtbot.waitSignal(dialog.test_finished, timeout=5000) as blocker:
        dialog.test_button.click()
    check = blocker.args[0]
    assert isinstance(check, ConnectionCheck)
    return check


def closed_port_url() -> str:
    """An address where nothing listens."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


def test_new_account_tests_and_saves(
    qtbot: QtBot,
    sandbox: EmbeddedSandbox,
    make_dialog: DialogFactory,
    session: SessionService,
    memory_keyring: MemoryKeyring,
    remembered: list[str],
) -> None:
    """A good account tests fine; Save puts the secrets in the keychain and the rest on disk."""
    dialog = make_dialog()
    assert dialog.windowTitle() == "Add account"
    assert not dialog.url_edit.isEnabled()
    fill(dialog, sandbox.base_url)
    assert dialog.url_edit.isEnabled()
    check = run_test(qtbot, dialog)
    assert check.verdict is ConnectionVerdict.OK
    assert dialog.result_label.text().startswith("The connection works")
    assert "% full" in dialog.result_label.text()

    with qtbot.waitSignal(dialog.account_saved, timeout=5000) as saved:
        dialog.save_button.click()
    account_id = saved.args[0]
    assert not dialog.isVisible()
    assert memory_keyring.entries == {
        (SERVICE_NAME, f"token:{account_id}"): TOKEN,
        (SERVICE_NAME, f"mailbox:{account_id}"): PASSWORD,
    }
    profile = session.accounts.get(account_id)
    assert profile is not None
    assert (profile.environment, profile.api_url) == (Environment.CUSTOM, sandbox.base_url)
    assert (profile.send_rate, profile.max_message_bytes) == (1.0, 100_000_000)
    text = session.accounts.path.read_text(encoding="utf-8")
    assert TOKEN not in text
    assert PASSWORD not in text
    assert set(remembered) == {TOKEN, PASSWORD}
    assert sandbox.ledger() == []


@pytest.mark.parametrize(
    ("token", "password", "expected"),
    [
        ("ffffffffffffffffffffffff", PASSWORD, "The API token was not accepted."),
        (TOKEN, "wrong-password", "The API token is valid, but the mailbox username or password"),
    ],
    ids=["bad-token", "bad-mailbox"],
)
def test_refusals_are_told_apart(
    qtbot: QtBot,
    sandbox: EmbeddedSandbox,
    make_dialog: DialogFactory,
    token: str,
    password: str,
    expected: str,
) -> None:
    """A bad token and a bad mailbox password get different, plain explanations."""
    dialog = make_dialog()
    fill(dialog, sandbox.base_url, token=token, password=password)
    run_test(qtbot, dialog)
    text = dialog.result_label.text()
    assert text.startswith(expected)
    assert "infers" in text  # said to be a best guess
    assert password not in text + dialog.result_label.toolTip()
    qtbot.waitUntil(dialog.test_button.isEnabled, timeout=2000)  # busy until the task ends


def test_no_network_is_plain(qtbot: QtBot, make_dialog: DialogFactory) -> None:
    """Nothing listening: the dialog says the service could not be reached."""
    dialog = make_dialog()
    fill(dialog, closed_port_url())
    assert run_test(qtbot, dialog).verdict is ConnectionVerdict.NO_NETWORK
    assert dialog.result_label.text().startswith("The PEC service could not be reached.")


def test_without_keychain_nothing_can_be_saved(
    qtbot: QtBot, sandbox: EmbeddedSandbox, make_dialog: DialogFactory, session: SessionService
) -> None:
    """With keyring's fail backend the dialog says why up front and Save stays disabled."""
    keyring.set_keyring(fail_keyring())  # the autouse fixture restores the previous one
    dialog = make_dialog()
    assert dialog.keychain_banner.isVisible()
    assert "No system keychain is available" in dialog.keychain_banner.text()
    assert not dialog.save_button.isEnabled()
    fill(dialog, sandbox.base_url)
    assert run_test(qtbot, dialog).verdict is ConnectionVerdict.OK  # testing still works
    assert not session.accounts.path.exists()


def test_keychain_failure_on_save_keeps_dialog_open(
    qtbot: QtBot, sandbox: EmbeddedSandbox, make_dialog: DialogFactory, session: SessionService
) -> None:
    """If the keychain fails while saving, the dialog says so and nothing is written."""
    dialog = make_dialog()
    fill(dialog, sandbox.base_url)
    keyring.set_keyring(BrokenKeyring(keyring.errors.PasswordSetError("dbus timeout")))
    dialog.save_button.click()
    qtbot.waitUntil(dialog.error_banner.isVisible, timeout=5000)
    assert "could not save a secret" in dialog.error_banner.text()
    assert dialog.isVisible()
    assert dialog.save_button.isEnabled()
    assert not session.accounts.path.exists()


@pytest.mark.parametrize(
    ("sender", "url", "token", "message"),
    [
        ("", "http://x", TOKEN, "Enter the PEC address"),
        (MAILBOX, "", TOKEN, "Enter the server address"),
        (MAILBOX, "http://x", "", "Enter the API token and the mailbox password."),
    ],
    ids=["no-sender", "no-url", "no-token"],
)
def test_form_problems_are_named(
    make_dialog: DialogFactory, sender: str, url: str, token: str, message: str
) -> None:
    """An incomplete form is not tested or saved; the banner says what is missing."""
    dialog = make_dialog()
    fill(dialog, url, token=token)
    dialog.sender_edit.setText(sender)
    dialog.save_button.click()
    assert dialog.error_banner.isVisible()
    assert dialog.error_banner.text().startswith(message)
    assert dialog.isVisible()


def test_editing_keeps_stored_secrets(
    qtbot: QtBot,
    sandbox: EmbeddedSandbox,
    make_dialog: DialogFactory,
    session: SessionService,
    qloop: asyncio.AbstractEventLoop,
    memory_keyring: MemoryKeyring,
) -> None:
    """Editing shows the stored fields, never the secrets; empty secret fields keep them."""
    profile = AccountProfile(
        id="3f2a9c01b7de",
        environment=Environment.CUSTOM,
        base_url=sandbox.base_url,
        sender=MAILBOX,
        name="Studio",
        send_rate=0.5,
    )
    task = qloop.create_task(session.save(profile, token=TOKEN, password=PASSWORD))
    qtbot.waitUntil(task.done, timeout=5000)
    dialog = make_dialog(profile)
    assert dialog.windowTitle() == "Edit account"
    assert (dialog.name_edit.text(), dialog.sender_edit.text()) == ("Studio", MAILBOX)
    assert dialog.rate_spin.value() == 0.5
    assert dialog.token_edit.text() == ""
    assert "leave empty to keep it" in dialog.token_edit.placeholderText()
    assert run_test(qtbot, dialog).verdict is ConnectionVerdict.OK
    dialog.name_edit.setText("Studio Rossi")
    with qtbot.waitSignal(dialog.account_saved, timeout=5000):
        dialog.save_button.click()
    stored = session.accounts.get(profile.id)
    assert stored is not None
    assert stored.name == "Studio Rossi"
    assert memory_keyring.entries[(SERVICE_NAME, f"token:{profile.id}")] == TOKEN


def test_signature_is_edited_with_the_profile_not_the_keychain(
    qtbot: QtBot,
    sandbox: EmbeddedSandbox,
    make_dialog: DialogFactory,
    session: SessionService,
    qloop: asyncio.AbstractEventLoop,
    memory_keyring: MemoryKeyring,
) -> None:
    """The signature is shown, edited and saved in accounts.json; the keychain never holds it."""
    profile = AccountProfile(id="5b1c2d3e4f60", environment=Environment.CUSTOM,
                             base_url=sandbox.base_url, sender=MAILBOX,
                             signature="Mario Rossi\nStudio Rossi")
    task = qloop.create_task(session.save(profile, token=TOKEN, password=PASSWORD))
    qtbot.waitUntil(task.done, timeout=5000)
    dialog = make_dialog(profile)
    assert dialog.signature_edit.toPlainText() == "Mario Rossi\nStudio Rossi"
    dialog.signature_edit.setPlainText("Avv. Maria Bianchi\nStudio Bianchi – Torino\n\n")
    with qtbot.waitSignal(dialog.account_saved, timeout=5000):
        dialog.save_button.click()
    signature = "Avv. Maria Bianchi\nStudio Bianchi – Torino"
    reread = AccountStore(session.accounts.path.parent).get(profile.id)
    assert reread is not None
    assert reread.signature == signature
    opened = Account(base_url=sandbox.base_url, token=TOKEN, username=MAILBOX,
                     password=PASSWORD, sender=MAILBOX)
    assert session.accounts.signature_of(opened) == signature
    assert "Maria Bianchi" in session.accounts.path.read_text(encoding="utf-8")
    assert all("Bianchi" not in secret for secret in memory_keyring.entries.values())
