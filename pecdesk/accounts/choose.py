"""Which account to start on, for the window and the command line alike (Qt-free, no keychain).

Both front doors ask :func:`choose_account` and get the same answer from the same inputs, in
this order; the first that applies wins:

1. an explicit request on the command line: ``--account NAME`` (a stored account's id, name or
   PEC address; naming none or several is an :class:`AccountChoiceError`, never a fallback), or
   the window's ``--sandbox`` (the built-in sandbox);
2. the account the four ``PECDESK_*`` variables describe (all four set);
3. the stored account the app used last, unless that was the built-in sandbox;
4. nothing: None. What then is each front door's own business: the window opens the built-in
   sandbox, the command line refuses (:func:`no_account_error`, exit 3) because a command that
   sends must not quietly practise.

The choice says *which* account; opening a stored one (its token and mailbox password from the
keychain) stays with the caller, the window through its session service, the command line
directly, since only the caller knows whether to wait on a worker thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from pecdesk.accounts.account import ENV_VARS, Account
from pecdesk.accounts.profiles import BUILTIN_ID, ENV_ID, AccountProfile, AccountStore
from pecdesk.errors import PecError
from pecdesk.i18n import QT_TRANSLATE_NOOP


class AccountChoiceError(PecError):
    """No account, or not exactly one, answers to what the command line was given."""

    title = QT_TRANSLATE_NOOP("PecError", "No account to send with")
    default_template = QT_TRANSLATE_NOOP("PecError", "{problem}")

    def __init__(self, problem: str) -> None:
        super().__init__(problem=problem)


class Source(StrEnum):
    """Where the chosen account came from (the rules of the module's docstring, in order).

    Attributes:
        NAMED: ``--account NAME``.
        SANDBOX: ``--sandbox``, the built-in sandbox.
        ENVIRONMENT: the ``PECDESK_*`` variables.
        LAST_USED: the stored account the app used last.
    """

    NAMED = "named"
    SANDBOX = "sandbox"
    ENVIRONMENT = "environment"
    LAST_USED = "last_used"


@dataclass(frozen=True, slots=True)
class AccountChoice:
    """The account a front door should open, and why.

    Attributes:
        source: which rule chose it.
        account_id: a stored account's id, :data:`~pecdesk.accounts.profiles.ENV_ID` or
            :data:`~pecdesk.accounts.profiles.BUILTIN_ID`.
        profile: the stored account to open (its secrets are still in the keychain), for
            ``NAMED`` and ``LAST_USED``.
        account: the complete account, for ``ENVIRONMENT``.
    """

    source: Source
    account_id: str
    profile: AccountProfile | None = None
    account: Account | None = None


def choose_account(
    accounts: AccountStore,
    *,
    named: str | None = None,
    sandbox: bool = False,
    from_env: Account | None = None,
) -> AccountChoice | None:
    """The account to open, by the order of the module's docstring; None when nothing applies.

    Args:
        accounts: the stored accounts and the one used last.
        named: ``--account``, if given (blank counts as not given).
        sandbox: ``--sandbox`` was given.
        from_env: the account the ``PECDESK_*`` variables describe
            (:func:`~pecdesk.accounts.account.account_from_env`), if any.

    Raises:
        AccountChoiceError: ``named`` names no stored account, or several.
    """
    if named:
        picked = pick_profile(accounts, named)
        return AccountChoice(Source.NAMED, picked.id, profile=picked)
    if sandbox:
        return AccountChoice(Source.SANDBOX, BUILTIN_ID)
    if from_env is not None:
        return AccountChoice(Source.ENVIRONMENT, ENV_ID, account=from_env)
    active = accounts.active_id
    last = accounts.get(active) if active else None  # BUILTIN_ID is no stored account
    if last is not None:
        return AccountChoice(Source.LAST_USED, last.id, profile=last)
    return None


def _matches(profile: AccountProfile, choice: str) -> bool:
    wanted = choice.strip().casefold()
    return wanted in (profile.id, profile.name.casefold(), profile.sender.casefold())


def pick_profile(accounts: AccountStore, choice: str) -> AccountProfile:
    """The one stored account whose id, name or PEC address is ``choice`` (any case).

    Raises:
        AccountChoiceError: none or several answer to it; the message lists the stored ones.
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


def no_account_error(environ: Mapping[str, str]) -> AccountChoiceError:
    """Why a front door without a fallback has no account: how to add one, which variables lack.

    Args:
        environ: the environment; only the names of the ``PECDESK_*`` variables left unset or
            blank are told, never a value.
    """
    missing = [name for name in ENV_VARS if not environ.get(name, "").strip()]
    msg = (
        f"no account configured: add one in pecdesk (then --account NAME), or set "
        f"{', '.join(missing or ENV_VARS)}"
    )
    return AccountChoiceError(msg)
