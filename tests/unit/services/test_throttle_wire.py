"""The throttle's wire times against the sandbox over loopback: recorded, and used by the queue."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from pecdesk.api.exchange import wire_times
from pecdesk.app.wiring import open_client
from pecdesk.domain.jobs import JobState
from pecdesk.errors import RateLimitedError
from pecdesk.sandbox import EmbeddedSandbox
from tests.helpers.engine import campaign, engine, recipients, sandbox_account
from tests.helpers.sandbox import MAILBOX, SandboxFactory

pytestmark = pytest.mark.anyio


async def test_wire_times_fall_inside_the_call_and_only_inside_the_block(
    sandbox: EmbeddedSandbox,
) -> None:
    """The request leaves after the call began, is answered after it left, before it returns."""
    async with open_client(sandbox_account(sandbox)) as client:
        with wire_times() as wire:
            called = time.monotonic()
            await client.send(MAILBOX, ["uno@pec.it"], "Oggetto", "<p>Testo</p>")
            returned = time.monotonic()
        assert wire.sent is not None
        assert wire.answered is not None
        assert called < wire.sent <= wire.answered < returned
        before = (wire.sent, wire.answered)
        await client.send(MAILBOX, ["due@pec.it"], "Oggetto", "<p>Testo</p>")
        assert (wire.sent, wire.answered) == before


async def test_a_refused_request_has_wire_times_too(sandbox_factory: SandboxFactory) -> None:
    """A 429 was answered on the wire: the throttle learns its times like any other."""
    box = sandbox_factory(send_rate=0.01)
    async with open_client(sandbox_account(box)) as client:
        await client.send(MAILBOX, ["uno@pec.it"], "Oggetto", "<p>Testo</p>")
        with wire_times(clock=time.perf_counter) as wire, pytest.raises(RateLimitedError):
            await client.send(MAILBOX, ["due@pec.it"], "Oggetto", "<p>Testo</p>")
        assert wire.sent is not None
        assert wire.answered is not None
        assert wire.sent <= wire.answered <= time.perf_counter()


async def test_the_queue_paces_on_wire_times(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """After a dozen sends the throttle knows when requests leave: it calls the client early."""
    box = sandbox_factory(send_rate=400.0)
    async with engine(box, tmp_path, rate=400.0) as e:
        assert e.throttle.lead == 0
        await e.store.add_campaign(campaign(recipients(12)))
        result = await e.queue.run()
        assert result.counts == {JobState.SUBMITTED: 12}
        assert 0 < e.throttle.lead <= 0.001
