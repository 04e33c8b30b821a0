"""What the queue does with each answer to ``POST /send``: the retry policy, as a pure function.

The one rule that matters: only an answer that proves the PEC was *not* committed may lead to a
retry. Which answers prove it is the outcome table of :mod:`pecdesk.domain.send_outcome`; the
client raises one error per judgement, and this module turns the error into the journal entry:

- SENT (no error) → submitted; RETRY (ServerError, NetworkError that never left) → queued
  again after a backoff, failed after the last attempt; RATE_LIMITED → queued after a wait that
  doubles; DAILY_LIMIT and CREDENTIALS → queued, untouched, and the queue pauses; REJECTED →
  rejected, final.
- UNKNOWN (OutcomeUnknownError, NetworkError that may have left, anything unforeseen) → unknown:
  never retried, never failed, settled only by the mailbox's receipts. An unknown answer to
  401/403 (a page instead of the service's envelope) pauses the queue as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo
from functools import cache
from typing import TypeGuard

from pecdesk.domain.jobs import JobState
from pecdesk.domain.models import SendResult
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
)
from pecdesk.storage.records import Outcome

DAILY_RESUME = time(0, 5)
"""Rome local time at which a queue paused by the daily limit tries again (a new day's allowance,
with five minutes for the service's clock)."""


def next_daily_resume(now: float) -> float:
    """The first :data:`DAILY_RESUME` in Rome after the POSIX time ``now``."""
    rome = _rome()
    local = datetime.fromtimestamp(now, rome)
    moment = datetime.combine(local.date(), DAILY_RESUME, rome)
    if moment.timestamp() <= now:
        moment = datetime.combine(local.date() + timedelta(days=1), DAILY_RESUME, rome)
    return moment.timestamp()


@cache
def _rome() -> tzinfo:
    """Rome's time zone, loaded the first time the daily limit pauses a queue, not at start-up."""
    from zoneinfo import ZoneInfo  # noqa: PLC0415 - zoneinfo and its tzdata, only when needed

    return ZoneInfo("Europe/Rome")


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How often and how patiently a certainly-not-sent job is tried again.

    Attributes:
        max_attempts: requests per job before it is failed (429s and errors alike).
        base_delay: backoff after the first retryable error, in seconds; doubles each time.
        max_delay: the longest backoff.
    """

    max_attempts: int = 8
    base_delay: float = 2.0
    max_delay: float = 120.0

    def backoff(self, attempts: int) -> float:
        """Seconds to wait after the ``attempts``-th failed request."""
        return float(min(self.max_delay, self.base_delay * 2 ** max(0, attempts - 1)))


@dataclass(frozen=True, slots=True)
class Verdict:
    """The journal entry for one answer, plus what the queue must do next.

    Attributes:
        outcome: what to write for the job.
        hold: seconds no request may start (backoff), 0 for none.
        pause_reason: non-empty when the whole queue must pause (refused credentials, the
            daily limit reached).
        pause_error: the error behind ``pause_reason``, for the UI to show in its language.
        resume_at: POSIX time at which the pause ends by itself (the daily limit), 0 for never.
        rate_limited: True for a 429 (the throttle widens its margin).
    """

    outcome: Outcome
    hold: float = 0.0
    pause_reason: str = ""
    pause_error: PecError | None = None
    resume_at: float = 0.0
    rate_limited: bool = False


def accepted(result: SendResult) -> Verdict:
    """The service answered 2xx with success: submitted, with its code when it gave one."""
    code = result.message_id.strip() or None
    reason = "" if code else "accepted without a sending code"
    return Verdict(Outcome(JobState.SUBMITTED, code=code, reason=reason))


def refused(
    error: PecError, *, attempts: int, policy: RetryPolicy, now: float, retry_after: float = 0.0
) -> Verdict:
    """The journal entry for a request that raised ``error`` (its ``attempts``-th request).

    Args:
        error: what the client raised.
        attempts: requests made for this job, this one included.
        policy: the retry policy.
        now: POSIX time now.
        retry_after: for a 429, the wait the throttle chose (the service's Retry-After, or one
            interval); it doubles with each attempt.
    """
    if _may_have_committed(error):
        return _unknown_answer(error)  # before everything: it is never retried, never failed
    settled = _not_retryable(error, now)
    if settled is not None:
        return settled
    text = error.message
    if attempts >= policy.max_attempts:
        return Verdict(Outcome(JobState.FAILED, reason=f"gave up after {attempts} tries: {text}"))
    if isinstance(error, RateLimitedError):
        wait = min(policy.max_delay, retry_after * 2 ** max(0, attempts - 1))
        return Verdict(Outcome(JobState.QUEUED, reason=text, retry_at=now + wait),
                       hold=wait, rate_limited=True)
    wait = policy.backoff(attempts)
    return Verdict(Outcome(JobState.QUEUED, reason=text, retry_at=now + wait), hold=wait)


def _not_retryable(error: PecError, now: float) -> Verdict | None:
    """The verdict for an error that must not be retried automatically, else None."""
    text = error.message
    if isinstance(error, DailyLimitError):
        # Nothing was committed, and a retry cannot succeed before the day's allowance comes
        # back: the job waits, untouched, and the queue pauses until then (or a resume).
        return Verdict(Outcome(JobState.QUEUED, refund_attempt=True), pause_reason=text,
                       pause_error=error, resume_at=next_daily_resume(now))
    if isinstance(error, NetworkError) and error.outcome_unknown:
        return Verdict(Outcome(JobState.UNKNOWN, reason=f"no answer after sending: {text}"))
    if isinstance(error, AuthError):
        # 401/403 come before any commit (api.md 8.1): the job waits, untouched.
        return Verdict(Outcome(JobState.QUEUED, refund_attempt=True), pause_reason=text,
                       pause_error=error)
    if isinstance(error, InvalidRequestError | NotFoundError):
        return Verdict(Outcome(JobState.REJECTED, reason=text))
    if isinstance(error, RateLimitedError | ServerError | NetworkError):
        return None
    # An answer we cannot place (a bare ApiError, or anything else): it may have committed.
    kind = "unexpected answer" if isinstance(error, ApiError) else "unexpected error"
    return Verdict(Outcome(JobState.UNKNOWN, reason=f"{kind}: {text}"))


def _may_have_committed(error: PecError) -> TypeGuard[ApiError]:
    """An HTTP answer that is not proof of "not sent" (the table's UNKNOWN rows).

    The client raises OutcomeUnknownError for them; an API error built from a page that is not
    the service's JSON (``json_answer`` False) counts the same, except a 429, which comes
    before any commit whatever its body.
    """
    if isinstance(error, OutcomeUnknownError):
        return True
    return (
        isinstance(error, ApiError)
        and not error.json_answer
        and not isinstance(error, RateLimitedError)
    )


def _unknown_answer(error: ApiError) -> Verdict:
    """An answer that may hide a committed send: unknown; refused credentials pause too."""
    unknown = Outcome(JobState.UNKNOWN, reason=f"answer does not tell: {error.message}")
    if error.status in (401, 403):
        # Not the service's envelope, so not proof of "not sent"; but the next request would
        # most likely meet the same wall, so the queue stops until the person looks.
        return Verdict(unknown, pause_reason=error.message, pause_error=error)
    return Verdict(unknown)
