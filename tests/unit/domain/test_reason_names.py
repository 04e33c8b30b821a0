"""Journaled reasons in the reader's language: pecdesk's phrases translated, the service's kept."""

from __future__ import annotations

import pytest

from pecdesk.domain.models import SendResult
from pecdesk.domain.reason_names import CONTEXT, ERROR_CONTEXT, REASONS, reason_name
from pecdesk.errors import (
    ApiError,
    AuthError,
    InvalidRequestError,
    NetworkError,
    OutcomeUnknownError,
    PecError,
    ServerError,
)
from pecdesk.services.receipts.evidence import untranslated
from pecdesk.services.sending.outcomes import RetryPolicy, Verdict, accepted, refused

SERVICE = "5.1.1 - casella inesistente / utente sconosciuto"
"""A non-delivery reason as a provider writes it: quoted, never translated."""
ITALIAN = {
    "cancelled by the user": "annullata dall’utente",
    "interrupted while being sent": "interrotta durante l’invio",
    "accepted without a sending code": "accettata senza codice di invio",
    "gave up after {attempts} tries: {text}": "invio abbandonato dopo {attempts} tentativi: {text}",
    "no answer after sending: {text}": "nessuna risposta dopo l’invio: {text}",
    "answer does not tell: {text}": "la risposta non indica l’esito: {text}",
    "unexpected answer: {text}": "risposta inattesa: {text}",
    "unexpected error: {text}": "errore imprevisto: {text}",
    "not sent again: the mailbox could not be read back to its first sending": (
        "non reinviata: non è stato possibile leggere la casella fino al primo invio"
    ),
    "not sent again: a receipt in the mailbox may be this PEC's": (
        "non reinviata: una ricevuta nella casella potrebbe riguardare questa PEC"
    ),
    "found receipt #{receipt} in the mailbox": "trovata la ricevuta n. {receipt} nella casella",
    "found receipt #{receipt} in the mailbox before sending it again": (
        "trovata la ricevuta n. {receipt} nella casella prima del reinvio"
    ),
    "AVVISO DI NON ACCETTAZIONE (receipt #{receipt} in the mailbox)": (
        "AVVISO DI NON ACCETTAZIONE (ricevuta n. {receipt} nella casella)"
    ),
    "AVVISO DI NON ACCETTAZIONE (receipt #{receipt} in the mailbox, before sending it again)": (
        "AVVISO DI NON ACCETTAZIONE (ricevuta n. {receipt} nella casella, prima del reinvio)"
    ),
    "no ACCETTAZIONE in the mailbox {seconds} s after sending (service's clock)": (
        "nessuna ACCETTAZIONE nella casella {seconds} s dopo l’invio (orologio del servizio)"
    ),
    "no delivery receipt within the maximum time": (
        "nessuna ricevuta di consegna entro il tempo massimo"
    ),
}
ERRORS_IT = {
    ServerError.default_template: (
        "Il servizio PEC ha avuto un problema interno (HTTP {status}: {server_message}). "
        "Riprovi tra qualche minuto."
    ),
    InvalidRequestError.default_template: (
        "Il servizio PEC ha respinto la richiesta come non valida: {server_message}."
    ),
}
asked: list[tuple[str, str]] = []


def italian(context: str, text: str) -> str:
    """A stand-in for Qt's Italian translation: it notes each question it is asked."""
    asked.append((context, text))
    table = ITALIAN if context == CONTEXT else ERRORS_IT if context == ERROR_CONTEXT else {}
    return table.get(text, text)


def server_error(message: str = "errore interno del gateway") -> str:
    """The journaled message of a 500 whose body said ``message``."""
    return ServerError(status=500, server_message=message).message


# (journaled text, its Italian): every phrase pecdesk writes, as the code writes it.
JOURNALED = [
    ("cancelled by the user", "annullata dall’utente"),
    ("interrupted while being sent", "interrotta durante l’invio"),
    ("accepted without a sending code", "accettata senza codice di invio"),
    (
        f"gave up after 8 tries: {server_error()}",
        "invio abbandonato dopo 8 tentativi: Il servizio PEC ha avuto un problema interno "
        "(HTTP 500: errore interno del gateway). Riprovi tra qualche minuto.",
    ),
    (
        "no answer after sending: "
        + NetworkError(outcome_unknown=True, reason="ReadTimeout").message,
        "nessuna risposta dopo l’invio: Could not reach the PEC service: ReadTimeout. "
        "Check the internet connection.",  # no Italian for it in this stand-in: English
    ),
    (f"answer does not tell: {SERVICE}", f"la risposta non indica l’esito: {SERVICE}"),
    (f"unexpected answer: {SERVICE}", f"risposta inattesa: {SERVICE}"),
    ("unexpected error: boom", "errore imprevisto: boom"),
    (
        "not sent again: the mailbox could not be read back to its first sending",
        "non reinviata: non è stato possibile leggere la casella fino al primo invio",
    ),
    (
        "not sent again: a receipt in the mailbox may be this PEC's",
        "non reinviata: una ricevuta nella casella potrebbe riguardare questa PEC",
    ),
    ("found receipt #41 in the mailbox", "trovata la ricevuta n. 41 nella casella"),
    (
        "found receipt #41 in the mailbox before sending it again",
        "trovata la ricevuta n. 41 nella casella prima del reinvio",
    ),
    (
        "AVVISO DI NON ACCETTAZIONE (receipt #41 in the mailbox)",
        "AVVISO DI NON ACCETTAZIONE (ricevuta n. 41 nella casella)",
    ),
    (
        "AVVISO DI NON ACCETTAZIONE (receipt #41 in the mailbox, before sending it again)",
        "AVVISO DI NON ACCETTAZIONE (ricevuta n. 41 nella casella, prima del reinvio)",
    ),
    (
        "no ACCETTAZIONE in the mailbox 900 s after sending (service's clock)",
        "nessuna ACCETTAZIONE nella casella 900 s dopo l’invio (orologio del servizio)",
    ),
    (
        "no delivery receipt within the maximum time",
        "nessuna ricevuta di consegna entro il tempo massimo",
    ),
]


