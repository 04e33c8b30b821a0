"""The send queue's state machine and payload digest (pure functions)."""

from __future__ import annotations

import pytest

from pecdesk.domain.jobs import (
    FINAL_STATES,
    TRANSITIONS,
    AttachmentRef,
    JobState,
    Payload,
    addresses_in,
    can_transition,
    distinct_addresses,
    sources_of,
)


def test_every_state_has_a_transition_entry() -> None:
    """TRANSITIONS covers every state, and final states lead nowhere."""
    assert set(TRANSITIONS) == set(JobState)
    for state in JobState:
        assert (not TRANSITIONS[state]) == (state in FINAL_STATES)


@pytest.mark.parametrize(
    ("old", "new", "allowed"),
    [
        (JobState.QUEUED, JobState.SUBMITTING, True),
        (JobState.QUEUED, JobState.CANCELLED, True),
        (JobState.SUBMITTING, JobState.CANCELLED, False),
        (JobState.SUBMITTING, JobState.QUEUED, True),
        (JobState.SUBMITTING, JobState.UNKNOWN, True),
        (JobState.UNKNOWN, JobState.QUEUED, False),
        (JobState.UNKNOWN, JobState.SUBMITTING, False),
        (JobState.UNKNOWN, JobState.NOT_SENT, True),
        (JobState.NOT_SENT, JobState.QUEUED, True),
        (JobState.SUBMITTED, JobState.QUEUED, False),
        (JobState.FAILED, JobState.QUEUED, False),
    ],
)
def test_transitions(old: JobState, new: JobState, allowed: bool) -> None:
    """An unknown job is never re-sent without passing through not_sent (user-confirmed)."""
    assert can_transition(old, new) is allowed


def test_only_queued_reaches_submitting() -> None:
    """The request of a job can leave only from the queued state."""
    assert sources_of(JobState.SUBMITTING) == {JobState.QUEUED}
    assert sources_of(JobState.QUEUED) == {JobState.SUBMITTING, JobState.NOT_SENT}


def test_digest_is_canonical_and_sensitive() -> None:
    """Equal payloads hash equal; any change (even an attachment byte) changes the digest."""
    pdf = AttachmentRef("a.pdf", "ab" * 32, 10)
    one = Payload("s@p.it", ("a@p.it",), "Oggetto è", "<p>x</p>", (pdf,))
    assert one.digest() == Payload("s@p.it", ("a@p.it",), "Oggetto è", "<p>x</p>", (pdf,)).digest()
    other = Payload(
        "s@p.it", ("a@p.it",), "Oggetto è", "<p>x</p>", (AttachmentRef("a.pdf", "cd" * 32, 10),)
    )
    assert one.digest() != other.digest()
    assert len(one.digest()) == 64


def test_addresses() -> None:
    """Addresses are found case-insensitively; repeats are split off keeping the first."""
    found = addresses_in('a "Mario.Rossi@Pec.it" (posta) b@x.it.')
    assert found == {"mario.rossi@pec.it", "b@x.it"}
    kept, repeated = distinct_addresses(["A@p.it", "b@p.it", "a@P.it "])
    assert kept == ["A@p.it", "b@p.it"] and repeated == ["a@P.it "]
