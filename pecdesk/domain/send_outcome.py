"""The outcome rule of ``POST /send``: one table from the shape of an answer to a judgement.

Why a table, and why this one. A ``POST /send`` that reached the service may have been committed
(the PEC left) even when its answer looks broken, and a PEC must never go out twice. So an
answer counts as *not committed* — safe to send again — only when it proves it:

- HTTP 429 (the rate limit is checked before commit, api.md 8.1);
- the service's own JSON error envelope, ``success`` being the boolean ``false``, with a status
  that the service itself chooses (401/403, 4xx, 500; not 502/503/504, which a gateway between
  us and the service may produce after the service committed);
- the documented SMTP-failure shape (api.md 7.14 and 8): a 2xx, ``success: false`` and an error
  text where the sending code goes (``message_id``);
- a connection that failed before the request was sent (refused, name not found).

Everything else is :attr:`Judgement.UNKNOWN`: any 2xx that is not a clean success, a body that
is not JSON or is truncated, a JSON array, ``success`` of the wrong type (``"false"``, ``0``,
``"true"``, ``1``, missing), gateway pages, timeouts and resets. An unknown job is reconciled
from the mailbox's receipts; it is never retried automatically and never recorded as sent or
failed without a receipt.

Credentials refused without the service's envelope (an HTML 401/403 page) are UNKNOWN as well,
not CREDENTIALS: api.md 8.1 says the *service* checks credentials before it commits, but a bare
page does not prove that the service wrote it, nor what it did before. The job waits for the
receipts; the queue still pauses on such an answer (see :mod:`pecdesk.services.sending.outcomes`),
because the next request would most likely meet the same wall.

The table is data (:data:`RULES`, first match wins) so that the README can quote it and the
tests can walk it row by row; every row carries an example answer that it, and no earlier row,
matches. Pure and Qt-free: the API client reduces an httpx response to an :class:`Answer`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

RATE_WORDS = ("limit", "many")
"""Words of a rate refusal in the service's ``message`` (api.md 7.12)."""
DAILY_WORDS = ("daily", "per day", "a day", "giornalier", "al giorno", "quotidian")
"""Words of a limit per day rather than per second (api.md 8's optional daily cap)."""
GATEWAY_STATUSES = frozenset({502, 503, 504})
"""Statuses a proxy or gateway answers with, possibly after the service committed."""


def names_rate_limit(message: str) -> bool:
    """Whether the service's message speaks of a sending limit."""
    lowered = message.lower()
    return any(word in lowered for word in RATE_WORDS)


def names_daily_limit(message: str) -> bool:
    """Whether the service's message speaks of a daily allowance, not of sending too fast."""
    lowered = message.lower()
    return any(word in lowered for word in DAILY_WORDS)


class Judgement(StrEnum):
    """What an answer to ``POST /send`` proves.

    Attributes:
        SENT: committed: a clean success (2xx, a JSON object, ``success`` is ``true``).
        RETRY: certainly not committed, and worth another try after a backoff.
        RATE_LIMITED: certainly not committed: too fast; retry after a wait.
        DAILY_LIMIT: certainly not committed: the day's allowance is used up; pause till tomorrow.
        CREDENTIALS: certainly not committed: token or mailbox credentials refused; pause.
        REJECTED: certainly not committed: the request itself was refused. Final.
        UNKNOWN: it may have been committed: reconcile from the receipts, never retry.
    """

    SENT = "sent"
    RETRY = "retry"
    RATE_LIMITED = "rate_limited"
    DAILY_LIMIT = "daily_limit"
    CREDENTIALS = "credentials"
    REJECTED = "rejected"
    UNKNOWN = "unknown"

    @property
    def committed_for_sure(self) -> bool:
        """True only for :attr:`SENT`."""
        return self is Judgement.SENT

    @property
    def not_committed(self) -> bool:
        """True when the answer proves that nothing was sent."""
        return self not in (Judgement.SENT, Judgement.UNKNOWN)

    @property
    def action(self) -> str:
        """What pecdesk does with the job, in plain words (for the README and logs)."""
        return _ACTIONS[self]


