"""The cycle collector is held back while big lists are built, and comes back after the last one."""

from __future__ import annotations

import gc
import threading

from pecdesk.services.sending.heap import Collector


def test_overlapping_builders_share_one_pause() -> None:
    """Two builders in two threads: the collector stays off until both are done, then on."""
    assert gc.isenabled()
    collector = Collector()
    first_in, second_done = threading.Event(), threading.Event()
    seen: list[bool] = []

    def second() -> None:
        first_in.wait(5)
        with collector.paused():
            seen.append(gc.isenabled())
        second_done.set()

    worker = threading.Thread(target=second)
    worker.start()
    with collector.paused():
        first_in.set()
        assert second_done.wait(5)
        seen.append(gc.isenabled())  # the other builder finished: still paused for this one
    worker.join(5)
    assert seen == [False, False]
    assert gc.isenabled()


def test_what_was_built_is_frozen_and_a_disabled_collector_stays_disabled() -> None:
    """The built list is left out of later collections; a collector off before stays off."""
    collector = Collector()
    made = collector.building(lambda count: [[n] for n in range(count)])(1000)
    assert len(made) == 1000 and gc.get_freeze_count() >= 1000
    gc.unfreeze()
    gc.disable()
    try:
        with collector.paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
