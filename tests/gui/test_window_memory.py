"""Giving start-up's memory back once the first inbox page is in, and the benchmark's idle hold."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from pecdesk.ui.window import memory
from pecdesk.ui.window.startup_probe import STARTUP_PROBE_ENV


@pytest.fixture
def unfrozen() -> Iterator[None]:
    """Leave the collector as found: release_memory freezes what survives."""
    yield
    gc.unfreeze()


def test_release_memory_collects_and_freezes_the_survivors(unfrozen: None) -> None:
    """Garbage (a reference cycle) is collected, survivors move to the permanent generation."""

    class Node:
        def __init__(self) -> None:
            self.me = self

    Node()  # a cycle only the collector frees
    before = gc.get_freeze_count()
    assert memory.release_memory() >= 1
    assert gc.get_freeze_count() > before


def test_the_probe_marks_the_first_page(
    unfrozen: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With the start-up probe on, the first page writes its mark to stderr; off, nothing."""
    monkeypatch.delenv(STARTUP_PROBE_ENV, raising=False)
    memory.first_page_in(25)
    assert memory.FIRST_PAGE_MARK not in capsys.readouterr().err
    monkeypatch.setenv(STARTUP_PROBE_ENV, "1")
    memory.first_page_in(25)
    mark = capsys.readouterr().err.split()
    assert mark[0] == memory.FIRST_PAGE_MARK
    assert float(mark[1]) > 0


def test_quit_at_once_unless_the_benchmark_asks_to_idle(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No idle time: quit now. An idle time: quit only once it has passed."""
    quits: list[str] = []
    monkeypatch.delenv(memory.IDLE_ENV, raising=False)
    memory.quit_after_idling(lambda: quits.append("now"))
    assert quits == ["now"]
    monkeypatch.setenv(memory.IDLE_ENV, "0.05")
    memory.quit_after_idling(lambda: quits.append("later"))
    assert quits == ["now"]
    qtbot.waitUntil(lambda: quits == ["now", "later"], timeout=2000)
