"""Choosing the account to open: one order for the window and the command line, and its errors.

Real parts: an ``accounts.json`` in the test's folder and the session's in-memory keyring.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pecdesk.accounts.account import ENV_VARS, Account, account_from_env
from pecdesk.accounts.choose import (
    AccountChoice,
    AccountChoiceError,
    Source,
    choose_account,
    no_account_error,
    pick_profile,
)
from pecdesk.accounts.keychain import CredentialStore, SecretKind
from pecdesk.accounts.profiles import (
    BUILTIN_ID,
    ENV_ID,
    AccountProfile,
    AccountStore,
    Environment,
)
from pecdesk.cli.account import load_account
from pecdesk.errors import CredentialError

ROSSI_ID = "0123456789ab"
BIANCHI_ID = "ba5eba11cafe"
TOKEN = "t0ken-for-the-tests"
PASSWORD = "S3gret0-pw!"
ENV = {
    "PECDESK_BASE_URL": "https://test.ws.pecmassiva.com/",
    "PECDESK_TOKEN": "env-token",
    "PECDESK_USERNAME": "automation@pec.it",
    "PECDESK_PASSWORD": "env-password",
}


@pytest.fixture
def accounts(tmp_path: Path) -> AccountStore:
    """Two stored accounts, Studio Rossi the one used last."""
    store = AccountStore(tmp_path)
    for account_id, name, sender in (
        (ROSSI_ID, "Studio Rossi", "studio.rossi@pec.it"),
        (BIANCHI_ID, "Cliente Bianchi", "bianchi@pec.it"),
    ):
        store.put(AccountProfile(id=account_id, environment=Environment.TEST, sender=sender,
                                 name=name))
    store.set_active(ROSSI_ID)
    return store


def env_account() -> Account:
    """The account the ``PECDESK_*`` variables of :data:`ENV` describe."""
    account = account_from_env(ENV)
    assert account is not None
    return account


@pytest.mark.parametrize(
    ("named", "sandbox", "with_env", "source", "account_id"),
    [
        ("Cliente Bianchi", True, True, Source.NAMED, BIANCHI_ID),
        (None, True, True, Source.SANDBOX, BUILTIN_ID),
        (None, False, True, Source.ENVIRONMENT, ENV_ID),
        (None, False, False, Source.LAST_USED, ROSSI_ID),
    ],
)
def test_the_first_source_that_applies_wins(
    accounts: AccountStore,
    named: str | None,
    sandbox: bool,
    with_env: bool,
    source: Source,
    account_id: str,
) -> None:
    """--account, then --sandbox, then the variables, then the last used: each beats the next."""
    from_env = env_account() if with_env else None
    chosen = choose_account(accounts, named=named, sandbox=sandbox, from_env=from_env)
    assert chosen is not None
    assert (chosen.source, chosen.account_id) == (source, account_id)


def test_every_source_is_tested_above() -> None:
    """The order table above covers every Source, so a new one cannot go untested."""
    covered = {Source.NAMED, Source.SANDBOX, Source.ENVIRONMENT, Source.LAST_USED}
    assert set(Source) == covered


def test_a_stored_choice_carries_the_profile_and_the_environment_the_account(
    accounts: AccountStore,
) -> None:
    """A stored account comes as a profile to open; the variables' account comes whole."""
    last = choose_account(accounts)
    assert last == AccountChoice(Source.LAST_USED, ROSSI_ID, profile=accounts.get(ROSSI_ID))
    from_env = choose_account(accounts, from_env=env_account())
    assert from_env is not None
    assert from_env.profile is None
    assert from_env.account == env_account()
    sandbox = choose_account(accounts, sandbox=True)
    assert sandbox == AccountChoice(Source.SANDBOX, BUILTIN_ID)


def test_nothing_applies_when_the_sandbox_was_used_last(accounts: AccountStore) -> None:
    """The built-in sandbox used last is no choice: each front door decides what then."""
    accounts.set_active(BUILTIN_ID)
    assert choose_account(accounts) is None
    accounts.set_active(None)
    assert choose_account(accounts) is None


