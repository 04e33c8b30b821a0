"""Big lists built off the window's thread without stalling it: the cycle collector held back.

Reading, mapping, checking and encoding a 100,000-row list allocates a few hundred thousand
objects in a worker thread. Python's cycle collector then runs full collections in that worker,
each scanning every object of the process while holding the interpreter lock: 30 to 170 ms
during which the window's thread cannot run a single line (measured by benchmarks/ui_stall.py).
:meth:`Collector.paused` holds the collector back while such a list is built and, when the last
builder is done, freezes what exists (``gc.freeze``): the list is long-lived, so no later
collection needs to scan it again. The lists hold no reference cycles; freed by reference
counting, they go as soon as nothing uses them, frozen or not.

Overlapping builders must count their pause in one place, so this module keeps no state of its
own: the wiring factory (:func:`pecdesk.app.wiring.open_window_services`) builds one
:class:`Collector` for the window's services (one window at a time), and the compose service
hands it to the list import.
"""

from __future__ import annotations

import functools
import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


class Collector:
    """The process's cycle collector, paused by any number of builders at once (any thread).

    Build one for everything that shares the process: builders that overlap must count on the
    same object, or the last to finish could switch the collector back on while another still
    builds.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._builders = 0
        self._was_enabled = True

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Hold the cycle collector back in this block (any thread; blocks may overlap)."""
        with self._lock:
            if self._builders == 0:
                self._was_enabled = gc.isenabled()
                gc.disable()
            self._builders += 1
        try:
            yield
        finally:
            with self._lock:
                self._builders -= 1
                if self._builders == 0:
                    gc.freeze()
                    if self._was_enabled:
                        gc.enable()

    def building(self, work: Callable[P, T]) -> Callable[P, T]:
        """``work`` run with the collector held back (for ``asyncio.to_thread``)."""

        @functools.wraps(work)
        def run(*args: P.args, **kwargs: P.kwargs) -> T:
            with self.paused():
                return work(*args, **kwargs)

        return run
