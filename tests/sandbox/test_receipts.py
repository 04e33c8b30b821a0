"""Receipts: timing, each recipient convention, hosted mailboxes, sender mismatch, /send/{code}."""

from __future__ import annotations

import time
from email.utils import parsedate_to_datetime
from urllib.parse import unquote_plus

import pytest

from tests.helpers.sandbox import MAILBOX, OTHER_MAILBOX, OTHER_PASSWORD, SandboxFactory
from tests.helpers.sandbox_http import Api, subjects, wait_for

RECEIPT_SENDER = "posta-certificata@pecmassiva.com"


def test_pec_recipient_gets_acceptance_then_delivery(api: Api) -> None:
    """A PEC recipient: ACCETTAZIONE (empty message) then CONSEGNA naming the recipient."""
    code = api.sent_code(subject="Fattura 12", recipient="ufficio@pec.cliente.it")
    accepted, delivered = api.wait_receipts(code, 2)
    assert accepted == {
        "sender": RECEIPT_SENDER,
        "recipient": MAILBOX,
        "data": accepted["data"],
        "object": f"ACCETTAZIONE: Fattura 12 {code}",
        "message": "",
    }
    assert delivered["object"] == f"CONSEGNA: Fattura 12 {code}"
    assert delivered["sender"] == RECEIPT_SENDER
    assert delivered["recipient"] == MAILBOX
    assert '"ufficio@pec.cliente.it"' in delivered["message"]
    assert "consegnato" in delivered["message"]
    first, second = (parsedate_to_datetime(i["data"]) for i in (accepted, delivered))
    assert first <= second
    assert first.utcoffset() is not None
    assert str(first.utcoffset()) in ("1:00:00", "2:00:00")


def test_nothing_before_receipt_delay(sandbox_factory: SandboxFactory) -> None:
    """Right after the send there is nothing yet: 404 Result empty, then receipts arrive."""
    client = Api(sandbox_factory(receipt_delay=0.4))
    try:
        code = client.sent_code()
        assert client.receipts(code) == []
        assert subjects(client.wait_receipts(code, 1))[0].startswith("ACCETTAZIONE:")
    finally:
        client.close()


def test_acceptance_body_is_italian_html(api: Api) -> None:
    """The ACCETTAZIONE body is HTML naming subject, sender, recipients and their kind."""
    code = api.sent_code(subject="Diffida", recipient=["a@pec.it", "b@gmail.com"])
    api.wait_receipts(code, 1)
    item = next(i for i in api.inbox()["data"] if i["object"].startswith("ACCETTAZIONE"))
    body = unquote_plus(api.get(f"/inbox/{item['id']}").json()["data"]["body"])
    assert body.startswith("<p>Ricevuta di accettazione</p>")
    assert f'"Diffida {code}" proveniente da "{MAILBOX}"' in body
    assert 'a@pec.it ("posta certificata")' in body
    assert 'b@gmail.com ("posta ordinaria")' in body
    assert "è stato accettato dal sistema ed inoltrato" in body
    assert "Il giorno " in body
    assert " alle ore " in body


@pytest.mark.parametrize(
    "recipient",
    [
        "mario@gmail.com",
        "x@googlemail.com",
        "y@outlook.com",
        "z@hotmail.com",
        "w@live.com",
        "v@yahoo.com",
        "u@yahoo.it",
        "t@icloud.com",
        "info@studio.example",
        "a@b.c.example",
    ],
)
def test_ordinary_domains_get_acceptance_only(api: Api, recipient: str) -> None:
    """Ordinary e-mail domains get ACCETTAZIONE and never a CONSEGNA."""
    code = api.sent_code(recipient=recipient)
    api.wait_receipts(code, 1)
    time.sleep(0.15)  # three receipt delays: an outcome would be there by now
    assert [s.split(":")[0] for s in subjects(api.receipts(code))] == ["ACCETTAZIONE"]


