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


def test_default_margin_is_a_fixed_jitter_allowance_plus_a_small_share() -> None:
    """0.2 ms of jitter plus 0.1 % of the interval: 1.2 ms at the service's 1/s."""
    assert Throttle(1.0).interval == pytest.approx(1.0012)
    assert Throttle(20.0).interval == pytest.approx(0.05025)
    assert Throttle(100.0).interval == pytest.approx(0.01021)


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


def _send(throttle: Throttle, clock: Clock, *, lead: float, round_trip: float) -> None:
    """One request: called at the slot, left ``lead`` later, answered ``round_trip`` after."""
    clock.now += throttle.delay()
    throttle.started()
    sent = clock.now + lead
    clock.now = sent + round_trip
    throttle.answered(sent, clock.now)


def test_spacing_counts_from_when_the_request_left() -> None:
    """Python's work before the bytes leave is not spacing: the next leaves an interval later."""
    throttle, clock = make(rate=10.0)
    for _ in range(12):  # usual round trips of 1 ms, no lead
        _send(throttle, clock, lead=0.0, round_trip=0.001)
    clock.now += throttle.delay()
    throttle.started()
    called = clock.now
    clock.now += 0.004
    sent = clock.now  # 4 ms of client-side work before the request left
    clock.now += 0.001
    throttle.answered(sent, clock.now)
    assert clock.now + throttle.delay() == pytest.approx(sent + 0.1)
    assert clock.now + throttle.delay() > called + 0.1


def test_the_client_is_called_early_by_the_least_recent_lead() -> None:
    """Once ten leads are known, the call comes the least of them before the slot."""
    throttle, clock = make(rate=10.0)
    for n in range(9):
        _send(throttle, clock, lead=0.0006 + n * 0.0001, round_trip=0.001)
    assert throttle.lead == 0  # not yet known: the first leads include connecting
    _send(throttle, clock, lead=0.0008, round_trip=0.001)
    assert throttle.lead == pytest.approx(0.0006)
    left = clock.now - 0.001
    assert clock.now + throttle.delay() == pytest.approx(left + 0.1 - 0.0006)


def test_the_lead_is_capped_so_a_smaller_request_never_leaves_much_early() -> None:
    """Leads of large requests (10 ms) teach at most 1 ms of calling early."""
    throttle, clock = make(rate=1.0)
    for _ in range(12):
        _send(throttle, clock, lead=0.010, round_trip=0.002)
    assert throttle.lead == pytest.approx(0.001)
    fast, fast_clock = make(rate=1000.0)  # and at most a quarter of the interval
    for _ in range(12):
        _send(fast, fast_clock, lead=0.0008, round_trip=0.0001)
    assert fast.lead == pytest.approx(0.00025)


def test_a_request_that_left_but_got_no_answer_counts_from_now() -> None:
    """No answer (a reset, a timeout): it may have committed at the last moment."""
    throttle, clock = make(rate=10.0)
    for _ in range(12):
        _send(throttle, clock, lead=0.0, round_trip=0.002)
    clock.now += throttle.delay()
    throttle.started()
    clock.now += 0.5
    throttle.answered(clock.now - 0.5, None)
    assert throttle.delay() == pytest.approx(0.1)


def test_after_a_429_the_request_leaves_once_retry_after_is_over() -> None:
    """The hold counts to when the next request leaves, the learned lead included."""
    throttle, clock = make(rate=10.0)
    for _ in range(12):
        _send(throttle, clock, lead=0.0005, round_trip=0.002)
    assert throttle.rate_limited(retry_after=3.0) == 3.0
    assert clock.now + throttle.delay() + throttle.lead == pytest.approx(clock.now + 3.0)


def test_the_least_lead_is_kept_through_a_busy_spell() -> None:
    """Slow leads for a while (a busy machine) do not raise the lead: calm returns at once."""
    throttle, clock = make(rate=10.0)
    for _ in range(12):
        _send(throttle, clock, lead=0.0004, round_trip=0.001)
    for _ in range(300):
        _send(throttle, clock, lead=0.0009, round_trip=0.001)
    assert throttle.lead == pytest.approx(0.0004)