_ACTIONS = {
    Judgement.SENT: "recorded as sent, with the sending code when the answer gives one",
    Judgement.RETRY: "not sent: tried again after a growing wait, failed after the last try",
    Judgement.RATE_LIMITED: "not sent: pecdesk slows down and tries again",
    Judgement.DAILY_LIMIT: "not sent: the queue pauses until tomorrow, the job stays queued",
    Judgement.CREDENTIALS: "not sent: the queue pauses until the account is fixed, "
    "the job stays queued",
    Judgement.REJECTED: "not sent: recorded as rejected with the service's reason (final)",
    Judgement.UNKNOWN: "may have been sent: recorded as unknown, settled only by the mailbox's "
    "receipts, never sent again without the person's word",
}


class Body(StrEnum):
    """What the body of an HTTP answer is.

    Attributes:
        OBJECT: a clean JSON object (strict: no NaN, Infinity, out-of-range numbers or
            duplicate keys).
        NOT_OBJECT: valid JSON, but not an object (an array, a string, a number, null).
        NOT_JSON: not JSON at all, or truncated, or unsafe to decode (absurdly deep).
        EMPTY: no body (or only white space).
    """

    OBJECT = "object"
    NOT_OBJECT = "not_object"
    NOT_JSON = "not_json"
    EMPTY = "empty"


class Transport(StrEnum):
    """Where a request failed when no HTTP answer came back.

    Attributes:
        NOT_SENT: before the request was sent (connection refused, name not found, connect
            timeout): the service never saw it.
        MAY_HAVE_LEFT: after it may have left (a read or write timeout, a reset, a connection
            closed without an answer).
    """

    NOT_SENT = "not_sent"
    MAY_HAVE_LEFT = "may_have_left"


@dataclass(frozen=True, slots=True)
class Answer:
    """The shape of one answer to ``POST /send``, as far as the outcome rule cares.

    Attributes:
        status: the HTTP status; None when no HTTP answer came (see ``transport``).
        transport: where the request failed when ``status`` is None.
        body: what the body is.
        success: the envelope's ``success`` value as decoded (None when missing); only the
            JSON booleans count, never ``"true"``, ``1`` or ``0``.
        message: the envelope's ``message`` as text (decoded when it was itself JSON).
        message_id: the envelope's ``message_id`` (None when missing).
    """

    status: int | None = None
    transport: Transport | None = None
    body: Body = Body.EMPTY
    success: object = None
    message: str = ""
    message_id: object = None

    @property
    def envelope_refusal(self) -> bool:
        """The service's own error envelope: a JSON object whose ``success`` is ``false``."""
        return self.body is Body.OBJECT and self.success is False

    @property
    def clean_success(self) -> bool:
        """A JSON object whose ``success`` is the boolean ``true``."""
        return self.body is Body.OBJECT and self.success is True

    @property
    def smtp_text(self) -> str:
        """The error text in ``message_id`` (api.md 7.14), or "" when it holds a code or nothing."""
        value = self.message_id
        if not isinstance(value, str):
            return ""  # a number is a code; null, bools and containers carry no text
        text = value.strip()
        return "" if text.isdigit() else text


def _status_in(low: int, high: int) -> Callable[[Answer], bool]:
    return lambda a: a.status is not None and low <= a.status <= high


_2XX = _status_in(200, 299)
_4XX = _status_in(400, 499)
_5XX = _status_in(500, 599)


@dataclass(frozen=True, slots=True)
class Rule:
    """One row of the outcome table.

    Attributes:
        answer: the shape of the answer, in plain words.
        judgement: what such an answer proves.
        applies: whether an answer has this shape (rows are tried in order).
        example: an answer that this row matches and no earlier row does.
    """

    answer: str
    judgement: Judgement
    applies: Callable[[Answer], bool]
    example: Answer