@pytest.mark.parametrize(
    ("recipient", "reason"),
    [
        ("fail.ufficio@pec.it", "5.1.1"),
        ("fail@gmail.com", "casella inesistente"),
        ("full.archivio@pec.it", "casella piena"),
        ("FULL@pec.it", "4.2.2"),
    ],
)
def test_failing_recipients(api: Api, recipient: str, reason: str) -> None:
    """``fail…`` and ``full…`` local parts give AVVISO DI MANCATA CONSEGNA with the reason."""
    code = api.sent_code(subject="Avviso", recipient=recipient)
    _, failed = api.wait_receipts(code, 2)
    assert failed["object"] == f"AVVISO DI MANCATA CONSEGNA: Avviso {code}"
    assert reason in failed["message"]
    assert f'"{recipient}"' in failed["message"]
    assert "non è stato consegnato" in failed["message"]


def test_slow_recipient_gets_12h_then_24h_notice(sandbox_factory: SandboxFactory) -> None:
    """``slow…``: the 12-hour notice at half the timeout, then the final 24-hour notice."""
    client = Api(sandbox_factory(pec_timeout=1.0))
    try:
        sent = time.monotonic()
        code = client.sent_code(subject="Ricorso", recipient="slow.tribunale@pec.it")
        client.wait_receipts(code, 1)
        early = client.receipts(code)
        if time.monotonic() - sent < 0.45:  # the 12-hour notice is due at 0.5 s
            assert len(early) == 1
        warning = client.wait_receipts(code, 2)[1]
        final = client.wait_receipts(code, 3)[2]
    finally:
        client.close()
    prefix = "AVVISO DI MANCATA CONSEGNA PER SUP. TEMPO MASSIMO: "
    assert warning["object"] == final["object"] == f"{prefix}Ricorso {code}"
    assert "entro le prime 12 ore" in warning["message"]
    assert "entro 24 ore" in final["message"]
    assert "non è stato consegnato" in final["message"]
    assert "non è stato consegnato" not in warning["message"]
    assert "24 ore" not in warning["message"]
    assert "12 ore" not in final["message"]
    assert '"slow.tribunale@pec.it"' in warning["message"]


def test_hosted_recipient_gets_posta_certificata(api: Api) -> None:
    """A hosted recipient gets POSTA CERTIFICATA "Per conto di: …"; the sender gets CONSEGNA."""
    body = "<p>Gentile cliente, <b>è</b> disponibile 50% + IVA &amp; spese</p>"
    code = api.sent_code(subject="Preventivo", recipient=OTHER_MAILBOX, body=body)
    assert subjects(api.wait_receipts(code, 2)) == [
        f"ACCETTAZIONE: Preventivo {code}",
        f"CONSEGNA: Preventivo {code}",
    ]
    [item] = api.other_inbox()["data"]
    assert item["sender"] == f'"Per conto di: {MAILBOX}" '
    assert item["recipient"] == f'"{OTHER_MAILBOX}" '
    assert item["object"] == f"POSTA CERTIFICATA: Preventivo {code}"
    raw = api.get(f"/inbox/{item['id']}", OTHER_MAILBOX, OTHER_PASSWORD).json()["data"]["body"]
    assert unquote_plus(raw) == body
    [envelope] = api.receipts(code, OTHER_MAILBOX, OTHER_PASSWORD)
    assert envelope["message"] == "Gentile cliente, è disponibile 50% + IVA & spese"


def test_self_send_shows_envelope_in_own_receipts(api: Api) -> None:
    """Mailing oneself (as in the OAS example) lists ACCETTAZIONE, POSTA CERTIFICATA, CONSEGNA."""
    code = api.sent_code(subject="Invio di prova", recipient=MAILBOX, body="Salve, <i>prova</i>")
    items = api.wait_receipts(code, 3)
    assert [s.split(":")[0] for s in subjects(items)] == [
        "ACCETTAZIONE",
        "POSTA CERTIFICATA",
        "CONSEGNA",
    ]
    assert items[1]["message"] == "Salve, prova"


def test_hosted_rule_wins_over_local_part(sandbox_factory: SandboxFactory) -> None:
    """A hosted mailbox named ``fail…`` still gets the message (hosted rule first)."""
    hosted = "fail.box@pecmassiva.com"
    box = sandbox_factory(mailboxes={MAILBOX: "pw", hosted: "pw2"})
    client = Api(box)
    try:
        code = client.sent_code(password="pw", recipient=hosted)
        assert subjects(client.wait_receipts(code, 2, password="pw"))[1].startswith("CONSEGNA")
        assert client.inbox(hosted, "pw2")["total"] == 1
    finally:
        client.close()


