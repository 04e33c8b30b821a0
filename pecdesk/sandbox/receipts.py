"""Italian PEC receipts and notices, worded like the big providers' (Aruba, Legalmail).

Bodies are simple HTML (``<p>``, ``<br>``) as ``GET /inbox/{id}`` serves them; ``html_to_text``
gives the tag-free text that ``GET /send/{code}`` reports.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

from pecdesk.sandbox.dates import giorno_ora

RECEIPT_SENDER = "posta-certificata@pecmassiva.com"
ACCEPTED = "ACCETTAZIONE"
NOT_ACCEPTED = "AVVISO DI NON ACCETTAZIONE"
ENVELOPE = "POSTA CERTIFICATA"
DELIVERED = "CONSEGNA"
NOT_DELIVERED = "AVVISO DI MANCATA CONSEGNA"
TIMED_OUT = "AVVISO DI MANCATA CONSEGNA PER SUP. TEMPO MASSIMO"

PERMANENT_FAILURE = "5.1.1 - casella inesistente / utente sconosciuto"
MAILBOX_FULL = "4.2.2 - casella piena: spazio disponibile esaurito (errore temporaneo)"


@dataclass(frozen=True)
class Draft:
    """A message about to be dropped into a mailbox.

    Attributes:
        sender: the From as the API shows it.
        recipient: the To as the API shows it.
        subject: the full subject, prefix and sending code included.
        body: HTML body.
        extra_size: bytes beyond the body that count for the quota (attachments).
    """

    sender: str
    recipient: str
    subject: str
    body: str
    extra_size: int = 0


@dataclass(frozen=True)
class Sending:
    """What every receipt of one sending refers to.

    Attributes:
        mailbox: the authenticated mailbox, to which receipts are addressed.
        sender: the sender given in the request.
        subject: the subject with the sending code appended.
        code: the sending code.
        sent_at: POSIX time of the send.
    """

    mailbox: str
    sender: str
    subject: str
    code: str
    sent_at: float


def _html(*paragraphs: Sequence[str]) -> str:
    """Join paragraphs of lines into ``<p>…<br>…</p>``, escaping every line."""
    return "".join(
        "<p>" + "<br>".join(escape(line, quote=False) for line in lines) + "</p>"
        for lines in paragraphs
    )


def _identifier(sending: Sending, serial: int) -> str:
    return f"Identificativo messaggio: opec21.{sending.code}.{serial:03d}@pecmassiva.com"


def _receipt(sending: Sending, prefix: str, body: str) -> Draft:
    return Draft(RECEIPT_SENDER, sending.mailbox, f"{prefix}: {sending.subject}", body)


def _about(sending: Sending, when: float, verb: str) -> str:
    """The lead of every receipt: date, subject and sender of the message."""
    return (
        f'{giorno_ora(when)} {verb} "{sending.subject}" proveniente da "{sending.sender}" '
        "ed indirizzato a"
    )


def acceptance(sending: Sending, recipients: Sequence[tuple[str, bool]], when: float) -> Draft:
    """ACCETTAZIONE naming every recipient as ``(address, is_pec)``."""
    named = [
        f'{address} ("{"posta certificata" if pec else "posta ordinaria"}")'
        for address, pec in recipients
    ]
    lines = [
        f"{_about(sending, when, 'il messaggio')}:",
        *named,
        "è stato accettato dal sistema ed inoltrato.",
        _identifier(sending, 0),
    ]
    return _receipt(sending, ACCEPTED, _html(["Ricevuta di accettazione"], lines))


def non_acceptance(sending: Sending, recipients: Sequence[str], when: float) -> Draft:
    """AVVISO DI NON ACCETTAZIONE: the sender is not the authenticated mailbox."""
    lines = [
        f"{_about(sending, when, 'nel messaggio')}:",
        *recipients,
        "è stato rilevato un problema che ne impedisce l'accettazione: il mittente "
        f'"{sending.sender}" non corrisponde alla casella "{sending.mailbox}".',
        "Il messaggio non è stato accettato.",
        _identifier(sending, 0),
    ]
    return _receipt(sending, NOT_ACCEPTED, _html(["Avviso di non accettazione"], lines))


def delivery(sending: Sending, recipient: str, when: float, serial: int) -> Draft:
    """CONSEGNA for one recipient."""
    lines = [
        f'{_about(sending, when, "il messaggio")} "{recipient}" '
        "è stato consegnato nella casella di destinazione.",
        _identifier(sending, serial),
    ]
    return _receipt(sending, DELIVERED, _html(["Ricevuta di avvenuta consegna"], lines))


def non_delivery(sending: Sending, recipient: str, when: float, serial: int, reason: str) -> Draft:
    """AVVISO DI MANCATA CONSEGNA for one recipient, with the provider's ``reason``."""
    lines = [
        f'{_about(sending, when, "nel messaggio")} "{recipient}" '
        f"è stato rilevato un problema che ne impedisce la consegna ({reason}).",
        "Il messaggio non è stato consegnato.",
        _identifier(sending, serial),
    ]
    return _receipt(sending, NOT_DELIVERED, _html(["Avviso di mancata consegna"], lines))


def timeout_warning(sending: Sending, recipient: str, serial: int) -> Draft:
    """The 12-hour notice: no delivery receipt yet; delivery is still being attempted."""
    lines = [
        f'{_about(sending, sending.sent_at, "è stato inviato il messaggio")} "{recipient}".',
        "Non è pervenuta entro le prime 12 ore dall'invio la ricevuta di avvenuta consegna: "
        "il messaggio non è stato ancora consegnato.",
        "Il sistema continua a tentare la consegna fino alla scadenza del tempo massimo; "
        "si consiglia di non inviare nuovamente il messaggio.",
        _identifier(sending, serial),
    ]
    title = ["Preavviso di mancata consegna per superamento dei tempi massimi previsti"]
    return _receipt(sending, TIMED_OUT, _html(title, lines))


def timeout_final(sending: Sending, recipient: str, serial: int) -> Draft:
    """The 24-hour notice: the deadline has passed and the message was not delivered."""
    lines = [
        f'{_about(sending, sending.sent_at, "è stato inviato il messaggio")} "{recipient}".',
        "Non è pervenuta entro 24 ore dall'invio la ricevuta di avvenuta consegna: "
        "il messaggio non è stato consegnato e la consegna non verrà più tentata.",
        _identifier(sending, serial),
    ]
    title = ["Avviso di mancata consegna per superamento dei tempi massimi previsti"]
    return _receipt(sending, TIMED_OUT, _html(title, lines))


def envelope(sending: Sending, recipient: str, body: str, extra_size: int) -> Draft:
    """POSTA CERTIFICATA: the transport envelope a hosted recipient finds in its INBOX."""
    return Draft(
        f'"Per conto di: {sending.sender}" ',
        f'"{recipient}" ',
        f"{ENVELOPE}: {sending.subject}",
        body,
        extra_size,
    )


class _TextExtractor(HTMLParser):
    _BREAKS = frozenset({"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})
    _HIDDEN = frozenset({"script", "style", "head", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self._hidden += 1
        elif tag in self._BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in self._BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


_BLANK_LINES = re.compile(r"\n{3,}")


def html_to_text(html: str) -> str:
    """Strip tags from ``html``: breaks and paragraphs become newlines, entities are decoded."""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    text = "".join(extractor.parts)
    lines = "\n".join(line.strip() for line in text.splitlines())
    return _BLANK_LINES.sub("\n\n", lines).strip()
