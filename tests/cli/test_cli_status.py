"""`pecdesk status --json` and `pecdesk export --zip` end to end against the sandbox."""

from __future__ import annotations

import json
import subprocess
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from pecdesk.accounts.keychain import CredentialStore, SecretKind
from pecdesk.accounts.profiles import AccountProfile, AccountStore, Environment
from pecdesk.cli.common import EXIT_OK, EXIT_USAGE
from pecdesk.config.paths import AppPaths
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.receipts.evidence import verify_zip
from tests.helpers.cli import account_env, command, pecdesk, subprocess_env
from tests.helpers.sandbox import MAILBOX, PASSWORD, TOKEN, SandboxFactory

EXPECTED = {
    "ok@pec.it": "delivered",
    "fail.no@pec.it": "failed",
    "slow.lento@pec.it": "failed_timeout",
    "x@gmail.com": "accepted",
}


def send(tmp_path: Path, env: dict[str, str], *to: str, subject: str = "Avviso") -> None:
    body = tmp_path / "body.html"
    body.write_text("<p>Gentile cliente.</p>", encoding="utf-8")
    done = pecdesk(
        ["send", "--data-dir", str(tmp_path / "d"), "--subject", subject, "--body-file",
         str(body), "--rate", "500", "--to", *to],
        env,
    )
    assert done.code == EXIT_OK, done.err


def status(tmp_path: Path, env: dict[str, str], *extra: str) -> dict[str, object]:
    done = pecdesk(["status", "--data-dir", str(tmp_path / "d"), "--json", *extra], env)
    assert done.code == EXIT_OK, done.err
    document: dict[str, object] = json.loads(done.out)
    return document


def wait_for(tmp_path: Path, env: dict[str, str], expected: dict[str, str]) -> dict[str, object]:
    """Run ``status --json`` (it refreshes) until the states are ``expected`` (or 15 s)."""
    deadline = time.monotonic() + 15
    while True:
        document = status(tmp_path, env)
        states = {r["address"]: r["state"] for r in document["recipients"]}  # type: ignore[attr-defined]
        if states == expected or time.monotonic() > deadline:
            return document
        time.sleep(0.05)


