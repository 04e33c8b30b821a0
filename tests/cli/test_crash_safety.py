"""`pecdesk send` killed at random moments and resumed: nothing twice, nothing dropped."""

from __future__ import annotations

import asyncio
import random
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from pecdesk.api import PecMassivaClient
from pecdesk.cli.common import EXIT_INTERRUPTED, EXIT_OK
from pecdesk.domain.jobs import JobState
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.storage import JobRecord, QueueStore
from tests.helpers.cli import account_env, command, subprocess_env
from tests.helpers.reconcile import wait_acceptances
from tests.helpers.sandbox import MAILBOX, PASSWORD, TOKEN, SandboxFactory

RECIPIENTS = 120
SEED = 8675309


def write_inputs(tmp_path: Path, count: int) -> tuple[Path, Path]:
    csv_file = tmp_path / "clienti.csv"
    lines = ["pec;nome"] + [f"cliente{n:04d}@pec.it;Cliente {n}" for n in range(count)]
    csv_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    body = tmp_path / "body.html"
    body.write_text("<p>Gentile {{nome}}, le scriviamo per...</p>", encoding="utf-8")
    return csv_file, body


def wait_for(
    condition: Callable[[], bool], process: subprocess.Popen[bytes], timeout: float = 30
) -> None:
    """Poll ``condition`` (the sandbox ledger, server-side) until it holds or the process ends."""
    deadline = time.monotonic() + timeout
    while not condition() and process.poll() is None:
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def final_jobs(data: Path) -> list[JobRecord]:
    async def read() -> list[JobRecord]:
        store = await asyncio.to_thread(QueueStore.open, data)
        try:
            return await store.jobs()
        finally:
            await asyncio.to_thread(store.close)

    return asyncio.run(read())


def receipts_arrived(box: EmbeddedSandbox) -> None:
    async def go() -> None:
        async with PecMassivaClient(box.base_url, TOKEN, MAILBOX, PASSWORD) as client:
            await wait_acceptances(client, len(box.ledger()))

    asyncio.run(go())


@pytest.mark.slow
def test_sigkill_at_random_moments_then_resume(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """Kill -9 `send` and several `queue resume`s mid-flight; resume and reconcile to the end."""
    box = sandbox_factory(send_rate=40.0)
    csv_file, body = write_inputs(tmp_path, RECIPIENTS)
    data = tmp_path / "data"
    env = subprocess_env(account_env(box))
    rng = random.Random(SEED)
    started: list[subprocess.Popen[bytes]] = []

    def launch(*args: str) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(
            command(*args, "--data-dir", str(data), "--rate", "40"),
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        started.append(process)
        return process

    try:
        sender = launch(
            "send",
            "--to-csv",
            str(csv_file),
            "--subject",
            "Avviso {{nome}}",
            "--body-file",
            str(body),
        )
        wait_for(lambda: len(box.ledger()) >= 1, sender)  # the campaign is stored by now
        time.sleep(rng.uniform(0, 0.3))
        sender.kill()
        sender.wait()
        for _ in range(4):
            resume = launch("queue", "resume")
            seen = len(box.ledger())

            def progressed(before: int = seen) -> bool:
                return len(box.ledger()) > before

            wait_for(progressed, resume)
            time.sleep(rng.uniform(0, 0.4))
            resume.kill()
            resume.wait()
        last = launch("queue", "resume")
        assert last.wait(timeout=60) in (0, 1), last.stderr.read() if last.stderr else ""
        receipts_arrived(box)
        settle = launch("queue", "reconcile", "--grace", "0")
        assert settle.wait(timeout=60) in (0, 1)
    finally:
        for process in started:
            if process.poll() is None:
                process.kill()
            process.wait()
            if process.stderr:
                process.stderr.close()

    ledger = box.ledger()
    sent = Counter(r for entry in ledger for r in entry["recipients"])
    assert max(sent.values()) == 1, "a recipient got two PECs"
    by_code = {entry["message_id"]: tuple(entry["recipients"]) for entry in ledger}
    jobs = final_jobs(data)
    assert sorted(r for job in jobs for r in job.recipients) == sorted(
        f"cliente{n:04d}@pec.it" for n in range(RECIPIENTS)
    )
    for job in jobs:
        assert job.state in (JobState.SUBMITTED, JobState.NOT_SENT), (job.id, job.state)
        if job.state is JobState.SUBMITTED:
            assert job.code is not None and by_code[job.code] == job.recipients
        else:
            assert job.recipients[0] not in sent  # reported not sent, and truly not sent
    assert {job.code for job in jobs if job.code} == set(by_code)


@pytest.mark.slow
def test_sigterm_stops_gracefully_and_resume_finishes(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """SIGTERM: the PEC in flight is recorded, exit 130, nothing unknown; resume sends the rest."""
    box = sandbox_factory(send_rate=10.0)
    csv_file, body = write_inputs(tmp_path, 20)
    data = tmp_path / "data"
    env = subprocess_env(account_env(box))
    args = ["--data-dir", str(data), "--rate", "10"]
    sender = subprocess.Popen(
        command(
            "send",
            "--to-csv",
            str(csv_file),
            "--subject",
            "Avviso",
            "--body-file",
            str(body),
            *args,
        ),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for(lambda: len(box.ledger()) >= 3, sender)
        sender.send_signal(signal.SIGTERM)
        out, err = sender.communicate(timeout=30)
    finally:
        if sender.poll() is None:
            sender.kill()
        sender.wait()
    assert sender.returncode == EXIT_INTERRUPTED, err
    assert b"stopping after the PEC in flight" in err
    states = Counter(job.state for job in final_jobs(data))
    assert set(states) <= {JobState.SUBMITTED, JobState.QUEUED}
    assert states[JobState.SUBMITTED] == len(box.ledger()) == out.count(b"] submitted ")
    resume = subprocess.run(
        command("queue", "resume", *args), env=env, capture_output=True, timeout=60, check=False
    )
    assert resume.returncode == EXIT_OK, resume.stderr
    assert len(box.ledger()) == 20
    assert max(Counter(r for e in box.ledger() for r in e["recipients"]).values()) == 1
