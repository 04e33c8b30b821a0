"""Benchmark of the Compose tab's import (issue 4): spreadsheet to a validated preview.

Run from the repository root::

    .venv/bin/python benchmarks/compose_import.py            # 10,000-row .xlsx, 100,000-row CSV
    .venv/bin/python benchmarks/compose_import.py --rows 2000 --csv-rows 20000

"Validated preview" is what the tab does before the list is shown: read the file
(:func:`pecdesk.recipients.read_table`), map the columns and check every address
(:func:`pecdesk.recipients.to_recipients`), and run the pre-flight report. It runs in a worker
thread, as the tab runs it (``asyncio.to_thread``, the cycle collector held back with
:meth:`pecdesk.services.sending.heap.Collector.building`), while a 5 ms ticker on the event
loop records how late it wakes: the GUI thread's responsiveness meanwhile. Goals: .xlsx <= 2 s,
CSV <= 3 s.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

import openpyxl

from pecdesk.recipients import guess_mapping, read_table, to_recipients
from pecdesk.recipients.mapping import field_names
from pecdesk.services.sending.heap import Collector
from pecdesk.services.sending.preflight import Letter, check

HEADER = ["Nome", "Cognome", "PEC", "Importo", "Città", "Note"]
LETTER = Letter("Fattura per {{Nome}} {{Cognome}}", "<p>Gentile {{Nome}}, {{Importo}}</p>")


def row(n: int) -> list[str]:
    return [f"Nicolò{n}", f"Carità{n % 97}", f"cliente{n}@pec{n % 50}.it", f"{n % 900},50",
            "Forlì", "nota; con punto e virgola" if n % 10 == 0 else ""]


def write_xlsx(path: Path, rows: int) -> None:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADER)
    for n in range(rows):
        sheet.append(row(n))
    book.save(path)


def write_csv(path: Path, rows: int) -> None:
    lines = [";".join(HEADER)]
    for n in range(rows):
        cells = row(n)
        cells[-1] = f'"{cells[-1]}"' if ";" in cells[-1] else cells[-1]
        lines.append(";".join(cells))
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))


def validated_preview(path: Path) -> int:
    table = read_table(path)
    mapping = guess_mapping(table)
    recipients = to_recipients(table, mapping)
    report = check(recipients, LETTER, columns=field_names(table, mapping),
                   max_message_bytes=100_000_000)
    return len(recipients) + 0 * len(report.issues)


async def measure(path: Path) -> tuple[float, float, float, int]:
    """Seconds to a validated preview (off-loop), and the ticker's p99 and max lateness (ms)."""
    late: list[float] = []
    done = asyncio.Event()

    async def ticker() -> None:
        while not done.is_set():
            start = time.perf_counter()
            await asyncio.sleep(0.005)
            late.append((time.perf_counter() - start - 0.005) * 1000)

    tick = asyncio.create_task(ticker())
    start = time.perf_counter()
    count = await asyncio.to_thread(Collector().building(validated_preview), path)
    elapsed = time.perf_counter() - start
    done.set()
    await tick
    late.sort()
    p99 = late[min(len(late) - 1, int(len(late) * 0.99))] if late else 0.0
    return elapsed, p99, max(late, default=0.0), count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000, help=".xlsx rows")
    parser.add_argument("--csv-rows", type=int, default=100_000, help="CSV rows")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        xlsx, csv_path = Path(folder) / "list.xlsx", Path(folder) / "list.csv"
        write_xlsx(xlsx, args.rows)
        write_csv(csv_path, args.csv_rows)
        for label, path, goal in ((f"{args.rows:,}-row .xlsx", xlsx, 2.0),
                                  (f"{args.csv_rows:,}-row CSV", csv_path, 3.0)):
            runs = [asyncio.run(measure(path)) for _ in range(args.repeat)]
            seconds = statistics.median(r[0] for r in runs)
            p99 = statistics.median(r[1] for r in runs)
            worst = max(r[2] for r in runs)
            size = path.stat().st_size / 1e6
            verdict = "ok" if seconds <= goal else "OVER GOAL"
            print(f"{label} ({size:.1f} MB, {runs[0][3]:,} recipients): "
                  f"{seconds:.2f} s median of {args.repeat} (goal <= {goal:.0f} s, {verdict}); "
                  f"event loop late p99 {p99:.1f} ms, max {worst:.1f} ms")


if __name__ == "__main__":
    main()
