"""Benchmark: pecdesk's bundle size against a minimal PySide6 + QtWebEngine bundle (goal <= 1.15x).

Run from the repository root (builds both, ~1-2 minutes on 2 cores, ~900 MB in a temp dir)::

    .venv/bin/python benchmarks/bundle_size.py [--keep DIR]

Both are built in the same run by the same rules (:mod:`benchmarks.bundles`); the minimal app is
``benchmarks/minimal_app.py``. Prints the size of each, the ratio, and the biggest folders of
pecdesk's bundle that the minimal one does not have.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "packaging"))
from pyi_rules import DROP  # packaging/ is on sys.path, see above

from benchmarks.bundles import (
    ROOT,
    build_generated,
    build_minimal,
    build_pecdesk,
    need_pyinstaller,
    tree_size,
)

GOAL = 1.15
MB = 1_000_000


def _top_level(folder: Path) -> dict[str, int]:
    internal = folder / "_internal"
    return {p.name: tree_size(p)[0] if p.is_dir() else p.stat().st_size
            for p in internal.iterdir() if not p.is_symlink()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="build here and keep the bundles")
    parser.add_argument(
        "--rules", action="store_true", help="also measure what each rule of pyi_rules saves"
    )
    args = parser.parse_args()
    need_pyinstaller()
    with tempfile.TemporaryDirectory(prefix="pecdesk-size-") as tmp:
        out = args.keep or Path(tmp)
        started = time.monotonic()
        app = build_pecdesk(out / "pecdesk")
        app_time = time.monotonic() - started
        started = time.monotonic()
        ref = build_minimal(out / "minimal")
        ref_time = time.monotonic() - started
        (app_bytes, app_files), (ref_bytes, ref_files) = tree_size(app), tree_size(ref)
        ratio = app_bytes / ref_bytes
        verdict = "PASS" if ratio <= GOAL else "FAIL"
        print(f"pecdesk : {app_bytes / MB:6.1f} MB, {app_files} files, built in {app_time:.1f} s")
        print(f"minimal : {ref_bytes / MB:6.1f} MB, {ref_files} files, built in {ref_time:.1f} s")
        print(f"ratio   : {ratio:.3f} (goal <= {GOAL})  {verdict}")
        ours, theirs = _top_level(app), _top_level(ref)
        extra = sorted(
            ((size - theirs.get(name, 0), name) for name, size in ours.items()), reverse=True
        )
        print("largest additions over the minimal bundle:")
        for size, name in extra[:8]:
            print(f"  {size / MB:6.1f} MB  {name}")
        if args.rules:
            measure_rules(out / "rules")
    return 0 if ratio <= GOAL else 1


def measure_rules(out: Path) -> None:
    """Build pecdesk with no rules and with the module exclusions only; print each saving."""
    entry = ROOT / "pecdesk" / "__main__.py"
    plain = build_generated(out / "plain", entry, "plain", excludes=False, drop=False)
    excluded = build_generated(out / "excluded", entry, "excluded", drop=False)
    plain_bytes, excluded_bytes = tree_size(plain)[0], tree_size(excluded)[0]
    print(f"no rules          : {plain_bytes / MB:6.1f} MB")
    saved = (plain_bytes - excluded_bytes) / MB
    print(f"module exclusions : {excluded_bytes / MB:6.1f} MB (saves {saved:.1f} MB)")
    inside = excluded / "_internal"
    files = [p for p in inside.rglob("*") if p.is_file() and not p.is_symlink()]
    for pattern in DROP:
        matched = [p for p in files if pattern.search(p.relative_to(inside).as_posix())]
        saved = sum(p.stat().st_size for p in matched)
        print(f"  {saved / MB:6.1f} MB  {len(matched):4d} files  {pattern.pattern[:70]}")


if __name__ == "__main__":
    raise SystemExit(main())
