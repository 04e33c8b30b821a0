"""Reply and forward: a received PEC turned into the draft of a new one, for the Compose form.

The draft then goes through the same planning step as any letter written by hand: nothing
here sends. What is decided here: which messages can be answered (real mail, never a
receipt), the subject ("Re: " once, the provider's "POSTA CERTIFICATA: " removed) and the
quoted text, always plain text escaped into HTML so the original's markup never reaches the
editor. The words ("Re:", "On … wrote:") come from the window in its language
(:class:`ReplyWords`), as the UI translates them.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from pecdesk.domain.models import Message
from pecdesk.domain.receipts import ReceiptKind
from pecdesk.services.mailbox.text import lines_of
from pecdesk.services.sending.draft import Draft

ANSWERABLE = frozenset({ReceiptKind.CERTIFIED_MAIL, ReceiptKind.ANOMALY, ReceiptKind.OTHER})
"""The kinds a person can reply to or forward: mail someone wrote, never a provider's receipt."""
# What providers put before the sender's own subject (domain.md a2): the envelope of a PEC,
# and the envelope of an ordinary mail that reached a PEC box.
_ENVELOPE = re.compile(r"^\s*(?:POSTA CERTIFICATA|ANOMALIA MESSAGGIO)\s*:\s*", re.IGNORECASE)
# Reply markers of the usual mail clients: English and Italian (Re, R, Rif), German (AW),
# Scandinavian (SV); with Outlook's counters ("Re[2]:"). Repeated ones are all removed.
_REPLY_WORDS = ("re", "r", "rif", "aw", "sv")
_FORWARD_WORDS = ("fwd", "fw", "i", "inoltro", "wg", "tr")
# The line above a signature in a mail body; in the Compose editor it marks *our* signature.
_SIGNATURE_SEPARATOR = "-- "
_LINE = "margin-top:0px; margin-bottom:0px"


@dataclass(frozen=True, slots=True)
class ReplyWords:
    """The words of a reply or a forward, in the language of the window.

    Attributes:
        reply_prefix: put before the subject of a reply ("Re:").
        forward_prefix: put before the subject of a forward ("Fwd:"; Italian "I:").
        quote_header: the line above the quoted text, with ``{date}`` and ``{sender}``.
        forward_header: the line above the forwarded message's headers.
        from_label, date_label, subject_label, to_label: the forwarded headers' names.
    """

    reply_prefix: str = "Re:"
    forward_prefix: str = "Fwd:"
    quote_header: str = "On {date}, {sender} wrote:"
    forward_header: str = "-------- Forwarded message --------"
    from_label: str = "From:"
    date_label: str = "Date:"
    subject_label: str = "Subject:"
    to_label: str = "To:"


def can_answer(kind: ReceiptKind) -> bool:
    """Whether a message of ``kind`` can be replied to or forwarded (receipts cannot)."""
    return kind in ANSWERABLE


def original_subject(subject: str) -> str:
    """``subject`` as its sender wrote it: without the provider's "POSTA CERTIFICATA: "."""
    return _ENVELOPE.sub("", subject, count=1).strip()


def _markers(words: tuple[str, ...], prefix: str) -> re.Pattern[str]:
    """Leading markers made of ``words`` or of ``prefix`` (the translated one), repeated."""
    own = prefix.strip().rstrip(":").strip()
    names = sorted({*words, own.lower()} - {""}, key=len, reverse=True)
    alternatives = "|".join(re.escape(name) for name in names)
    return re.compile(rf"^\s*(?:(?:{alternatives})\s*(?:\[\d+\]|\(\d+\))?\s*:\s*)+", re.IGNORECASE)


def reply_subject(subject: str, prefix: str) -> str:
    """The subject of a reply: ``prefix`` once before the original subject ("Re: Re:" never)."""
    bare = _markers(_REPLY_WORDS, prefix).sub("", original_subject(subject)).strip()
    return f"{prefix.strip()} {bare}".strip()


def forward_subject(subject: str, prefix: str) -> str:
    """The subject of a forward: ``prefix`` before the original subject, unless one is there."""
    bare = original_subject(subject)
    if _markers(_FORWARD_WORDS, prefix).match(bare):
        return bare
    return f"{prefix.strip()} {bare}".strip()


def _paragraphs(lines: list[str]) -> str:
    """Plain ``lines`` as HTML, one paragraph each, every character escaped.

    The paragraphs carry no margins (as the Compose editor writes its own), so the text keeps
    its line spacing; an empty line is marked empty, else the editor makes it a line break.
    """
    return "".join(
        f'<p style="{_LINE}">{html.escape(line, quote=False)}</p>'
        if line
        else f'<p style="-qt-paragraph-type:empty; {_LINE}"><br></p>'
        for line in lines
    )


def _body_lines(message: Message) -> list[str]:
    """The message's text, line by line; a line that would read as our signature's is changed.

    The Compose editor takes a line reading exactly "-- " for the start of the account's
    signature (and drops what follows when the letter is saved as a template).
    """
    return ["--" if line == _SIGNATURE_SEPARATOR else line for line in lines_of(message.body)]


def _sender(message: Message) -> str:
    return message.sender or message.sender_text.strip()


def reply_draft(message: Message, *, words: ReplyWords, date: str) -> Draft:
    """A reply to ``message``: to its sender, "Re: " subject, its text quoted below a blank line.

    Args:
        message: the received message (opened, with its body).
        words: the words in the window's language.
        date: the message's date as the window shows it.
    """
    header = words.quote_header.format(date=date, sender=_sender(message))
    quoted = [f"> {line}" if line else ">" for line in _body_lines(message)]
    return Draft(
        subject=reply_subject(message.subject, words.reply_prefix),
        body=_paragraphs(["", header, *quoted]),
        pasted=message.sender,
    )


def forward_draft(message: Message, *, words: ReplyWords, date: str) -> Draft:
    """A forward of ``message``: no recipient yet, "Fwd: " subject, its headers and its text.

    Args:
        message: the received message (opened, with its body).
        words: the words in the window's language.
        date: the message's date as the window shows it.
    """
    headers = [
        words.forward_header,
        f"{words.from_label} {_sender(message)}",
        f"{words.date_label} {date}",
        f"{words.subject_label} {original_subject(message.subject)}",
        f"{words.to_label} {message.recipient}",
    ]
    return Draft(
        subject=forward_subject(message.subject, words.forward_prefix),
        body=_paragraphs(["", *headers, "", *_body_lines(message)]),
    )
