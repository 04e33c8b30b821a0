"""Bearer tokens: opaque strings carrying ``METHOD:host/segment`` scopes and an optional expiry."""

from __future__ import annotations

import hmac
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pecdesk.sandbox.text import encodable

PRODUCTION_HOST = "ws.pecmassiva.com"
SANDBOX_HOST = "test.ws.pecmassiva.com"
HOSTS = {"production": PRODUCTION_HOST, "sandbox": SANDBOX_HOST}

# The six PEC Massiva scopes, as (method, first path segment).
OPERATIONS = (
    ("GET", "send"),
    ("POST", "send"),
    ("DELETE", "send"),
    ("GET", "inbox"),
    ("DELETE", "inbox"),
    ("GET", "quota"),
)


def all_scopes(host: str) -> tuple[str, ...]:
    """Return the six PEC Massiva scopes for ``host``, e.g. ``GET:test.ws.pecmassiva.com/send``."""
    return tuple(f"{method}:{host}/{segment}" for method, segment in OPERATIONS)


@dataclass(frozen=True)
class TokenGrant:
    """A token with its scopes and expiry, for tests of scoped or expiring tokens.

    Attributes:
        token: the opaque bearer string (openapi issues 24 hex digits).
        scopes: ``METHOD:host/segment`` strings; ``*`` matches any method, host or segment, and
            the console's form with a space instead of the colon is accepted too.
        expires_at: POSIX time after which the token is refused; None for never.
    """

    token: str
    scopes: tuple[str, ...]
    expires_at: float | None = None

    def __repr__(self) -> str:
        return f"TokenGrant(token='…', scopes={self.scopes!r}, expires_at={self.expires_at!r})"


def scope_allows(scope: str, method: str, host: str, segment: str) -> bool:
    """Tell whether one ``scope`` string covers ``method`` on ``host``/``segment``."""
    head, _, path = scope.strip().partition("/")
    if ":" in head:
        scope_method, _, scope_host = head.partition(":")
    else:
        scope_method, _, scope_host = head.partition(" ")
    scope_segment = path.split("/", 1)[0]
    return (
        scope_method.strip().upper() in ("*", method.upper())
        and scope_host.strip().lower() in ("*", host.lower())
        and scope_segment in ("*", segment)
    )


class TokenBook:
    """The tokens a sandbox accepts.

    Plain strings become grants with all six scopes on the sandbox's host and no expiry.
    """

    def __init__(
        self,
        tokens: Iterable[str | TokenGrant],
        *,
        host: str,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._host = host
        self._clock = clock
        self._grants = [
            t if isinstance(t, TokenGrant) else TokenGrant(t, all_scopes(host)) for t in tokens
        ]

    def allows(self, token: str | None, method: str, segment: str) -> bool:
        """Tell whether ``token`` exists, has not expired and has a scope for this call."""
        if not token or not encodable(token):
            return False
        method = "GET" if method.upper() == "HEAD" else method
        for grant in self._grants:
            if hmac.compare_digest(grant.token.encode(), token.encode()):
                if grant.expires_at is not None and self._clock() >= grant.expires_at:
                    return False
                return any(scope_allows(s, method, self._host, segment) for s in grant.scopes)
        return False


def bearer(header: str | None) -> str | None:
    """Extract the token from an ``Authorization: Bearer <token>`` header value."""
    if not header:
        return None
    scheme, _, value = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()
