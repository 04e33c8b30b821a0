"""The command line's account: ``--account`` or the app's last account, secrets from the keychain.

The keychain is the test session's in-memory one (tests/conftest.py), and the app's config
folder is where platformdirs puts it (moved under each test's folder), so the accounts here
are the ones the app would see.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pecdesk.accounts.keychain import CredentialStore, SecretKind
from pecdesk.accounts.profiles import BUILTIN_ID, AccountProfile, AccountStore, Environment
from pecdesk.cli.common import EXIT_CANNOT_RUN, EXIT_OK
from pecdesk.config.paths import AppPaths
from pecdesk.sandbox import EmbeddedSandbox
from tests.helpers.cli import pecdesk
from tests.helpers.sandbox import MAILBOX, OTHER_MAILBOX, OTHER_PASSWORD, PASSWORD, TOKEN

STUDIO_ID = "0123456789ab"
BIANCHI_ID = "ba5eba11cafe"


@pytest.fixture
def accounts(
    sandbox: EmbeddedSandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[AccountStore]:
    """The app's account list with two accounts on the sandbox, secrets in the keychain.

    The user's config folder is moved under this test's own folder (the session's throwaway
    one must stay empty: other tests check that nothing writes there).
    """
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    store = AccountStore(AppPaths.for_user().config_dir)
    keychain = CredentialStore()
    for account_id, name, sender, password in (
        (STUDIO_ID, "Studio Rossi", MAILBOX, PASSWORD),
        (BIANCHI_ID, "Cliente Bianchi", OTHER_MAILBOX, OTHER_PASSWORD),
    ):
        store.put(AccountProfile(id=account_id, environment=Environment.CUSTOM,
                                 base_url=sandbox.base_url, sender=sender, name=name))
        keychain.store(SecretKind.TOKEN, account_id, TOKEN)
        keychain.store(SecretKind.MAILBOX, account_id, password)
    yield store
    for account_id in (STUDIO_ID, BIANCHI_ID):
        store.remove(account_id)
    store.set_active(None)


def send(tmp_path: Path, *extra: str) -> list[str]:
    body = tmp_path / "body.html"
    body.write_text("<p>Gentile cliente.</p>", encoding="utf-8")
    return ["send", "--data-dir", str(tmp_path / "data"), "--subject", "Avviso", "--body-file",
            str(body), "--rate", "500", "--to", "cliente@pec.it", *extra]


def test_account_by_name_sends_from_that_mailbox(
    accounts: AccountStore, sandbox: EmbeddedSandbox, tmp_path: Path
) -> None:
    """--account picks a stored account by name; its secrets come from the keychain."""
    done = pecdesk(send(tmp_path, "--account", "cliente bianchi"), {})
    assert done.code == EXIT_OK, done.err
    (entry,) = sandbox.ledger()
    assert entry["sender"] == OTHER_MAILBOX
    assert OTHER_PASSWORD not in done.out + done.err
    assert TOKEN not in done.out + done.err


def test_without_a_choice_the_apps_last_account_is_used(
    accounts: AccountStore, sandbox: EmbeddedSandbox, tmp_path: Path
) -> None:
    """No --account and no PECDESK_* variables: the account the app used last."""
    accounts.set_active(STUDIO_ID)
    done = pecdesk(send(tmp_path), {})
    assert done.code == EXIT_OK, done.err
    assert [entry["sender"] for entry in sandbox.ledger()] == [MAILBOX]


def test_the_builtin_sandbox_is_never_a_default(
    accounts: AccountStore, sandbox: EmbeddedSandbox, tmp_path: Path
) -> None:
    """The app last on its built-in sandbox: the command refuses rather than practise."""
    accounts.set_active(BUILTIN_ID)
    done = pecdesk(send(tmp_path), {})
    assert done.code == EXIT_CANNOT_RUN
    assert "no account configured" in done.err
    assert sandbox.ledger() == []


def test_an_unknown_account_lists_the_stored_ones(
    accounts: AccountStore, sandbox: EmbeddedSandbox, tmp_path: Path
) -> None:
    """A name that matches nothing: exit 3, naming the accounts there are; nothing sent."""
    done = pecdesk(send(tmp_path, "--account", "Studio Verdi"), {})
    assert done.code == EXIT_CANNOT_RUN
    assert "Studio Rossi (0123456789ab)" in done.err
    assert "Cliente Bianchi (ba5eba11cafe)" in done.err
    assert sandbox.ledger() == []


def test_a_secret_missing_from_the_keychain_is_said_plainly(
    accounts: AccountStore, sandbox: EmbeddedSandbox, tmp_path: Path
) -> None:
    """The password gone from the keychain: exit 3 with the keychain's own explanation."""
    CredentialStore().delete(SecretKind.MAILBOX, STUDIO_ID)
    done = pecdesk(send(tmp_path, "--account", STUDIO_ID), {})
    assert done.code == EXIT_CANNOT_RUN
    assert "no mailbox password for the account Studio Rossi" in done.err
    assert sandbox.ledger() == []