@pytest.mark.parametrize(("journaled", "expected"), JOURNALED)
def test_each_known_reason_reads_in_italian(journaled: str, expected: str) -> None:
    """Every phrase pecdesk journals is worded through the table in Italian."""
    assert reason_name(journaled, italian) == expected


@pytest.mark.parametrize(("journaled", "expected"), JOURNALED)
def test_each_known_reason_reads_back_in_english(journaled: str, expected: str) -> None:
    """Untranslated, the table gives back exactly what was journaled (the command line's words)."""
    del expected
    assert reason_name(journaled, untranslated) == journaled


def test_every_phrase_of_the_table_is_exercised() -> None:
    """No phrase in the table lacks a case above, and the Italian stand-in covers them all."""
    asked.clear()
    for journaled, _ in JOURNALED:
        reason_name(journaled, italian)
    assert {text for context, text in asked if context == CONTEXT} == set(REASONS)
    assert set(ITALIAN) == set(REASONS)


@pytest.mark.parametrize(
    "service_text",
    [SERVICE, "casella piena", "Messaggio rifiutato: cancelled by the user", "", "gave up"],
)
def test_the_services_own_words_pass_through(service_text: str) -> None:
    """A text pecdesk did not write, even one that contains a phrase of its own, is verbatim."""
    asked.clear()
    assert reason_name(service_text, italian) == service_text
    assert asked == []


def test_a_prefix_keeps_the_service_text_verbatim() -> None:
    """After pecdesk's prefix, the service's text is quoted as it came, colons and all."""
    tail = "Errore 554: destinatario: non valido"
    assert reason_name(f"no answer after sending: {tail}", italian) == (
        f"nessuna risposta dopo l’invio: {tail}"
    )
    assert reason_name(f"answer does not tell: {tail}", italian) == (
        f"la risposta non indica l’esito: {tail}"
    )


def test_an_errors_message_is_worded_as_the_window_words_the_error() -> None:
    """A PecError's message, whole or after a prefix, is translated; its values kept as they are."""
    message = InvalidRequestError(status=400, server_message=SERVICE).message
    assert reason_name(message, italian) == (
        f"Il servizio PEC ha respinto la richiesta come non valida: {SERVICE}."
    )
    assert reason_name(f"unexpected answer: {server_error(SERVICE)}", italian) == (
        "risposta inattesa: Il servizio PEC ha avuto un problema interno "
        f"(HTTP 500: {SERVICE}). Riprovi tra qualche minuto."
    )


@pytest.mark.parametrize(
    "error",
    [
        NetworkError(outcome_unknown=True, reason="timed out"),
        AuthError(status=401, server_message="token scaduto"),
        OutcomeUnknownError(status=502, server_message="<html>Bad gateway</html>"),
        PecError(),
    ],
)
def test_every_error_message_reads_back_in_english(error: PecError) -> None:
    """Whatever PecError was journaled, untranslated it reads exactly as stored."""
    for journaled in (error.message, f"no answer after sending: {error.message}"):
        assert reason_name(journaled, untranslated) == journaled


def test_a_translation_that_lost_a_placeholder_falls_back_to_english() -> None:
    """A broken translation never hides the reason: the English phrase is shown instead."""

    def broken(context: str, text: str) -> str:
        return "tentativi: {tries}" if context == CONTEXT else text

    assert reason_name("gave up after 3 tries: boom", broken) == "gave up after 3 tries: boom"


@pytest.mark.parametrize(
    "verdict",
    [
        accepted(SendResult("", 1)),
        refused(ServerError(status=500), attempts=8, policy=RetryPolicy(), now=0.0),
        refused(NetworkError(outcome_unknown=True), attempts=1, policy=RetryPolicy(), now=0.0),
        refused(OutcomeUnknownError(status=502), attempts=1, policy=RetryPolicy(), now=0.0),
        refused(ApiError(status=418), attempts=1, policy=RetryPolicy(), now=0.0),
        refused(PecError(), attempts=1, policy=RetryPolicy(), now=0.0),
    ],
)
def test_the_queues_own_reasons_are_in_the_table(verdict: Verdict) -> None:
    """What the retry policy journals is recognised: its wording and the table's are one."""
    asked.clear()
    reason_name(verdict.outcome.reason, italian)
    assert [context for context, _ in asked].count(CONTEXT) == 1
