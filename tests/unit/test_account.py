"""The interim account: read from PECDESK_* variables, never shown with its secrets."""

from __future__ import annotations

from pecdesk.accounts.account import Account, account_from_env

ENV = {
    "PECDESK_BASE_URL": "https://test.ws.pecmassiva.com/",
    "PECDESK_TOKEN": "a1b2c3d4e5f6a7b8c9d0e1f2",
    "PECDESK_USERNAME": "studio@pecmassiva.com",
    "PECDESK_PASSWORD": " pw with blanks ",
}


def test_all_four_variables_make_an_account() -> None:
    """With every variable set, the account uses them and sends from the username."""
    account = account_from_env(ENV)
    assert account == Account(
        base_url="https://test.ws.pecmassiva.com",
        token=ENV["PECDESK_TOKEN"],
        username="studio@pecmassiva.com",
        password=" pw with blanks ",
        sender="studio@pecmassiva.com",
        is_builtin_sandbox=False,
    )


def test_any_missing_variable_means_no_account() -> None:
    """Leaving out (or blanking) any one variable gives no account."""
    for name in ENV:
        assert account_from_env({k: v for k, v in ENV.items() if k != name}) is None
        assert account_from_env({**ENV, name: ""}) is None


def test_repr_hides_secrets() -> None:
    """repr() and str() name the mailbox but never the token or the password."""
    account = account_from_env(ENV)
    assert account is not None
    for text in (repr(account), str(account), f"{account}"):
        assert ENV["PECDESK_TOKEN"] not in text
        assert "pw with blanks" not in text
        assert "studio@pecmassiva.com" in text
