"""The 24-hour non-delivery notice is final when classified, opened or not; every kind's state."""

from __future__ import annotations

import pytest

from pecdesk.domain.delivery import (
    FINAL_TIMEOUT_AFTER,
    DeliveryState,
    Event,
    Status,
    apply,
    event_for,
    replay,
)
from pecdesk.domain.receipts import TIMEOUT_PREFIXES, ReceiptKind, classify
from pecdesk.sandbox.receipts import Sending, html_to_text, timeout_final, timeout_warning

S = DeliveryState
CODE = "2026112712001234"
SENT_AT = 1_790_000_000.0
ACCEPTED = Status(S.ACCEPTED, accepted_at=SENT_AT)
SENDING = Sending("studio@pec.it", "studio@pec.it", f"Ricorso {CODE}", CODE, SENT_AT)

# What one receipt does to a recipient accepted a minute ago: every kind, no exception.
AFTER_ACCEPTANCE: dict[ReceiptKind, DeliveryState] = {
    ReceiptKind.ACCEPTANCE: S.ACCEPTED,
    ReceiptKind.NON_ACCEPTANCE: S.REJECTED,
    ReceiptKind.NON_ACCEPTANCE_VIRUS: S.REJECTED,
    ReceiptKind.TAKEN_IN_CHARGE: S.ACCEPTED,
    ReceiptKind.DELIVERY: S.DELIVERED,
    ReceiptKind.NON_DELIVERY: S.FAILED,
    ReceiptKind.NON_DELIVERY_VIRUS: S.FAILED,
    ReceiptKind.TIMEOUT_WARNING: S.DELAYED,
    ReceiptKind.TIMEOUT_FINAL: S.FAILED_TIMEOUT,
    ReceiptKind.VIRUS_DETECTED: S.ACCEPTED,
    ReceiptKind.CERTIFIED_MAIL: S.ACCEPTED,
    ReceiptKind.ANOMALY: S.ACCEPTED,
    ReceiptKind.OTHER: S.ACCEPTED,
}
FINAL_KINDS = {k for k, s in AFTER_ACCEPTANCE.items() if s.is_final}


def test_the_table_names_every_kind() -> None:
    """A new ReceiptKind must be given its state here before anything else passes."""
    assert set(AFTER_ACCEPTANCE) == set(ReceiptKind)


@pytest.mark.parametrize("kind", list(ReceiptKind))
def test_every_kind_on_an_accepted_recipient(kind: ReceiptKind) -> None:
    """Each kind, as the ledger derives it (event_for then apply), gives its table state."""
    event = event_for(kind, "", key=kind.value, at=SENT_AT + 60, address="a@pec.it")
    status = apply(ACCEPTED, event)
    assert status.state is AFTER_ACCEPTANCE[kind]
    assert status.is_final is (kind in FINAL_KINDS)
    assert (status.final_at == SENT_AT + 60) is (kind in FINAL_KINDS)


@pytest.mark.parametrize("final_kind", [k for k in ReceiptKind if k in FINAL_KINDS])
@pytest.mark.parametrize("late", list(ReceiptKind))
def test_no_kind_changes_a_final_state(final_kind: ReceiptKind, late: ReceiptKind) -> None:
    """Once final, any later receipt of any kind leaves the state alone."""
    final = apply(ACCEPTED, Event(final_kind, "first", SENT_AT + 60))
    after = apply(final, Event(late, "late", SENT_AT + 120))
    assert after.state is final.state
    assert after.final_at == final.final_at


def sandbox_texts(draft_html: str) -> list[str]:
    """The notice's text as each endpoint gives it: HTML, plain text, lossy "è"."""
    text = html_to_text(draft_html)
    return [draft_html, text, text.replace("è", "\ufffd")]


@pytest.mark.parametrize("form", [0, 1, 2])
def test_the_24_hour_notice_is_final_from_its_text(form: int) -> None:
    """The sandbox's 24-hour notice, in every form its text arrives, is final at once."""
    final = timeout_final(SENDING, "slow@pec.it", 2)
    body = sandbox_texts(final.body)[form]
    kind = classify(final.subject, body).kind
    assert kind is ReceiptKind.TIMEOUT_FINAL
    status = apply(ACCEPTED, event_for(kind, body, key="k", at=SENT_AT + 600, address="x"))
    assert status.state is S.FAILED_TIMEOUT
    assert status.is_final


