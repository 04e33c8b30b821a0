"""The retry policy as a table: which answers may be retried, which are unknown or final.

Every row of the outcome table (pecdesk.domain.send_outcome) is followed from the error the
client raises for it to the journal entry the queue writes.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import httpx
import pytest

from pecdesk.api.answers import send_error, transport_error
from pecdesk.domain.jobs import JobState
from pecdesk.domain.models import SendResult
from pecdesk.domain.send_outcome import RULES, Judgement, Rule
from pecdesk.errors import (
    ApiError,
    AuthError,
    DailyLimitError,
    InvalidRequestError,
    NetworkError,
    NotFoundError,
    OutcomeUnknownError,
    PecError,
    RateLimitedError,
    ServerError,
    StorageError,
)
from pecdesk.services.sending.outcomes import RetryPolicy, accepted, next_daily_resume, refused

POLICY = RetryPolicy(max_attempts=3, base_delay=1.0, max_delay=10.0)


@pytest.mark.parametrize(
    ("error", "state"),
    [
        (NetworkError(outcome_unknown=True, reason="timeout"), JobState.UNKNOWN),
        (NetworkError(outcome_unknown=False, reason="ConnectError"), JobState.QUEUED),
        (RateLimitedError(), JobState.QUEUED),
        (ServerError(status=500, server_message="MySQL Error 1205"), JobState.QUEUED),
        (AuthError(status=401), JobState.QUEUED),
        (InvalidRequestError(status=400), JobState.REJECTED),
        (NotFoundError(status=404), JobState.REJECTED),
        (ApiError(status=302), JobState.UNKNOWN),
        (StorageError(reason="x"), JobState.UNKNOWN),
    ],
)
def test_first_failure(error: PecError, state: JobState) -> None:
    """Only answers proving nothing was committed are retried; doubt means unknown."""
    verdict = refused(error, attempts=1, policy=POLICY, now=0.0, retry_after=0.5)
    assert verdict.outcome.state is state
    if state is JobState.QUEUED and not isinstance(error, AuthError):
        assert verdict.hold > 0 and verdict.outcome.retry_at == verdict.hold


def test_auth_error_pauses_without_counting() -> None:
    """Refused credentials pause the queue; the attempt is refunded."""
    verdict = refused(AuthError(status=401), attempts=1, policy=POLICY, now=0.0)
    assert verdict.pause_reason and verdict.outcome.refund_attempt


def test_daily_limit_pauses_even_at_the_attempt_limit() -> None:
    """The daily cap is no reason to fail a job: it stays queued, uncounted; the queue pauses."""
    error = DailyLimitError(status=429, server_message="Daily sending limit reached")
    verdict = refused(error, attempts=POLICY.max_attempts, policy=POLICY, now=0.0)
    assert verdict.outcome.state is JobState.QUEUED
    assert verdict.outcome.refund_attempt
    assert verdict.pause_error is error
    assert "daily sending limit" in verdict.pause_reason


@pytest.mark.parametrize(
    "error",
    [ServerError(status=503), RateLimitedError(), NetworkError(outcome_unknown=False)],
)
def test_retries_are_bounded(error: PecError) -> None:
    """At the attempt limit a certainly-unsent job fails; it never becomes unknown."""
    verdict = refused(error, attempts=3, policy=POLICY, now=0.0, retry_after=0.5)
    assert verdict.outcome.state is JobState.FAILED
    assert "3 tries" in verdict.outcome.reason


def test_backoff_doubles_and_is_capped() -> None:
    """Server errors back off 1, 2, 4… seconds up to the cap; 429s double Retry-After."""
    assert [POLICY.backoff(n) for n in (1, 2, 3, 6)] == [1.0, 2.0, 4.0, 10.0]
    big = RetryPolicy(max_attempts=9)
    assert refused(RateLimitedError(), attempts=3, policy=big, now=0, retry_after=1.5).hold == 6


def test_accepted() -> None:
    """A 2xx is submitted with its code; without one, it says so."""
    assert accepted(SendResult("2025010112000000", 1)).outcome.code == "2025010112000000"
    bare = accepted(SendResult("", 1)).outcome
    assert bare.state is JobState.SUBMITTED and bare.code is None and "without" in bare.reason


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        ("2026-11-27T15:00:00", "2026-11-28T00:05:00"),  # afternoon: tomorrow at 00:05
        ("2026-11-28T00:04:59", "2026-11-28T00:05:00"),  # just after midnight: the same night
        ("2026-11-28T00:05:00", "2026-11-29T00:05:00"),  # exactly then: the next one
        ("2026-03-28T23:00:00", "2026-03-29T00:05:00"),  # the night the clocks go forward
    ],
)
def test_next_daily_resume_is_five_past_midnight_in_rome(now: str, expected: str) -> None:
    """The daily limit's pause ends at the next 00:05, Rome time, summer time included."""
    rome = ZoneInfo("Europe/Rome")
    moment = datetime.fromisoformat(now).replace(tzinfo=rome).timestamp()
    resume = datetime.fromtimestamp(next_daily_resume(moment), rome)
    assert resume.replace(tzinfo=None) == datetime.fromisoformat(expected)


