"""Giving memory back once the first inbox page is in, and the idle probe of benchmarks/startup.py.

Start-up is the busiest moment of a session: modules import, Qt builds the window, the first
page is parsed. Once the first page is in, :func:`release_memory` drops caches only start-up
filled, collects the garbage, moves what survived (modules, classes, the window's objects) out
of the collector's sight with ``gc.freeze()`` (later collections skip it and so do not touch,
or copy on write, its pages), and asks glibc to return free heap pages (``malloc_trim``).
Measured (benchmarks/startup.py) this gives back little, about 0.3 MB of 99: what the idle
window holds is live, mostly the code of the modules imported on the way to the first page.
It is cheap (a few ms, once), and it keeps the idle heap from carrying start-up's garbage as
start-up grows; call it again after other heavy, one-off work.

With ``PECDESK_STARTUP_PROBE=1``, :func:`first_page_in` also writes ``pecdesk-first-page <POSIX
time>`` to stderr, and ``--quit-after-shown`` quits only after idling
``PECDESK_IDLE_AFTER_FIRST_PAGE`` seconds (see :func:`quit_after_idling`), so the benchmark can
read the idle memory of the window with its first page in.
"""

from __future__ import annotations

import ctypes
import gc
import linecache
import logging
import os
import sys
import time
from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QTimer

from pecdesk.ui.window.startup_probe import STARTUP_PROBE_ENV

_log = logging.getLogger(__name__)

FIRST_PAGE_MARK = "pecdesk-first-page"
IDLE_ENV = "PECDESK_IDLE_AFTER_FIRST_PAGE"
"""Seconds ``--quit-after-shown`` idles after the first page before quitting (benchmarks)."""


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    """The C library's ``malloc_trim`` (glibc), or None (macOS, Windows, musl: none to call)."""
    if not sys.platform.startswith("linux"):
        return None
    try:  # by its soname: ctypes.util.find_library would fork ``ldconfig`` from a big process
        trim: Callable[[int], int] = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None
    return trim


def release_memory() -> int:
    """Drop start-up caches, collect, freeze the survivors, return free pages; objects collected.

    ``linecache`` holds the source of every file a traceback or warning looked at during
    start-up (about 0.9 MB, mostly anyio's); it is refilled on demand if ever needed again.
    """
    linecache.clearcache()
    collected = gc.collect()
    gc.freeze()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
    return collected


def first_page_in(_rows: int = 0) -> None:
    """The inbox's first page is in (``first_page_loaded``): give start-up's memory back."""
    collected = release_memory()
    _log.debug("Memory released after the first page (%d objects collected)", collected)
    if os.environ.get(STARTUP_PROBE_ENV) == "1":
        print(f"{FIRST_PAGE_MARK} {time.time():.6f}", file=sys.stderr, flush=True)


def quit_after_idling(quit_now: Callable[[], None]) -> None:
    """``--quit-after-shown``: call ``quit_now`` at once, or after the benchmark's idle time."""
    try:
        seconds = float(os.environ.get(IDLE_ENV) or 0)
    except ValueError:
        seconds = 0.0
    if seconds > 0:
        QTimer.singleShot(round(seconds * 1000), quit_now)
    else:
        quit_now()
