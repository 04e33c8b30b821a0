"""The outcome table of POST /send: one test per row, the hostile shapes, and the rule itself."""

from __future__ import annotations

import itertools

import pytest

from pecdesk.domain.send_outcome import (
    RULES,
    Answer,
    Body,
    Judgement,
    Rule,
    Transport,
    judge,
    markdown_table,
    rule_for,
)

CODE = "2026120415300012"


@pytest.mark.parametrize("rule", RULES, ids=[f"row{n:02d}" for n in range(len(RULES))])
def test_each_row_judges_its_example(rule: Rule) -> None:
    """Each row's example is matched by that row first (no earlier row hides it), as judged."""
    assert rule_for(rule.example) is rule
    assert judge(rule.example) is rule.judgement
    assert rule.answer and rule.judgement.action


def _ok(success: object, *, status: int = 201, message_id: object = CODE) -> Answer:
    return Answer(status, body=Body.OBJECT, success=success, message_id=message_id)


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (_ok(True), Judgement.SENT),
        (_ok(True, status=200, message_id=int(CODE)), Judgement.SENT),
        (_ok("true"), Judgement.UNKNOWN),
        (_ok(1), Judgement.UNKNOWN),
        (_ok("false"), Judgement.UNKNOWN),
        (_ok(0), Judgement.UNKNOWN),
        (_ok(None), Judgement.UNKNOWN),
        (_ok(False), Judgement.UNKNOWN),  # success false with a code: contradictory
        (_ok(False, message_id=None), Judgement.UNKNOWN),
        (_ok(False, message_id=" 2026 "), Judgement.UNKNOWN),
        (_ok(False, message_id="SMTP Error: could not connect"), Judgement.RETRY),
        (_ok("false", message_id="SMTP Error: could not connect"), Judgement.UNKNOWN),
        (Answer(201, body=Body.NOT_JSON), Judgement.UNKNOWN),
        (Answer(201, body=Body.NOT_OBJECT), Judgement.UNKNOWN),
        (Answer(200, body=Body.EMPTY), Judgement.UNKNOWN),
        (Answer(204), Judgement.UNKNOWN),
        (Answer(502, body=Body.NOT_JSON), Judgement.UNKNOWN),
        (Answer(503, body=Body.OBJECT, success=False, message="busy"), Judgement.UNKNOWN),
        (Answer(504, body=Body.EMPTY), Judgement.UNKNOWN),
        (Answer(500, body=Body.NOT_JSON), Judgement.UNKNOWN),
        (Answer(500, body=Body.OBJECT, success="false"), Judgement.UNKNOWN),
        (Answer(500, body=Body.OBJECT, success=False, message="MySQL Error 1"), Judgement.RETRY),
        (Answer(429, body=Body.NOT_JSON), Judgement.RATE_LIMITED),
        (Answer(429, body=Body.OBJECT, success=False, message="Too many"), Judgement.RATE_LIMITED),
        (Answer(429, body=Body.OBJECT, success=False, message="Daily"), Judgement.DAILY_LIMIT),
        (Answer(200, body=Body.OBJECT, success=False, message="Too many"), Judgement.RATE_LIMITED),
        (Answer(401, body=Body.OBJECT, success=False), Judgement.CREDENTIALS),
        (Answer(403, body=Body.OBJECT, success=False, message="scope"), Judgement.CREDENTIALS),
        (Answer(401, body=Body.NOT_JSON), Judgement.UNKNOWN),
        (Answer(403, body=Body.OBJECT, success="false"), Judgement.UNKNOWN),
        (Answer(400, body=Body.OBJECT, success=False), Judgement.REJECTED),
        (Answer(404, body=Body.OBJECT, success=False), Judgement.REJECTED),
        (Answer(400, body=Body.NOT_JSON), Judgement.UNKNOWN),
        (Answer(302, body=Body.EMPTY), Judgement.UNKNOWN),
        (Answer(transport=Transport.NOT_SENT), Judgement.RETRY),
        (Answer(transport=Transport.MAY_HAVE_LEFT), Judgement.UNKNOWN),
    ],
)
def test_hostile_and_documented_shapes(answer: Answer, expected: Judgement) -> None:
    """The shapes of issue 12 and api.md 4.1/7/8: only proof of "not sent" is not unknown."""
    assert judge(answer) is expected


_SUCCESS_VALUES: tuple[object, ...] = (True, False, "true", "false", 1, 0, None, [], {})
_STATUSES = (None, 100, 200, 201, 204, 301, 400, 401, 403, 404, 408, 422, 429, 500, 502, 503)
_MESSAGE_IDS: tuple[object, ...] = (None, CODE, int(CODE), "SMTP Error", "", True)


def _every_answer() -> list[Answer]:
    answers: list[Answer] = []
    for status, body, success, message_id, message in itertools.product(
        _STATUSES, Body, _SUCCESS_VALUES, _MESSAGE_IDS, ("", "Too many requests", "daily limit")
    ):
        if status is None:
            answers += [Answer(transport=t) for t in Transport]
            continue
        answers.append(Answer(status, None, body, success, message, message_id))
    return answers


def test_the_rule_over_every_combination() -> None:
    """Sent only for a clean 2xx success; "not sent" only with proof; everything else unknown.

    Proof is: a 429, the service's envelope (a JSON object, ``success`` the boolean false) with
    a status the service chooses, or a connection that failed before the request was sent.
    """
    for answer in _every_answer():
        verdict = judge(answer)
        status = answer.status
        if verdict is Judgement.SENT:
            assert status is not None and 200 <= status < 300 and answer.success is True
        elif verdict.not_committed and answer.status != 429:
            proof = answer.transport is Transport.NOT_SENT or (
                answer.body is Body.OBJECT
                and answer.success is False
                and status not in (502, 503, 504)
            )
            assert proof, answer
        if answer.body is not Body.OBJECT and answer.status not in (None, 429):
            assert verdict is Judgement.UNKNOWN, answer
        if answer.success not in (True, False) and answer.status not in (None, 429):
            assert verdict is Judgement.UNKNOWN, answer


def test_the_last_row_catches_everything() -> None:
    """The table is total: its last row matches any answer, and it says unknown."""
    assert RULES[-1].judgement is Judgement.UNKNOWN
    assert all(RULES[-1].applies(answer) for answer in _every_answer()[:500])


def test_markdown_table_has_one_line_per_row() -> None:
    """The README's table is generated from the rows, in order."""
    lines = markdown_table().splitlines()
    assert len(lines) == len(RULES) + 2
    for line, rule in zip(lines[2:], RULES, strict=True):
        assert line == f"| {rule.answer} | {rule.judgement.action} |"


def test_every_judgement_is_reachable_and_described() -> None:
    """Every judgement has a plain description and at least one row of the table."""
    assert {rule.judgement for rule in RULES} == set(Judgement)
    assert all(judgement.action for judgement in Judgement)
    assert [j for j in Judgement if j.not_committed] == [
        Judgement.RETRY,
        Judgement.RATE_LIMITED,
        Judgement.DAILY_LIMIT,
        Judgement.CREDENTIALS,
        Judgement.REJECTED,
    ]