def test_a_name_matches_id_name_or_address_in_any_case(accounts: AccountStore) -> None:
    """--account takes the id, the name or the PEC address, any case, blanks around ignored."""
    for choice in (BIANCHI_ID, "cliente BIANCHI", " Bianchi@PEC.it "):
        assert pick_profile(accounts, choice).id == BIANCHI_ID


def test_an_unknown_name_lists_the_stored_accounts(accounts: AccountStore) -> None:
    """A name nobody answers to is an error naming the accounts there are; never a fallback."""
    with pytest.raises(AccountChoiceError) as caught:
        choose_account(accounts, named="Studio Verdi", from_env=env_account())
    message = caught.value.message
    assert "no stored account is called 'Studio Verdi'" in message
    assert "Studio Rossi (0123456789ab), Cliente Bianchi (ba5eba11cafe)" in message


def test_an_unknown_name_with_no_stored_account_says_none(tmp_path: Path) -> None:
    """With no stored account at all the list reads "none"."""
    with pytest.raises(AccountChoiceError, match=r"stored accounts: none$"):
        pick_profile(AccountStore(tmp_path), "Studio Rossi")


def test_a_name_two_accounts_answer_to_asks_for_the_id(accounts: AccountStore) -> None:
    """One account's name being another's address: ambiguous, so the id is asked for."""
    accounts.put(AccountProfile(id="cafe00000001", environment=Environment.TEST,
                                sender="rossi@pec.it", name="bianchi@pec.it"))
    with pytest.raises(AccountChoiceError, match=r"'bianchi@pec\.it' names 2 accounts; use the id"):
        pick_profile(accounts, "bianchi@pec.it")


def test_the_no_account_error_names_only_the_missing_variables() -> None:
    """It names the variables left unset or blank, and never echoes a value that is set."""
    partial = {"PECDESK_BASE_URL": "https://x.example", "PECDESK_TOKEN": "secret-token",
               "PECDESK_USERNAME": "  "}
    error = no_account_error(partial)
    assert error.title == "No account to send with"
    assert error.message.endswith("or set PECDESK_USERNAME, PECDESK_PASSWORD")
    assert "secret-token" not in error.message
    assert no_account_error({}).message.endswith(f"or set {', '.join(ENV_VARS)}")


# --- The command line's door: the same choice, secrets from the keychain, no fallback -------


def store_secrets(account_id: str) -> None:
    """Put the token and mailbox password of ``account_id`` in the (in-memory) keychain."""
    keychain = CredentialStore()
    keychain.store(SecretKind.TOKEN, account_id, TOKEN)
    keychain.store(SecretKind.MAILBOX, account_id, PASSWORD)


def test_the_command_line_opens_the_chosen_stored_account(
    accounts: AccountStore, tmp_path: Path
) -> None:
    """--account opens that account with its keychain secrets, the variables notwithstanding."""
    store_secrets(BIANCHI_ID)
    account = load_account(ENV, "Cliente Bianchi", config_dir=tmp_path)
    assert (account.sender, account.token, account.password) == ("bianchi@pec.it", TOKEN,
                                                                 PASSWORD)


def test_the_command_line_takes_the_variables_before_the_last_used(
    accounts: AccountStore, tmp_path: Path
) -> None:
    """With the variables set, the app's last account is not even opened."""
    assert load_account(ENV, config_dir=tmp_path) == env_account()


def test_the_command_line_refuses_instead_of_the_sandbox(
    accounts: AccountStore, tmp_path: Path
) -> None:
    """Where the window would open the built-in sandbox, the command line refuses."""
    accounts.set_active(BUILTIN_ID)
    with pytest.raises(AccountChoiceError, match=r"^no account configured: add one in pecdesk"):
        load_account({}, config_dir=tmp_path)


def test_the_command_line_says_which_secret_is_missing(
    accounts: AccountStore, tmp_path: Path
) -> None:
    """The last-used account without its password in the keychain: a CredentialError."""
    CredentialStore().store(SecretKind.TOKEN, ROSSI_ID, TOKEN)
    with pytest.raises(CredentialError, match="Studio Rossi"):
        load_account({}, config_dir=tmp_path)
