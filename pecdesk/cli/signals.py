"""SIGINT/SIGTERM while the queue runs: stop after the PEC in flight, or at once on a second."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable

from pecdesk.cli.common import Context


class StopOnSignal:
    """SIGINT/SIGTERM stop the queue gracefully (the request in flight is journaled first).

    The request in flight ends by its total deadline (``--timeout``) at the latest; a second
    signal calls ``force`` (when given) to stop at once, the request in flight left unknown.
    """

    def __init__(
        self,
        context: Context,
        stop: Callable[[], None],
        force: Callable[[], object] | None = None,
    ) -> None:
        self._context = context
        self._stop = stop
        self._force = force
        self._installed: list[signal.Signals] = []
        self._previous: dict[signal.Signals, object] = {}

    def _on_signal(self) -> None:
        if self._context.interrupted and self._force is not None:
            print("pecdesk: stopping now; the PEC in flight, if any, is recorded as unknown…",
                  file=self._context.err)
            self._force()
            return
        if not self._context.interrupted:
            again = " (press Ctrl+C again to stop at once)" if self._force else ""
            print(f"pecdesk: stopping after the PEC in flight is recorded…{again}",
                  file=self._context.err)
        self._context.interrupted = True
        self._stop()

    def __enter__(self) -> StopOnSignal:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, self._on_signal)
                self._installed.append(sig)
            except NotImplementedError:  # Windows: a plain handler that hops onto the loop
                self._previous[sig] = signal.signal(
                    sig, lambda *_: loop.call_soon_threadsafe(self._on_signal)
                )
            except (RuntimeError, ValueError):
                continue  # not the main thread: the defaults stay
        return self

    def __exit__(self, *exc: object) -> None:
        loop = asyncio.get_running_loop()
        for sig in self._installed:
            loop.remove_signal_handler(sig)
        for sig, previous in self._previous.items():
            signal.signal(sig, previous)  # type: ignore[arg-type]
