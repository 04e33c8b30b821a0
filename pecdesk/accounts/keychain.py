"""CredentialStore: the API token and the mailbox password, only ever in the OS keychain.

The keychain is whatever ``keyring`` picked: Windows Credential Manager, the macOS Keychain or
a Secret Service (GNOME Keyring, KWallet) on Linux. When none is usable, pecdesk refuses to
store a secret and says why; it never falls back to a file, and it refuses keyring's
plaintext and null backends even when one is installed or chosen through
``PYTHON_KEYRING_BACKEND``. Every keyring failure becomes a :class:`CredentialError`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, TypeVar

from pecdesk.errors import CredentialError
from pecdesk.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

# keyring (~6 MB, 16 ms with importlib_metadata) is imported by the functions that use it: the
# app looks up the keychain only when an account needs it, never at start-up.

SERVICE_NAME = "pecdesk"
T = TypeVar("T")

# Backends that keep secrets in a plain (or merely obfuscated) file, or nowhere at all.
_log = logging.getLogger(__name__)
_REFUSED_MODULES = ("keyrings.alt", "keyrings.cryptfile", "keyring.backends.null")

NO_KEYCHAIN = QT_TRANSLATE_NOOP(
    "PecError",
    "No system keychain is available on this computer, so pecdesk cannot keep the API token "
    "and the mailbox password, and it never stores them anywhere else. On Linux, install and "
    "unlock a keyring that offers the Secret Service (GNOME Keyring or KWallet), then try again.",
)
UNSAFE_KEYCHAIN = QT_TRANSLATE_NOOP(
    "PecError",
    "The only keychain available ({backend}) would keep the API token and the mailbox password "
    "in a file that is not protected by the system, so pecdesk refuses to use it. Use the "
    "system keychain instead (on Linux: GNOME Keyring or KWallet).",
)
LOCKED_KEYCHAIN = QT_TRANSLATE_NOOP(
    "PecError", "The system keychain is locked. Unlock it and try again."
)
SAVE_FAILED = QT_TRANSLATE_NOOP(
    "PecError",
    "The system keychain could not save a secret of this account ({reason}). "
    "Nothing was stored anywhere else.",
)
READ_FAILED = QT_TRANSLATE_NOOP(
    "PecError", "The system keychain could not return a secret of this account ({reason})."
)
REMOVE_FAILED = QT_TRANSLATE_NOOP(
    "PecError", "The system keychain could not remove a secret of this account ({reason})."
)
TOKEN_MISSING = QT_TRANSLATE_NOOP(
    "PecError",
    "The system keychain has no API token for the account {account}. "
    "Open the account and enter the token again.",
)
PASSWORD_MISSING = QT_TRANSLATE_NOOP(
    "PecError",
    "The system keychain has no mailbox password for the account {account}. "
    "Open the account and enter the password again.",
)


class SecretKind(StrEnum):
    """The two secrets of an account, as the prefixes of their keychain entries.

    Attributes:
        TOKEN: the PEC Massiva API bearer token.
        MAILBOX: the PEC mailbox password.
    """

    TOKEN = "token"  # noqa: S105 - the entry's prefix, not a secret
    MAILBOX = "mailbox"


def entry_name(kind: SecretKind, account_id: str) -> str:
    """The keychain entry for one secret of one account, e.g. ``token:3f2a9c01b7de``."""
    return f"{kind.value}:{account_id}"


def describe_backend(backend: KeyringBackend) -> str:
    """The backend's full class name; a chain lists its members."""
    from keyring.backends import chainer  # noqa: PLC0415 - see the imports

    name = f"{type(backend).__module__}.{type(backend).__qualname__}"
    if isinstance(backend, chainer.ChainerBackend):
        members = ", ".join(describe_backend(b) for b in backend.backends)
        return f"{name}[{members}]"
    return name


def _is_refused(backend: KeyringBackend) -> bool:
    from keyring.backends import fail, null  # noqa: PLC0415 - see the imports

    module = type(backend).__module__
    return isinstance(backend, fail.Keyring | null.Keyring) or module.startswith(_REFUSED_MODULES)


