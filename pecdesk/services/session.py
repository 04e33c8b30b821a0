"""SessionService: the stored accounts, their secrets in the keychain, and "Test connection".

Qt-free. Keychain calls run in a worker thread: on some systems they wait for the person to
unlock the keychain, and the UI must not freeze meanwhile.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from pecdesk.accounts.account import Account
from pecdesk.accounts.keychain import PASSWORD_MISSING, TOKEN_MISSING, CredentialStore, SecretKind
from pecdesk.accounts.profiles import AccountProfile, AccountStore
from pecdesk.api import PecMassivaClient
from pecdesk.domain.models import Quota
from pecdesk.errors import ApiError, AuthError, CredentialError, InvalidRequestError, NetworkError

_log = logging.getLogger(__name__)
ClientFactory = Callable[[Account], PecMassivaClient]


class ConnectionVerdict(StrEnum):
    """What "Test connection" found.

    Attributes:
        OK: the service answered and accepted the token and the mailbox credentials.
        BAD_TOKEN: the API token was refused (a heuristic unless the service said 403).
        BAD_MAILBOX: the token was accepted; the mailbox username or password was refused.
        BAD_CREDENTIALS: something was refused and pecdesk cannot tell which.
        NO_NETWORK: the service could not be reached.
        SERVICE_ERROR: the service answered with an error of its own.
    """

    OK = "ok"
    BAD_TOKEN = "bad_token"  # noqa: S105 - a verdict, not a secret
    BAD_MAILBOX = "bad_mailbox"
    BAD_CREDENTIALS = "bad_credentials"
    NO_NETWORK = "no_network"
    SERVICE_ERROR = "service_error"


@dataclass(frozen=True, slots=True)
class ConnectionCheck:
    """The outcome of "Test connection".

    Attributes:
        verdict: what went right or wrong.
        quota: the mailbox usage when the test passed.
        detail: the service's message or the network problem (never a secret), for the log and
            a tooltip.
        heuristic: True when the verdict is a best guess (the service says 401 for both a bad
            token and bad mailbox credentials).
    """

    verdict: ConnectionVerdict
    quota: Quota | None = None
    detail: str = ""
    heuristic: bool = False


class SessionService:
    """Stored accounts (settings and keychain secrets) and the connection test.

    Attributes:
        accounts: the stored profiles and which one is active.
        credentials: the keychain.
    """

    def __init__(
        self, *, accounts: AccountStore, credentials: CredentialStore, client_factory: ClientFactory
    ) -> None:
        self.accounts = accounts
        self.credentials = credentials
        self._client_factory = client_factory

    def keychain_problem(self) -> CredentialError | None:
        """Why accounts cannot be saved on this computer, or None when they can."""
        return self.credentials.problem()

    async def open_account(self, account_id: str) -> Account:
        """A stored account with its secrets from the keychain.

        Raises:
            KeyError: no stored account has this id.
            CredentialError: the keychain failed or lacks one of the secrets.
        """
        profile = self._profile(account_id)
        token, password = await self._secrets(profile)
        if token is None:
            raise CredentialError(TOKEN_MISSING, account=profile.label)
        if password is None:
            raise CredentialError(PASSWORD_MISSING, account=profile.label)
        return profile.to_account(token=token, password=password)

    async def candidate(
        self, profile: AccountProfile, *, token: str | None, password: str | None
    ) -> Account:
        """The account as the dialog describes it; a secret left as None is the stored one.

        Raises:
            CredentialError: a stored secret is needed and cannot be read or is missing.
        """
        if token is None or password is None:
            stored_token, stored_password = await self._secrets(profile)
            token = token if token is not None else stored_token
            password = password if password is not None else stored_password
        if token is None:
            raise CredentialError(TOKEN_MISSING, account=profile.label)
        if password is None:
            raise CredentialError(PASSWORD_MISSING, account=profile.label)
        return profile.to_account(token=token, password=password)

    async def save(
        self, profile: AccountProfile, *, token: str | None, password: str | None
    ) -> None:
        """Store ``profile``; its secrets go to the keychain first (None keeps the stored one).

        A new account needs both secrets. If the keychain refuses, nothing is saved at all.

        Raises:
            CredentialError: no safe keychain, or it refused.
            StorageError: the account list could not be written.
            ValueError: a new account without a token or a password.
        """
        is_new = self.accounts.get(profile.id) is None
        if is_new and not (token and password):
            raise ValueError("a new account needs its token and its password")
        problem = self.keychain_problem()
        if problem is not None:
            raise problem
        written: list[SecretKind] = []
        try:
            for kind, secret in ((SecretKind.TOKEN, token), (SecretKind.MAILBOX, password)):
                if secret:
                    await asyncio.to_thread(self.credentials.store, kind, profile.id, secret)
                    written.append(kind)
            self.accounts.put(profile)
        except BaseException:
            if is_new:
                for kind in written:
                    await asyncio.to_thread(self._forget_quietly, kind, profile.id)
            raise
        _log.info("Saved account %s (%s)", profile.id, profile.environment.value)

    async def remove(self, account_id: str) -> None:
        """Forget a stored account and delete its secrets from the keychain.

        Raises:
            CredentialError: the keychain could not delete them (the account is kept).
        """
        if self.keychain_problem() is None:
            for kind in SecretKind:
                await asyncio.to_thread(self.credentials.delete, kind, account_id)
        self.accounts.remove(account_id)
        _log.info("Removed account %s", account_id)

    async def test_connection(self, account: Account) -> ConnectionCheck:
        """``GET /quota/INBOX`` with ``account``, and tell apart what can go wrong.

        Never sends a PEC. When the quota is refused, a second request tells a bad token from
        bad mailbox credentials as well as the service allows (see :meth:`_token_accepted`).
        """
        async with self._client_factory(account) as client:
            try:
                quota = await client.quota()
            except AuthError as err:
                return await self._refused(client, err)
            except NetworkError as err:
                return ConnectionCheck(ConnectionVerdict.NO_NETWORK, detail=err.message)
            except ApiError as err:
                return ConnectionCheck(ConnectionVerdict.SERVICE_ERROR, detail=err.message)
        return ConnectionCheck(ConnectionVerdict.OK, quota=quota)

    async def _refused(self, client: PecMassivaClient, err: AuthError) -> ConnectionCheck:
        detail = err.message
        if err.status == 403:  # the gateway knows the token but it lacks the PEC Massiva scopes
            return ConnectionCheck(ConnectionVerdict.BAD_TOKEN, detail=detail)
        accepted = await self._token_accepted(client)
        if accepted is True:
            return ConnectionCheck(ConnectionVerdict.BAD_MAILBOX, detail=detail, heuristic=True)
        if accepted is False:
            return ConnectionCheck(ConnectionVerdict.BAD_TOKEN, detail=detail, heuristic=True)
        return ConnectionCheck(ConnectionVerdict.BAD_CREDENTIALS, detail=detail, heuristic=True)

    @staticmethod
    async def _token_accepted(client: PecMassivaClient) -> bool | None:
        """Whether the token alone passes, judged from a ``POST /send`` with no body.

        Without a body there is no sender, recipient or credential, so nothing can be sent.
        The bearer token is checked before the body (api.md 8.1, and the gateway sits before
        the service), so "invalid request" means the token passed and a refusal means it most
        likely did not. The real service's order is undocumented: this is a heuristic.

        Returns:
            True (token accepted), False (token refused) or None (no telling).
        """
        try:
            await client.probe_token()
        except InvalidRequestError:
            return True
        except AuthError:
            return False
        except (ApiError, NetworkError) as err:
            _log.info("Token probe inconclusive: %s", type(err).__name__)
            return None
        return True  # a success without a body cannot have sent anything

    def _profile(self, account_id: str) -> AccountProfile:
        profile = self.accounts.get(account_id)
        if profile is None:
            raise KeyError(account_id)
        return profile

    async def _secrets(self, profile: AccountProfile) -> tuple[str | None, str | None]:
        token = await asyncio.to_thread(self.credentials.load, SecretKind.TOKEN, profile.id)
        password = await asyncio.to_thread(self.credentials.load, SecretKind.MAILBOX, profile.id)
        return token, password

    def _forget_quietly(self, kind: SecretKind, account_id: str) -> None:
        try:
            self.credentials.delete(kind, account_id)
        except CredentialError as err:
            _log.warning("Could not roll back a keychain entry: %s", err.message)