def test_multi_recipient_one_acceptance_one_outcome_each(api: Api) -> None:
    """Several recipients: one ACCETTAZIONE naming all, then one outcome per recipient."""
    recipients = ["uno@pec.it", "fail.due@pec.it", OTHER_MAILBOX, "tre@gmail.com", "uno@pec.it"]
    response = api.send(subject="Circolare", recipient=recipients)
    assert response.json()["sent"] == 4
    code = response.json()["message_id"]
    items = api.wait_receipts(code, 4)
    time.sleep(0.15)
    items = api.receipts(code)
    kinds = sorted(s.split(":")[0] for s in subjects(items))
    assert kinds == ["ACCETTAZIONE", "AVVISO DI MANCATA CONSEGNA", "CONSEGNA", "CONSEGNA"]
    acceptance = unquote_plus(
        api.get(f"/inbox/{_id_of(api, 'ACCETTAZIONE')}").json()["data"]["body"]
    )
    for address in ("uno@pec.it", "fail.due@pec.it", OTHER_MAILBOX, "tre@gmail.com"):
        assert address in acceptance
    delivered = [i["message"] for i in items if i["object"].startswith("CONSEGNA")]
    assert any('"uno@pec.it"' in m for m in delivered)
    assert any(f'"{OTHER_MAILBOX}"' in m for m in delivered)


def _id_of(api: Api, prefix: str) -> int:
    return int(next(i["id"] for i in api.inbox()["data"] if i["object"].startswith(prefix)))


def test_sender_mismatch_gets_non_acceptance(api: Api) -> None:
    """A sender other than the mailbox: 201 and ledger, but only AVVISO DI NON ACCETTAZIONE."""
    response = api.send(
        sender="qualcun.altro@pec.it", recipient=[OTHER_MAILBOX, "a@pec.it"], subject="Falso"
    )
    assert response.status_code == 201
    assert response.json()["sent"] == 2
    code = response.json()["message_id"]
    [notice] = api.wait_receipts(code, 1)
    assert notice["object"] == f"AVVISO DI NON ACCETTAZIONE: Falso {code}"
    assert notice["recipient"] == MAILBOX
    assert "qualcun.altro@pec.it" in notice["message"]
    time.sleep(0.15)
    assert len(api.receipts(code)) == 1
    assert api.other_inbox()["total"] == 0
    assert api.http.get("/_sandbox/ledger").json()[0]["sender"] == "qualcun.altro@pec.it"


def test_modern_fields_variant(sandbox_factory: SandboxFactory) -> None:
    """``fields="modern"`` names the /send/{code} keys date, subject, body."""
    client = Api(sandbox_factory(fields="modern"))
    try:
        code = client.sent_code(subject="Nuovo")
        item = client.wait_receipts(code, 2)[1]
    finally:
        client.close()
    assert set(item) == {"sender", "recipient", "date", "subject", "body"}
    assert item["subject"] == f"CONSEGNA: Nuovo {code}"
    assert "consegnato" in item["body"]


def test_delete_sending(api: Api) -> None:
    """DELETE /send/{code} removes that sending's mails only; a second delete is 404."""
    keep = api.sent_code(subject="Tenere")
    drop = api.sent_code(subject="Buttare")
    api.wait_receipts(keep, 2)
    api.wait_receipts(drop, 2)
    response = api.delete(f"/send/{drop}")
    assert response.status_code == 200
    assert response.json() == {"success": True, "message": "Operation succefull"}
    assert api.receipts(drop) == []
    assert len(api.receipts(keep)) == 2
    again = api.delete(f"/send/{drop}")
    assert again.status_code == 404
    assert again.json() == {"success": False, "message": "Email not found"}


def test_receipts_are_addressed_to_authenticated_mailbox_only(api: Api) -> None:
    """Receipts land in the sender's INBOX; another mailbox's /send/{code} finds nothing."""
    code = api.sent_code(recipient="a@pec.it")
    api.wait_receipts(code, 2)
    wait_for(lambda: api.inbox()["total"] == 2)
    assert api.receipts(code, OTHER_MAILBOX, OTHER_PASSWORD) == []
