"""The TLS settings of the API client: the default ones, except where no TLS can happen.

httpx builds its SSL context when the client is built, loading certifi's ~150 trust anchors
(about 1 MB resident, measured by benchmarks/startup.py). A client whose base URL is plain
``http://`` on this machine (the built-in sandbox, or a sandbox run beside pecdesk) never
speaks TLS: it asks only paths under that URL, follows no redirect and, with no proxy
configured, connects to nobody else. Such a client gets a context that trusts *no* anchor, so
that if TLS ever did happen there it would fail, not pass unverified. Everything else, and
every ``https://`` service above all, keeps httpx's default verification untouched.
"""

from __future__ import annotations

import ssl
import urllib.request
from urllib.parse import urlsplit

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
"""Hosts that are this machine."""


def client_verify(base_url: str) -> ssl.SSLContext | bool:
    """What the client of ``base_url`` passes as httpx's ``verify``.

    ``True`` (httpx's default: certifi's anchors, host names checked) unless ``base_url`` is
    ``http://`` on a loopback host with no proxy in the environment; then a strict context
    with no anchor at all (certificates still required, host names still checked).
    """
    parts = urlsplit(base_url)
    if parts.scheme != "http" or parts.hostname not in LOOPBACK_HOSTS:
        return True
    if urllib.request.getproxies():  # a proxy may be reached over TLS: keep the default
        return True
    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
