"""Reply and forward drafts: subjects, recipients, quoted text, receipts refused (no Qt)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pecdesk.domain.models import Message
from pecdesk.domain.receipts import ReceiptKind
from pecdesk.services.mailbox.reply import (
    ReplyWords,
    can_answer,
    forward_draft,
    forward_subject,
    original_subject,
    reply_draft,
    reply_subject,
)
from pecdesk.services.mailbox.text import lines_of

ITALIAN = ReplyWords(
    reply_prefix="R:",
    forward_prefix="I:",
    quote_header="Il {date}, {sender} ha scritto:",
    forward_header="-------- Messaggio inoltrato --------",
    from_label="Da:",
    date_label="Data:",
    subject_label="Oggetto:",
    to_label="A:",
)


def received(subject: str = "POSTA CERTIFICATA: Preventivo lavori", body: str = "") -> Message:
    """A PEC as GET /inbox/{id} gives it: the envelope's sender and subject, an HTML body."""
    return Message(
        "avv.rossi@pec.it",
        '"Per conto di: avv.rossi@pec.it" ',
        "studio@pec.it",
        datetime(2025, 3, 1, 9, 30, tzinfo=UTC),
        "Sat, 01 Mar 2025 10:30:00 +0100",
        subject,
        body or "<p>Gentile studio,<br>il preventivo &egrave; <b>pronto</b>.</p><p>Saluti</p>",
    )


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("POSTA CERTIFICATA: Preventivo", "Re: Preventivo"),
        ("posta certificata:Preventivo", "Re: Preventivo"),
        ("POSTA CERTIFICATA: Re: Preventivo", "Re: Preventivo"),
        ("POSTA CERTIFICATA: RE: re: Preventivo", "Re: Preventivo"),
        ("POSTA CERTIFICATA: R: Preventivo", "Re: Preventivo"),
        ("POSTA CERTIFICATA: Re[2]: Preventivo", "Re: Preventivo"),
        ("ANOMALIA MESSAGGIO: Saluti", "Re: Saluti"),
        ("Preventivo", "Re: Preventivo"),
        ("POSTA CERTIFICATA: I: Preventivo", "Re: I: Preventivo"),
        ("POSTA CERTIFICATA: Reclamo", "Re: Reclamo"),
        ("", "Re:"),
    ],
)
def test_reply_subject(subject: str, expected: str) -> None:
    """One "Re:" before the sender's own subject, whatever markers and envelope came with it."""
    assert reply_subject(subject, "Re:") == expected


def test_reply_subject_in_italian_does_not_stack() -> None:
    """The translated marker is recognised too: replying to "R: x" in Italian gives "R: x"."""
    assert reply_subject("POSTA CERTIFICATA: R: Diffida", "R:") == "R: Diffida"
    assert reply_subject("POSTA CERTIFICATA: Re: Diffida", "R:") == "R: Diffida"


@pytest.mark.parametrize(
    ("subject", "prefix", "expected"),
    [
        ("POSTA CERTIFICATA: Preventivo", "Fwd:", "Fwd: Preventivo"),
        ("POSTA CERTIFICATA: Preventivo", "I:", "I: Preventivo"),
        ("POSTA CERTIFICATA: I: Preventivo", "I:", "I: Preventivo"),
        ("POSTA CERTIFICATA: Fwd: Preventivo", "I:", "Fwd: Preventivo"),
        ("POSTA CERTIFICATA: Re: Preventivo", "I:", "I: Re: Preventivo"),
        ("POSTA CERTIFICATA: Incarico", "I:", "I: Incarico"),
    ],
)
def test_forward_subject(subject: str, prefix: str, expected: str) -> None:
    """The forward marker once, before the subject as its sender wrote it."""
    assert forward_subject(subject, prefix) == expected


def test_original_subject_keeps_receipt_words_inside() -> None:
    """Only a leading envelope prefix goes: the same words later in the subject stay."""
    assert original_subject("POSTA CERTIFICATA: POSTA CERTIFICATA: x") == "POSTA CERTIFICATA: x"
    assert original_subject("Oggetto: POSTA CERTIFICATA") == "Oggetto: POSTA CERTIFICATA"


def test_only_written_mail_can_be_answered() -> None:
    """Receipts and notices cannot be replied to or forwarded; PECs and other mail can."""
    answerable = {kind for kind in ReceiptKind if can_answer(kind)}
    assert answerable == {ReceiptKind.CERTIFIED_MAIL, ReceiptKind.ANOMALY, ReceiptKind.OTHER}


def test_reply_draft_goes_to_the_real_sender_with_the_text_quoted() -> None:
    """The reply is addressed to the sender behind "Per conto di:", its text quoted as text."""
    draft = reply_draft(received(), words=ITALIAN, date="01/03/25, 10:30")
    assert draft.pasted == "avv.rossi@pec.it"
    assert draft.subject == "R: Preventivo lavori"
    assert "Il 01/03/25, 10:30, avv.rossi@pec.it ha scritto:" in draft.body
    assert "&gt; Gentile studio," in draft.body
    assert "&gt; il preventivo è pronto." in draft.body
    assert "&gt; Saluti" in draft.body
    assert "<b>" not in draft.body
    assert draft.imported == () and draft.attachments == ()


def test_reply_never_injects_the_original_markup() -> None:
    """Markup written as text in the original, and its scripts, stay inert text or go."""
    body = "<p>Vedi &lt;script&gt;alert(1)&lt;/script&gt;</p><script>evil()</script>"
    draft = reply_draft(received(body=body), words=ReplyWords(), date="d")
    assert "<script" not in draft.body
    assert "&gt; Vedi &lt;script&gt;alert(1)&lt;/script&gt;" in draft.body
    assert "evil" not in draft.body


def test_forward_draft_has_headers_and_no_recipient() -> None:
    """A forward names sender, date, subject and recipient above its text; no recipient yet."""
    draft = forward_draft(received(), words=ITALIAN, date="01/03/25, 10:30")
    assert draft.pasted == ""
    assert draft.subject == "I: Preventivo lavori"
    for line in (
        "-------- Messaggio inoltrato --------",
        "Da: avv.rossi@pec.it",
        "Data: 01/03/25, 10:30",
        "Oggetto: Preventivo lavori",
        "A: studio@pec.it",
        "il preventivo è pronto.",
    ):
        assert f">{line}</p>" in draft.body
    assert "&gt; " not in draft.body


def test_a_signature_line_in_the_original_is_not_taken_for_ours() -> None:
    """The original's "-- " line is changed, so Compose still signs the new letter."""
    draft = forward_draft(received(body="Saluti\n-- \nMario"), words=ReplyWords(), date="d")
    assert ">-- </p>" not in draft.body
    assert ">--</p>" in draft.body


@pytest.mark.parametrize(
    ("body", "lines"),
    [
        ("<p>a</p><p>b</p>", ["a", "", "b"]),
        ("a<br>b<BR/>c", ["a", "b", "c"]),
        ("<p>uno\n   due</p>", ["uno due"]),
        ("<style>p{color:red}</style><p>x&nbsp;y</p>", ["x y"]),
        ("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", ["a b", "", "c"]),
        ("riga 1\r\n\r\n\r\nriga 2\n", ["riga 1", "", "riga 2"]),
        ("50 < 60 & 70 > 40", ["50 < 60 & 70 > 40"]),
        ("", []),
    ],
)
def test_lines_of(body: str, lines: list[str]) -> None:
    """Bodies read as lines: HTML breaks at blocks and <br>, plain text keeps its own lines."""
    assert lines_of(body) == lines
