"""One spelling per service, and which queue a campaign belongs to (pure functions)."""

from __future__ import annotations

import pytest

from pecdesk.domain.jobs import queued_for, service_key

TEST_SERVICE = "https://test.ws.pecmassiva.com"
PRODUCTION = "https://ws.pecmassiva.com"


@pytest.mark.parametrize(
    ("base_url", "key"),
    [
        ("https://test.ws.pecmassiva.com", TEST_SERVICE),
        ("https://test.ws.pecmassiva.com/", TEST_SERVICE),
        ("HTTPS://Test.WS.PecMassiva.com//", TEST_SERVICE),
        ("https://test.ws.pecmassiva.com:443/", TEST_SERVICE),
        ("  https://test.ws.pecmassiva.com  ", TEST_SERVICE),
        ("https://user:secret@test.ws.pecmassiva.com", TEST_SERVICE),
        ("https://test.ws.pecmassiva.com/?x=1#top", TEST_SERVICE),
        ("https://ws.pecmassiva.com", PRODUCTION),
        ("http://127.0.0.1:8080/", "http://127.0.0.1:8080"),
        ("http://127.0.0.1:80", "http://127.0.0.1"),
        ("http://127.0.0.1:443", "http://127.0.0.1:443"),
        ("https://pec.example.it/API/v2/", "https://pec.example.it/API/v2"),
        ("http://[::1]:8080/", "http://[::1]:8080"),
        ("", ""),
    ],
)
def test_service_key(base_url: str, key: str) -> None:
    """Scheme and host lower-cased; default port, user-info and trailing slash dropped."""
    assert service_key(base_url) == key


def test_test_and_production_are_different_services() -> None:
    """The test service and production never share a key, however each URL is written."""
    assert service_key("https://test.ws.pecmassiva.com/") != service_key("https://ws.pecmassiva.com")
    assert service_key("http://ws.pecmassiva.com") != service_key("https://ws.pecmassiva.com")


@pytest.mark.parametrize(
    ("sender", "service", "mine"),
    [
        ("studio@pec.it", TEST_SERVICE, True),
        ("STUDIO@PEC.IT", TEST_SERVICE, True),
        ("studio@pec.it", PRODUCTION, False),
        ("altro@pec.it", TEST_SERVICE, False),
        ("studio@pec.it", "", True),  # queued before campaigns were bound to a service
        ("altro@pec.it", "", False),
    ],
)
def test_queued_for(sender: str, service: str, mine: bool) -> None:
    """A queue of studio@pec.it on the test service owns its mailbox's test and unbound jobs."""
    assert queued_for(sender, service, mailbox="studio@pec.it", on=TEST_SERVICE) is mine
