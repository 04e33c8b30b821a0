"""CredentialStore: keychain round trips, safe-backend checks, and errors that never leak."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import keyring
import keyring.errors
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import chainer

from pecdesk.accounts.keychain import (
    NO_KEYCHAIN,
    SERVICE_NAME,
    UNSAFE_KEYCHAIN,
    CredentialStore,
    SecretKind,
    describe_backend,
    entry_name,
    secure_backend,
)
from pecdesk.errors import CredentialError
from tests.helpers.keyrings import BrokenKeyring, MemoryKeyring, fail_keyring, null_keyring

TOKEN = "a1b2c3d4e5f6a7b8c9d0e1f2"
PASSWORD = "pässwörd-con-àccenti €"
ACCOUNT = "3f2a9c01b7de"


class PlaintextKeyring(MemoryKeyring):
    """Stands for keyrings.alt's PlaintextKeyring (same module name, no file)."""


PlaintextKeyring.__module__ = "keyrings.alt.file"


class ChainOf(chainer.ChainerBackend):
    """A chainer with a fixed list of members (the real one discovers them)."""

    def __init__(self, members: list[KeyringBackend]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._members = members

    @property
    def backends(self) -> list[KeyringBackend]:
        """The fixed members."""
        return self._members


def test_round_trip_through_keyring_default(memory_keyring: MemoryKeyring) -> None:
    """With no backend given, the store uses keyring's active one (the test's memory keychain)."""
    store = CredentialStore()
    store.store(SecretKind.TOKEN, ACCOUNT, TOKEN)
    store.store(SecretKind.MAILBOX, ACCOUNT, PASSWORD)
    assert store.load(SecretKind.TOKEN, ACCOUNT) == TOKEN
    assert store.load(SecretKind.MAILBOX, ACCOUNT) == PASSWORD
    assert memory_keyring.entries == {
        (SERVICE_NAME, f"token:{ACCOUNT}"): TOKEN,
        (SERVICE_NAME, f"mailbox:{ACCOUNT}"): PASSWORD,
    }
    store.delete(SecretKind.TOKEN, ACCOUNT)
    assert store.load(SecretKind.TOKEN, ACCOUNT) is None
    assert store.load(SecretKind.MAILBOX, ACCOUNT) == PASSWORD


def test_replacing_and_deleting_missing_secrets() -> None:
    """Storing again replaces the secret; deleting one that is not there is fine."""
    store = CredentialStore(MemoryKeyring())
    store.store(SecretKind.TOKEN, ACCOUNT, "old-token-value")
    store.store(SecretKind.TOKEN, ACCOUNT, TOKEN)
    assert store.load(SecretKind.TOKEN, ACCOUNT) == TOKEN
    store.delete(SecretKind.MAILBOX, ACCOUNT)
    store.delete(SecretKind.MAILBOX, ACCOUNT)
    assert store.load(SecretKind.MAILBOX, "ffffffffffff") is None


def test_empty_secret_is_refused() -> None:
    """An empty token is a programming error, not something to keep."""
    with pytest.raises(ValueError, match="empty"):
        CredentialStore(MemoryKeyring()).store(SecretKind.TOKEN, ACCOUNT, "")


def test_entry_names() -> None:
    """Entries are named token:<id> and mailbox:<id> under the service 'pecdesk'."""
    assert SERVICE_NAME == "pecdesk"
    assert entry_name(SecretKind.TOKEN, ACCOUNT) == f"token:{ACCOUNT}"
    assert entry_name(SecretKind.MAILBOX, ACCOUNT) == f"mailbox:{ACCOUNT}"


def test_fail_backend_refuses_and_says_why() -> None:
    """With no keychain at all (the fail backend) nothing is stored, and the reason is plain."""
    store = CredentialStore(fail_keyring())
    problem = store.problem()
    assert isinstance(problem, CredentialError)
    assert problem.template == NO_KEYCHAIN
    assert "No system keychain is available" in problem.message
    assert "never stores them anywhere else" in problem.message
    with pytest.raises(CredentialError) as raised:
        store.store(SecretKind.TOKEN, ACCOUNT, TOKEN)
    assert raised.value.template == NO_KEYCHAIN
    with pytest.raises(CredentialError):
        store.load(SecretKind.TOKEN, ACCOUNT)


def test_fail_backend_installed_globally_is_refused() -> None:
    """The same refusal when fail.Keyring is keyring's active backend (a headless Linux)."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail_keyring())
    try:
        store = CredentialStore()
        assert store.backend_name() == "keyring.backends.fail.Keyring"
        with pytest.raises(CredentialError, match="No system keychain"):
            store.store(SecretKind.MAILBOX, ACCOUNT, PASSWORD)
    finally:
        keyring.set_keyring(previous)


@pytest.mark.parametrize(
    "backend",
    [null_keyring(), PlaintextKeyring(), ChainOf([]), ChainOf([PlaintextKeyring()])],
    ids=["null", "plaintext", "empty-chain", "plaintext-chain"],
)
def test_unsafe_backends_are_refused(backend: KeyringBackend) -> None:
    """Null, plaintext (keyrings.alt) and empty or plaintext-only chains are never used."""
    store = CredentialStore(backend)
    problem = store.problem()
    assert problem is not None
    assert problem.template in (NO_KEYCHAIN, UNSAFE_KEYCHAIN)
    with pytest.raises(CredentialError):
        store.store(SecretKind.TOKEN, ACCOUNT, TOKEN)
    if isinstance(backend, PlaintextKeyring):
        assert backend.entries == {}
        assert "keyrings.alt.file.PlaintextKeyring" in problem.message


def test_chain_is_trimmed_of_plaintext_members() -> None:
    """A chain with a real keychain and a plaintext one writes only to the real one."""
    safe = MemoryKeyring()
    plain = PlaintextKeyring()
    store = CredentialStore(ChainOf([plain, safe]))
    assert store.problem() is None
    store.store(SecretKind.TOKEN, ACCOUNT, TOKEN)
    assert plain.entries == {}
    assert safe.entries == {(SERVICE_NAME, f"token:{ACCOUNT}"): TOKEN}
    assert secure_backend(ChainOf([safe])) is not safe  # an all-safe chain is kept whole


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (keyring.errors.KeyringLocked("locked"), "locked"),
        (keyring.errors.NoKeyringError("none"), "No system keychain"),
        (keyring.errors.PasswordSetError(f"could not set {TOKEN}"), "PasswordSetError"),
        (RuntimeError(f"dbus said {TOKEN} {PASSWORD}"), "RuntimeError"),
    ],
    ids=["locked", "no-keyring", "set-error", "foreign"],
)
def test_keyring_errors_become_credential_errors(error: Exception, expected: str) -> None:
    """Every failure is a CredentialError that names the problem and never the secret."""
    store = CredentialStore(BrokenKeyring(error))
    calls: list[Callable[[], object]] = [
        lambda: store.store(SecretKind.TOKEN, ACCOUNT, TOKEN),
        lambda: store.load(SecretKind.MAILBOX, ACCOUNT),
        lambda: store.delete(SecretKind.TOKEN, ACCOUNT),
    ]
    for call in calls:
        with pytest.raises(CredentialError) as raised:
            call()
        text = f"{raised.value.message} {raised.value!r} {raised.value.params}"
        assert expected in text
        assert TOKEN not in text
        assert PASSWORD not in text
        assert raised.value.__suppress_context__  # a traceback will not show the original


def test_backend_description_lists_chain_members() -> None:
    """The start-up log names the backend, and a chain's members."""
    assert describe_backend(MemoryKeyring()) == "tests.helpers.keyrings.MemoryKeyring"
    chain = describe_backend(ChainOf([MemoryKeyring()]))
    assert chain.endswith("ChainOf[tests.helpers.keyrings.MemoryKeyring]")


def test_no_plaintext_keyring_is_a_dependency() -> None:
    """No plaintext backend comes along as a dependency (keyrings.alt would become the default)."""
    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text("utf-8")
    assert "keyrings.alt" not in pyproject
    assert "keyrings.cryptfile" not in pyproject
