"""SessionService with plain asyncio: accounts in the keychain, and "Test connection" verdicts."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import httpx
import pytest
from keyring.backend import KeyringBackend

from pecdesk.accounts.account import Account
from pecdesk.accounts.keychain import SERVICE_NAME, CredentialStore
from pecdesk.accounts.profiles import AccountProfile, AccountStore, Environment
from pecdesk.api import PecMassivaClient
from pecdesk.errors import CredentialError
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.session import ConnectionVerdict, SessionService
from tests.helpers.keyrings import MemoryKeyring, fail_keyring
from tests.helpers.sandbox import MAILBOX, PASSWORD, TOKEN

ID = "3f2a9c01b7de"


def client_for(account: Account) -> PecMassivaClient:
    """A client with a short timeout."""
    return PecMassivaClient(
        account.base_url, account.token, account.username, account.password, timeout=5.0
    )


def session_in(tmp_path: Path, backend: KeyringBackend | None = None) -> SessionService:
    """A session over a fresh config folder and the given keychain (default: keyring's)."""
    return SessionService(
        accounts=AccountStore(tmp_path),
        credentials=CredentialStore(backend),
        client_factory=client_for,
    )


def custom(url: str) -> AccountProfile:
    """A profile pointing at ``url`` (a sandbox) for the test mailbox."""
    return AccountProfile(id=ID, environment=Environment.CUSTOM, base_url=url, sender=MAILBOX)


def free_port_url() -> str:
    """An http URL on which nothing listens."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_save_open_remove(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    """Secrets go to the keychain and the rest to accounts.json; opening joins them again."""
    session = session_in(tmp_path)
    profile = custom("http://127.0.0.1:9")

    async def go() -> Account:
        await session.save(profile, token=TOKEN, password=PASSWORD)
        return await session.open_account(ID)

    account = asyncio.run(go())
    assert (account.token, account.password, account.sender) == (TOKEN, PASSWORD, MAILBOX)
    assert memory_keyring.entries == {
        (SERVICE_NAME, f"token:{ID}"): TOKEN,
        (SERVICE_NAME, f"mailbox:{ID}"): PASSWORD,
    }
    text = session.accounts.path.read_text(encoding="utf-8")
    assert TOKEN not in text
    assert PASSWORD not in text

    renamed = AccountProfile(
        id=ID,
        environment=Environment.CUSTOM,
        base_url="http://127.0.0.1:9",
        sender=MAILBOX,
        name="Studio",
    )
    asyncio.run(session.save(renamed, token=None, password="new-password"))
    assert asyncio.run(session.open_account(ID)).password == "new-password"
    assert asyncio.run(session.open_account(ID)).token == TOKEN

    asyncio.run(session.remove(ID))
    assert memory_keyring.entries == {}
    assert session.accounts.profiles() == []


def test_new_account_needs_both_secrets(tmp_path: Path) -> None:
    """A new account without its token or password is a programming error."""
    with pytest.raises(ValueError, match="token"):
        asyncio.run(session_in(tmp_path).save(custom("http://x"), token=TOKEN, password=None))


def test_fail_backend_saves_nothing_anywhere(tmp_path: Path) -> None:
    """With no keychain, saving refuses with the plain reason and writes no file at all."""
    session = session_in(tmp_path, fail_keyring())
    assert session.keychain_problem() is not None
    with pytest.raises(CredentialError, match="No system keychain"):
        asyncio.run(session.save(custom("http://x"), token=TOKEN, password=PASSWORD))
    assert list(tmp_path.iterdir()) == []
    assert session.accounts.profiles() == []


def test_missing_secret_is_a_plain_error(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    """An account whose password vanished from the keychain says so, naming the account."""
    session = session_in(tmp_path)
    asyncio.run(session.save(custom("http://x"), token=TOKEN, password=PASSWORD))
    del memory_keyring.entries[(SERVICE_NAME, f"mailbox:{ID}")]
    with pytest.raises(CredentialError, match=f"no mailbox password for the account {MAILBOX}"):
        asyncio.run(session.open_account(ID))


def test_candidate_fills_in_stored_secrets(tmp_path: Path) -> None:
    """Testing an edited account with empty secret fields uses the stored ones."""
    session = session_in(tmp_path)
    asyncio.run(session.save(custom("http://x"), token=TOKEN, password=PASSWORD))
    account = asyncio.run(session.candidate(custom("http://y"), token=None, password="typed"))
    assert (account.base_url, account.token, account.password) == ("http://y", TOKEN, "typed")


@pytest.mark.parametrize(
    ("token", "password", "verdict"),
    [
        (TOKEN, PASSWORD, ConnectionVerdict.OK),
        ("ffffffffffffffffffffffff", PASSWORD, ConnectionVerdict.BAD_TOKEN),
        (TOKEN, "wrong-password", ConnectionVerdict.BAD_MAILBOX),
        ("ffffffffffffffffffffffff", "wrong-password", ConnectionVerdict.BAD_TOKEN),
    ],
    ids=["ok", "bad-token", "bad-mailbox", "both-bad"],
)
def test_connection_verdicts_on_sandbox(
    tmp_path: Path,
    sandbox: EmbeddedSandbox,
    token: str,
    password: str,
    verdict: ConnectionVerdict,
) -> None:
    """The sandbox's 401s are told apart by the token probe; no PEC is ever sent."""
    session = session_in(tmp_path)
    account = custom(sandbox.base_url).to_account(token=token, password=password)
    check = asyncio.run(session.test_connection(account))
    assert check.verdict is verdict
    assert check.heuristic is (verdict is not ConnectionVerdict.OK)
    assert (check.quota is not None) is (verdict is ConnectionVerdict.OK)
    assert password not in check.detail
    assert token not in check.detail
    assert sandbox.ledger() == []


def test_no_network(tmp_path: Path) -> None:
    """A closed port is 'no network', not a credential problem."""
    account = custom(free_port_url()).to_account(token=TOKEN, password=PASSWORD)
    check = asyncio.run(session_in(tmp_path).test_connection(account))
    assert check.verdict is ConnectionVerdict.NO_NETWORK


def mocked(tmp_path: Path, handler: httpx.MockTransport) -> SessionService:
    """A session whose clients answer through ``handler``."""

    def factory(account: Account) -> PecMassivaClient:
        return PecMassivaClient(
            account.base_url,
            account.token,
            account.username,
            account.password,
            transport=handler,
        )

    return SessionService(
        accounts=AccountStore(tmp_path), credentials=CredentialStore(), client_factory=factory
    )


@pytest.mark.parametrize(
    ("quota_status", "probe_status", "verdict", "heuristic"),
    [
        (500, 400, ConnectionVerdict.SERVICE_ERROR, False),
        (403, 400, ConnectionVerdict.BAD_TOKEN, False),
        (401, 502, ConnectionVerdict.BAD_CREDENTIALS, True),
        (401, 201, ConnectionVerdict.BAD_MAILBOX, True),
    ],
    ids=["service-error", "forbidden", "probe-inconclusive", "probe-accepted"],
)
def test_connection_verdicts_on_odd_answers(
    tmp_path: Path,
    quota_status: int,
    probe_status: int,
    verdict: ConnectionVerdict,
    heuristic: bool,
) -> None:
    """A 5xx is a service error, a 403 a token without the scopes, an odd probe no verdict."""
    probes: list[bytes] = []

    def answer(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            probes.append(request.content)
            ok = probe_status < 300
            return httpx.Response(probe_status, json={"success": ok, "message": "x"})
        if quota_status == 500:
            return httpx.Response(500, text="<html>Internal Server Error</html>")
        return httpx.Response(quota_status, json={"success": False, "message": "Unauthorized"})

    session = mocked(tmp_path, httpx.MockTransport(answer))
    account = custom("http://svc").to_account(token=TOKEN, password=PASSWORD)
    check = asyncio.run(session.test_connection(account))
    assert (check.verdict, check.heuristic) == (verdict, heuristic)
    assert all(body == b"" for body in probes)  # the probe never carries anything to send
