"""The sandbox that ships with pecdesk, started in-process on first use with its demo account."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pecdesk.accounts.account import Account

if TYPE_CHECKING:
    from pecdesk.sandbox import EmbeddedSandbox


class BuiltinSandbox:
    """The sandbox that ships with pecdesk: started on first use (demo mailbox and messages)."""

    def __init__(self) -> None:
        self._box: EmbeddedSandbox | None = None
        self._account: Account | None = None

    def account(self) -> Account:
        """The demo account on the running sandbox; starts the sandbox the first time."""
        if self._account is None:
            self._box, self._account = start_builtin_sandbox()
        return self._account

    def stop(self) -> None:
        """Stop the sandbox if it was started."""
        if self._box is not None:
            self._box.stop()


def start_builtin_sandbox() -> tuple[EmbeddedSandbox, Account]:
    """Start the sandbox that ships with pecdesk (demo messages included) and its account."""
    # Imported here: the sandbox's server (aiohttp) costs ~0.25 s of start-up otherwise.
    from pecdesk.sandbox import (  # noqa: PLC0415
        DEMO_MAILBOX,
        DEMO_PASSWORD,
        DEMO_TOKEN,
        EmbeddedSandbox,
        SandboxConfig,
    )

    box = EmbeddedSandbox(
        SandboxConfig(
            tokens=[DEMO_TOKEN],
            mailboxes={DEMO_MAILBOX: DEMO_PASSWORD},
            send_rate=1.0,
            receipt_delay=1.0,
            demo=True,
        )
    )
    box.start()
    account = Account(
        base_url=box.base_url,
        token=DEMO_TOKEN,
        username=DEMO_MAILBOX,
        password=DEMO_PASSWORD,
        sender=DEMO_MAILBOX,
        is_builtin_sandbox=True,
    )
    return box, account