def test_status_json_reaches_final_states(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """The latest campaign by default, with exactly address/state/code/reason per recipient."""
    box = sandbox_factory(pec_timeout=0.5)
    env = account_env(box)
    send(tmp_path, env, "old@pec.it", subject="Vecchia")
    send(tmp_path, env, "ok@pec.it", "fail.no@pec.it", "slow.lento@pec.it", "x@gmail.com")
    document = wait_for(tmp_path, env, EXPECTED)
    assert document["campaign"] == 2
    recipients = document["recipients"]
    assert isinstance(recipients, list)
    assert all(set(r) == {"address", "state", "code", "reason"} for r in recipients)
    states = {r["address"]: r["state"] for r in recipients}
    assert states == EXPECTED
    assert all(r["code"] for r in recipients)
    offline = status(tmp_path, {}, "--campaign", "1")  # no credentials: the ledger as it is
    assert offline["campaign"] == 1
    code = offline["recipients"][0]["code"]  # type: ignore[index]
    assert offline["recipients"] == [
        {"address": "old@pec.it", "state": "submitted", "code": code, "reason": ""}
    ]
    refreshed = status(tmp_path, env, "--campaign", "1")
    assert refreshed["recipients"][0]["state"] == "delivered"  # type: ignore[index]


def test_status_without_credentials_shows_the_local_ledger(tmp_path: Path) -> None:
    """No campaign: exit 2 with a reason; offline it never needs the network."""
    done = pecdesk(["status", "--data-dir", str(tmp_path / "d"), "--json"], {})
    assert done.code == EXIT_USAGE
    assert "no campaign" in done.err


def test_export_zip_verifies(sandbox_factory: SandboxFactory, tmp_path: Path) -> None:
    """`export --zip` writes a ZIP whose manifest verifies, in a child process like a script."""
    box = sandbox_factory(pec_timeout=0.5)
    env = account_env(box)
    send(tmp_path, env, "ok@pec.it")
    wait_for(tmp_path, env, {"ok@pec.it": "delivered"})
    target = tmp_path / "evidence.zip"
    done = subprocess.run(
        command("export", "--data-dir", str(tmp_path / "d"), "--zip", str(target)),
        env=subprocess_env(env), capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == EXIT_OK, done.stderr
    assert verify_zip(target) == []
    with zipfile.ZipFile(target) as archive:
        assert "ledger.csv" in archive.namelist()
    for secret in (TOKEN, PASSWORD):
        assert secret not in done.stdout + done.stderr


STORED_ID = "5a1e5a1e5a1e"


@pytest.fixture
def stored_account(
    sandbox_factory: SandboxFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[EmbeddedSandbox]:
    """An account stored by the app ("Studio Rossi"), secrets in the session's keychain.

    The user's config folder is moved under this test's folder, as in test_cli_account.
    """
    box = sandbox_factory(pec_timeout=0.5)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    store = AccountStore(AppPaths.for_user().config_dir)
    store.put(AccountProfile(id=STORED_ID, environment=Environment.CUSTOM,
                             base_url=box.base_url, sender=MAILBOX, name="Studio Rossi"))
    keychain = CredentialStore()
    keychain.store(SecretKind.TOKEN, STORED_ID, TOKEN)
    keychain.store(SecretKind.MAILBOX, STORED_ID, PASSWORD)
    yield box
    store.remove(STORED_ID)
    store.set_active(None)


def run_json(tmp_path: Path, env: dict[str, str], *args: str) -> tuple[dict[str, object], str]:
    """``status --json <args>``: the document and standard error."""
    done = pecdesk(["status", "--data-dir", str(tmp_path / "d"), "--json", *args], env)
    assert done.code == EXIT_OK, done.err
    document: dict[str, object] = json.loads(done.out)
    return document, done.err


def states_of(document: dict[str, object]) -> dict[str, str]:
    recipients = document["recipients"]
    assert isinstance(recipients, list)
    return {r["address"]: r["state"] for r in recipients}


def test_status_refreshes_with_the_stored_account(
    stored_account: EmbeddedSandbox, tmp_path: Path
) -> None:
    """No PECDESK_* variables: --account picks the app's account, and the states are fresh."""
    send(tmp_path, account_env(stored_account), "ok@pec.it", "slow.lento@pec.it")
    expected = {"ok@pec.it": "delivered", "slow.lento@pec.it": "failed_timeout"}
    deadline = time.monotonic() + 15
    while True:
        document, err = run_json(tmp_path, {}, "--account", "Studio Rossi")
        if states_of(document) == expected or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert states_of(document) == expected
    assert "not refreshed" not in err
    for secret in (TOKEN, PASSWORD):
        assert secret not in err


def test_export_refreshes_with_the_stored_account(
    stored_account: EmbeddedSandbox, tmp_path: Path
) -> None:
    """`export --account` asks the service first: its ledger holds the delivered state."""
    send(tmp_path, account_env(stored_account), "ok@pec.it")
    offline, _ = run_json(tmp_path, {}, "--offline")
    assert states_of(offline) != {"ok@pec.it": "delivered"}  # nothing has asked yet
    target = tmp_path / "evidence.zip"
    deadline = time.monotonic() + 15
    while True:
        done = pecdesk(["export", "--data-dir", str(tmp_path / "d"), "--zip", str(target),
                        "--account", "Studio Rossi"], {})
        assert done.code == EXIT_OK, done.err
        with zipfile.ZipFile(target) as archive:
            ledger = archive.read("ledger.csv").decode("utf-8-sig")
        if "DELIVERED" in ledger or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert "DELIVERED" in ledger
    assert "not refreshed" not in done.err
    assert verify_zip(target) == []


def test_offline_says_so_and_prints_the_stored_states(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """--offline: standard error says the receipts were not refreshed and why."""
    env = account_env(sandbox_factory(pec_timeout=0.5))
    send(tmp_path, env, "ok@pec.it")
    document, err = run_json(tmp_path, env, "--offline")
    assert states_of(document) == {"ok@pec.it": "submitted"}
    assert "receipts not refreshed (--offline was given)" in err
    assert "stored on this computer" in err


def test_no_account_says_so_and_prints_the_stored_states(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """No account at all: the reason is on standard error, the stored states on standard out."""
    send(tmp_path, account_env(sandbox_factory(pec_timeout=0.5)), "ok@pec.it")
    document, err = run_json(tmp_path, {})
    assert states_of(document) == {"ok@pec.it": "submitted"}
    assert err.startswith("pecdesk: receipts not refreshed (")
    assert "account" in err.lower()
    text = pecdesk(["status", "--data-dir", str(tmp_path / "d")], {})
    assert text.code == EXIT_OK
    assert "ok@pec.it" in text.out and "submitted" in text.out
    assert "not refreshed" in text.err and "not refreshed" not in text.out


def test_unreachable_service_says_so_and_prints_the_stored_states(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """The service down: each sending's failure and the overall reason, then stored states."""
    box = sandbox_factory(pec_timeout=0.5)
    env = account_env(box)
    send(tmp_path, env, "ok@pec.it")
    box.stop()  # the same service, now down
    document, err = run_json(tmp_path, env, "--timeout", "2")
    assert states_of(document) == {"ok@pec.it": "submitted"}
    assert "receipts of sending" in err
    assert "receipts not refreshed (the service could not be reached)" in err


def test_another_services_campaign_says_so(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """A campaign sent through another service: not asked about, and standard error says why."""
    send(tmp_path, account_env(sandbox_factory(pec_timeout=0.5)), "ok@pec.it")
    other = account_env(sandbox_factory(pec_timeout=0.5))
    document, err = run_json(tmp_path, other)
    assert states_of(document) == {"ok@pec.it": "submitted"}
    assert "receipts not refreshed (" in err and "another mailbox or service" in err
