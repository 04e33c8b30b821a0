"""MainThreadCollector: automatic GC off while started, cycles collected when it says so."""

from __future__ import annotations

import gc

from pytestqt.qtbot import QtBot

from pecdesk.ui.window.collector import MainThreadCollector


class Node:
    """A node that can point at itself, making a reference cycle."""

    def __init__(self) -> None:
        self.other: Node | None = None


def test_collects_cycles_past_the_threshold(qtbot: QtBot) -> None:
    """While started, automatic GC is off and collect() frees cycles past the threshold."""
    gc.enable()
    collector = MainThreadCollector()
    collector.start()
    try:
        assert not gc.isenabled()
        assert collector.timer.isActive()
        gc.collect()
        assert collector.collect() == 0  # nothing allocated since: below every threshold
        nodes = [Node() for _ in range(gc.get_threshold()[0] + 100)]
        for node in nodes:
            node.other = node
        del nodes, node
        assert collector.collect() >= gc.get_threshold()[0]
    finally:
        collector.stop()
    assert gc.isenabled()
    assert not collector.timer.isActive()
    gc.disable()  # as tests/gui/conftest.py keeps it during a GUI test
