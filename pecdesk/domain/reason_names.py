"""The words for why a recipient stands where it does, one table for every place that shows it.

The send queue journals a job's reason as English text (``"cancelled by the user"``, ``"gave up
after 8 tries: …"``). That text is the journal: older stores hold it, and it never changes. What
a person reads is worded at display instead: :func:`reason_name` recognises pecdesk's own
phrases, exactly or with the part that came from elsewhere (a number, the service's text), and
words them through ``translate(context, text)`` (context ``SentReason``), like
:mod:`pecdesk.domain.state_names` does for states. The Sent tab, the evidence CSV and PDFs and
the command line all go through it.

What the service wrote (a non-delivery notice's "5.1.1 - casella inesistente", the ``message``
of an API error) is quoted as it came, never translated. A :class:`~pecdesk.errors.PecError`'s
message journaled as the reason, whole or after one of pecdesk's prefixes, is worded as the
window words that error (context ``PecError``), its parameters, the service's text among them,
kept as they are. Anything not recognised is shown verbatim.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache

from pecdesk import errors
from pecdesk.i18n import QT_TRANSLATE_NOOP

Translate = Callable[[str, str], str]
"""``translate(context, text)``: the UI language's wording of a source text (Qt's signature)."""

CONTEXT = "SentReason"
ERROR_CONTEXT = "PecError"
TEXT = "text"
"""The placeholder for a text pecdesk did not write (an error's message): it may be anything."""
# lupdate needs the context as a literal. Each source text is exactly what the code journals,
# with {placeholders} for what varies: rendered untranslated, it gives back the stored text.
REASONS: tuple[str, ...] = (
    # storage/queue_store.py, services/sending/courier.py, outcomes.py
    QT_TRANSLATE_NOOP("SentReason", "cancelled by the user"),
    QT_TRANSLATE_NOOP("SentReason", "interrupted while being sent"),
    QT_TRANSLATE_NOOP("SentReason", "accepted without a sending code"),
    QT_TRANSLATE_NOOP("SentReason", "gave up after {attempts} tries: {text}"),
    QT_TRANSLATE_NOOP("SentReason", "no answer after sending: {text}"),
    QT_TRANSLATE_NOOP("SentReason", "answer does not tell: {text}"),
    QT_TRANSLATE_NOOP("SentReason", "unexpected answer: {text}"),
    QT_TRANSLATE_NOOP("SentReason", "unexpected error: {text}"),
    # services/receipts/reconcile.py
    QT_TRANSLATE_NOOP(
        "SentReason", "not sent again: the mailbox could not be read back to its first sending"
    ),
    QT_TRANSLATE_NOOP("SentReason", "not sent again: a receipt in the mailbox may be this PEC's"),
    QT_TRANSLATE_NOOP("SentReason", "found receipt #{receipt} in the mailbox"),
    QT_TRANSLATE_NOOP(
        "SentReason", "found receipt #{receipt} in the mailbox before sending it again"
    ),
    QT_TRANSLATE_NOOP(
        "SentReason", "AVVISO DI NON ACCETTAZIONE (receipt #{receipt} in the mailbox)"
    ),
    QT_TRANSLATE_NOOP(
        "SentReason",
        "AVVISO DI NON ACCETTAZIONE (receipt #{receipt} in the mailbox, before sending it again)",
    ),
    QT_TRANSLATE_NOOP(
        "SentReason", "no ACCETTAZIONE in the mailbox {seconds} s after sending (service's clock)"
    ),
    # domain/delivery.py (a timeout notice carries no reason of its own)
    QT_TRANSLATE_NOOP("SentReason", "no delivery receipt within the maximum time"),
)
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_WORD = r"[^\s,()]+?"
"""What a number or an id looks like inside a phrase: no blanks, commas or parentheses."""

Pattern = tuple[re.Pattern[str], str]


def reason_name(reason: str, translate: Translate) -> str:
    """``reason`` as journaled, worded through ``translate(context, text)``.

    pecdesk's own phrases are translated (context ``SentReason``), a PecError's message as the
    window words it (context ``PecError``); every value inside them, and any text not
    recognised (the service's own words), is kept verbatim.
    """
    for pattern, template in _own_patterns():
        found = pattern.fullmatch(reason)
        if found is not None:
            values = dict(found.groupdict())
            if TEXT in values:
                values[TEXT] = _error_text(values[TEXT], translate)
            return _fill(translate(CONTEXT, template), values, template)
    return _error_text(reason, translate)


def _error_text(text: str, translate: Translate) -> str:
    """``text`` worded as the window words the PecError it is the message of; else verbatim."""
    for pattern, template in _error_patterns():
        found = pattern.fullmatch(text)
        if found is not None:
            return _fill(translate(ERROR_CONTEXT, template), found.groupdict(), template)
    return text


def _fill(wording: str, values: dict[str, str], source: str) -> str:
    """``wording`` with ``values``; the English ``source`` when a translation lost a placeholder."""
    try:
        return wording.format(**values)
    except (KeyError, IndexError, ValueError):
        return source.format(**values)


def _compile(template: str, free: Callable[[str], str]) -> re.Pattern[str] | None:
    """A pattern matching ``template`` filled in; ``free(name)`` is each placeholder's regex.

    None for a template naming one placeholder twice (never matched, shown verbatim).
    """
    parts: list[str] = []
    seen: set[str] = set()
    end = 0
    for found in _PLACEHOLDER.finditer(template):
        name = found.group(1)
        if name in seen:
            return None
        seen.add(name)
        parts += [re.escape(template[end : found.start()]), f"(?P<{name}>{free(name)})"]
        end = found.end()
    parts.append(re.escape(template[end:]))
    return re.compile("".join(parts), re.DOTALL)


@cache
def _own_patterns() -> tuple[Pattern, ...]:
    """The phrases pecdesk writes, the longest first: of two similar ones, the longer wins."""
    compiled = (
        (_compile(t, lambda name: ".+" if name == TEXT else _WORD), t)
        for t in sorted(REASONS, key=len, reverse=True)
    )
    return tuple((p, t) for p, t in compiled if p is not None)


@cache
def _error_patterns() -> tuple[Pattern, ...]:
    """The messages of pecdesk's own errors (:mod:`pecdesk.errors`), the longest first."""
    templates = sorted({cls.default_template for cls in _error_classes()}, key=len, reverse=True)
    compiled = ((_compile(t, lambda _name: ".*?"), t) for t in templates)
    return tuple((p, t) for p, t in compiled if p is not None)


def _error_classes(
    root: type[errors.PecError] = errors.PecError,
) -> Iterator[type[errors.PecError]]:
    """``root`` and every subclass of it defined in :mod:`pecdesk.errors` (not elsewhere)."""
    if root.__module__ == errors.__name__:
        yield root
    for sub in root.__subclasses__():
        yield from _error_classes(sub)
