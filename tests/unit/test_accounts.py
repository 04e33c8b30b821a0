"""Stored account profiles: validation, URLs per environment, and accounts.json without secrets."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from pecdesk.accounts.account import Account
from pecdesk.accounts.profiles import (
    BUILTIN_ID,
    AccountProfile,
    AccountStore,
    Environment,
    new_account_id,
)

ID = "3f2a9c01b7de"
TOKEN = "a1b2c3d4e5f6a7b8c9d0e1f2"
PASSWORD = "S3gret0-pw!"


def profile(**changes: object) -> AccountProfile:
    """A valid production profile, with ``changes``."""
    fields: dict[str, object] = {
        "id": ID,
        "environment": Environment.PRODUCTION,
        "sender": "studio.rossi@pec.it",
    }
    fields.update(changes)
    return AccountProfile(**fields)  # type: ignore[arg-type]


def test_urls_per_environment() -> None:
    """Production and test use the service's hosts; a custom account its own address."""
    assert profile().api_url == "https://ws.pecmassiva.com"
    assert profile(environment=Environment.TEST).api_url == "https://test.ws.pecmassiva.com"
    custom = profile(environment=Environment.CUSTOM, base_url="http://127.0.0.1:8080/")
    assert custom.api_url == "http://127.0.0.1:8080"


def test_defaults_label_and_username() -> None:
    """1 send per second, 100 MB per message; label and username default to the address."""
    p = profile()
    assert p.send_rate == 1.0
    assert p.max_message_bytes == 100_000_000
    assert p.label == p.mailbox_username == "studio.rossi@pec.it"
    named = profile(name="Studio Rossi", username="rossi")
    assert (named.label, named.mailbox_username) == ("Studio Rossi", "rossi")


def test_to_account_carries_secrets_and_limits() -> None:
    """Opening a profile gives an Account with the secrets and the per-account limits."""
    account = profile(send_rate=0.5, max_message_bytes=30_000_000).to_account(
        token=TOKEN, password=PASSWORD
    )
    assert account == Account(
        base_url="https://ws.pecmassiva.com",
        token=TOKEN,
        username="studio.rossi@pec.it",
        password=PASSWORD,
        sender="studio.rossi@pec.it",
        send_rate=0.5,
        max_message_bytes=30_000_000,
    )
    assert TOKEN not in repr(account)
    assert "send_rate=0.5" in repr(account)


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"id": "../../etc"}, "id"),
        ({"environment": Environment.BUILTIN}, "built-in"),
        ({"environment": Environment.CUSTOM}, "custom"),
        ({"sender": "no-at-sign"}, "sender"),
        ({"send_rate": 0}, "send_rate"),
        ({"max_message_bytes": 0}, "max_message_bytes"),
    ],
)
def test_invalid_profiles(changes: dict[str, object], problem: str) -> None:
    """Profiles that could not work are refused with the reason."""
    with pytest.raises(ValueError, match=problem):
        profile(**changes)


def test_new_ids_are_distinct_hex() -> None:
    """New ids are 12 hex digits and do not repeat."""
    ids = {new_account_id() for _ in range(50)}
    assert len(ids) == 50
    assert all(len(i) == 12 and int(i, 16) >= 0 for i in ids)


def test_store_persists_profiles_and_active(tmp_path: Path) -> None:
    """Accounts and the active one survive a restart; the file is private and secret-free."""
    store = AccountStore(tmp_path)
    assert store.profiles() == []
    assert store.active_id is None
    first = profile()
    second = profile(id="0123456789ab", environment=Environment.TEST, name="Prove")
    store.put(first)
    store.put(second)
    store.set_active(second.id)
    again = AccountStore(tmp_path)
    assert again.profiles() == [first, second]
    assert again.active_id == second.id
    text = again.path.read_text(encoding="utf-8")
    assert stat.S_IMODE(again.path.stat().st_mode) == 0o600
    keys = set(json.loads(text)["accounts"][0])
    assert keys == {
        "id",
        "name",
        "environment",
        "base_url",
        "sender",
        "username",
        "send_rate",
        "max_message_bytes",
        "signature",
    }


def test_remove_and_active(tmp_path: Path) -> None:
    """Removing the active account clears it; the sandbox may be active; unknown ids refused."""
    store = AccountStore(tmp_path)
    store.put(profile())
    store.set_active(ID)
    store.remove(ID)
    store.remove(ID)
    assert store.active_id is None
    store.set_active(BUILTIN_ID)
    assert AccountStore(tmp_path).active_id == BUILTIN_ID
    with pytest.raises(KeyError):
        store.set_active("ffffffffffff")


def test_damaged_entries_are_skipped(tmp_path: Path) -> None:
    """A damaged account is skipped (and logged); the others still load."""
    good = profile()
    (tmp_path / "accounts.json").write_text(
        json.dumps(
            {
                "version": 1,
                "active": "0123456789ab",
                "accounts": [{"id": "x"}, "junk", good.to_json()],
            }
        ),
        encoding="utf-8",
    )
    store = AccountStore(tmp_path)
    assert store.profiles() == [good]
    assert store.active_id is None
