r"""Text a request may carry: only what encodes as UTF-8 gets past the checks.

A JSON body may hold a lone surrogate (``"\ud800"``), and aiohttp decodes header bytes that
are not UTF-8 with ``surrogateescape``; either string raises on ``encode()``. The sandbox refuses
such text at the door (401 for credentials, 400 for any other field) instead of failing later.
"""

from __future__ import annotations

from urllib.parse import unquote_to_bytes


def encodable(text: str) -> bool:
    """Tell whether ``text`` encodes as UTF-8 (holds no lone surrogate)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def target_is_text(raw_target: str) -> bool:
    """Tell whether a raw request target (path and query) percent-decodes to valid UTF-8.

    yarl silently turns invalid escapes into U+FFFD (query) or keeps them literal (path), so the
    check runs on the target as sent.
    """
    if not encodable(raw_target):
        return False
    try:
        unquote_to_bytes(raw_target).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