_J = Judgement
RULES: tuple[Rule, ...] = (
    Rule(
        "No answer: the connection failed before the request was sent "
        "(refused, name not found, connect timeout)",
        _J.RETRY,
        lambda a: a.status is None and a.transport is Transport.NOT_SENT,
        Answer(transport=Transport.NOT_SENT),
    ),
    Rule(
        "No answer after the request may have left (a timeout, a reset, "
        "a connection closed without an answer)",
        _J.UNKNOWN,
        lambda a: a.status is None,
        Answer(transport=Transport.MAY_HAVE_LEFT),
    ),
    Rule(
        "HTTP 429 whose JSON message names a daily limit",
        _J.DAILY_LIMIT,
        lambda a: a.status == 429 and a.body is Body.OBJECT and names_daily_limit(a.message),
        Answer(429, body=Body.OBJECT, success=False, message="Daily sending limit reached"),
    ),
    Rule(
        "HTTP 429, whatever the body",
        _J.RATE_LIMITED,
        lambda a: a.status == 429,
        Answer(429, body=Body.NOT_JSON),
    ),
    Rule(
        "HTTP 401 or 403 with the service's JSON error envelope (success false)",
        _J.CREDENTIALS,
        lambda a: a.status in (401, 403) and a.envelope_refusal,
        Answer(401, body=Body.OBJECT, success=False, message="Authorization is not valid"),
    ),
    Rule(
        "HTTP 401 or 403 without that envelope (an HTML page, another JSON shape); "
        "the queue pauses too",
        _J.UNKNOWN,
        lambda a: a.status in (401, 403),
        Answer(401, body=Body.NOT_JSON),
    ),
    Rule(
        "2xx, a JSON object with success true (the JSON boolean)",
        _J.SENT,
        lambda a: _2XX(a) and a.clean_success,
        Answer(201, body=Body.OBJECT, success=True, message_id="2026120415300012"),
    ),
    Rule(
        "2xx or HTTP 400, the service's error envelope, a message naming a daily limit",
        _J.DAILY_LIMIT,
        lambda a: (
            (_2XX(a) or a.status == 400)
            and a.envelope_refusal
            and names_rate_limit(a.message)
            and names_daily_limit(a.message)
        ),
        Answer(200, body=Body.OBJECT, success=False, message="Daily limit reached"),
    ),
    Rule(
        "2xx or HTTP 400, the service's error envelope, a message naming a rate limit "
        "('limit', 'many')",
        _J.RATE_LIMITED,
        lambda a: (
            (_2XX(a) or a.status == 400) and a.envelope_refusal and names_rate_limit(a.message)
        ),
        Answer(400, body=Body.OBJECT, success=False, message="Too many requests"),
    ),
    Rule(
        "2xx, the service's error envelope with an error text instead of a code in "
        "message_id (the documented SMTP failure)",
        _J.RETRY,
        lambda a: _2XX(a) and a.envelope_refusal and bool(a.smtp_text),
        Answer(200, body=Body.OBJECT, success=False, message_id="SMTP Error: no connection"),
    ),
    Rule(
        "Any other 2xx: not JSON (a PHP warning before the JSON), truncated, empty, a JSON "
        "array, success false without an SMTP text, success of another type "
        '("true", "false", 1, 0, missing)',
        _J.UNKNOWN,
        _2XX,
        Answer(201, body=Body.OBJECT, success="false", message_id="2026120415300012"),
    ),
    Rule(
        "HTTP 502, 503 or 504 (a gateway's answer), whatever the body",
        _J.UNKNOWN,
        lambda a: a.status in GATEWAY_STATUSES,
        Answer(502, body=Body.OBJECT, success=False, message="Bad gateway"),
    ),
    Rule(
        'Another 5xx with the service\'s error envelope ("MySQL Error …")',
        _J.RETRY,
        lambda a: _5XX(a) and a.envelope_refusal,
        Answer(500, body=Body.OBJECT, success=False, message="MySQL Error 1205"),
    ),
    Rule(
        "HTTP 408 (request timeout) with the service's error envelope",
        _J.RETRY,
        lambda a: a.status == 408 and a.envelope_refusal,
        Answer(408, body=Body.OBJECT, success=False, message="Request timeout"),
    ),
    Rule(
        'Another 4xx with the service\'s error envelope ("Post parameter is not valid")',
        _J.REJECTED,
        lambda a: _4XX(a) and a.envelope_refusal,
        Answer(400, body=Body.OBJECT, success=False, message="Post parameter is not valid"),
    ),
    Rule(
        "Anything else: a redirect, a 4xx or 5xx page that is not the service's envelope",
        _J.UNKNOWN,
        lambda a: True,
        Answer(500, body=Body.NOT_JSON),
    ),
)
"""The outcome table, first match wins; the last row matches every answer."""


def rule_for(answer: Answer) -> Rule:
    """The first row of :data:`RULES` that ``answer`` matches."""
    return next(rule for rule in RULES if rule.applies(answer))


def judge(answer: Answer) -> Judgement:
    """What ``answer`` proves about the ``POST /send`` it answers."""
    return rule_for(answer).judgement


def markdown_table() -> str:
    """The table in Markdown, one line per row: answer → what pecdesk does (for the README)."""
    lines = ["| answer to POST /send | what pecdesk does |", "|---|---|"]
    lines += [f"| {rule.answer} | {rule.judgement.action} |" for rule in RULES]
    return "\n".join(lines)
