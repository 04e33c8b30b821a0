"""Benchmark: time to the main window and memory (idle, peak), pecdesk against a bare QMainWindow.

Run from the repository root (offscreen; builds both bundles unless ``--bundles`` names the
folder ``bundle_size.py --keep`` filled, or ``--no-frozen`` skips the frozen cases)::

    .venv/bin/python benchmarks/startup.py [--runs 5] [--bundles DIR | --no-frozen]

For each case the parent notes the time, starts the process and reads the ``pecdesk-shown
<time>`` mark the child prints at its main window's first Show (pecdesk: ``PECDESK_STARTUP_PROBE``;
the bare window: ``benchmarks/minimal_app.py``). pecdesk runs ``--quit-after-shown`` in a fresh
``--basedir``: once the first inbox page is in it prints ``pecdesk-first-page <time>``, idles
``PECDESK_IDLE_AFTER_FIRST_PAGE`` seconds and quits, before any message is opened (so
QtWebEngine is not loaded yet); the bare window prints the same mark at its first Show and
idles as long. Memory is the resident size summed over the process tree, sampled every 10 ms:
**idle** is the median of the samples from one second after the first-page mark to the exit
(the issue's goal: idle RSS with the first inbox page in), **peak** the largest sample, plus
the main process's ``ru_maxrss``. Each figure is the median of ``--runs`` runs, the cases
interleaved. Goals: shown <= 1.3x, idle memory <= 1.5x.

The **stack floor** (``benchmarks/stack_floor.py``) runs in the same rounds: the stack pecdesk
must use and nothing of pecdesk (a two-tab window at the app's size on the qasync loop, httpx
fetching the same account's first inbox page, sqlite3 opened), idling like the others. The
last line prints idle memory as pecdesk/bare, floor/bare and pecdesk/floor: floor/bare is what
the stack alone costs over a bare window, pecdesk/floor what pecdesk adds to it.

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
from dataclasses import dataclass
from pathlib import Path
from typing import IO

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.bundles import ROOT, build_minimal, build_pecdesk, need_pyinstaller, offscreen_env
from pecdesk.sandbox import DEMO_MAILBOX, DEMO_PASSWORD, DEMO_TOKEN, EmbeddedSandbox, SandboxConfig

TIME_GOAL, MEMORY_GOAL = 1.3, 1.5
MARK = "pecdesk-shown"
FIRST_PAGE_MARK = "pecdesk-first-page"  # pecdesk.ui.window.memory (not imported: no Qt here)
IDLE_ENV = "PECDESK_IDLE_AFTER_FIRST_PAGE"
IDLE_SECONDS = 2.5  # how long each child idles after its first-page mark
SETTLE_SECONDS = 1.0  # idle samples start this long after the mark
FLOOR_CASE = "stack floor (python)"  # benchmarks/stack_floor.py: the stack, no pecdesk code


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


@dataclass(frozen=True)
class Figures:
    """One run: seconds to shown, and bytes idle (tree), at peak (tree) and ru_maxrss."""

    shown: float
    idle: int
    peak: int
    maxrss: int


def _first_page_at(err: IO[bytes]) -> float | None:
    """The time in the child's first-page mark, once it has written it."""
    err.seek(0)
    for line in err.read().decode("utf-8", "replace").splitlines():
        if line.startswith(FIRST_PAGE_MARK):
            return float(line.split()[1])
    return None


def measure(command: list[str], env: dict[str, str]) -> Figures:
    """The figures of one run."""
    with tempfile.TemporaryFile() as err:
        started = time.time()
        process = subprocess.Popen(command, env={**env, IDLE_ENV: str(IDLE_SECONDS)},
                                   stdout=subprocess.DEVNULL, stderr=err)
        peak, usage, status, first_page = 0, None, 0, None
        idle: list[int] = []
        while usage is None:
            pid, status, rusage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                usage = rusage
            else:
                rss = _tree_rss(process.pid)
                peak = max(peak, rss)
                first_page = first_page or _first_page_at(err)
                if first_page is not None and time.time() >= first_page + SETTLE_SECONDS and rss:
                    idle.append(rss)
                time.sleep(0.01)
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    if process.returncode != 0:
        raise SystemExit(f"{command[0]} exited {process.returncode}:\n{text[-2000:]}")
    if not idle:
        raise SystemExit(f"{command[0]} printed no {FIRST_PAGE_MARK} mark, or did not idle")
    shown = next(float(line.split()[1]) for line in text.splitlines() if line.startswith(MARK))
    return Figures(shown - started, int(statistics.median(idle)), peak, usage.ru_maxrss * 1024)


