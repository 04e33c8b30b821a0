"""The client's TLS settings: httpx's defaults everywhere except plain HTTP on this machine."""

from __future__ import annotations

import ssl

import pytest

from pecdesk.api.tls import client_verify

PROXY_VARIABLES = (
    "http_proxy",
    "https_proxy",
    "all_proxy",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
)


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize(
    "url", ["https://api.example.it", "https://127.0.0.1:8443", "http://api.example.it"]
)
def test_default_verification_kept(url: str) -> None:
    """HTTPS, and plain HTTP to another machine, keep httpx's default verification."""
    assert client_verify(url) is True


@pytest.mark.parametrize("url", ["http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:9"])
def test_loopback_http_trusts_no_anchor(url: str) -> None:
    """Plain HTTP on this machine gets a strict context that trusts no certificate at all."""
    verify = client_verify(url)
    assert isinstance(verify, ssl.SSLContext)
    assert verify.verify_mode == ssl.CERT_REQUIRED
    assert verify.check_hostname
    assert verify.get_ca_certs() == []


def test_proxy_keeps_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """With a proxy in the environment (maybe reached over TLS) the default is kept."""
    monkeypatch.setenv("HTTP_PROXY", "https://proxy.example.it:3128")
    assert client_verify("http://127.0.0.1:8080") is True