def test_daily_limit_pause_ends_by_itself() -> None:
    """The verdict for the daily limit carries when to try again."""
    now = datetime(2026, 11, 27, 15, 0, tzinfo=ZoneInfo("Europe/Rome")).timestamp()
    error = DailyLimitError(status=429, server_message="Daily sending limit reached")
    verdict = refused(error, attempts=1, policy=POLICY, now=now)
    assert verdict.resume_at == next_daily_resume(now)
    assert verdict.resume_at - now == 9 * 3600 + 5 * 60


_STATES = {
    Judgement.RETRY: JobState.QUEUED,
    Judgement.RATE_LIMITED: JobState.QUEUED,
    Judgement.DAILY_LIMIT: JobState.QUEUED,
    Judgement.CREDENTIALS: JobState.QUEUED,
    Judgement.REJECTED: JobState.REJECTED,
    Judgement.UNKNOWN: JobState.UNKNOWN,
}
_NOT_SENT_ROWS = [rule for rule in RULES if rule.judgement is not Judgement.SENT]


def _error_for(rule: Rule) -> PecError:
    """The error the client raises for the row's example answer."""
    example = rule.example
    if example.status is None:
        failure: httpx.HTTPError = httpx.ReadTimeout("timeout")
        if rule.judgement is Judgement.RETRY:
            failure = httpx.ConnectError("refused")
        return transport_error(rule.judgement, failure)
    response = httpx.Response(example.status, content=b"<html>page</html>")
    return send_error(rule.judgement, example, response, lambda text: text)


@pytest.mark.parametrize(
    "rule", _NOT_SENT_ROWS, ids=[f"row{RULES.index(r):02d}" for r in _NOT_SENT_ROWS]
)
def test_each_row_of_the_table_becomes_its_journal_entry(rule: Rule) -> None:
    """From the table's judgement, through the client's error, to the job's state."""
    error = _error_for(rule)
    verdict = refused(error, attempts=1, policy=POLICY, now=0.0, retry_after=0.5)
    assert verdict.outcome.state is _STATES[rule.judgement]
    pauses = rule.judgement in (Judgement.DAILY_LIMIT, Judgement.CREDENTIALS) or (
        rule.judgement is Judgement.UNKNOWN and rule.example.status in (401, 403)
    )
    assert bool(verdict.pause_reason) is pauses
    if rule.judgement in (Judgement.RETRY, Judgement.RATE_LIMITED):
        assert verdict.hold > 0
    last = refused(error, attempts=POLICY.max_attempts, policy=POLICY, now=0.0, retry_after=0.5)
    if rule.judgement is Judgement.UNKNOWN:
        assert last.outcome.state is JobState.UNKNOWN  # never failed, however many attempts


@pytest.mark.parametrize(
    "error",
    [
        OutcomeUnknownError(status=201, server_message='success "false"'),
        OutcomeUnknownError(status=502, server_message="not a JSON answer"),
        ServerError(status=500, server_message="<h1>Fatal error</h1>", json_answer=False),
        InvalidRequestError(status=400, server_message="<h1>Bad</h1>", json_answer=False),
    ],
)
def test_an_answer_that_may_hide_a_send_is_unknown_at_any_attempt(error: PecError) -> None:
    """Not the service's envelope: unknown, not retried and not failed, at any attempt."""
    for attempts in (1, POLICY.max_attempts, POLICY.max_attempts + 5):
        verdict = refused(error, attempts=attempts, policy=POLICY, now=0.0)
        assert verdict.outcome.state is JobState.UNKNOWN
        assert verdict.hold == 0 and not verdict.outcome.retry_at
        assert not verdict.pause_reason


def test_a_credentials_page_is_unknown_and_pauses() -> None:
    """A 401 page without the envelope: the job is unknown, and the queue pauses all the same."""
    error = OutcomeUnknownError(status=401, server_message="not a JSON answer: Unauthorized")
    verdict = refused(error, attempts=1, policy=POLICY, now=0.0)
    assert verdict.outcome.state is JobState.UNKNOWN
    assert not verdict.outcome.refund_attempt
    assert verdict.pause_error is error and verdict.pause_reason


def test_a_rate_limit_page_is_still_retried() -> None:
    """A 429 comes before any commit whatever its body: an HTML 429 is retried."""
    error = RateLimitedError(status=429, server_message="slow down", json_answer=False)
    verdict = refused(error, attempts=1, policy=POLICY, now=0.0, retry_after=0.5)
    assert verdict.outcome.state is JobState.QUEUED and verdict.rate_limited