def service_env(box: EmbeddedSandbox) -> dict[str, str]:
    """The ``PECDESK_*`` variables of the demo account on ``box``."""
    return {
        "PECDESK_BASE_URL": box.base_url,
        "PECDESK_TOKEN": DEMO_TOKEN,
        "PECDESK_USERNAME": DEMO_MAILBOX,
        "PECDESK_PASSWORD": DEMO_PASSWORD,
    }


def run_cases(bundles: Path | None, tmp: str, runs: int) -> dict[str, Figures]:
    """Median figures of every case (no frozen case without ``bundles``)."""
    frozen = bundles or Path("/nonexistent")
    frozen_app = frozen / "pecdesk" / "dist" / "pecdesk" / "pecdesk"
    frozen_bare = frozen / "minimal" / "dist" / "minimal" / "minimal"
    python = str(ROOT / ".venv" / "bin" / "python")
    installed = str(ROOT / ".venv" / "bin" / "pecdesk")
    bare_script = ROOT / "benchmarks" / "minimal_app.py"
    floor_script = ROOT / "benchmarks" / "stack_floor.py"
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
            FLOOR_CASE: (lambda _d: [python, str(floor_script)], remote),
            "pecdesk (python)": (lambda d: [installed, *app_args, d], remote),
            "pecdesk --sandbox (python)": (lambda d: [installed, *sandbox_args, d], env),
            "bare QMainWindow (frozen)": (lambda _d: [str(frozen_bare)], env),
            "pecdesk (frozen)": (lambda d: [str(frozen_app), *app_args, d], remote),
            "pecdesk --sandbox (frozen)": (lambda d: [str(frozen_app), *sandbox_args, d], env),
        }
        if bundles is None:
            cases = {name: case for name, case in cases.items() if "(frozen)" not in name}
        results: dict[str, list[Figures]] = {name: [] for name in cases}
        for run in range(runs + 1):  # the first round warms the page cache and is dropped
            for name, (command, case_env) in cases.items():
                figures = measure(command(tempfile.mkdtemp(dir=tmp)), case_env)
                if run:
                    results[name].append(figures)
    return {
        name: Figures(
            statistics.median(f.shown for f in found),
            int(statistics.median(f.idle for f in found)),
            int(statistics.median(f.peak for f in found)),
            int(statistics.median(f.maxrss for f in found)),
        )
        for name, found in results.items()
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--bundles", type=Path, help="where bundle_size.py --keep built them")
    parser.add_argument("--no-frozen", action="store_true",
                        help="skip the frozen bundles (building them takes minutes)")
    args = parser.parse_args()
    compileall.compile_dir(ROOT / "pecdesk", quiet=1)
    with tempfile.TemporaryDirectory(prefix="pecdesk-startup-") as tmp:
        bundles = args.bundles
        if bundles is None and not args.no_frozen:
            need_pyinstaller()
            bundles = Path(tmp) / "bundles"
            build_pecdesk(bundles / "pecdesk")
            build_minimal(bundles / "minimal")
        medians = run_cases(bundles, tmp, args.runs)
    print(f"{'case':28} {'shown s':>8} {'idle MB':>8} {'peak MB':>8} {'maxRSS MB':>10}")
    for name, f in medians.items():
        print(f"{name:28} {f.shown:8.3f} {f.idle / 1e6:8.1f} {f.peak / 1e6:8.1f} "
              f"{f.maxrss / 1e6:10.1f}")
    ok = True
    for kind in ("python", "frozen"):
        bare = medians.get(f"bare QMainWindow ({kind})")
        if bare is None:
            continue
        for app_case, checked in ((f"pecdesk ({kind})", True),
                                  (f"pecdesk --sandbox ({kind})", False)):
            app = medians[app_case]
            time_ratio, idle_ratio = app.shown / bare.shown, app.idle / bare.idle
            if checked:
                ok &= time_ratio <= TIME_GOAL and idle_ratio <= MEMORY_GOAL
            print(
                f"{app_case}: shown {time_ratio:.2f}x (goal <= {TIME_GOAL}), "
                f"idle memory {idle_ratio:.2f}x (goal <= {MEMORY_GOAL}), "
                f"peak memory {app.peak / bare.peak:.2f}x"
                + ("" if checked else "  [built-in sandbox: not the goal's case]")
            )
    bare, floor, app = (medians[name] for name in
                        ("bare QMainWindow (python)", FLOOR_CASE, "pecdesk (python)"))
    print(
        f"idle memory (python): pecdesk/bare {app.idle / bare.idle:.2f}x, "
        f"floor/bare {floor.idle / bare.idle:.2f}x, pecdesk/floor {app.idle / floor.idle:.2f}x "
        f"(pecdesk's own {(app.idle - floor.idle) / 1e6:.1f} MB over the stack floor)"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
