"""Realistic sample INBOX content: incoming PEC, receipts of past sendings, anomalies.

Used by ``EmbeddedSandbox.seed_inbox`` (hundreds of messages for paging tests) and by demo mode.
The text is varied on purpose: accents, HTML, ``&``, ``%`` and ``+`` exercise the urlencoding.
"""

from __future__ import annotations

import random
from html import escape

from pecdesk.sandbox import receipts
from pecdesk.sandbox.dates import code_stamp, giorno_ora
from pecdesk.sandbox.receipts import Draft, Sending

_CORRESPONDENTS = (
    ("amministrazione@pec.studiobianchi.it", "Studio Bianchi & Associati"),
    ("protocollo@pec.comune.sanlazzaro.bo.it", "Comune di San Lazzaro – Ufficio Protocollo"),
    ("ufficio.legale@pec.ferramentaesposito.it", "Ferramenta Esposito S.r.l."),
    ("condominio.girasoli@pec.amministrazioni.it", "Amministrazione Condominio «I Girasoli»"),
    ("avv.moretti@pec.ordineavvocatimilano.it", "Avv. Niccolò Moretti"),
    ("fatture@pec.energiaverde.it", "Energia Verde S.p.A."),
)
_TOPICS = (
    "Fattura n. {n}/2025 – scadenza 30 giorni",
    "Sollecito di pagamento pratica {n}",
    "Convocazione assemblea condominiale n. {n}",
    "Notifica atto – R.G. {n}/2025",
    "Richiesta documentazione integrativa – pratica {n}",
    "Diffida ad adempiere n. {n}",
    "Preventivo n. {n}: sconto 15% + IVA",
    "Comunicazione ai sensi dell'art. 1454 c.c. – rif. {n}",
)
_ORDINARY = ("mario.rossi@gmail.com", "l.verdi@outlook.com", "info@negozio.example")
_RECIPIENTS = (
    "ufficio@pec.cliente-uno.it",
    "fail.archivio@pec.vecchiodominio.it",
    "full.segreteria@pec.studiopieno.it",
    "contabilita@pec.fornitore.it",
)


def _letter(rng: random.Random, topic: str, signer: str) -> str:
    """An HTML business letter in Italian with the characters that trip encoders."""
    amount = f"{rng.randint(120, 9800)},{rng.randint(0, 99):02d}"
    lines = [
        "<p>Gentile cliente,</p>",
        f"<p>con la presente Le trasmettiamo <b>{escape(topic)}</b>. L'importo dovuto è di "
        f"<b>€ {amount}</b> (IVA 22% + oneri &amp; spese incluse).</p>",
        "<p>Qualora abbia già provveduto, La preghiamo di non tenere conto di questa "
        "comunicazione. Per qualsiasi chiarimento può rispondere a questa PEC.</p>",
        f"<p>Cordiali saluti,<br>{escape(signer)}</p>",
    ]
    return "".join(lines)


def _incoming(rng: random.Random, address: str, serial: int) -> Draft:
    sender, signer = rng.choice(_CORRESPONDENTS)
    topic = rng.choice(_TOPICS).format(n=serial)
    return Draft(
        f'"Per conto di: {sender}" ',
        f'"{address}" ',
        f"{receipts.ENVELOPE}: {topic}",
        _letter(rng, topic, signer),
    )


def _anomaly(rng: random.Random, address: str, serial: int, date: float) -> Draft:
    sender = rng.choice(_ORDINARY)
    body = (
        f"<p>Anomalia nel messaggio</p><p>{giorno_ora(date)} è stato ricevuto il messaggio "
        f'proveniente da "{sender}", che non è un messaggio di posta certificata; il suo '
        "contenuto è riportato in allegato e non ha valore legale.</p>"
        f"<p>Richiesta informazioni n. {serial} – è possibile fissare un appuntamento?</p>"
    )
    return Draft(
        f'"Per conto di: {sender}" ',
        f'"{address}" ',
        f"ANOMALIA MESSAGGIO: Richiesta informazioni n. {serial}",
        body,
    )


def _receipt(rng: random.Random, address: str, serial: int, date: float) -> Draft:
    code = str(code_stamp(date - 2) * 100 + serial % 100)
    topic = rng.choice(_TOPICS).format(n=serial)
    sending = Sending(address, address, f"{topic} {code}", code, date - 2)
    recipient = rng.choice(_RECIPIENTS)
    kind = rng.randrange(4)
    if kind == 0:
        return receipts.acceptance(sending, [(recipient, True)], date)
    if recipient.startswith("fail"):
        return receipts.non_delivery(sending, recipient, date, 1, receipts.PERMANENT_FAILURE)
    if recipient.startswith("full"):
        return receipts.non_delivery(sending, recipient, date, 1, receipts.MAILBOX_FULL)
    if kind == 3:
        return receipts.timeout_warning(sending, recipient, 1)
    return receipts.delivery(sending, recipient, date, 1)


def sample_messages(
    address: str, count: int, *, now: float, first_serial: int = 1
) -> list[tuple[Draft, float]]:
    """Return ``count`` varied messages for ``address``'s INBOX as ``(draft, date)``, oldest first.

    Dates run backwards from ``now`` a few minutes to an hour apart; ``first_serial`` makes
    subjects unique across calls. The same arguments give the same messages.
    """
    rng = random.Random(f"{address.lower()}:{count}:{first_serial}")
    dates: list[float] = []
    moment = now - 60
    for _ in range(count):
        dates.append(float(int(moment)))
        moment -= rng.uniform(120, 3600)
    dates.reverse()
    drafts = []
    for index, date in enumerate(dates):
        serial = first_serial + index
        pick = rng.random()
        if pick < 0.4:
            draft = _incoming(rng, address, serial)
        elif pick < 0.5:
            draft = _anomaly(rng, address, serial, date)
        else:
            draft = _receipt(rng, address, serial, date)
        drafts.append((draft, date))
    return drafts
