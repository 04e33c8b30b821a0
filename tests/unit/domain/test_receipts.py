"""Receipt classification: every prefix, longest first, and the two timeout notices."""

from __future__ import annotations

import pytest

from pecdesk.domain.receipts import (
    ReceiptKind,
    classify,
    failure_is_temporary,
    is_final_timeout_text,
)

CODE = "2026112712001234"
CASES = [
    ("ACCETTAZIONE: Sollecito", ReceiptKind.ACCEPTANCE),
    ("AVVISO DI NON ACCETTAZIONE: Sollecito", ReceiptKind.NON_ACCEPTANCE),
    ("AVVISO DI NON ACCETTAZIONE PER VIRUS: Sollecito", ReceiptKind.NON_ACCEPTANCE_VIRUS),
    ("PRESA IN CARICO: Sollecito", ReceiptKind.TAKEN_IN_CHARGE),
    ("CONSEGNA: Sollecito", ReceiptKind.DELIVERY),
    ("AVVISO DI MANCATA CONSEGNA: Sollecito", ReceiptKind.NON_DELIVERY),
    ("AVVISO DI MANCATA CONSEGNA PER VIRUS: Sollecito", ReceiptKind.NON_DELIVERY_VIRUS),
    ("AVVISO DI MANCATA CONSEGNA PER SUP. TEMPO MASSIMO: Sollecito", ReceiptKind.TIMEOUT_WARNING),
    ("PROBLEMA DI SICUREZZA: Sollecito", ReceiptKind.VIRUS_DETECTED),
    ("POSTA CERTIFICATA: Sollecito", ReceiptKind.CERTIFIED_MAIL),
    ("ANOMALIA MESSAGGIO: Sollecito", ReceiptKind.ANOMALY),
    ("Sollecito", ReceiptKind.OTHER),
]


@pytest.mark.parametrize(("subject", "kind"), CASES)
def test_every_prefix(subject: str, kind: ReceiptKind) -> None:
    """Each prefix of the domain table gives its kind, the subject and the code."""
    result = classify(f"{subject} {CODE}")
    assert result.kind is kind
    if kind is not ReceiptKind.OTHER:
        assert result.original_subject == "Sollecito"
        assert result.code == CODE


def test_table_covers_every_kind() -> None:
    """Every kind but the text-only final timeout is reachable from a prefix."""
    reachable = {kind for _, kind in CASES} | {ReceiptKind.TIMEOUT_FINAL}
    assert reachable == set(ReceiptKind)


def test_subject_that_contains_acceptance() -> None:
    """The original subject may itself contain receipt words: only the start counts."""
    result = classify(f"CONSEGNA: Re: ACCETTAZIONE: AVVISO DI NON ACCETTAZIONE: pratica {CODE}")
    assert result.kind is ReceiptKind.DELIVERY
    assert result.original_subject == "Re: ACCETTAZIONE: AVVISO DI NON ACCETTAZIONE: pratica"
    assert classify("Oggetto: ACCETTAZIONE: pratica").kind is ReceiptKind.OTHER


def test_case_and_spaces_tolerated() -> None:
    """Leading blanks and lower case do not hide a prefix."""
    assert classify("  consegna: x 123456789012345").kind is ReceiptKind.DELIVERY


def test_no_code() -> None:
    """A subject without a trailing code gives an empty code."""
    result = classify("ACCETTAZIONE: Fattura 12")
    assert (result.code, result.original_subject) == ("", "Fattura 12")


@pytest.mark.parametrize(
    ("body", "final"),
    [
        ("Il messaggio non è stato consegnato entro le prime 12 ore dal suo invio. Il gestore "
         "continuerà a tentare la consegna fino a 24 ore.", False),
        ("Il messaggio non è stato consegnato entro 24 ore dal suo invio e non potrà più "
         "essere consegnato.", True),
        ("Scaduto il termine di 22 ore: mancata consegna definitiva.", True),
        ("", False),
    ],
)
def test_timeout_notices_told_apart(body: str, final: bool) -> None:
    """The 12-hour warning and the 24-hour final notice differ only in their text."""
    assert is_final_timeout_text(body) is final
    kind = classify(f"AVVISO DI MANCATA CONSEGNA PER SUP. TEMPO MASSIMO: x {CODE}", body).kind
    assert kind is (ReceiptKind.TIMEOUT_FINAL if final else ReceiptKind.TIMEOUT_WARNING)


@pytest.mark.parametrize(
    ("body", "temporary"),
    [
        ("errore: 4.2.2 - casella piena", True),
        ("casella temporaneamente disattivata", True),
        ("errore 5.1.1 - casella inesistente", False),
        ("utente revocato", False),
    ],
)
def test_failure_reason_kind(body: str, temporary: bool) -> None:
    """Full or temporarily unavailable mailboxes are temporary; the rest permanent."""
    assert failure_is_temporary(body) is temporary


def test_junk_never_crashes() -> None:
    """Foreign or junk subjects are OTHER, never an exception."""
    for junk in ("", " ", ":", "\x00\x01", "A" * 10000, "CONSEGNA:"):
        assert isinstance(classify(junk).kind, ReceiptKind)
