"""Benchmark of the importer against its fuzz corpus (issue 13): time per hostile file.

Run from the repository root::

    .venv/bin/python benchmarks/import_fuzz.py               # bound 5 s per file
    .venv/bin/python benchmarks/import_fuzz.py --bound 2

Each file of the corpus (``tests/unit/recipients/corpus.py``: repeated headers, a million
columns, a lying dimension, a row numbered 2e9, zip bombs, a FIFO, a 200 KB cell, malformed
XML, random bytes, a truncated zip…) is generated in a temporary folder and read with
:func:`pecdesk.recipients.read_table`, as the Compose tab and ``pecdesk send --csv`` read a
list. Printed per file: the outcome (the error's class, or the table's size), the seconds
(median of ``--repeat`` runs; generating the file is not timed), and the ratio against reading
an ordinary 1,000-row .xlsx measured in the same run. The bound: every file ends within
``--bound`` seconds. Exits 1 when a file misses it or gives an outcome other than the
corpus says.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pecdesk.recipients import RecipientFileError, read_table  # noqa: E402
from tests.unit.recipients.corpus import CASES, Case, normal_xlsx  # noqa: E402


def read_once(path: Path) -> tuple[float, str]:
    """Seconds to read ``path``, and the outcome (error class, or rows and columns)."""
    started = time.perf_counter()
    try:
        table = read_table(path)
        outcome = f"table, {len(table.rows):,} rows x {len(table.headers)} columns"
    except RecipientFileError as error:
        outcome = type(error).__name__
    return time.perf_counter() - started, outcome


def measure(case: Case, repeat: int) -> tuple[float, str]:
    """Median seconds of ``repeat`` reads of ``case``'s file (built fresh in a temp folder)."""
    with tempfile.TemporaryDirectory() as folder:
        path = case.build(Path(folder))
        runs = [read_once(path) for _ in range(repeat)]
    return statistics.median(run[0] for run in runs), runs[0][1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bound", type=float, default=5.0, help="seconds allowed per file")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        normal = Path(folder) / "normale.xlsx"
        normal.write_bytes(normal_xlsx(1000))
        baseline = statistics.median(read_once(normal)[0] for _ in range(args.repeat))
    print(f"ordinary 1,000-row .xlsx: {baseline * 1000:.1f} ms (the ratio's unit)")
    failures = 0
    for case in CASES:
        seconds, outcome = measure(case, args.repeat)
        expected = case.error.__name__ if case.error else "table"
        right = outcome.startswith(expected)
        within = seconds <= args.bound
        failures += not (right and within)
        verdict = "ok" if right and within else (
            "OVER BOUND" if not within else f"WRONG OUTCOME (expected {expected})")
        print(f"{case.name:42} {seconds * 1000:8.1f} ms  x{seconds / baseline:6.1f}  "
              f"{outcome}  [{verdict}]")
    print(f"bound {args.bound:.1f} s per file: "
          f"{'all within' if not failures else f'{failures} file(s) failed'}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
