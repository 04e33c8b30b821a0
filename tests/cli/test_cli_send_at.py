"""`pecdesk send --at`: a sending scheduled from the command line waits in the queue until then."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from pecdesk.cli.common import EXIT_OK, EXIT_USAGE
from pecdesk.cli.when import WhenError, parse_at
from pecdesk.sandbox import EmbeddedSandbox
from tests.helpers.cli import account_env, pecdesk


@pytest.fixture
def body(tmp_path: Path) -> Path:
    """A one-line HTML body file."""
    path = tmp_path / "body.html"
    path.write_text("<p>Convocazione dell'assemblea.</p>", encoding="utf-8")
    return path


def send_at(data: Path, body: Path, when: str) -> list[str]:
    """``pecdesk send --at when`` to two addresses."""
    return [
        "send",
        "--data-dir",
        str(data),
        "--subject",
        "Convocazione",
        "--body-file",
        str(body),
        "--rate",
        "500",
        "--to",
        "a@pec.it",
        "b@pec.it",
        "--at",
        when,
    ]


def test_send_at_tomorrow_nine_is_held_and_says_when(
    sandbox: EmbeddedSandbox, tmp_path: Path, body: Path
) -> None:
    """Tomorrow at 9:00: queued, nothing sent, the time and `queue resume` are printed."""
    data = tmp_path / "d"
    tomorrow = (datetime.now() + timedelta(days=1)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    stamp = f"{tomorrow:%Y-%m-%d %H:%M}"
    done = pecdesk(send_at(data, body, stamp), account_env(sandbox))
    assert done.code == EXIT_OK, done.out + done.err
    assert f"Scheduled campaign 1: 2 PEC(s), to go out on {stamp} (local time)" in done.out
    assert "pecdesk queue resume" in done.out
    assert sandbox.ledger() == []  # nothing left now
    resumed = pecdesk(
        ["queue", "resume", "--data-dir", str(data), "--rate", "500"], account_env(sandbox)
    )
    assert resumed.code == EXIT_OK, resumed.out + resumed.err
    assert sandbox.ledger() == []  # not yet due: still held
    assert f"Scheduled: campaign 1, 2 PEC(s) for {stamp}" in resumed.out


@pytest.mark.parametrize(
    ("when", "says"),
    [
        ("2020-01-01 09:00", "has already passed"),
        ("domani alle nove", "is not a date and time pecdesk can read"),
        ("2026-13-45 09:00", "is not a date and time pecdesk can read"),
    ],
)
def test_send_at_refuses_past_or_unreadable_times(
    sandbox: EmbeddedSandbox, tmp_path: Path, body: Path, when: str, says: str
) -> None:
    """A time already past, or one pecdesk cannot read, is a usage error: exit 2, none queued."""
    data = tmp_path / "d"
    done = pecdesk(send_at(data, body, when), account_env(sandbox))
    assert done.code == EXIT_USAGE
    assert says in done.err
    assert "Nothing was queued" in done.err or "nothing was queued" in done.err
    assert "Scheduled campaign" not in done.out
    assert sandbox.ledger() == []


def test_italian_and_iso_forms_name_the_same_local_minute() -> None:
    """The Italian and ISO forms name the same local minute; seconds are allowed."""
    now = time.time()
    iso = parse_at("2099-12-06 09:00", now=now)
    assert parse_at("06/12/2099 09:00", now=now) == iso
    assert parse_at("2099-12-06T09:00", now=now) == iso
    assert parse_at("2099-12-06 09:00:30", now=now) == iso + 30
    assert datetime.fromtimestamp(iso) == datetime(2099, 12, 6, 9, 0)
    with pytest.raises(WhenError):
        parse_at("2099-12-06 09:00", now=iso)  # that very minute is not "later"
