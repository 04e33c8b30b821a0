"""``pecdesk --self-test``: an end-to-end check that a (frozen) pecdesk can do its job (Qt-free).

It starts the built-in sandbox in-process with a throwaway token and mailbox, keeps its queue in a
temporary directory (never the user's data dir; the account lives in memory only, nothing is
written to the keychain), sends one PEC through the real send queue, waits for its ACCETTAZIONE
and CONSEGNA, fetches the CONSEGNA from the inbox and hands its body to a renderer (the Inbox's
message view, see :mod:`pecdesk.ui.window.selftest_view`). Each step prints one line; the run passes
only when every step does.
"""

from __future__ import annotations

import asyncio
import secrets
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pecdesk.accounts.account import Account
from pecdesk.api import PecMassivaClient
from pecdesk.app.wiring import Mailbox, open_mailbox
from pecdesk.config.paths import resource_path
from pecdesk.domain.jobs import JobState
from pecdesk.domain.models import Message
from pecdesk.domain.receipts import ReceiptKind, classify
from pecdesk.recipients.addresses import make_recipient
from pecdesk.sandbox import EmbeddedSandbox, SandboxConfig
from pecdesk.services.sending import plan_sending
from pecdesk.services.sending.preflight import Letter
from pecdesk.services.sending.throttle import Throttle
from pecdesk.storage import QueueStore

Renderer = Callable[[str], Awaitable[bool]]
Printer = Callable[[str], None]
_T = TypeVar("_T")

SELFTEST_MAILBOX = "selftest@pecmassiva.com"
SELFTEST_RECIPIENT = "selftest-recipient@pecmassiva.com"  # hosted: the sandbox delivers it
SELFTEST_SUBJECT = "pecdesk self-test"
# What a bundle must carry (pecdesk.spec): compiled translations (an English-only bundle would
# start silently in English) and the window icon.
REQUIRED_RESOURCES = (
    "translations/pecdesk_it.qm",
    "translations/pecdesk_en.qm",
    "icons/pecdesk.png",
)
STEP_NAMES = (
    "resources",
    "temporary data dir",
    "sandbox",
    "account",
    "send queue",
    "ACCETTAZIONE",
    "CONSEGNA",
    "inbox",
    "message view",
)


class StepFailedError(Exception):
    """A step did not pass; the message says why."""


@dataclass
class SelfTestRun:
    """The state the steps share while the self-test runs.

    Attributes:
        data_dir: the temporary data dir.
        box: the sandbox.
        mailbox: the throwaway account's mailbox (client, queue...) over a temporary store.
        client: the API client of the throwaway account.
        code: the sending code of the PEC sent.
        delivery: the CONSEGNA as the inbox returns it.
    """

    data_dir: Path | None = None
    box: EmbeddedSandbox | None = None
    mailbox: Mailbox | None = None
    client: PecMassivaClient | None = None
    code: str = ""
    delivery: Message | None = None
    _stack: AsyncExitStack = field(default_factory=AsyncExitStack)


