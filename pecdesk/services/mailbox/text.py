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
_ANY_TAG = re.compile(r"<[A-Za-z!/][^<>]*>")
_LINE_SPACE = re.compile(r"[ \t\r\n\f]+")
# Where a line ends in HTML: a <br>, and the end (or start) of a block.
_BREAK = re.compile(
    r"<(?:br|/?(?:p|div|li|tr|h[1-6]|blockquote|pre|table|ul|ol))\b[^<>]*>", re.IGNORECASE
)
_CELL_END = re.compile(r"</t[dh]\b[^<>]*>", re.IGNORECASE)


def text_of(body: str, *, limit: int = SEARCHABLE_CHARS) -> str:
    """The readable start of a body (tags, scripts and styles removed), for searching.

    Linear in the length of ``body``, whatever it holds: unclosed tags cannot make it crawl.
    """
    text = _TAG.sub(" ", _without_hidden(body[:limit]))
    return _SPACE.sub(" ", html.unescape(text)).strip()


def lines_of(body: str, *, limit: int = SEARCHABLE_CHARS) -> list[str]:
    """A body as the lines a person reads, for quoting it in a reply or a forward.

    Unlike :func:`text_of` the line breaks stay: an HTML body breaks where its paragraphs,
    ``<br>``, list items and table rows do (its own newlines are mere spaces); a plain-text
    body keeps its lines. Runs of blank lines become one; no markup is left in the text.
    """
    body = body[:limit]
    if _ANY_TAG.search(body):
        text = _LINE_SPACE.sub(" ", _without_hidden(body))
        text = _TAG.sub("", _CELL_END.sub(" ", _BREAK.sub("\n", text)))
        text = html.unescape(text).replace("\xa0", " ")
        lines = [line.strip() for line in text.split("\n")]
    else:
        text = body.replace("\r\n", "\n").replace("\r", "\n")
        lines = [line.rstrip() for line in text.split("\n")]
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    return kept


def _without_hidden(body: str) -> str:
    """``body`` without its scripts, styles and head (an unclosed one hides the rest)."""
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
    return " ".join(parts)
