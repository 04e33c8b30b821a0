"""Sandbox settings and the demo credentials it starts with when given none."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pecdesk.sandbox.faults import DEFAULT_FAULTS, Fault
from pecdesk.sandbox.tokens import HOSTS, TokenGrant

# Public demo credentials, printed by the CLI; they open nothing outside a local sandbox.
DEMO_TOKEN = "6d0e5a7c3b9f4e21a8d7c605"  # noqa: S105
DEMO_MAILBOX = "demo@pecmassiva.com"
DEMO_PASSWORD = "demo-password"  # noqa: S105

Fields = Literal["oas", "modern"]
Paging = Literal["ceil", "floor", "zero"]
Environment = Literal["sandbox", "production"]


def _demo_tokens() -> Sequence[str | TokenGrant]:
    return (DEMO_TOKEN,)


def _demo_mailboxes() -> Mapping[str, str]:
    return {DEMO_MAILBOX: DEMO_PASSWORD}


@dataclass(frozen=True)
class SandboxConfig:
    """How a sandbox behaves. Secrets are kept out of ``repr``.

    Attributes:
        host: interface to bind.
        port: TCP port; 0 picks a free one.
        tokens: accepted bearer tokens; plain strings get all six scopes and never expire,
            ``TokenGrant`` gives chosen scopes and an expiry.
        mailboxes: hosted mailboxes, address (== username) to password.
        send_rate: committed ``POST /send`` per second allowed per token (<= 0: unlimited).
        receipt_delay: seconds from a send to ACCETTAZIONE, and from it to each outcome.
        pec_timeout: seconds standing for the 24-hour delivery deadline (12-hour notice at half).
        fault_rate: probability that an eligible ``POST /send`` gets an injected fault.
        fault_kinds: the faults to pick from.
        daily_cap: PECs (recipients) each token may send per calendar day in Rome; 0: no cap.
        seed: seed of the fault generator; None for a random one.
        state_file: JSON file that keeps the state across restarts; None keeps it in memory.
        slow_reply: seconds the "slow" fault waits before answering.
        fields: item keys of ``GET /send/{code}``: ``oas`` (sender, recipient, data, object,
            message) or ``modern`` (sender, recipient, date, subject, body).
        paging: ``ceil`` (1-based, ``n_of_pages = ceil(total/25)``), ``floor`` (1-based, floor)
            or ``zero`` (0-based pages, ``n_of_pages`` = number of the last page, as in the OAS
            example where page 39 of 981 messages is the last).
        demo: seed the first hosted mailbox with a handful of realistic messages at start.
        environment: ``sandbox`` (scopes on test.ws.pecmassiva.com) or ``production``.
        echo_credentials: refuse every ``POST /send`` with a 400 that quotes its credentials
            (see :mod:`pecdesk.sandbox.echo`); for the secret-scrubbing tests.
    """

    host: str = "127.0.0.1"
    port: int = 0
    tokens: Sequence[str | TokenGrant] = field(default_factory=_demo_tokens, repr=False)
    mailboxes: Mapping[str, str] = field(default_factory=_demo_mailboxes, repr=False)
    send_rate: float = 1.0
    receipt_delay: float = 1.0
    pec_timeout: float = 60.0
    fault_rate: float = 0.0
    fault_kinds: Sequence[Fault | str] = DEFAULT_FAULTS
    seed: int | None = None
    state_file: Path | None = None
    slow_reply: float = 30.0
    fields: Fields = "oas"
    paging: Paging = "ceil"
    daily_cap: int = 0
    demo: bool = False
    environment: Environment = "sandbox"
    echo_credentials: bool = False

    def __post_init__(self) -> None:
        problems = []
        if self.fields not in ("oas", "modern"):
            problems.append(f"fields must be 'oas' or 'modern', not {self.fields!r}")
        if self.paging not in ("ceil", "floor", "zero"):
            problems.append(f"paging must be 'ceil', 'floor' or 'zero', not {self.paging!r}")
        if self.environment not in HOSTS:
            problems.append(f"environment must be one of {sorted(HOSTS)}")
        if self.daily_cap < 0:
            problems.append("daily_cap must not be negative")
        if not 0.0 <= self.fault_rate <= 1.0:
            problems.append("fault_rate must be between 0 and 1")
        if min(self.receipt_delay, self.pec_timeout, self.slow_reply) < 0:
            problems.append("delays must not be negative")
        valid = {str(f) for f in Fault}
        problems += [f"unknown fault kind {k!r}" for k in self.fault_kinds if str(k) not in valid]
        if problems:
            raise ValueError("; ".join(problems))

    @property
    def api_host(self) -> str:
        """Host name the token scopes must name, e.g. ``test.ws.pecmassiva.com``."""
        return HOSTS[self.environment]
