"""``pecdesk-sandbox``: run the PEC Massiva sandbox from a terminal until Ctrl+C."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType
from typing import TextIO

from pecdesk.sandbox.config import DEMO_MAILBOX, DEMO_PASSWORD, DEMO_TOKEN, SandboxConfig
from pecdesk.sandbox.embedded import EmbeddedSandbox
from pecdesk.sandbox.faults import ALL_FAULTS, DEFAULT_FAULTS

DEFAULT_PORT = 8765


def _mailbox(text: str) -> tuple[str, str]:
    address, sep, password = text.partition(":")
    if not sep or not address.strip() or not password:
        msg = "expected ADDRESS:PASSWORD"
        raise argparse.ArgumentTypeError(msg)
    return address.strip(), password


def _seconds(text: str) -> float:
    value = float(text)
    if value < 0:
        msg = "must not be negative"
        raise argparse.ArgumentTypeError(msg)
    return value


def build_parser() -> argparse.ArgumentParser:
    """The command line of ``pecdesk-sandbox``."""
    parser = argparse.ArgumentParser(
        prog="pecdesk-sandbox",
        description="Local simulator of the PEC Massiva API (api.md sections 8 and 8.1). "
        "Without --token/--mailbox it starts with public demo credentials and sample mail.",
    )
    add = parser.add_argument
    add("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1)")
    add("--port", type=int, default=DEFAULT_PORT, help=f"port, 0 for any (default {DEFAULT_PORT})")
    add(
        "--token",
        action="append",
        default=[],
        metavar="TOKEN",
        help="accepted bearer token with all six scopes (repeatable)",
    )
    add(
        "--mailbox",
        action="append",
        type=_mailbox,
        default=[],
        metavar="ADDRESS:PASSWORD",
        help="hosted PEC mailbox; the address is also the username (repeatable)",
    )
    add(
        "--send-rate",
        type=float,
        default=1.0,
        metavar="R",
        help="committed POST /send per second per token; 0 = unlimited (default 1)",
    )
    add(
        "--receipt-delay",
        type=_seconds,
        default=1.0,
        metavar="S",
        help="seconds to ACCETTAZIONE, and again to each outcome (default 1)",
    )
    add(
        "--pec-timeout",
        type=_seconds,
        default=60.0,
        metavar="S",
        help="seconds standing for the 24 h deadline; the 12 h notice comes at half (default 60)",
    )
    add(
        "--fault-rate",
        type=float,
        default=0.0,
        metavar="F",
        help="probability of an injected fault on POST /send (default 0)",
    )
    add(
        "--fault-kinds",
        default=",".join(DEFAULT_FAULTS),
        metavar="K,K",
        help=f"faults to pick from, of {','.join(ALL_FAULTS)} (default {','.join(DEFAULT_FAULTS)})",
    )
    add(
        "--daily-cap",
        type=int,
        default=0,
        metavar="N",
        help="PECs (recipients) a token may send per day, then 429 'Daily sending limit "
        "reached' (default 0: no cap; the service's plans: 3500)",
    )
    add("--seed", type=int, default=None, metavar="N", help="seed of the fault generator")
    add("--state", type=Path, default=None, metavar="FILE", help="keep state across restarts")
    add(
        "--slow-reply",
        type=_seconds,
        default=30.0,
        metavar="S",
        help="delay of the slow-reply fault (default 30)",
    )
    add(
        "--fields",
        choices=("oas", "modern"),
        default="oas",
        help="item keys of GET /send/{code} (default oas)",
    )
    add(
        "--paging",
        choices=("ceil", "floor", "zero"),
        default="ceil",
        help="page base and n_of_pages rounding of GET /inbox (default ceil)",
    )
    add(
        "--environment",
        choices=("sandbox", "production"),
        default="sandbox",
        help="host the token scopes must name (default sandbox: test.ws.pecmassiva.com)",
    )
    add("--demo", action="store_true", help="seed the first mailbox with sample messages")
    add("--verbose", action="store_true", help="log every request (never credentials)")
    return parser


def config_from_args(args: argparse.Namespace) -> SandboxConfig:
    """Turn parsed arguments into a config, filling in the demo credentials where missing.

    Raises:
        ValueError: an option is out of range.
    """
    mailboxes = dict(args.mailbox) or {DEMO_MAILBOX: DEMO_PASSWORD}
    kinds = [k.strip() for k in args.fault_kinds.split(",") if k.strip()]
    return SandboxConfig(
        host=args.host,
        port=args.port,
        tokens=list(args.token) or [DEMO_TOKEN],
        mailboxes=mailboxes,
        send_rate=args.send_rate,
        receipt_delay=args.receipt_delay,
        pec_timeout=args.pec_timeout,
        fault_rate=args.fault_rate,
        fault_kinds=kinds,
        daily_cap=args.daily_cap,
        seed=args.seed,
        state_file=args.state,
        slow_reply=args.slow_reply,
        fields=args.fields,
        paging=args.paging,
        environment=args.environment,
        demo=args.demo or not args.mailbox,
    )


def _announce(box: EmbeddedSandbox, args: argparse.Namespace, out: TextIO) -> None:
    """Print where to connect; only the public demo credentials are ever shown in full."""
    lines = [f"pecdesk-sandbox listening on {box.base_url}"]
    lines.append(
        f"token:    {DEMO_TOKEN}"
        if not args.token
        else f"tokens:   {len(args.token)} given on the command line"
    )
    if args.mailbox:
        lines += [f"mailbox:  {address}" for address, _ in args.mailbox]
    else:
        lines += [f"mailbox:  {DEMO_MAILBOX}", f"password: {DEMO_PASSWORD}"]
    lines.append(f"scopes:   {box.config.api_host} (environment {box.config.environment})")
    print("\n".join(lines), file=out, flush=True)


def main(
    argv: Sequence[str] | None = None,
    *,
    stop: threading.Event | None = None,
    out: TextIO | None = None,
) -> int:
    """Run the sandbox until Ctrl+C, SIGTERM or ``stop`` is set; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    out = out if out is not None else sys.stdout
    try:
        config = config_from_args(args)
    except ValueError as exc:
        parser.error(str(exc))
    if args.verbose:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    box = EmbeddedSandbox(config, access_log=args.verbose)
    try:
        box.start()
    except OSError as exc:
        print(
            f"pecdesk-sandbox: cannot listen on {args.host}:{args.port}: {exc.strerror}",
            file=sys.stderr,
        )
        return 1
    stop = stop if stop is not None else threading.Event()
    restore = _on_sigterm(stop)
    try:
        _announce(box, args, out)
        while not stop.wait(0.2):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        box.stop()
        restore()
    return 0


def _on_sigterm(stop: threading.Event) -> Callable[[], None]:
    """Make SIGTERM set ``stop`` (main thread only); return a function undoing it."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    def handler(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = signal.signal(signal.SIGTERM, handler)

    def restore() -> None:
        signal.signal(signal.SIGTERM, previous)

    return restore
