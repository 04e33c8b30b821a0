"""The per-recipient delivery state machine: table-driven, exhaustive, order-independent."""

from __future__ import annotations

import itertools

import pytest

from pecdesk.domain import delivery
from pecdesk.domain.delivery import (
    DeliveryState,
    Event,
    Status,
    apply,
    concerned,
    event_for,
    failure_reason,
    from_job_state,
    replay,
)
from pecdesk.domain.jobs import JobState
from pecdesk.domain.receipts import ReceiptKind

S = DeliveryState
SUBMITTED = Status(S.SUBMITTED)


def ev(kind: ReceiptKind, key: str = "", at: float = 1.0, **kw: object) -> Event:
    """An event with a key derived from the kind unless given."""
    return Event(kind, key or kind.value, at, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (ReceiptKind.ACCEPTANCE, S.ACCEPTED),
        (ReceiptKind.NON_ACCEPTANCE, S.REJECTED),
        (ReceiptKind.NON_ACCEPTANCE_VIRUS, S.REJECTED),
        (ReceiptKind.TAKEN_IN_CHARGE, S.SUBMITTED),
        (ReceiptKind.DELIVERY, S.DELIVERED),
        (ReceiptKind.NON_DELIVERY, S.FAILED),
        (ReceiptKind.NON_DELIVERY_VIRUS, S.FAILED),
        (ReceiptKind.TIMEOUT_WARNING, S.DELAYED),
        (ReceiptKind.TIMEOUT_FINAL, S.FAILED_TIMEOUT),
        (ReceiptKind.VIRUS_DETECTED, S.SUBMITTED),
        (ReceiptKind.CERTIFIED_MAIL, S.SUBMITTED),
        (ReceiptKind.ANOMALY, S.SUBMITTED),
        (ReceiptKind.OTHER, S.SUBMITTED),
    ],
)
def test_each_kind_from_submitted(kind: ReceiptKind, expected: DeliveryState) -> None:
    """Every receipt kind leads to its state (log-only kinds change nothing)."""
    assert apply(SUBMITTED, ev(kind)).state is expected


def test_every_receipt_kind_is_covered() -> None:
    """The table above names every ReceiptKind (exhaustiveness)."""
    marks = test_each_kind_from_submitted.pytestmark  # type: ignore[attr-defined]
    covered = {kind for kind, _ in marks[0].args[1]}
    assert covered == set(ReceiptKind)


def test_every_job_state_maps() -> None:
    """A recipient without receipts takes its job's state; submitting counts as queued."""
    assert {s: from_job_state(s) for s in JobState}[JobState.SUBMITTING] is S.QUEUED
    assert from_job_state(JobState.NOT_SENT) is S.NOT_SENT


FINALS = [
    ev(ReceiptKind.DELIVERY, at=3.0),
    ev(ReceiptKind.NON_DELIVERY, at=3.0, reason="casella piena", temporary=True),
    ev(ReceiptKind.TIMEOUT_FINAL, at=5.0),
    ev(ReceiptKind.NON_ACCEPTANCE, at=2.0),
]
WEAKER = [
    ev(ReceiptKind.ACCEPTANCE, at=2.0),
    ev(ReceiptKind.TIMEOUT_WARNING, at=4.0),
    ev(ReceiptKind.TAKEN_IN_CHARGE, at=2.5),
]


@pytest.mark.parametrize("final", FINALS, ids=lambda e: e.kind.value)
def test_no_order_downgrades_a_final_state(final: Event) -> None:
    """Any permutation of a final receipt with weaker ones, each possibly repeated, ends final."""
    expected = apply(SUBMITTED, final).state
    events = [final, *WEAKER]
    for order in itertools.permutations(events):
        doubled = [e for e in order for _ in range(2)]
        assert replay(doubled).state is expected


def test_first_final_wins() -> None:
    """A later, contradicting final receipt does not overwrite the first."""
    done = replay([ev(ReceiptKind.DELIVERY), ev(ReceiptKind.NON_DELIVERY)])
    assert done.state is S.DELIVERED


