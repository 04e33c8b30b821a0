r"""Hiding secret values in every form a server or a library may echo them back in.

A server that refuses a request may quote it in its error: the password inside a JSON
string (``\"``, ``\\``, ``\u00e8``), URL- or form-encoded (``%22``, ``+``), in an HTML page
(``&quot;``, ``&#233;``), as a Python ``repr`` (``\xe8``), as Basic-auth base64 of
``user:password``, or decoded with the wrong charset (``Ã¨``). :class:`Redactor` replaces
every such form of the exact values it knows with :data:`REDACTED`; one redactor serves the
client's error texts and the log filter alike.

Out of scope: a partial echo (a server that cuts the value short) and an encoding applied
twice in different families (URL-encoded JSON, base64 of an HTML page). Repeated JSON or
``repr`` escaping (``\\\"``) is covered.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from html.entities import codepoint2name

REDACTED = "***"
MIN_SECRET_LENGTH = 4
"""Shorter strings are not treated as secrets: hiding them would blank out ordinary text."""
_MIN_BASE64_CORE = 8
_SHORT_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "'": "'", "\b": "b", "\f": "f",
                  "\n": "n", "\r": "r", "\t": "t"}


class Redactor:
    """Replaces known secret values, in any of their common encodings, with ``***``.

    Attributes:
        secrets: the exact values hidden (each at least :data:`MIN_SECRET_LENGTH` long).
    """

    def __init__(self, secrets: Iterable[str] = (), *, username: str = "") -> None:
        self.secrets: set[str] = set()
        self._usernames: set[str] = set()
        self._pattern: re.Pattern[str] | None = None
        for secret in secrets:
            self.add(secret, username=username)

    def add(self, secret: str, *, username: str = "") -> None:
        """Hide ``secret`` from now on; ``username`` also hides Basic auth of the pair."""
        if len(secret) < MIN_SECRET_LENGTH:
            return
        self.secrets.add(secret)
        if username:
            self._usernames.add(username)
        self._pattern = _compile(self.secrets, self._usernames)

    def scrub(self, text: str) -> str:
        """``text`` with every known secret, in every encoding, replaced by ``***``."""
        pattern = self._pattern
        return text if pattern is None else pattern.sub(REDACTED, text)


def _compile(secrets: set[str], usernames: set[str]) -> re.Pattern[str]:
    """One pattern for every form of every secret; longer alternatives first."""
    literals: set[str] = set()
    for secret in secrets:
        literals |= _base64_forms(secret, usernames) | _mojibake_forms(secret)
    parts = [re.escape(form) for form in sorted(literals, key=len, reverse=True)]
    parts += ["".join(_char_pattern(c) for c in s) for s in sorted(secrets, key=len, reverse=True)]
    return re.compile("|".join(parts))


def _char_pattern(char: str) -> str:
    """A character as itself or escaped: JSON/JS/Python, percent, or an HTML reference."""
    code = ord(char)
    data = char.encode("utf-8", "surrogatepass")
    forms = [re.escape(char)]
    if char in _SHORT_ESCAPES:
        forms.append(r"\\+" + re.escape(_SHORT_ESCAPES[char]))
    if code < 0x10000:
        forms.append(rf"\\+u(?i:{code:04x})")
    else:  # a UTF-16 surrogate pair, as JSON writes characters beyond the BMP
        high, low = 0xD800 + ((code - 0x10000) >> 10), 0xDC00 + ((code - 0x10000) & 0x3FF)
        forms.append(rf"\\+u(?i:{high:04x})\\+u(?i:{low:04x})")
        forms.append(rf"\\+U(?i:{code:08x})")
    if code < 0x100:
        forms.append(rf"\\+x(?i:{code:02x})")
    if code >= 0x80:  # a repr of the UTF-8 bytes: b'\xc3\xa8'
        forms.append("".join(rf"\\+x(?i:{b:02x})" for b in data))
    forms.append("".join(f"%(?i:{b:02x})" for b in data))
    if char == " ":
        forms.append(r"\+")
    forms.append(rf"&#0*{code};")
    forms.append(rf"&#[xX]0*(?i:{code:x});")
    name = codepoint2name.get(code)
    if name:
        forms.append(f"&{name};")
    if char == "'":
        forms.append("&apos;")
    return "(?:" + "|".join(forms) + ")"


def _base64_forms(secret: str, usernames: set[str]) -> set[str]:
    """Base64 of the value alone, of ``user:value``, and of the value inside a longer text.

    Inside a longer text (``anyone:value``), the value's bytes may start at any of three
    offsets within a base64 group; the characters that depend only on the value are hidden
    (the one or two characters shared with the bytes before it stay: a few bits, not the value).
    """
    raw = secret.encode("utf-8", "surrogatepass")
    blobs = [raw] + [f"{user}:{secret}".encode("utf-8", "surrogatepass") for user in usernames]
    forms: set[str] = set()
    for blob in blobs:
        for encoded in (base64.b64encode(blob), base64.urlsafe_b64encode(blob)):
            text = encoded.decode("ascii")
            forms |= {text, text.rstrip("=")}
    for shift in (1, 2):
        whole_groups = (len(raw) - (3 - shift)) // 3
        if whole_groups <= 0:
            continue
        for encoded in (base64.b64encode(bytes(shift) + raw),
                        base64.urlsafe_b64encode(bytes(shift) + raw)):
            text = encoded.decode("ascii")
            core = text[4 : 4 + 4 * whole_groups]
            if len(core) >= _MIN_BASE64_CORE:  # then the value ending the text (Basic auth)
                forms |= {core, text[4:], text[4:].rstrip("=")}
    whole_groups = len(raw) // 3
    for encoded in (base64.b64encode(raw), base64.urlsafe_b64encode(raw)):
        core = encoded.decode("ascii")[: 4 * whole_groups]
        if len(core) >= _MIN_BASE64_CORE:
            forms.add(core)
    return forms


def _mojibake_forms(secret: str) -> set[str]:
    """The value's UTF-8 bytes read back in a single-byte charset (``è`` → ``Ã¨``)."""
    raw = secret.encode("utf-8", "surrogatepass")
    forms = set()
    for charset in ("latin-1", "cp1252"):
        try:
            forms.add(raw.decode(charset))
        except UnicodeDecodeError:
            continue
    forms.discard(secret)
    return forms
