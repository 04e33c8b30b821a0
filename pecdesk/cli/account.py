"""Which account the command line sends with, and opening it with its secrets from the keychain.

The choice is the window's own (:func:`pecdesk.accounts.choose.choose_account`): ``--account
NAME`` → the four ``PECDESK_*`` variables → the account the desktop app used last. The command
line differs only where nothing applies: it refuses (exit 3) instead of falling back to the
built-in sandbox, since a command that sends must not quietly practise. A stored account's token
and mailbox password come from the OS keychain, exactly as in the app; no secret is ever read
from a flag, where it would show in the process list.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from pecdesk.accounts.account import Account, account_from_env
from pecdesk.accounts.choose import choose_account, no_account_error
from pecdesk.accounts.keychain import PASSWORD_MISSING, TOKEN_MISSING, CredentialStore, SecretKind
from pecdesk.accounts.profiles import AccountProfile, AccountStore
from pecdesk.config.paths import AppPaths
from pecdesk.errors import CredentialError


def open_profile(profile: AccountProfile, credentials: CredentialStore) -> Account:
    """The stored account with its secrets from the keychain.

    Raises:
        CredentialError: the keychain failed or lacks a secret.
    """
    token = credentials.load(SecretKind.TOKEN, profile.id)
    if token is None:
        raise CredentialError(TOKEN_MISSING, account=profile.label)
    password = credentials.load(SecretKind.MAILBOX, profile.id)
    if password is None:
        raise CredentialError(PASSWORD_MISSING, account=profile.label)
    return profile.to_account(token=token, password=password)


def load_account(
    environ: Mapping[str, str],
    choice: str | None = None,
    *,
    config_dir: Path | None = None,
    credentials: CredentialStore | None = None,
) -> Account:
    """The account to send with (see the module's docstring for the order).

    Args:
        environ: the environment (the ``PECDESK_*`` variables).
        choice: ``--account``, if given.
        config_dir: where the app keeps its accounts; None for the user's.
        credentials: the keychain; None for the system's.

    Raises:
        AccountChoiceError: no account is configured, or ``choice`` names none or several.
        CredentialError: the keychain failed or lacks a secret.
    """
    accounts = AccountStore(config_dir or AppPaths.for_user().config_dir)
    chosen = choose_account(accounts, named=choice, from_env=account_from_env(environ))
    if chosen is not None and chosen.account is not None:
        return chosen.account
    if chosen is not None and chosen.profile is not None:
        return open_profile(chosen.profile, credentials or CredentialStore())
    raise no_account_error(environ)
