"""`pecdesk status --json` and `pecdesk export --zip` end to end against the sandbox."""

from __future__ import annotations

import json
import subprocess
import time
import zipfile
from pathlib import Path

from pecdesk.cli.common import EXIT_OK, EXIT_USAGE
from pecdesk.services.receipts.evidence import verify_zip
from tests.helpers.cli import account_env, command, pecdesk, subprocess_env
from tests.helpers.sandbox import PASSWORD, TOKEN, SandboxFactory

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
