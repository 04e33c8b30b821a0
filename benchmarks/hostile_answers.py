"""Benchmark of the client against hostile answers (issue 13): time and memory per bad answer.

Run from the repository root::

    .venv/bin/python benchmarks/hostile_answers.py               # deadline 2 s
    .venv/bin/python benchmarks/hostile_answers.py --deadline 5

Each bad answer comes from the loopback hostile server of the tests
(``tests/unit/api/hostile.py``): a body trickled a byte at a time, no answer at all, a connect
that never completes, 100 MB announced or chunked, a 100 MB 429. For each, the time the call
took and the peak Python heap it used; the bounds: the call returns within the deadline plus
one second, and the heap peaks under 8 MiB (the largest cap of ``POST /send`` and quota being
1 MiB). Exits 1 when a bound is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pecdesk.api import PecError, PecMassivaClient  # noqa: E402
from tests.unit.api.hostile import (  # noqa: E402
    Behaviour,
    hostile,
    huge,
    silent,
    trickle,
    unreachable,
)

MEMORY_BOUND = 8 * 1024 * 1024
SLACK = 1.0


@contextmanager
def served(behaviour: Behaviour) -> Iterator[str]:
    """The base URL of a hostile server with ``behaviour``."""
    with hostile(behaviour) as server:
        yield server.url


CASES: dict[str, Callable[[], AbstractContextManager[str]]] = {
    "trickle, a byte each 50 ms": lambda: served(trickle()),
    "no answer at all": lambda: served(silent),
    "connect never completes": unreachable,
    "100 MB, Content-Length": lambda: served(huge()),
    "100 MB, chunked": lambda: served(huge(declared=False)),
    "100 MB 429": lambda: served(huge(429)),
}


def measure(url: str, deadline: float) -> tuple[float, int, str]:
    """Seconds, peak heap bytes and the error's class name of one POST /send to ``url``."""

    async def go() -> str:
        async with PecMassivaClient(url, "t0k3n", "u@pec.it", "pw", timeout=deadline) as client:
            try:
                await client.send("u@pec.it", ["a@pec.it"], "Avviso", "Testo")
            except PecError as error:
                return type(error).__name__
        return "no error"

    tracemalloc.start()
    started = time.monotonic()
    try:
        outcome = asyncio.run(go())
        elapsed = time.monotonic() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return elapsed, peak, outcome


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deadline", type=float, default=2.0)
    deadline = parser.parse_args().deadline
    failed = False
    print(f"{'answer':30} {'seconds':>8} {'peak MiB':>9}  error")
    for name, server in CASES.items():
        with server() as url:
            elapsed, peak, outcome = measure(url, deadline)
        ok = elapsed <= deadline + SLACK and peak <= MEMORY_BOUND and outcome != "no error"
        failed |= not ok
        mark = "" if ok else "  <-- over the bound"
        print(f"{name:30} {elapsed:8.2f} {peak / 2**20:9.2f}  {outcome}{mark}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
