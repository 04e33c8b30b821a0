"""Ctrl+C while `pecdesk send` waits on a server that never answers POST /send.

The request in flight is bounded by its total deadline (``--timeout``); a second Ctrl+C stops at
once. Either way the PEC in flight is recorded unknown (it may have left), the rest stays
queued, and the command exits as interrupted. Run as a real process against the hostile
loopback server, so the signals are real.
"""

from __future__ import annotations

import asyncio
import signal
import subprocess
import threading
from pathlib import Path

from pecdesk.cli.common import EXIT_INTERRUPTED
from pecdesk.domain.jobs import JobState
from pecdesk.storage import QueueStore
from tests.helpers.api import PASSWORD, TOKEN, USER
from tests.helpers.cli import command, subprocess_env
from tests.unit.api.hostile import hostile, stuck_send


def states(data: Path) -> list[JobState]:
    """The states of every job in the store under ``data``, sorted."""

    async def read() -> list[JobState]:
        store = await asyncio.to_thread(QueueStore.open, data)
        try:
            return sorted(job.state for job in await store.jobs())
        finally:
            await asyncio.to_thread(store.close)

    return asyncio.run(read())


def interrupted_send(tmp_path: Path, timeout: str, signals: int) -> tuple[int, str]:
    """Run `send` to two recipients, Ctrl+C it ``signals`` times once POST /send is in flight.

    Returns the exit code and standard error.
    """
    csv_file = tmp_path / "clienti.csv"
    csv_file.write_text("pec;nome\na@pec.it;Anna\nb@pec.it;Bruno\n", encoding="utf-8")
    body = tmp_path / "body.html"
    body.write_text("<p>Gentile {{nome}}</p>", encoding="utf-8")
    arrived = threading.Event()
    with hostile(stuck_send(arrived)) as server:
        env = {"PECDESK_BASE_URL": server.url, "PECDESK_TOKEN": TOKEN,
               "PECDESK_USERNAME": USER, "PECDESK_PASSWORD": PASSWORD}
        process = subprocess.Popen(
            command("send", "--to-csv", str(csv_file), "--subject", "Avviso",
                    "--body-file", str(body), "--data-dir", str(tmp_path / "data"),
                    "--timeout", timeout),
            env=subprocess_env(env), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert arrived.wait(60), "POST /send never arrived"
            assert process.stderr is not None
            process.send_signal(signal.SIGINT)
            lines = []
            for line in process.stderr:  # the first signal was handled once this is printed
                lines.append(line)
                if "stopping after" in line:
                    break
            for _ in range(signals - 1):
                process.send_signal(signal.SIGINT)
            rest = process.communicate(timeout=120)[1]
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
    return process.returncode, "".join(lines) + rest


def test_a_second_ctrl_c_stops_a_send_stuck_in_flight(tmp_path: Path) -> None:
    """--timeout 600 and a server that never answers: the second Ctrl+C ends it, job unknown."""
    code, err = interrupted_send(tmp_path, "600", signals=2)
    assert code == EXIT_INTERRUPTED, err
    assert "stopping now" in err
    assert "Traceback" not in err
    assert states(tmp_path / "data") == sorted([JobState.UNKNOWN, JobState.QUEUED])


def test_one_ctrl_c_stops_once_the_deadline_ends_the_request(tmp_path: Path) -> None:
    """One Ctrl+C waits for the request in flight, which the total deadline ends: unknown."""
    code, err = interrupted_send(tmp_path, "1", signals=1)
    assert code == EXIT_INTERRUPTED, err
    assert "Traceback" not in err
    assert states(tmp_path / "data") == sorted([JobState.UNKNOWN, JobState.QUEUED])
