"""Tolerant readers of addresses, dates and urlencoded bodies."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import quote_plus

import pytest

from pecdesk.domain.text import bare_address, decode_form_body, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dev-api@pecmassiva.com", "dev-api@pecmassiva.com"),
        ('"dev-api@pecmassiva.com" ', "dev-api@pecmassiva.com"),
        ('"Per conto di: mario.rossi@pec.it" ', "mario.rossi@pec.it"),
        ("Mario Rossi <mario.rossi@pec.it>", "mario.rossi@pec.it"),
        ("  posta-certificata@pecmassiva.com  ", "posta-certificata@pecmassiva.com"),
        ('"undisclosed" ', "undisclosed"),
        ("", ""),
        (None, ""),
    ],
)
def test_bare_address(text: str | None, expected: str) -> None:
    """Display text, quotes and trailing blanks are removed around the address."""
    assert bare_address(text) == expected


def test_parse_date_keeps_offset() -> None:
    """An RFC 2822 date becomes an aware datetime with its own offset."""
    parsed = parse_date("Wed, 26 Aug 2020 10:00:35 +0200")
    assert parsed is not None
    assert parsed.utcoffset() == timedelta(hours=2)
    assert (parsed.year, parsed.hour, parsed.second) == (2020, 10, 35)


@pytest.mark.parametrize("text", ["", "   ", "ieri sera", "32/13/2020", None])
def test_parse_date_unreadable_is_none(text: str | None) -> None:
    """An unreadable date gives None instead of an exception."""
    assert parse_date(text) is None


def test_parse_date_without_zone_is_aware() -> None:
    """A date whose zone is -0000 is still returned aware (UTC)."""
    parsed = parse_date("Wed, 26 Aug 2020 10:00:35 -0000")
    assert parsed is not None and parsed.tzinfo is not None


@pytest.mark.parametrize(
    "original",
    [
        "Gentile cliente, è dovuto l'importo di 100 € + IVA (22%).",
        "<p>Salve, <b>corpo in html</b> &amp; più</p>\r\nRiga 2",
        "a+b=c 50% sconto",
        "àèéìòù ÀÈÉ «citazione»",
    ],
)
def test_decode_form_body_roundtrip(original: str) -> None:
    """PHP-style urlencoding (spaces as '+') decodes back to the original text."""
    assert decode_form_body(quote_plus(original)) == original


@pytest.mark.parametrize(
    "plain",
    ["This is an example body.", "<p>già decodificato</p>", "100% sicuro", "2 + 2 = 4"],
)
def test_decode_form_body_passes_plain_text(plain: str) -> None:
    """Text that urlencode could not have produced is shown as it is."""
    assert decode_form_body(plain) == plain


def test_decode_form_body_cp1252_fallback() -> None:
    """Bytes that are not UTF-8 are read as Windows-1252 rather than failing."""
    assert decode_form_body("perch%E8+no") == "perchè no"


def test_decode_form_body_empty() -> None:
    """An absent body is the empty string."""
    assert decode_form_body(None) == ""
    assert decode_form_body("") == ""
