"""A pre-flight that a newer one superseded stops early; one that nobody superseded runs through."""

from __future__ import annotations

import pytest

from pecdesk.recipients.addresses import make_recipient
from pecdesk.services.sending.preflight import (
    SUPERSEDED_POLL_ROWS,
    CheckSupersededError,
    Letter,
    check,
)

ROWS = [make_recipient(n, f"c{n}@pec.it") for n in range(1, 5 * SUPERSEDED_POLL_ROWS + 1)]
LETTER = Letter("Avviso", "<p>Testo</p>")


def test_superseded_check_stops_within_a_poll() -> None:
    """Once ``superseded`` says yes the check raises, having asked only a few times."""
    asked: list[int] = []

    def superseded() -> bool:
        asked.append(1)
        return len(asked) >= 2

    with pytest.raises(CheckSupersededError):
        check(ROWS, LETTER, max_message_bytes=10**8, superseded=superseded)
    assert len(asked) == 2


def test_a_check_never_superseded_gives_the_same_report() -> None:
    """Asking and being told no changes nothing in the report."""
    asked: list[int] = []

    def never() -> bool:
        asked.append(1)
        return False

    plain = check(ROWS, LETTER, max_message_bytes=10**8)
    assert check(ROWS, LETTER, max_message_bytes=10**8, superseded=never) == plain
    assert len(asked) == 5  # once every SUPERSEDED_POLL_ROWS rows