@pytest.mark.parametrize("form", [0, 1, 2])
def test_the_12_hour_warning_stays_a_warning(form: int) -> None:
    """The 12-hour notice (title "Preavviso", "continua a tentare") is only a delay."""
    warning = timeout_warning(SENDING, "slow@pec.it", 1)
    body = sandbox_texts(warning.body)[form]
    assert classify(warning.subject, body).kind is ReceiptKind.TIMEOUT_WARNING
    status = apply(ACCEPTED, event_for(ReceiptKind.TIMEOUT_WARNING, body, key="k",
                                       at=SENT_AT + 12 * 3600, address="x"))
    assert status.state is S.DELAYED
    assert not status.is_final


def test_a_notice_filed_as_the_warning_is_final_once_its_text_says_so() -> None:
    """The stored kind may be the warning (classified by subject): its text decides again."""
    final = timeout_final(SENDING, "slow@pec.it", 2)
    event = event_for(ReceiptKind.TIMEOUT_WARNING, final.body, key="k", at=SENT_AT + 10,
                      address="slow@pec.it")
    assert event.kind is ReceiptKind.TIMEOUT_FINAL
    assert apply(ACCEPTED, event).state is S.FAILED_TIMEOUT


@pytest.mark.parametrize(
    ("hours", "state"),
    [(12.0, S.DELAYED), (FINAL_TIMEOUT_AFTER / 3600 - 0.01, S.DELAYED),
     (FINAL_TIMEOUT_AFTER / 3600, S.FAILED_TIMEOUT), (24.0, S.FAILED_TIMEOUT)],
)
def test_a_notice_without_text_is_final_by_its_date(hours: float, state: DeliveryState) -> None:
    """No text at all (the Inbox row, an empty message): past 18 h from acceptance it is final."""
    event = event_for(ReceiptKind.TIMEOUT_WARNING, "", key="k", at=SENT_AT + hours * 3600,
                      address="x")
    assert apply(ACCEPTED, event).state is state


def test_the_final_notice_alone_without_the_warning() -> None:
    """The 24-hour notice with no 12-hour one before it (deleted, never fetched) is final."""
    final = timeout_final(SENDING, "slow@pec.it", 2)
    events = [
        Event(ReceiptKind.ACCEPTANCE, "acc", SENT_AT),
        event_for(classify(final.subject, final.body).kind, final.body, key="t",
                  at=SENT_AT + 5, address="slow@pec.it"),
    ]
    status = replay(events)
    assert (status.state, status.timeout_notices) == (S.FAILED_TIMEOUT, 1)


def test_two_notices_without_text_make_the_second_final() -> None:
    """Two distinct "SUP. TEMPO MASSIMO" notices, neither readable: the second is final."""
    events = [
        Event(ReceiptKind.ACCEPTANCE, "acc", SENT_AT),
        Event(ReceiptKind.TIMEOUT_WARNING, "one", SENT_AT + 1),
        Event(ReceiptKind.TIMEOUT_WARNING, "two", SENT_AT + 2),
    ]
    assert replay(events).state is S.FAILED_TIMEOUT
    assert replay(events[:2]).state is S.DELAYED


@pytest.mark.parametrize("prefix", TIMEOUT_PREFIXES)
def test_every_spelling_of_the_subject(prefix: str) -> None:
    """"SUP. TEMPO MASSIMO" and the spelled-out "SUPERAMENTO (DEI) TEMPI MASSIMI" alike."""
    subject = f"{prefix} Ricorso {CODE}"
    final = timeout_final(SENDING, "slow@pec.it", 2)
    assert classify(subject).kind is ReceiptKind.TIMEOUT_WARNING
    found = classify(subject, final.body)
    assert (found.kind, found.code, found.original_subject) == (
        ReceiptKind.TIMEOUT_FINAL, CODE, "Ricorso")
    assert classify(prefix.lower() + f" x {CODE}", "time limit exceeded").kind is (
        ReceiptKind.TIMEOUT_FINAL)
