"""Run the sandbox in-process: aiohttp on its own asyncio loop in a daemon thread."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any

from aiohttp import web

from pecdesk.sandbox.config import DEMO_MAILBOX, SandboxConfig
from pecdesk.sandbox.receipts import Sending, acceptance
from pecdesk.sandbox.samples import sample_messages
from pecdesk.sandbox.server import SandboxApi
from pecdesk.sandbox.state import SandboxState

_DEMO_COUNT = 8
_ACCESS_LOG = logging.getLogger("aiohttp.access")
# How long stop() lets an in-flight request (a slow-reply fault) finish before cancelling it.
_SHUTDOWN_GRACE = 0.5


class EmbeddedSandbox:
    """A sandbox server owned by the caller: ``start()``, use ``base_url``, ``stop()``.

    Also a context manager. State lives in this object (and in the state file, if configured),
    so ``stop()`` then ``start()`` keeps it; a new instance on the same state file reloads it.

    Attributes:
        config: the settings it runs with.
    """

    def __init__(
        self,
        config: SandboxConfig | None = None,
        *,
        access_log: bool = False,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.config = config if config is not None else SandboxConfig()
        self._access_log = access_log
        self._state = SandboxState(
            self.config.mailboxes, state_file=self.config.state_file, clock=clock
        )
        self._api = SandboxApi(self.config, self._state)
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        if self.config.demo:
            self._seed_demo()

    @property
    def base_url(self) -> str:
        """``http://host:port`` of the running server."""
        if self._port is None:
            msg = "the sandbox is not running"
            raise RuntimeError(msg)
        host = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(  # noqa: S104
            self.config.host, self.config.host
        )
        return f"http://[{host}]:{self._port}" if ":" in host else f"http://{host}:{self._port}"

    @property
    def running(self) -> bool:
        """Whether the server thread is up."""
        return self._thread is not None

    def start(self, timeout: float = 10.0) -> None:
        """Start serving; return once the port is listening. No-op when already running.

        Raises:
            OSError: the address cannot be bound.
            RuntimeError: the server did not come up within ``timeout`` seconds.
        """
        if self._thread is not None:
            return
        ready = threading.Event()
        failure: list[BaseException] = []
        thread = threading.Thread(
            target=self._serve, args=(ready, failure), name="pecdesk-sandbox", daemon=True
        )
        thread.start()
        if not ready.wait(timeout):
            msg = "the sandbox did not start in time"
            raise RuntimeError(msg)
        if failure:
            thread.join(timeout)
            raise failure[0]
        self._thread = thread

    def stop(self, timeout: float = 10.0) -> None:
        """Stop serving and join the thread; safe to call more than once."""
        thread, loop, runner = self._thread, self._loop, self._runner
        if thread is None or loop is None or runner is None:
            return
        asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(timeout)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout)
        self._thread = self._loop = self._runner = None
        self._port = None

    def __enter__(self) -> EmbeddedSandbox:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def ledger(self) -> list[dict[str, Any]]:
        """Every committed ``POST /send``, as ``GET /_sandbox/ledger`` returns it."""
        return self._state.ledger()

    def seed_inbox(self, address: str, count: int) -> None:
        """Put ``count`` realistic, varied messages into a hosted mailbox's INBOX.

        Raises:
            ValueError: ``address`` is not a hosted mailbox.
        """
        box = self._state.hosted(address)
        if box is None:
            msg = f"{address!r} is not a mailbox of this sandbox"
            raise ValueError(msg)
        with self._state.lock:
            drafts = sample_messages(
                box.address, count, now=self._state.clock(), first_serial=box.next_id
            )
            self._state.add_messages(box.address, drafts)
            self._state.save()

    def add_acceptances(self, address: str, count: int, *, subject: str) -> None:
        """Put ``count`` ACCETTAZIONE receipts of ``subject`` into a hosted mailbox, dated now.

        Each is the receipt of an invented sending (its own code, one invented recipient), as
        the rest of a big campaign would leave them: a mailbox of hundreds of pages in an
        instant, for tests that must read far back (no ledger entry, no other message).

        Raises:
            ValueError: ``address`` is not a hosted mailbox.
        """
        box = self._state.hosted(address)
        if box is None:
            msg = f"{address!r} is not a mailbox of this sandbox"
            raise ValueError(msg)
        with self._state.lock:
            now = self._state.clock()
            drafts = []
            for n in range(count):
                code = self._state.new_code()
                sending = Sending(box.address, box.address, f"{subject} {code}", code, now)
                recipient = f"altro{n:06d}@pec.example.it"
                drafts.append((acceptance(sending, [(recipient, True)], now), now))
            self._state.add_messages(box.address, drafts)
            self._state.save()

    def deliver_due(self) -> int:
        """Deliver every receipt that is due now (requests do this anyway); return how many."""
        arrived = self._state.materialize()
        if arrived:
            self._state.save()
        return arrived

    def _seed_demo(self) -> None:
        addresses = list(self.config.mailboxes)
        if not addresses:
            return
        address = DEMO_MAILBOX if DEMO_MAILBOX in self.config.mailboxes else addresses[0]
        box = self._state.hosted(address)
        if box is not None and not box.messages:
            self.seed_inbox(address, _DEMO_COUNT)

    def _serve(self, ready: threading.Event, failure: list[BaseException]) -> None:
        """Thread body: bind, signal ``ready``, run the loop until ``stop()``, then close it."""
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        try:
            self._runner = loop.run_until_complete(self._bind())
            self._loop = loop
        except BaseException as exc:  # handed over to the thread that called start()
            failure.append(exc)
            loop.close()
            ready.set()
            return
        ready.set()
        try:
            loop.run_forever()
        finally:
            pending = asyncio.all_tasks(loop)
            for task in pending:
                task.cancel()
            loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    async def _bind(self) -> web.AppRunner:
        runner = web.AppRunner(
            self._api.application(),
            shutdown_timeout=_SHUTDOWN_GRACE,
            access_log=_ACCESS_LOG if self._access_log else None,
        )
        await runner.setup()
        try:
            site = web.TCPSite(runner, self.config.host, self.config.port)
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._port = int(runner.addresses[0][1])
        return runner
