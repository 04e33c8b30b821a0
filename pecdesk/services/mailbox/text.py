"""The searchable text of a message body: its readable start, without tags, scripts or styles.

Split from :mod:`pecdesk.services.mailbox.inbox`, which saves it with each body it fetches.
"""

from __future__ import annotations

import html
import re

SEARCHABLE_CHARS = 200_000
"""How much of a body is read for the local search (its start)."""
# [^<>] rather than [^>]: an unclosed "<" must not make a match scan to the end of the text.
_HIDDEN_TAG = re.compile(r"<(/?)(script|style|head)\b[^<>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]*>")
_SPACE = re.compile(r"\s+")


def text_of(body: str, *, limit: int = SEARCHABLE_CHARS) -> str:
    """The readable start of a body (tags, scripts and styles removed), for searching.

    Linear in the length of ``body``, whatever it holds: unclosed tags cannot make it crawl.
    """
    body = body[:limit]
    parts: list[str] = []
    hidden = ""
    start = 0
    for tag in _HIDDEN_TAG.finditer(body):
        closing, name = tag.group(1), tag.group(2).lower()
        if not hidden and not closing:
            parts.append(body[start : tag.start()])
            hidden = name
        elif hidden == name and closing:
            hidden = ""
            start = tag.end()
    if not hidden:
        parts.append(body[start:])
    text = _TAG.sub(" ", " ".join(parts))
    return _SPACE.sub(" ", html.unescape(text)).strip()
