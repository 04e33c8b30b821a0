"""Benchmark: time to the main window and peak memory, pecdesk against a bare QMainWindow.

Run from the repository root (offscreen; builds both bundles unless ``--bundles`` names the
folder ``bundle_size.py --keep`` filled)::

    .venv/bin/python benchmarks/startup.py [--runs 5] [--bundles DIR]

For each case the parent notes the time, starts the process and reads the ``pecdesk-shown
<time>`` mark the child prints at its main window's first Show (pecdesk: ``PECDESK_STARTUP_PROBE``;
the bare window: ``benchmarks/minimal_app.py``). pecdesk runs ``--sandbox --quit-after-shown`` in a
fresh ``--basedir``: it quits once the first inbox page is in, before any message is opened
(so QtWebEngine's view does not exist yet); memory is the peak RSS summed over the process tree,
sampled every 10 ms, and the main process's ``ru_maxrss``. Goals: shown <= 1.3x, memory <= 1.5x.
Each figure is the median of ``--runs`` runs, the cases interleaved.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.bundles import ROOT, build_minimal, build_pecdesk, need_pyinstaller, offscreen_env

TIME_GOAL, MEMORY_GOAL = 1.3, 1.5
MARK = "pecdesk-shown"


def _tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def measure(command: list[str], env: dict[str, str]) -> tuple[float, int, int]:
    """(seconds to shown, peak tree RSS, ru_maxrss bytes) of one run."""
    with tempfile.TemporaryFile() as err:
        started = time.time()
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=err)
        peak, usage, status = 0, None, 0
        while usage is None:
            pid, status, rusage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                usage = rusage
            else:
                peak = max(peak, _tree_rss(process.pid))
                time.sleep(0.01)
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    if process.returncode != 0:
        raise SystemExit(f"{command[0]} exited {process.returncode}:\n{text[-2000:]}")
    shown = next(float(line.split()[1]) for line in text.splitlines() if line.startswith(MARK))
    return shown - started, peak, usage.ru_maxrss * 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--bundles", type=Path, help="where bundle_size.py --keep built them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pecdesk-startup-") as tmp:
        bundles = args.bundles
        if bundles is None:
            need_pyinstaller()
            bundles = Path(tmp) / "bundles"
            build_pecdesk(bundles / "pecdesk")
            build_minimal(bundles / "minimal")
        frozen_app = bundles / "pecdesk" / "dist" / "pecdesk" / "pecdesk"
        frozen_bare = bundles / "minimal" / "dist" / "minimal" / "minimal"
        python = str(ROOT / ".venv" / "bin" / "python")
        env = {**offscreen_env(), "PECDESK_STARTUP_PROBE": "1"}
        bare_script = ROOT / "benchmarks" / "minimal_app.py"
        bare_web = [python, str(bare_script), "--import-webengine"]
        app_args = ["--sandbox", "--quit-after-shown", "--basedir"]
        cases = {
            "bare QMainWindow (python)": lambda _d: [python, str(bare_script)],
            "bare + QtWebEngine import": lambda _d: [*bare_web],
            "pecdesk (python)": lambda d: [python, "-m", "pecdesk", *app_args, d],
            "bare QMainWindow (frozen)": lambda _d: [str(frozen_bare)],
            "pecdesk (frozen)": lambda d: [str(frozen_app), *app_args, d],
        }
        results: dict[str, list[tuple[float, int, int]]] = {name: [] for name in cases}
        for run in range(args.runs + 1):  # the first round warms the page cache and is dropped
            for name, command in cases.items():
                figures = measure(command(tempfile.mkdtemp(dir=tmp)), env)
                if run:
                    results[name].append(figures)
    medians = {
        name: tuple(statistics.median(r[i] for r in runs) for i in range(3))
        for name, runs in results.items()
    }
    print(f"{'case':28} {'shown s':>8} {'tree RSS MB':>12} {'maxRSS MB':>10}")
    for name, (shown, tree, maxrss) in medians.items():
        print(f"{name:28} {shown:8.3f} {tree / 1e6:12.1f} {maxrss / 1e6:10.1f}")
    ok = True
    for kind in ("python", "frozen"):
        app, bare = medians[f"pecdesk ({kind})"], medians[f"bare QMainWindow ({kind})"]
        time_ratio, memory_ratio = app[0] / bare[0], app[1] / bare[1]
        ok &= time_ratio <= TIME_GOAL and memory_ratio <= MEMORY_GOAL
        print(
            f"{kind}: shown {time_ratio:.2f}x (goal <= {TIME_GOAL}), "
            f"memory {memory_ratio:.2f}x (goal <= {MEMORY_GOAL})"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
