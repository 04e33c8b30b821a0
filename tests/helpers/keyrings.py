"""Keyring backends for tests: an in-memory keychain, and one whose every call fails."""

from __future__ import annotations

from keyring.backend import KeyringBackend
from keyring.backends import fail, null
from keyring.errors import PasswordDeleteError


def fail_keyring() -> KeyringBackend:
    """Keyring's backend for "no keychain at all" (what a headless Linux gets)."""
    return fail.Keyring()  # type: ignore[no-untyped-call]


def null_keyring() -> KeyringBackend:
    """Keyring's backend that silently stores nothing."""
    return null.Keyring()  # type: ignore[no-untyped-call]


class MemoryKeyring(KeyringBackend):
    """A keychain kept in a dict: the unit tests' stand-in for the OS keychain.

    Attributes:
        entries: (service, username) to secret.
    """

    priority = 1
    viable = False  # never discovered by keyring itself (it would join a real chain)

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        """The stored secret, or None."""
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        """Store a secret."""
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        """Remove a secret; a missing one raises, as real backends do."""
        try:
            del self.entries[(service, username)]
        except KeyError:
            raise PasswordDeleteError(username) from None


class BrokenKeyring(KeyringBackend):
    """A keychain whose every call raises ``error`` (the D-Bus or OS failure of a real one).

    Attributes:
        error: what each call raises.
    """

    priority = 1
    viable = False

    def __init__(self, error: Exception) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.error = error

    def get_password(self, service: str, username: str) -> str | None:
        """Fail."""
        raise self.error

    def set_password(self, service: str, username: str, password: str) -> None:
        """Fail."""
        raise self.error

    def delete_password(self, service: str, username: str) -> None:
        """Fail."""
        raise self.error
