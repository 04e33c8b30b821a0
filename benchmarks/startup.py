"""Benchmark: time to the main window and peak memory, pecdesk against a bare QMainWindow.

Run from the repository root (offscreen; builds both bundles unless ``--bundles`` names the
folder ``bundle_size.py --keep`` filled)::

    .venv/bin/python benchmarks/startup.py [--runs 5] [--bundles DIR]

For each case the parent notes the time, starts the process and reads the ``pecdesk-shown
<time>`` mark the child prints at its main window's first Show (pecdesk: ``PECDESK_STARTUP_PROBE``;
the bare window: ``benchmarks/minimal_app.py``). pecdesk runs ``--quit-after-shown`` in a fresh
``--basedir``: it quits once the first inbox page is in, before any message is opened (so
QtWebEngine is not loaded yet); memory is the peak RSS summed over the process tree, sampled
every 10 ms, and the main process's ``ru_maxrss``. Each figure is the median of ``--runs`` runs,
the cases interleaved. Goals: shown <= 1.3x, memory <= 1.5x.

pecdesk runs two ways: on an account from the ``PECDESK_*`` variables whose service is a
sandbox in this (parent) process, as a real account's service is elsewhere ("remote service"),
and on its built-in sandbox (``--sandbox``, a new user's first start), whose HTTP server then
runs inside pecdesk and counts in its memory. The goals are checked on the first; the second
is printed next to it. The unfrozen app runs as the installed ``pecdesk`` command with its
modules byte-compiled first, as pip leaves them (this checkout's environment sets
PYTHONDONTWRITEBYTECODE, which would otherwise recompile every module at each start).
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.bundles import ROOT, build_minimal, build_pecdesk, need_pyinstaller, offscreen_env
from pecdesk.sandbox import DEMO_MAILBOX, DEMO_PASSWORD, DEMO_TOKEN, EmbeddedSandbox, SandboxConfig

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


def service_env(box: EmbeddedSandbox) -> dict[str, str]:
    """The ``PECDESK_*`` variables of the demo account on ``box``."""
    return {
        "PECDESK_BASE_URL": box.base_url,
        "PECDESK_TOKEN": DEMO_TOKEN,
        "PECDESK_USERNAME": DEMO_MAILBOX,
        "PECDESK_PASSWORD": DEMO_PASSWORD,
    }


def run_cases(bundles: Path, tmp: str, runs: int) -> dict[str, tuple[float, ...]]:
    """Median (shown s, tree RSS, maxRSS) of every case."""
    frozen_app = bundles / "pecdesk" / "dist" / "pecdesk" / "pecdesk"
    frozen_bare = bundles / "minimal" / "dist" / "minimal" / "minimal"
    python = str(ROOT / ".venv" / "bin" / "python")
    installed = str(ROOT / ".venv" / "bin" / "pecdesk")
    bare_script = ROOT / "benchmarks" / "minimal_app.py"
    config = SandboxConfig(tokens=[DEMO_TOKEN], mailboxes={DEMO_MAILBOX: DEMO_PASSWORD}, demo=True)
    with EmbeddedSandbox(config) as box:
        env = {**offscreen_env(), "PECDESK_STARTUP_PROBE": "1"}
        remote = {**env, **service_env(box)}
        app_args = ["--quit-after-shown", "--basedir"]
        sandbox_args = ["--sandbox", *app_args]
        cases = {
            "bare QMainWindow (python)": (lambda _d: [python, str(bare_script)], env),
            "bare + QtWebEngine import": (
                lambda _d: [python, str(bare_script), "--import-webengine"], env),
            "pecdesk (python)": (lambda d: [installed, *app_args, d], remote),
            "pecdesk --sandbox (python)": (lambda d: [installed, *sandbox_args, d], env),
            "bare QMainWindow (frozen)": (lambda _d: [str(frozen_bare)], env),
            "pecdesk (frozen)": (lambda d: [str(frozen_app), *app_args, d], remote),
            "pecdesk --sandbox (frozen)": (lambda d: [str(frozen_app), *sandbox_args, d], env),
        }
        results: dict[str, list[tuple[float, int, int]]] = {name: [] for name in cases}
        for run in range(runs + 1):  # the first round warms the page cache and is dropped
            for name, (command, case_env) in cases.items():
                figures = measure(command(tempfile.mkdtemp(dir=tmp)), case_env)
                if run:
                    results[name].append(figures)
    return {
        name: tuple(statistics.median(r[i] for r in runs_) for i in range(3))
        for name, runs_ in results.items()
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--bundles", type=Path, help="where bundle_size.py --keep built them")
    args = parser.parse_args()
    compileall.compile_dir(ROOT / "pecdesk", quiet=1)
    with tempfile.TemporaryDirectory(prefix="pecdesk-startup-") as tmp:
        bundles = args.bundles
        if bundles is None:
            need_pyinstaller()
            bundles = Path(tmp) / "bundles"
            build_pecdesk(bundles / "pecdesk")
            build_minimal(bundles / "minimal")
        medians = run_cases(bundles, tmp, args.runs)
    print(f"{'case':28} {'shown s':>8} {'tree RSS MB':>12} {'maxRSS MB':>10}")
    for name, (shown, tree, maxrss) in medians.items():
        print(f"{name:28} {shown:8.3f} {tree / 1e6:12.1f} {maxrss / 1e6:10.1f}")
    ok = True
    for kind in ("python", "frozen"):
        bare = medians[f"bare QMainWindow ({kind})"]
        for app_case, checked in ((f"pecdesk ({kind})", True),
                                  (f"pecdesk --sandbox ({kind})", False)):
            app = medians[app_case]
            time_ratio, memory_ratio = app[0] / bare[0], app[1] / bare[1]
            if checked:
                ok &= time_ratio <= TIME_GOAL and memory_ratio <= MEMORY_GOAL
            print(
                f"{app_case}: shown {time_ratio:.2f}x (goal <= {TIME_GOAL}), "
                f"memory {memory_ratio:.2f}x (goal <= {MEMORY_GOAL})"
                + ("" if checked else "  [built-in sandbox: not the goal's case]")
            )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
