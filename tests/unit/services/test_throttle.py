"""The throttle's arithmetic with a fake clock (the sandbox tests cover it end to end)."""

from __future__ import annotations

import pytest

from pecdesk.services.sending.throttle import Throttle


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def make(rate: float = 1.0, margin: float = 0.0) -> tuple[Throttle, Clock]:
    clock = Clock()
    return Throttle(rate, margin=margin, clock=clock), clock


def test_spacing_is_measured_from_request_start() -> None:
    """After a start, the next waits one interval from that start, however fast the answer."""
    throttle, clock = make(rate=2.0)
    assert throttle.delay() == 0
    throttle.started()
    clock.now += 0.1
    assert throttle.delay() == pytest.approx(0.4)
    clock.now += 0.4
    assert throttle.delay() == 0


def test_default_margin_is_a_share_of_the_interval() -> None:
    """1.5 % of the interval (at least 0.4 ms) is added between starts."""
    assert Throttle(1.0).interval == pytest.approx(1.015)
    assert Throttle(20.0).interval == pytest.approx(0.05075)
    assert Throttle(100.0).interval == pytest.approx(0.0104)


def test_a_restart_never_bursts() -> None:
    """Seeded with the journal's last start, a new throttle waits out the interval."""
    throttle, _clock = make(rate=1.0)
    throttle.seed(last_start_wall=1_000.0, now_wall=1_000.3)
    assert throttle.delay() == pytest.approx(0.7)
    fresh, _ = make(rate=1.0)
    fresh.seed(last_start_wall=900.0, now_wall=1_000.0)
    assert fresh.delay() == 0


def test_a_slow_answer_pushes_the_next_start() -> None:
    """Once usual round trips are known, a slower one delays the next start by the excess."""
    throttle, clock = make(rate=10.0)
    for _ in range(12):
        clock.now += throttle.delay()
        throttle.started()
        clock.now += 0.002
        throttle.answered()
    clock.now += throttle.delay()
    throttle.started()
    clock.now += 0.052  # 50 ms slower than usual
    throttle.answered()
    assert throttle.delay() == pytest.approx(0.1 - 0.002, abs=1e-9)


def test_first_answers_push_by_their_whole_round_trip() -> None:
    """With nothing known yet, the next start counts from the answer, not the start."""
    throttle, clock = make(rate=10.0)
    throttle.started()
    clock.now += 0.03
    throttle.answered()
    assert throttle.delay() == pytest.approx(0.1)


def test_429_holds_back_widens_and_calms_down() -> None:
    """A 429 holds for Retry-After (or an interval) and widens the margin, later narrowed."""
    throttle, clock = make(rate=10.0, margin=0.0)
    assert throttle.rate_limited(retry_after=2.0) == 2.0
    assert throttle.delay() == pytest.approx(2.0)
    widened = throttle.interval
    assert widened > 0.1
    for _ in range(400):
        clock.now += throttle.delay()
        throttle.started()
    assert throttle.interval < widened
    assert throttle.rate_limited(retry_after=None) == pytest.approx(throttle.interval)


def test_hold_and_rate_changes() -> None:
    """hold() delays every start; a new rate recomputes the next start; rate must be > 0."""
    throttle, _clock = make(rate=1.0)
    throttle.hold(5.0)
    assert throttle.delay() == pytest.approx(5.0)
    throttle.started()
    throttle.set_rate(0.5)
    assert throttle.delay() == pytest.approx(5.0)
    with pytest.raises(ValueError, match="positive"):
        throttle.set_rate(0)
    with pytest.raises(ValueError, match="positive"):
        Throttle(-1)