def secure_backend(backend: KeyringBackend) -> KeyringBackend:
    """The backend to use instead of ``backend``: a chain is trimmed of refused members.

    Raises:
        CredentialError: no usable keychain, or only a plaintext one.
    """
    from keyring.backends import chainer, fail, null  # noqa: PLC0415 - see the imports

    if isinstance(backend, chainer.ChainerBackend):
        members = list(backend.backends)
        safe = [b for b in members if not _is_refused(b)]
        if not safe:
            refused = [b for b in members if not isinstance(b, fail.Keyring | null.Keyring)]
            if refused:
                raise CredentialError(UNSAFE_KEYCHAIN, backend=describe_backend(refused[0]))
            raise CredentialError(NO_KEYCHAIN)
        return backend if len(safe) == len(members) else safe[0]
    if isinstance(backend, fail.Keyring | null.Keyring):
        raise CredentialError(NO_KEYCHAIN)
    if _is_refused(backend):
        raise CredentialError(UNSAFE_KEYCHAIN, backend=describe_backend(backend))
    return backend


class CredentialStore:
    """Puts secrets into, and takes them out of, the OS keychain under the service ``pecdesk``.

    Args:
        backend: the keyring backend to use; None looks up keyring's active backend on every
            call (so ``keyring.set_keyring`` in tests, or a keychain unlocked later, is seen).
    """

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._backend = backend
        self._logged = False

    def backend_name(self) -> str:
        """The chosen backend's class name, for the log and the About box."""
        import keyring  # noqa: PLC0415 - see the imports

        try:
            return describe_backend(self._backend or keyring.get_keyring())
        except Exception as exc:  # keyring's discovery failed; start-up must go on
            return f"unavailable ({type(exc).__name__})"

    def problem(self) -> CredentialError | None:
        """Why secrets cannot be stored here, or None when the keychain is usable."""
        try:
            self._usable()
        except CredentialError as err:
            return err
        return None

    def store(self, kind: SecretKind, account_id: str, secret: str) -> None:
        """Save one secret, replacing any older one.

        Raises:
            CredentialError: the keychain refused, or there is no safe keychain.
        """
        if not secret:
            raise ValueError("refusing to store an empty secret")
        backend = self._usable()
        name = entry_name(kind, account_id)
        self._guard(SAVE_FAILED, lambda: backend.set_password(SERVICE_NAME, name, secret))

    def load(self, kind: SecretKind, account_id: str) -> str | None:
        """One secret, or None when the keychain has none for this account.

        Raises:
            CredentialError: the keychain could not be read.
        """
        backend = self._usable()
        name = entry_name(kind, account_id)
        return self._guard(READ_FAILED, lambda: backend.get_password(SERVICE_NAME, name))

    def delete(self, kind: SecretKind, account_id: str) -> None:
        """Remove one secret; a secret that is not there is not an error.

        Raises:
            CredentialError: the keychain could not remove it.
        """
        import keyring.errors  # noqa: PLC0415 - see the imports

        backend = self._usable()
        name = entry_name(kind, account_id)

        def remove() -> None:
            try:
                backend.delete_password(SERVICE_NAME, name)
            except keyring.errors.PasswordDeleteError:
                if backend.get_password(SERVICE_NAME, name) is not None:
                    raise

        self._guard(REMOVE_FAILED, remove)

    def _usable(self) -> KeyringBackend:
        import keyring  # noqa: PLC0415 - see the imports

        try:
            backend = self._backend or keyring.get_keyring()
        except Exception as exc:  # keyring's own start-up failed: treat as no keychain
            raise CredentialError(NO_KEYCHAIN) from exc
        if not self._logged:  # once: the keychain is looked up when first needed, not at start
            self._logged = True
            _log.info("Keychain backend: %s", describe_backend(backend))
        return secure_backend(backend)

    @staticmethod
    def _guard(template: str, call: Callable[[], T]) -> T:
        """Run one keyring call; every failure becomes a CredentialError without details."""
        import keyring.errors  # noqa: PLC0415 - see the imports

        try:
            return call()
        except keyring.errors.NoKeyringError:
            raise CredentialError(NO_KEYCHAIN) from None
        except keyring.errors.KeyringLocked:
            raise CredentialError(LOCKED_KEYCHAIN) from None
        except Exception as exc:  # D-Bus, Windows and macOS errors all end up here
            # Only the exception's type: its text could echo what was being stored.
            raise CredentialError(template, reason=type(exc).__name__) from None
