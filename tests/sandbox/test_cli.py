"""The ``pecdesk-sandbox`` command: arguments, demo defaults, announcing, running and stopping."""

from __future__ import annotations

import io
import os
import re
import socket
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest

from pecdesk.sandbox import DEMO_MAILBOX, DEMO_PASSWORD, DEMO_TOKEN
from pecdesk.sandbox.cli import DEFAULT_PORT, build_parser, config_from_args, main
from tests.helpers.sandbox_http import wait_for

ROOT = Path(__file__).resolve().parents[2]
LISTENING = re.compile(r"pecdesk-sandbox listening on (http://127\.0\.0\.1:[0-9]+)")


def test_demo_token_is_24_hex() -> None:
    """The demo token looks like an openapi token."""
    assert re.fullmatch(r"[0-9a-f]{24}", DEMO_TOKEN)


def test_defaults_are_demo() -> None:
    """With no options: demo token, demo mailbox with samples, documented defaults."""
    config = config_from_args(build_parser().parse_args([]))
    assert list(config.tokens) == [DEMO_TOKEN]
    assert dict(config.mailboxes) == {DEMO_MAILBOX: DEMO_PASSWORD}
    assert config.demo is True
    assert (config.host, config.port) == ("127.0.0.1", DEFAULT_PORT)
    assert (config.send_rate, config.receipt_delay, config.pec_timeout) == (1.0, 1.0, 60.0)
    assert (config.fault_rate, config.slow_reply, config.seed) == (0.0, 30.0, None)
    assert (config.fields, config.paging, config.state_file) == ("oas", "ceil", None)


def test_all_options_parse(tmp_path: Path) -> None:
    """Every option reaches the config; passwords may contain colons."""
    args = build_parser().parse_args(
        [
            "--host",
            "127.0.0.2",
            "--port",
            "0",
            "--token",
            "a" * 24,
            "--token",
            "b" * 24,
            "--mailbox",
            "uno@pecmassiva.com:pa:ss",
            "--mailbox",
            "due@pecmassiva.com:x",
            "--send-rate",
            "2.5",
            "--receipt-delay",
            "0.2",
            "--pec-timeout",
            "10",
            "--fault-rate",
            "0.3",
            "--fault-kinds",
            "reset,slow",
            "--seed",
            "7",
            "--state",
            str(tmp_path / "s.json"),
            "--slow-reply",
            "4",
            "--fields",
            "modern",
            "--paging",
            "zero",
            "--environment",
            "production",
        ]
    )
    config = config_from_args(args)
    assert config.host == "127.0.0.2"
    assert list(config.tokens) == ["a" * 24, "b" * 24]
    assert dict(config.mailboxes) == {"uno@pecmassiva.com": "pa:ss", "due@pecmassiva.com": "x"}
    assert (config.send_rate, config.receipt_delay, config.pec_timeout) == (2.5, 0.2, 10.0)
    assert (config.fault_rate, list(config.fault_kinds), config.seed) == (0.3, ["reset", "slow"], 7)
    assert config.state_file == tmp_path / "s.json"
    assert (config.slow_reply, config.fields, config.paging) == (4.0, "modern", "zero")
    assert config.api_host == "ws.pecmassiva.com"
    assert config.demo is False


def test_bad_answer_faults_are_selectable_and_listed(capsys: pytest.CaptureFixture[str]) -> None:
    """--fault-kinds takes the bad answers after commit by name; --help lists them."""
    names = "php_warning,truncated,gateway_502,json_array,success_text,success_false_text"
    names += ",success_zero"
    args = build_parser().parse_args(["--fault-rate", "1", "--fault-kinds", names])
    config = config_from_args(args)
    assert [str(k) for k in config.fault_kinds] == names.split(",")
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "gateway_502" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [
        ["--mailbox", "no-password"],
        ["--fields", "legacy"],
        ["--paging", "half"],
        ["--receipt-delay", "-1"],
        ["--fault-rate", "2"],
        ["--fault-kinds", "meteor"],
    ],
)
def test_bad_options_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """Invalid options stop with the usage message and status 2."""
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert "usage: pecdesk-sandbox" in capsys.readouterr().err


class _Run:
    """``main()`` running in a thread with a stop event and captured output."""

    def __init__(self, argv: list[str]) -> None:
        self.stop = threading.Event()
        self.out = io.StringIO()
        self.status: list[int] = []
        self.thread = threading.Thread(
            target=lambda: self.status.append(main(argv, stop=self.stop, out=self.out))
        )

    def __enter__(self) -> _Run:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(10)

    def url(self) -> str:
        match = wait_for(lambda: LISTENING.search(self.out.getvalue()))
        return match.group(1)


def test_main_demo_run() -> None:
    """No credentials given: prints URL and demo credentials; the demo mailbox has mail."""
    with _Run(["--port", "0"]) as run:
        url = run.url()
        headers = {
            "Authorization": f"Bearer {DEMO_TOKEN}",
            "x-username": DEMO_MAILBOX,
            "x-password": DEMO_PASSWORD,
        }
        with httpx.Client(base_url=url, headers=headers) as http:
            inbox = http.get("/inbox").json()
    assert run.status == [0]
    assert inbox["total"] >= 5
    printed = run.out.getvalue()
    assert DEMO_TOKEN in printed
    assert DEMO_MAILBOX in printed
    assert DEMO_PASSWORD in printed


def test_main_never_prints_given_secrets() -> None:
    """Tokens and passwords given on the command line are never echoed."""
    secret_token, secret_password = "c" * 24, "Very-Secret-9"
    argv = [
        "--port",
        "0",
        "--token",
        secret_token,
        "--mailbox",
        f"me@pecmassiva.com:{secret_password}",
    ]
    with _Run(argv) as run:
        url = run.url()
        with httpx.Client(base_url=url) as http:
            assert http.get("/_sandbox/ledger").json() == []
    printed = run.out.getvalue()
    assert "me@pecmassiva.com" in printed
    assert secret_token not in printed
    assert secret_password not in printed


def test_port_in_use_returns_1(capsys: pytest.CaptureFixture[str]) -> None:
    """A port already taken gives exit status 1 and a message, not a traceback."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["--port", str(port)]) == 1
    assert "cannot listen" in capsys.readouterr().err


def test_python_dash_m_runs_and_is_killed() -> None:
    """``python -m pecdesk.sandbox --port 0`` prints its URL and serves until terminated."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "pecdesk.sandbox", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    try:
        assert process.stdout is not None
        match = LISTENING.search(process.stdout.readline())
        assert match, "no listening line"
        with httpx.Client(base_url=match.group(1)) as http:
            assert http.get("/_sandbox/ledger").json() == []
    finally:
        process.terminate()
        try:
            process.wait(10)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
            for stream in (process.stdout, process.stderr):
                if stream is not None:
                    stream.close()
    assert process.returncode == 0
