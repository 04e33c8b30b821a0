"""Stored accounts without their secrets: which service and mailbox, how fast, which is active.

The token and the mailbox password of an account live only in the OS keychain
(:mod:`pecdesk.accounts.keychain`); this module keeps the rest in ``accounts.json`` under the config
directory and never writes a secret.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from pecdesk.accounts.account import DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_SEND_RATE, Account
from pecdesk.config.jsonfile import read_json_object, write_json_object

_log = logging.getLogger(__name__)

ACCOUNTS_FILE_NAME = "accounts.json"
BUILTIN_ID = "builtin"
"""The id of the built-in sandbox, always available and never stored."""
ENV_ID = "env"
"""The id of the account described by the ``PECDESK_*`` environment variables."""
_FORMAT_VERSION = 1
_ID_PATTERN = re.compile(r"^[0-9a-f]{12}$")


class Environment(StrEnum):
    """Which PEC Massiva an account talks to.

    Attributes:
        PRODUCTION: the real service, ``https://ws.pecmassiva.com``.
        TEST: the service's own sandbox, ``https://test.ws.pecmassiva.com`` (test tokens).
        BUILTIN: the sandbox inside pecdesk; nothing leaves the computer.
        CUSTOM: another address, e.g. a ``pecdesk-sandbox`` on the office network.
    """

    PRODUCTION = "production"
    TEST = "test"
    BUILTIN = "builtin"
    CUSTOM = "custom"


SERVICE_URLS = {
    Environment.PRODUCTION: "https://ws.pecmassiva.com",
    Environment.TEST: "https://test.ws.pecmassiva.com",
}


def new_account_id() -> str:
    """A fresh, random account id (12 hex digits; it names the keychain entries).

    Random bytes, as ``uuid.uuid4().hex[:12]`` gave, without importing ``uuid`` (with
    ``platform`` and ``sysconfig``, about 0.4 MB) at every start.
    """
    return os.urandom(6).hex()


@dataclass(frozen=True, slots=True)
class AccountProfile:
    """One stored account, minus the token and the mailbox password.

    Attributes:
        id: stable identifier; the keychain entries are ``token:<id>`` and ``mailbox:<id>``.
        name: what the switcher shows; empty means the PEC address.
        environment: which service.
        base_url: the address for :attr:`Environment.CUSTOM`; ignored otherwise.
        sender: the PEC address messages are sent from.
        username: the mailbox username; empty means the PEC address.
        send_rate: at most this many sends per second (PEC Massiva allows 1).
        max_message_bytes: the largest message to send, attachments included.
        signature: plain text Compose puts below the body of each new message (not a secret).
    """

    id: str
    environment: Environment
    sender: str
    name: str = ""
    base_url: str = ""
    username: str = ""
    send_rate: float = DEFAULT_SEND_RATE
    max_message_bytes: int = DEFAULT_MAX_MESSAGE_BYTES
    signature: str = ""

    def __post_init__(self) -> None:
        problems = []
        if not _ID_PATTERN.match(self.id):
            problems.append("id must be 12 hex digits")
        if self.environment is Environment.BUILTIN:
            problems.append("the built-in sandbox is not a stored account")
        if self.environment is Environment.CUSTOM and not self.base_url.startswith(
            ("http://", "https://")
        ):
            problems.append("a custom account needs an http(s) address")
        if "@" not in self.sender:
            problems.append("the sender must be a PEC address")
        if not 0 < self.send_rate <= 100:
            problems.append("send_rate must be above 0 and at most 100")
        if self.max_message_bytes <= 0:
            problems.append("max_message_bytes must be positive")
        if problems:
            raise ValueError("; ".join(problems))

    @property
    def label(self) -> str:
        """The name to show: the given name, else the PEC address."""
        return self.name or self.sender

    @property
    def mailbox_username(self) -> str:
        """The username for the mailbox headers."""
        return self.username or self.sender

    @property
    def api_url(self) -> str:
        """The API root this account talks to."""
        if self.environment is Environment.CUSTOM:
            return self.base_url.rstrip("/")
        return SERVICE_URLS[self.environment]

    def to_account(self, *, token: str, password: str) -> Account:
        """The usable account, once the secrets are back from the keychain."""
        return Account(
            base_url=self.api_url,
            token=token,
            username=self.mailbox_username,
            password=password,
            sender=self.sender,
            send_rate=self.send_rate,
            max_message_bytes=self.max_message_bytes,
        )

    def to_json(self) -> dict[str, Any]:
        """The profile as a JSON object (no secrets: it has none)."""
        data = asdict(self)
        data["environment"] = self.environment.value
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AccountProfile:
        """Read one profile.

        Raises:
            ValueError: a field is missing or not valid.
        """
        try:
            return cls(
                id=str(data["id"]),
                environment=Environment(str(data["environment"])),
                sender=str(data["sender"]),
                name=str(data.get("name", "")),
                base_url=str(data.get("base_url", "")),
                username=str(data.get("username", "")),
                send_rate=float(data.get("send_rate", DEFAULT_SEND_RATE)),
                max_message_bytes=int(data.get("max_message_bytes", DEFAULT_MAX_MESSAGE_BYTES)),
                signature=_text(data.get("signature")),
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(f"not an account: {type(exc).__name__} {exc}") from None


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


class AccountStore:
    """The list of stored accounts and the active one, in ``accounts.json``.

    Every change is written at once. The file never holds a token or a password.

    Attributes:
        path: the accounts file.
    """

    def __init__(self, config_dir: Path) -> None:
        self.path = config_dir / ACCOUNTS_FILE_NAME
        self._profiles: dict[str, AccountProfile] = {}
        self._active: str | None = None
        self._load()

    def profiles(self) -> list[AccountProfile]:
        """Every stored account, in the order they were added."""
        return list(self._profiles.values())

    def get(self, account_id: str) -> AccountProfile | None:
        """The stored account with this id, if any."""
        return self._profiles.get(account_id)

    @property
    def active_id(self) -> str | None:
        """The id last opened (a stored account or :data:`BUILTIN_ID`), or None."""
        return self._active

    def signature_of(self, account: Account) -> str:
        """The signature of the stored account ``account`` was opened from; "" when none.

        An opened account does not carry its id: it is found by its PEC address and service.
        """
        for profile in self._profiles.values():
            if profile.sender == account.sender and profile.api_url == account.base_url:
                return profile.signature
        return ""

    def set_active(self, account_id: str | None) -> None:
        """Remember ``account_id`` as the one to open next time."""
        if account_id not in (None, BUILTIN_ID) and account_id not in self._profiles:
            raise KeyError(account_id)
        self._active = account_id
        self._save()

    def put(self, profile: AccountProfile) -> None:
        """Add ``profile``, or replace the stored account with the same id."""
        self._profiles[profile.id] = profile
        self._save()

    def remove(self, account_id: str) -> None:
        """Forget an account (its secrets are the caller's business); unknown ids are ignored."""
        if self._profiles.pop(account_id, None) is None:
            return
        if self._active == account_id:
            self._active = None
        self._save()

    def _load(self) -> None:
        data = read_json_object(self.path)
        for item in data.get("accounts", []):
            try:
                profile = AccountProfile.from_json(item if isinstance(item, dict) else {})
            except ValueError as exc:
                _log.warning("Skipping a damaged account in %s: %s", self.path.name, exc)
                continue
            self._profiles[profile.id] = profile
        active = data.get("active")
        if isinstance(active, str) and (active == BUILTIN_ID or active in self._profiles):
            self._active = active

    def _save(self) -> None:
        write_json_object(
            self.path,
            {
                "version": _FORMAT_VERSION,
                "active": self._active,
                "accounts": [p.to_json() for p in self._profiles.values()],
            },
        )

