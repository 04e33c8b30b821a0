"""The retry policy as a table: which answers may be retried, which are unknown or final."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from pecdesk.domain.jobs import JobState
from pecdesk.domain.models import SendResult
from pecdesk.errors import (
    ApiError,
    AuthError,
    DailyLimitError,
    InvalidRequestError,
    NetworkError,
    NotFoundError,
    PecError,
    RateLimitedError,
    ServerError,
    StorageError,
)
from pecdesk.services.outcomes import RetryPolicy, accepted, next_daily_resume, refused

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
