"""The credential store against a real Secret Service (gnome-keyring in tools/run_real_keyring.sh).

Skipped, with the reason, outside the wrapper; bash scripts/test runs them inside it.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from pecdesk.accounts.account import Account
from pecdesk.accounts.keychain import SERVICE_NAME, CredentialStore, SecretKind, entry_name
from pecdesk.accounts.profiles import AccountProfile, AccountStore, Environment, new_account_id
from pecdesk.api import PecMassivaClient
from pecdesk.services.session import SessionService

pytestmark = pytest.mark.real_keyring
TOKEN = "0123456789abcdef01234567"
PASSWORD = "pässwörd-réel €"


@pytest.fixture
def account_id() -> Iterator[str]:
    """A fresh account id; its entries are deleted from the keychain afterwards."""
    account_id = new_account_id()
    yield account_id
    for kind in SecretKind:
        CredentialStore().delete(kind, account_id)


def stored_items(account_id: str) -> dict[str, str]:
    """The pecdesk items of ``account_id`` as libsecret sees them, read without keyring."""
    secretstorage = pytest.importorskip("secretstorage")
    connection = secretstorage.dbus_init()
    try:
        found: dict[str, str] = {}
        collection = secretstorage.get_default_collection(connection)
        for kind in SecretKind:
            name = entry_name(kind, account_id)
            for item in collection.search_items({"service": SERVICE_NAME, "username": name}):
                found[name] = item.get_secret().decode("utf-8")
        return found
    finally:
        connection.close()


def test_backend_is_the_secret_service() -> None:
    """Inside the wrapper keyring picks the Secret Service, and pecdesk accepts it."""
    store = CredentialStore()
    assert "SecretService" in store.backend_name()
    assert store.problem() is None
    assert type(keyring.get_keyring()).__module__ == "keyring.backends.SecretService"


def test_round_trip_in_the_real_keychain(account_id: str) -> None:
    """Token and password (non-ASCII) go into libsecret's collection and come back intact."""
    store = CredentialStore()
    store.store(SecretKind.TOKEN, account_id, TOKEN)
    store.store(SecretKind.MAILBOX, account_id, PASSWORD)
    assert store.load(SecretKind.TOKEN, account_id) == TOKEN
    assert store.load(SecretKind.MAILBOX, account_id) == PASSWORD
    assert stored_items(account_id) == {
        f"token:{account_id}": TOKEN,
        f"mailbox:{account_id}": PASSWORD,
    }
    store.delete(SecretKind.TOKEN, account_id)
    store.delete(SecretKind.MAILBOX, account_id)
    assert stored_items(account_id) == {}
    assert store.load(SecretKind.TOKEN, account_id) is None


def test_no_plaintext_on_disk(account_id: str) -> None:
    """gnome-keyring's own files (under the wrapper's throwaway dir) never hold the secret."""
    CredentialStore().store(SecretKind.MAILBOX, account_id, PASSWORD)
    root = Path(os.environ.get("PECDESK_KEYRING_DIR", ""))
    assert root.is_dir()
    needle = PASSWORD.encode("utf-8")
    leaks = [p for p in root.rglob("*") if p.is_file() and needle in p.read_bytes()]
    assert leaks == []


def test_session_saves_opens_and_removes(tmp_path: Path, account_id: str) -> None:
    """The session's account life cycle works on the real keychain."""

    def factory(account: Account) -> PecMassivaClient:
        return PecMassivaClient(account.base_url, account.token, account.username, account.password)

    session = SessionService(
        accounts=AccountStore(tmp_path), credentials=CredentialStore(), client_factory=factory
    )
    profile = AccountProfile(
        id=account_id, environment=Environment.TEST, sender="studio.rossi@pec.it"
    )

    async def life() -> Account:
        await session.save(profile, token=TOKEN, password=PASSWORD)
        opened = await session.open_account(account_id)
        await session.remove(account_id)
        return opened

    opened = asyncio.run(life())
    assert (opened.token, opened.password) == (TOKEN, PASSWORD)
    assert opened.base_url == "https://test.ws.pecmassiva.com"
    assert stored_items(account_id) == {}
    assert TOKEN not in session.accounts.path.read_text(encoding="utf-8")
