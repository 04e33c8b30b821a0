"""Classify PEC receipts and notices from what PEC Massiva exposes: subject and text.

The API gives no X-Ricevuta header and no daticert.xml (domain.md a9), so the subject prefix is
the only signal of a receipt's kind. Prefixes are matched at the start, case-insensitively and
longest first: "AVVISO DI NON ACCETTAZIONE:" must never be read as "ACCETTAZIONE:", and the
original subject may itself contain any of these words further on. The two "PER SUP. TEMPO
MASSIMO" notices share one subject; only their text tells the 12-hour warning from the 24-hour
final notice.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass


class ReceiptKind(enum.Enum):
    """What a mail in a PEC mailbox is, as far as PEC is concerned."""

    ACCEPTANCE = "accettazione"
    NON_ACCEPTANCE = "non-accettazione"
    NON_ACCEPTANCE_VIRUS = "non-accettazione-virus"
    TAKEN_IN_CHARGE = "presa-in-carico"
    DELIVERY = "avvenuta-consegna"
    NON_DELIVERY = "errore-consegna"
    NON_DELIVERY_VIRUS = "errore-consegna-virus"
    TIMEOUT_WARNING = "preavviso-errore-consegna"
    TIMEOUT_FINAL = "errore-consegna-tempo-massimo"
    VIRUS_DETECTED = "rilevazione-virus"
    CERTIFIED_MAIL = "posta-certificata"
    ANOMALY = "anomalia"
    OTHER = "altro"


TIMEOUT_PREFIX = "AVVISO DI MANCATA CONSEGNA PER SUP. TEMPO MASSIMO:"
# Providers spell the timeout notice's subject out in full too ("per superamento dei tempi
# massimi"); every spelling is the same notice, told apart from the warning only by its text.
TIMEOUT_PREFIXES = (
    TIMEOUT_PREFIX,
    "AVVISO DI MANCATA CONSEGNA PER SUP. TEMPI MASSIMI:",
    "AVVISO DI MANCATA CONSEGNA PER SUPERAMENTO TEMPO MASSIMO:",
    "AVVISO DI MANCATA CONSEGNA PER SUPERAMENTO TEMPI MASSIMI:",
    "AVVISO DI MANCATA CONSEGNA PER SUPERAMENTO DEI TEMPI MASSIMI:",
)

# Longest first, so that no prefix is shadowed by a shorter one it contains or extends.
_PREFIXES: tuple[tuple[str, ReceiptKind], ...] = tuple(
    sorted(
        (
            ("ACCETTAZIONE:", ReceiptKind.ACCEPTANCE),
            ("AVVISO DI NON ACCETTAZIONE:", ReceiptKind.NON_ACCEPTANCE),
            ("AVVISO DI NON ACCETTAZIONE PER VIRUS:", ReceiptKind.NON_ACCEPTANCE_VIRUS),
            ("PRESA IN CARICO:", ReceiptKind.TAKEN_IN_CHARGE),
            ("CONSEGNA:", ReceiptKind.DELIVERY),
            ("AVVISO DI MANCATA CONSEGNA:", ReceiptKind.NON_DELIVERY),
            ("AVVISO DI MANCATA CONSEGNA PER VIRUS:", ReceiptKind.NON_DELIVERY_VIRUS),
            *((prefix, ReceiptKind.TIMEOUT_WARNING) for prefix in TIMEOUT_PREFIXES),
            ("PROBLEMA DI SICUREZZA:", ReceiptKind.VIRUS_DETECTED),
            ("POSTA CERTIFICATA:", ReceiptKind.CERTIFIED_MAIL),
            ("ANOMALIA MESSAGGIO:", ReceiptKind.ANOMALY),
        ),
        key=lambda pair: len(pair[0]),
        reverse=True,
    )
)

# "è" arrives as "è", "e'", "&egrave;" or U+FFFD (GET /send/{code} decodes it lossily, api.md 4.2),
# hence the loose "\S{1,8}" where it stands.
_FINAL_TIMEOUT_WORDS = re.compile(
    r"\b(24|22)\s*ore\b|\bdefinitiv|\bnon potr|\bnon verr\S{0,8} pi\S{0,8} tentat|"
    r"\bnon sar\S{0,8} pi\S{0,8} tentat|\bnon \S{1,8} stato consegnato|"
    r"\btime limit exceeded|\bmaximum time (has )?(passed|expired)|"
    r"\bavviso di mancata consegna per sup",  # the final one's title; the warning's: "Preavviso"
    re.IGNORECASE,
)
_WARNING_TIMEOUT_WORDS = re.compile(
    r"\b12\s*ore\b|\bcontinuer|\bcontinua a tentare|\bpreavviso|\bancora consegnat|"
    r"\bnon ancora|\bstill (being )?(attempt|tr)",
    re.IGNORECASE,
)
_TEMPORARY_WORDS = re.compile(
    r"casella piena|spazio|quota|temporaneamente|non in grado di accettare|"
    r"over ?quota|mailbox full|\b4\.\d+\.\d+\b",
    re.IGNORECASE,
)
_TRAILING_CODE = re.compile(r"\s+(\d{15,16})\s*$")


@dataclass(frozen=True, slots=True)
class Classified:
    """A receipt's kind, the subject it is about and the sending code at its end.

    Attributes:
        kind: the receipt kind.
        original_subject: the subject without the PEC prefix and without the code.
        code: the 15–16 digit sending code the service appended, or "" if none.
    """

    kind: ReceiptKind
    original_subject: str
    code: str


def classify(subject: str, body: str = "") -> Classified:
    """Classify one mail by its subject prefix (and its text for the timeout notices)."""
    stripped = subject.lstrip()
    upper = stripped.upper()
    kind = ReceiptKind.OTHER
    rest = stripped
    for prefix, candidate in _PREFIXES:
        if upper.startswith(prefix):
            kind = candidate
            rest = stripped[len(prefix) :].strip()
            break
    if kind is ReceiptKind.TIMEOUT_WARNING and is_final_timeout_text(body):
        kind = ReceiptKind.TIMEOUT_FINAL
    found = _TRAILING_CODE.search(rest)
    code = found.group(1) if found and kind is not ReceiptKind.OTHER else ""
    original = rest[: found.start()].strip() if code and found else rest
    return Classified(kind=kind, original_subject=original, code=code)


def is_final_timeout_text(body: str) -> bool:
    """True when a "SUP. TEMPO MASSIMO" notice's text is the final (24-hour) one.

    A warning may mention the 24-hour deadline still ahead, so the 12-hour words win; a text
    that names neither is not taken as final (a second notice for the same recipient is).
    """
    if _WARNING_TIMEOUT_WORDS.search(body):
        return False
    return bool(_FINAL_TIMEOUT_WORDS.search(body))


def failure_is_temporary(body: str) -> bool:
    """True when a non-delivery reason is temporary (mailbox full, temporarily unavailable).

    AgID's reasons (domain.md a2): "casella piena" and "temporaneamente" are worth a retry;
    "utente/casella inesistente", "casella non valida" and "utente revocato" are not.
    """
    return bool(_TEMPORARY_WORDS.search(body))
