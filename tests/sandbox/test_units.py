"""Pure parts of the sandbox: codes, routes, addresses, scopes, dates, texts, base64, throttle."""

from __future__ import annotations

from datetime import datetime

import pytest

from pecdesk.sandbox.dates import ROME, code_stamp, giorno_ora, rfc2822
from pecdesk.sandbox.faults import Throttle
from pecdesk.sandbox.payload import PayloadError, decode_base64
from pecdesk.sandbox.receipts import html_to_text
from pecdesk.sandbox.rules import Route, code_pattern, distinct, is_address, next_code, route
from pecdesk.sandbox.tokens import TokenBook, TokenGrant, all_scopes, bearer, scope_allows

SUMMER = datetime(2020, 8, 26, 10, 0, 35, tzinfo=ROME).timestamp()
WINTER = datetime(2021, 1, 15, 9, 5, 0, tzinfo=ROME).timestamp()


def test_dates_use_rome_offsets() -> None:
    """RFC 2822 and receipt dates carry +0200 in summer and +0100 in winter."""
    assert rfc2822(SUMMER) == "Wed, 26 Aug 2020 10:00:35 +0200"
    assert rfc2822(WINTER) == "Fri, 15 Jan 2021 09:05:00 +0100"
    assert giorno_ora(SUMMER) == "Il giorno 26/08/2020 alle ore 10:00:35 (+0200)"
    assert code_stamp(SUMMER) == 20200826100035


def test_codes_overflow_into_next_free_value() -> None:
    """Past 100 codes in one second the next free value is taken; codes stay 16 digits."""
    codes: list[int] = []
    last = 0
    for _ in range(150):
        last = next_code(SUMMER, last)
        codes.append(last)
    assert codes[0] == 2020082610003500
    assert codes[99] == 2020082610003599
    assert codes[100] == 2020082610003600
    assert len(set(codes)) == 150
    assert all(len(str(c)) == 16 for c in codes)
    assert next_code(SUMMER - 3600, codes[-1]) == codes[-1] + 1  # clock stepped back


def test_code_pattern_whole_word() -> None:
    """A code matches as a word, never inside a longer number or word."""
    pattern = code_pattern("2020082610003492")
    assert pattern.search("ACCETTAZIONE: Prova 2020082610003492")
    assert pattern.search("Re: (2020082610003492)")
    assert not pattern.search("Prova 20200826100034925")
    assert not pattern.search("Prova 12020082610003492")
    assert not pattern.search("Prova x2020082610003492")


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("fail@pec.it", Route.FAIL),
        ("Fail.x@gmail.com", Route.FAIL),
        ("full@pec.it", Route.FULL),
        ("slowly@pec.it", Route.SLOW),
        ("a@gmail.com", Route.ORDINARY),
        ("b@studio.example", Route.ORDINARY),
        ("c@example.it", Route.PEC),
        ("d@pec.it", Route.PEC),
        ("failure@hosted.it", Route.HOSTED),
    ],
)
def test_routes(address: str, expected: Route) -> None:
    """Hosted first, then the local-part conventions, then the ordinary domains."""
    assert route(address, lambda a: a == "failure@hosted.it") is expected


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("a@b.it", True),
        ("nome.cognome+tag@pec.studio-uno.it", True),
        ("a@b", False),
        ("a b@c.it", False),
        ("@c.it", False),
        ("a@.it", False),
        ("a@b..it", False),
        ("a@b.it, c@d.it", False),
        ("", False),
    ],
)
def test_addresses(text: str, valid: bool) -> None:
    """Only single bare addresses with a dotted domain are valid."""
    assert is_address(text) is valid


def test_distinct_keeps_first_spelling() -> None:
    """Duplicates compare case-insensitively; the first spelling wins."""
    assert distinct(["A@x.it", "b@x.it", "a@X.IT"]) == ["A@x.it", "b@x.it"]