def test_late_acceptance_fills_in_its_time() -> None:
    """CONSEGNA before ACCETTAZIONE: delivered, and the acceptance time is still recorded."""
    done = replay([ev(ReceiptKind.DELIVERY, at=9.0), ev(ReceiptKind.ACCEPTANCE, at=8.0)])
    assert (done.state, done.accepted_at, done.final_at) == (S.DELIVERED, 8.0, 9.0)


def test_second_distinct_timeout_notice_is_final() -> None:
    """Two ambiguous notices: the second is final; the same notice twice is not."""
    first = ev(ReceiptKind.TIMEOUT_WARNING, key="a")
    assert replay([first, first]).state is S.DELAYED
    second = ev(ReceiptKind.TIMEOUT_WARNING, key="b", at=2.0)
    done = replay([first, second])
    assert done.state is S.FAILED_TIMEOUT and done.temporary


def test_ordinary_acceptance_is_final() -> None:
    """An ordinary e-mail recipient will get no CONSEGNA: accepted is final for it."""
    done = apply(SUBMITTED, ev(ReceiptKind.ACCEPTANCE, ordinary=True))
    assert done.state is S.ACCEPTED and done.is_final
    assert not apply(SUBMITTED, ev(ReceiptKind.ACCEPTANCE)).is_final


def test_delivered_is_not_delivered_again_by_delay() -> None:
    """A delayed recipient still becomes delivered when the CONSEGNA finally arrives."""
    done = replay([ev(ReceiptKind.TIMEOUT_WARNING), ev(ReceiptKind.DELIVERY, at=2.0)])
    assert done.state is S.DELIVERED


BODY = (
    'Il giorno 27/11/2026 alle ore 10:00:00 (+0100) il messaggio "Avviso 1" proveniente da '
    '"me@pec.it" ed indirizzato a "due@pec.it" è stato consegnato nella casella di destinazione.\n'
    "Identificativo messaggio: opec21.1.001@pecmassiva.com"
)


def test_concerned_reads_the_recipient_from_the_text() -> None:
    """Multi-recipient: the address after "indirizzato a"; acceptance concerns everybody."""
    everyone = ["uno@pec.it", "Due@pec.it", "me@pec.it"]
    assert concerned(ReceiptKind.DELIVERY, BODY, everyone, "me@pec.it") == ("due@pec.it",)
    assert concerned(ReceiptKind.ACCEPTANCE, "", everyone, "me@pec.it") == (
        "uno@pec.it", "due@pec.it", "me@pec.it",
    )
    assert concerned(ReceiptKind.DELIVERY, "", ["solo@pec.it"], "me@pec.it") == ("solo@pec.it",)
    assert concerned(ReceiptKind.DELIVERY, "nessuno", everyone, "me@pec.it") == ()


def test_reasons_and_temporary_failures() -> None:
    """The AgID reason in parentheses; mailbox full is temporary, no such user is not."""
    full = "consegna (4.2.2 - casella piena: spazio esaurito (errore temporaneo))."
    assert failure_reason(full) == "4.2.2 - casella piena: spazio esaurito (errore temporaneo)"
    gone = "consegna (5.1.1 - casella inesistente / utente sconosciuto)."
    event = event_for(ReceiptKind.NON_DELIVERY, gone, key="k", at=1.0, address="x@pec.it")
    assert event.reason.startswith("5.1.1") and not event.temporary
    event = event_for(ReceiptKind.NON_DELIVERY, full, key="k", at=1.0, address="x@pec.it")
    assert event.temporary


def test_ordinary_from_text_or_domain() -> None:
    """"posta ordinaria" in the acceptance text, or a well-known webmail domain."""
    text = 'a@azienda.it ("posta ordinaria")\nb@pec.it ("posta certificata")'
    assert delivery.ordinary_addresses(text) == {"a@azienda.it"}
    for address, ordinary in (("a@azienda.it", True), ("b@pec.it", False), ("c@gmail.com", True)):
        event = event_for(ReceiptKind.ACCEPTANCE, text, key="k", at=1.0, address=address)
        assert event.ordinary is ordinary
