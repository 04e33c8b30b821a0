"""Telling the 24-hour notice from the 12-hour warning in a mail list, with no text to read."""

from __future__ import annotations

import pytest

from pecdesk.domain.receipts import ReceiptKind
from pecdesk.domain.timeout_notices import ListedReceipt, final_timeouts

K = ReceiptKind
H = 3600.0
CODE = "2026112712001234"


def acc(at: float, code: str = CODE) -> ListedReceipt:
    """An ACCETTAZIONE row."""
    return ListedReceipt(K.ACCEPTANCE, code, at)


def notice(at: float | None, code: str = CODE) -> ListedReceipt:
    """A "SUP. TEMPO MASSIMO" row, as its subject classifies it (a warning)."""
    return ListedReceipt(K.TIMEOUT_WARNING, code, at)


@pytest.mark.parametrize(
    ("rows", "final"),
    [
        pytest.param([acc(0), notice(12 * H)], set(), id="warning-alone"),
        pytest.param([acc(0), notice(24 * H)], {1}, id="past-the-deadline"),
        pytest.param([notice(24 * H), notice(12 * H), acc(0)], {0}, id="newest-first"),
        pytest.param([acc(0), notice(2.0), notice(4.0)], {2}, id="compressed-time"),
        pytest.param([acc(0), notice(12 * H), notice(12 * H + 60)], set(), id="two-recipients"),
        pytest.param([notice(24 * H), notice(12 * H)], {0}, id="no-acceptance-listed"),
        pytest.param([notice(12 * H + 60), notice(12 * H)], set(), id="no-acceptance-close"),
        pytest.param([acc(0), notice(12 * H), notice(24 * H, "999")], set(), id="other-code"),
        pytest.param([acc(0), notice(None), notice(12 * H)], set(), id="undated"),
        pytest.param([ListedReceipt(K.TIMEOUT_FINAL, CODE, None)], {0}, id="already-final"),
        pytest.param([acc(0), ListedReceipt(K.DELIVERY, CODE, 30 * H)], set(), id="not-a-notice"),
    ],
)
def test_final_timeouts(rows: list[ListedReceipt], final: set[int]) -> None:
    """Each case marks final exactly the notices the Sent tab's tracker would."""
    assert final_timeouts(rows) == final
