"""The redactor: exact secret values hidden in every encoding a server or library may echo."""

from __future__ import annotations

import base64
import html
import json
import re
from collections.abc import Callable
from urllib.parse import quote, quote_plus, urlencode

import pytest

from pecdesk.domain.secrets import REDACTED, Redactor

PASSWORD = "pa\"ss\\w'ö <&> è€ +/=x😀"
TOKEN = 'tok"en\\+/=Ab9-7f3e'
USER = "studio.rossi@pecmassiva.com"

ENCODINGS: dict[str, Callable[[str], str]] = {
    "plain": lambda s: s,
    "json": lambda s: json.dumps(s)[1:-1],
    "json, not ensure_ascii": lambda s: json.dumps(s, ensure_ascii=False)[1:-1],
    "json, upper-case \\u": lambda s: json.dumps(s)[1:-1].replace("\\u20ac", "\\u20AC"),
    "json, escaped slash (PHP)": lambda s: json.dumps(s)[1:-1].replace("/", "\\/"),
    "json, twice": lambda s: json.dumps(json.dumps(s)[1:-1])[1:-1],
    "quote": quote,
    "quote, safe=''": lambda s: quote(s, safe=""),
    "quote, lower-case hex": lambda s: re.sub("%..", lambda m: m[0].lower(), quote(s, safe="")),
    "quote_plus": quote_plus,
    "form": lambda s: urlencode({"password": s}).partition("=")[2],
    "html.escape": html.escape,
    "html.escape, quote=False": lambda s: html.escape(s, quote=False),
    "html, decimal references": lambda s: "".join(f"&#{ord(c)};" for c in s),
    "repr": lambda s: repr(s)[1:-1],
    "ascii()": lambda s: ascii(s)[1:-1],
    "repr of UTF-8 bytes": lambda s: repr(s.encode())[2:-1],
    "base64": lambda s: base64.b64encode(s.encode()).decode(),
    "base64, unpadded": lambda s: base64.b64encode(s.encode()).decode().rstrip("="),
    "base64, URL-safe": lambda s: base64.urlsafe_b64encode(s.encode()).decode(),
    "Basic auth of user:secret": lambda s: base64.b64encode(f"{USER}:{s}".encode()).decode(),
    "UTF-8 read as Latin-1": lambda s: s.encode().decode("latin-1"),
}


@pytest.mark.parametrize("secret", [PASSWORD, TOKEN], ids=["password", "token"])
@pytest.mark.parametrize("encoding", ENCODINGS.values(), ids=ENCODINGS.keys())
def test_every_encoding_is_hidden(secret: str, encoding: Callable[[str], str]) -> None:
    """The encoded value vanishes from a sentence; the words around it stay."""
    redactor = Redactor([PASSWORD, TOKEN], username=USER)
    echoed = encoding(secret)
    assert redactor.scrub(f"refused «{echoed}» for you") == f"refused «{REDACTED}» for you"


def test_basic_auth_hidden_without_knowing_the_username() -> None:
    """base64 of ``anyone:password`` loses every character that depends only on the password."""
    redactor = Redactor([PASSWORD])
    for user in ("a", "ab", "abc"):  # the password starts at each offset of a base64 group
        blob = base64.b64encode(f"{user}:{PASSWORD}".encode()).decode()
        scrubbed = redactor.scrub(blob)
        assert scrubbed.endswith(REDACTED)
        kept = len(scrubbed) - len(REDACTED)  # the groups holding a byte of "user:"
        assert kept <= 4 * -(-len(f"{user}:") // 3)


def test_ordinary_text_is_left_alone() -> None:
    """Text without a secret, and secrets too short to hide, come back unchanged."""
    redactor = Redactor(["", "abc", PASSWORD])
    assert redactor.secrets == {PASSWORD}
    text = 'Post parameter is not valid: {"subject": "Avviso", "to": "a%40pec.it"} è € 😀'
    assert redactor.scrub(text) == text
    assert Redactor().scrub(text) == text


def test_secrets_added_later_and_longest_first() -> None:
    """A secret added later is hidden too; one containing another is hidden whole."""
    redactor = Redactor(["secret"])
    redactor.add("secret-and-more")
    assert redactor.scrub("x secret-and-more y secret") == f"x {REDACTED} y {REDACTED}"