class SelfTest:
    """Runs the steps in order, stops at the first failure and prints one line per step.

    Args:
        render: shows a message body and tells whether it rendered.
        out: where each line goes (``print`` by default).
        timeout: seconds each waiting step may take.
        receipt_delay: the sandbox's delay from a send to each receipt.
    """

    def __init__(
        self,
        *,
        render: Renderer,
        out: Printer = print,
        timeout: float = 20.0,
        receipt_delay: float = 0.2,
    ) -> None:
        self._render = render
        self._out = out
        self._timeout = timeout
        self._receipt_delay = receipt_delay

    async def run(self) -> bool:
        """Run every step; True when all passed. Everything started is stopped again."""
        state = SelfTestRun()
        steps = (
            self._resources,
            self._data_dir,
            self._sandbox,
            self._account,
            self._send,
            self._acceptance,
            self._delivery,
            self._inbox,
            self._view,
        )
        async with _closing(state):
            for name, step in zip(STEP_NAMES, steps, strict=True):
                started = time.monotonic()
                try:
                    detail = await asyncio.wait_for(step(state), self._timeout)
                except Exception as err:  # every failure is reported as a FAIL line, not raised
                    reason = str(err) or type(err).__name__
                    self._out(f"self-test: FAIL {name}: {reason}")
                    return False
                elapsed = time.monotonic() - started
                self._out(f"self-test: ok   {name}: {detail} ({elapsed:.2f} s)")
        self._out("self-test: passed")
        return True

    async def _resources(self, state: SelfTestRun) -> str:
        del state
        translations = resource_path("translations")
        missing = [n for n in REQUIRED_RESOURCES if not resource_path(n).is_file()]
        if missing:
            raise StepFailedError(f"missing under {translations.parent}: {', '.join(missing)}")
        return f"translations and icons in {translations.parent}"

    async def _data_dir(self, state: SelfTestRun) -> str:
        tmp = state._stack.enter_context(tempfile.TemporaryDirectory(prefix="pecdesk-selftest-"))
        state.data_dir = Path(tmp)
        return tmp

    async def _sandbox(self, state: SelfTestRun) -> str:
        config = SandboxConfig(
            tokens=[_token()],
            mailboxes={
                SELFTEST_MAILBOX: secrets.token_urlsafe(12),
                SELFTEST_RECIPIENT: secrets.token_urlsafe(12),
            },
            send_rate=0.0,
            receipt_delay=self._receipt_delay,
        )
        box = EmbeddedSandbox(config)
        await asyncio.to_thread(box.start)
        state.box = box
        state._stack.callback(box.stop)
        return box.base_url

    async def _account(self, state: SelfTestRun) -> str:
        box = _need(state.box)
        account = Account(
            base_url=box.base_url,
            token=str(box.config.tokens[0]),
            username=SELFTEST_MAILBOX,
            password=box.config.mailboxes[SELFTEST_MAILBOX],
            sender=SELFTEST_MAILBOX,
            is_builtin_sandbox=True,
        )
        store = await asyncio.to_thread(QueueStore.open, _need(state.data_dir))
        state._stack.callback(store.close)
        state.mailbox = open_mailbox(account, store, throttle=Throttle(50.0))
        state.client = state.mailbox.client
        state._stack.push_async_callback(state.mailbox.aclose)
        await state.client.quota()
        return f"{account.sender}, in memory only (no keychain)"

    async def _send(self, state: SelfTestRun) -> str:
        mailbox = _need(state.mailbox)
        store, queue = mailbox.store, mailbox.queue
        letter = Letter(SELFTEST_SUBJECT, "<p>Messaggio di prova di <b>pecdesk</b>.</p>")
        plan = plan_sending(
            SELFTEST_MAILBOX, [make_recipient(1, SELFTEST_RECIPIENT)], letter,
            max_message_bytes=mailbox.account.max_message_bytes, service=mailbox.service,
        )
        if plan.campaign is None:
            problems = "; ".join(i.kind.value.format(detail=i.detail) for i in plan.report.issues)
            raise StepFailedError(f"the sending does not pass its pre-flight check: {problems}")
        await queue.enqueue(plan.campaign)
        await queue.run(stop_on_pause=True)
        jobs = await store.jobs()
        if len(jobs) != 1 or jobs[0].state is not JobState.SUBMITTED or not jobs[0].code:
            summary = ", ".join(f"{j.state.value} {j.reason}".strip() for j in jobs)
            raise StepFailedError(f"the job was not submitted ({summary or 'no job'})")
        state.code = jobs[0].code
        return f"sent to {SELFTEST_RECIPIENT}, code {state.code}"

    async def _acceptance(self, state: SelfTestRun) -> str:
        return await self._wait_receipt(state, ReceiptKind.ACCEPTANCE)

    async def _delivery(self, state: SelfTestRun) -> str:
        return await self._wait_receipt(state, ReceiptKind.DELIVERY)

    async def _wait_receipt(self, state: SelfTestRun, kind: ReceiptKind) -> str:
        client = _need(state.client)
        while True:
            for receipt in await client.sending_receipts(state.code):
                found = classify(receipt.subject, receipt.body)
                if found.kind is kind and found.code == state.code:
                    return receipt.subject
            await asyncio.sleep(0.05)

    async def _inbox(self, state: SelfTestRun) -> str:
        client = _need(state.client)
        page = await client.inbox_page(1)
        for item in page.items:
            found = classify(item.subject)
            if found.kind is ReceiptKind.DELIVERY and found.code == state.code:
                state.delivery = await client.message(item.id)
                return f"message {item.id}, {len(state.delivery.body)} characters"
        raise StepFailedError("the CONSEGNA is not in the inbox")

    async def _view(self, state: SelfTestRun) -> str:
        message = _need(state.delivery)
        if not await self._render(message.body):
            raise StepFailedError("the message view did not render the CONSEGNA")
        return "the CONSEGNA rendered in QtWebEngine"


def _token() -> str:
    """A throwaway 24-hex-digit bearer token, good for this sandbox only."""
    return secrets.token_hex(12)


def _need(value: _T | None) -> _T:
    """``value``, which an earlier step set up."""
    if value is None:
        msg = "an earlier step did not run"
        raise StepFailedError(msg)
    return value


@asynccontextmanager
async def _closing(state: SelfTestRun) -> AsyncIterator[SelfTestRun]:
    """Close everything the steps opened, in reverse order, whatever happened."""
    async with state._stack:
        yield state
