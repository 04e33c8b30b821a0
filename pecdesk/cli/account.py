"""Which account the command line sends with: ``--account``, the variables, or the app's own.

In this order: ``--account NAME`` (a stored account's name, PEC address or id, as the desktop
app saved it) → the four ``PECDESK_*`` variables → the account the desktop app used last (never
the built-in sandbox: a command that sends must not quietly practise). A stored account's token
and mailbox password come from the OS keychain, exactly as in the app; no secret is ever read
from a flag, where it would show in the process list.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from pecdesk.accounts.account import ENV_VARS, Account, account_from_env
from pecdesk.accounts.keychain import PASSWORD_MISSING, TOKEN_MISSING, CredentialStore, SecretKind
from pecdesk.accounts.profiles import AccountProfile, AccountStore
from pecdesk.config.paths import AppPaths
from pecdesk.errors import CredentialError, PecError
from pecdesk.i18n import QT_TRANSLATE_NOOP


class AccountChoiceError(PecError):
    """No account, or not exactly one, answers to what the command line was given."""

    title = QT_TRANSLATE_NOOP("PecError", "No account to send with")
    default_template = QT_TRANSLATE_NOOP("PecError", "{problem}")

    def __init__(self, problem: str) -> None:
        super().__init__(problem=problem)


def _matches(profile: AccountProfile, choice: str) -> bool:
    wanted = choice.strip().casefold()
    return wanted in (profile.id, profile.name.casefold(), profile.sender.casefold())


def pick_profile(accounts: AccountStore, choice: str) -> AccountProfile:
    """The one stored account whose id, name or PEC address is ``choice``.

    Raises:
        AccountChoiceError: none or several answer to it.
    """
    found = [p for p in accounts.profiles() if _matches(p, choice)]
    if len(found) == 1:
        return found[0]
    stored = ", ".join(f"{p.label} ({p.id})" for p in accounts.profiles()) or "none"
    if not found:
        msg = f"no stored account is called {choice!r}; stored accounts: {stored}"
    else:
        msg = f"{choice!r} names {len(found)} accounts; use the id: {stored}"
    raise AccountChoiceError(msg)


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
    credentials = credentials or CredentialStore()
    if choice:
        return open_profile(pick_profile(accounts, choice), credentials)
    account = account_from_env(environ)
    if account is not None:
        return account
    active = accounts.active_id
    profile = accounts.get(active) if active else None
    if profile is not None:
        return open_profile(profile, credentials)
    missing = [name for name in ENV_VARS if not environ.get(name, "").strip()]
    msg = (
        f"no account configured: add one in pecdesk (then --account NAME), or set "
        f"{', '.join(missing or ENV_VARS)}"
    )
    raise AccountChoiceError(msg)