@pytest.mark.parametrize(
    ("scope", "method", "host", "segment", "allowed"),
    [
        ("GET:ws.pecmassiva.com/send", "GET", "ws.pecmassiva.com", "send", True),
        ("GET:ws.pecmassiva.com/send", "POST", "ws.pecmassiva.com", "send", False),
        ("GET:ws.pecmassiva.com/send", "GET", "test.ws.pecmassiva.com", "send", False),
        ("GET:ws.pecmassiva.com/send", "GET", "ws.pecmassiva.com", "inbox", False),
        ("*:ws.pecmassiva.com/*", "DELETE", "ws.pecmassiva.com", "inbox", True),
        ("get test.ws.pecmassiva.com/quota", "GET", "test.ws.pecmassiva.com", "quota", True),
    ],
)
def test_scope_allows(scope: str, method: str, host: str, segment: str, allowed: bool) -> None:
    """Scopes are METHOD:host/segment with ``*`` wildcards."""
    assert scope_allows(scope, method, host, segment) is allowed


def test_token_book_expiry_and_defaults() -> None:
    """Plain tokens get the six scopes; grants expire on the injected clock."""
    now = [1000.0]
    book = TokenBook(
        ["plain", TokenGrant("timed", ("*:*/*",), expires_at=1500.0)],
        host="test.ws.pecmassiva.com",
        clock=lambda: now[0],
    )
    assert len(all_scopes("x")) == 6
    assert book.allows("plain", "HEAD", "inbox")
    assert not book.allows("plain", "POST", "inbox")
    assert book.allows("timed", "POST", "send")
    now[0] = 1500.0
    assert not book.allows("timed", "POST", "send")
    assert not book.allows(None, "GET", "inbox")
    assert "timed" not in repr(TokenGrant("timed", ()))


@pytest.mark.parametrize(
    ("header", "token"),
    [
        ("Bearer abc", "abc"),
        ("bearer  abc ", "abc"),
        ("Basic abc", None),
        ("Bearer", None),
        ("", None),
        (None, None),
    ],
)
def test_bearer(header: str | None, token: str | None) -> None:
    """Only ``Bearer <token>`` yields a token."""
    assert bearer(header) == token


def test_html_to_text() -> None:
    """Tags go, breaks become newlines, entities are decoded, scripts and styles vanish."""
    html = (
        "<html><head><style>p{}</style></head><p>Uno<br>Due &amp; tre</p>"
        "<p>Quattro&nbsp;è</p><script>alert(1)</script>"
    )
    assert html_to_text(html) == "Uno\nDue & tre\n\nQuattro\xa0è"
    assert html_to_text("plain text") == "plain text"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("aGVsbG8=", b"hello"),
        ("aGVs\nbG8=\n", b"hello"),
        ("data:text/plain;base64,aGk=", b"hi"),
        ("DATA:application/pdf;name=a.pdf;base64,aGk=", b"hi"),
        ("", b""),
    ],
)
def test_decode_base64(text: str, content: bytes) -> None:
    """Plain base64 with line breaks and data URIs are accepted."""
    assert decode_base64(text) == content


@pytest.mark.parametrize("text", ["aGVsbG8", "aGVsbG8==", "a$==", "data:text/plain,hi", "àèìò"])
def test_decode_base64_rejects(text: str) -> None:
    """Bad padding, bad characters and non-base64 data URIs are refused."""
    with pytest.raises(PayloadError):
        decode_base64(text)


def test_throttle_counts_commits_only() -> None:
    """The window starts at a commit; refusals do not move it; zero rate disables it."""
    now = [0.0]
    throttle = Throttle(2.0, clock=lambda: now[0])
    assert throttle.allows("t")
    throttle.committed("t")
    now[0] = 0.3
    assert not throttle.allows("t")
    assert throttle.allows("other")
    now[0] = 0.5
    assert throttle.allows("t")
    unlimited = Throttle(0)
    unlimited.committed("t")
    assert unlimited.allows("t")
