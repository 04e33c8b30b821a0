"""Guard against PySide6 builds that corrupt Python's reference counts.

PySide6 6.12.0's abi3 wheels, on Python 3.11, drop one reference to None on every Qt call that
returns None; after a few thousand calls the interpreter aborts with "none_dealloc". pecdesk
makes far more calls than that in a session, so a build with this bug must never be shipped.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_qt_calls_keep_none_true_false_alive() -> None:
    """A thousand Qt calls that return None or bools leave their refcounts unchanged."""
    probe = QObject()
    before = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    for _ in range(1000):
        probe.setObjectName("probe")
        probe.blockSignals(False)
        probe.signalsBlocked()
    after = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    drift = [a - b for a, b in zip(after, before, strict=True)]
    assert all(abs(d) < 50 for d in drift), drift
