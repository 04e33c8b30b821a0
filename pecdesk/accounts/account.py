"""The PEC Massiva account pecdesk talks to, secrets included; or one read from the environment.

Stored accounts live in :mod:`pecdesk.accounts.profiles` (settings) and
:mod:`pecdesk.accounts.keychain` (the secrets); :class:`Account` is what they make together once
opened. The ``PECDESK_*`` variables still describe an account for automation and the command line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

ENV_BASE_URL = "PECDESK_BASE_URL"
ENV_TOKEN = "PECDESK_TOKEN"  # noqa: S105 - a variable name, not a secret
ENV_USERNAME = "PECDESK_USERNAME"
ENV_PASSWORD = "PECDESK_PASSWORD"  # noqa: S105 - a variable name, not a secret
ENV_VARS = (ENV_BASE_URL, ENV_TOKEN, ENV_USERNAME, ENV_PASSWORD)
DEFAULT_SEND_RATE = 1.0
"""Sends per second PEC Massiva allows on one token."""
DEFAULT_MAX_MESSAGE_BYTES = 100 * 1000 * 1000
"""Largest message (attachments included) the service takes on its Flat plan: 100 MB."""


@dataclass(frozen=True, slots=True, repr=False)
class Account:
    """Everything needed to call the API for one mailbox.

    Attributes:
        base_url: the API root, e.g. ``https://test.ws.pecmassiva.com``.
        token: the openapi bearer token (secret).
        username: the PEC mailbox username, normally its address.
        password: the PEC mailbox password (secret).
        sender: the PEC address messages are sent from.
        is_builtin_sandbox: True for the sandbox that ships inside pecdesk.
        send_rate: at most this many ``POST /send`` per second.
        max_message_bytes: the largest message (body and attachments) to send.
    """

    base_url: str
    token: str
    username: str
    password: str
    sender: str
    is_builtin_sandbox: bool = False
    send_rate: float = DEFAULT_SEND_RATE
    max_message_bytes: int = DEFAULT_MAX_MESSAGE_BYTES

    def __repr__(self) -> str:
        return (
            f"Account(base_url={self.base_url!r}, username={self.username!r}, "
            f"sender={self.sender!r}, is_builtin_sandbox={self.is_builtin_sandbox!r}, "
            f"send_rate={self.send_rate!r}, max_message_bytes={self.max_message_bytes!r})"
        )


def account_from_env(environ: Mapping[str, str]) -> Account | None:
    """The account configured through ``PECDESK_*`` variables, or None unless all four are set.

    The mailbox username doubles as the sender address, as the official SDKs do.
    """
    base_url, token, username = (environ.get(name, "").strip() for name in ENV_VARS[:3])
    password = environ.get(ENV_PASSWORD, "")  # a password may well start or end with a blank
    if not (base_url and token and username and password):
        return None
    return Account(
        base_url=base_url.rstrip("/"),
        token=token,
        username=username,
        password=password,
        sender=username,
    )
