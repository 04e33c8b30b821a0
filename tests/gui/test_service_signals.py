"""The adapter that re-emits the services' events as Qt signals on the window's thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Slot
from pytestqt.qtbot import QtBot

from pecdesk.domain.jobs import JobState
from pecdesk.services.events import Events
from pecdesk.ui.widgets.service_signals import SETTLE_MS, ServiceSignals


def test_each_event_becomes_its_signal(qtbot: QtBot) -> None:
    """Campaign added, job changed and receipt classified arrive with their arguments."""
    events = Events()
    adapter = ServiceSignals(events)
    with qtbot.waitSignal(adapter.campaign_added) as added:
        events.campaign_added.emit(4)
    with qtbot.waitSignal(adapter.job_changed) as moved:
        events.job_changed.emit(9, JobState.SUBMITTED)
    with qtbot.waitSignal(adapter.receipt_classified) as filed:
        events.receipt_classified.emit(4, 9, ("rossi@pec.it",))
    assert added.args == [4]
    assert moved.args == [9, JobState.SUBMITTED]
    assert filed.args == [4, 9, ("rossi@pec.it",)]


def test_a_burst_of_events_is_one_change(qtbot: QtBot) -> None:
    """A hundred job changes (a bulk sending) make one ``changed``, not a hundred reloads."""
    events = Events()
    adapter = ServiceSignals(events)
    changes: list[None] = []
    adapter.changed.connect(lambda: changes.append(None))
    with qtbot.waitSignal(adapter.changed, timeout=2000):
        for job in range(100):
            events.job_changed.emit(job, JobState.SUBMITTED)
    with qtbot.assertNotEmitted(adapter.changed, wait=SETTLE_MS + 100):
        pass  # nothing more is pending
    assert changes == [None]


class Recorder(QObject):
    """A receiver living on the test's (the window's) thread."""

    def __init__(self) -> None:
        super().__init__()
        self.threads: list[threading.Thread] = []

    @Slot(int)
    def record(self, _campaign_id: int) -> None:
        """Note the thread the slot runs on."""
        self.threads.append(threading.current_thread())


def test_an_event_from_another_thread_reaches_the_window_thread(qtbot: QtBot) -> None:
    """Slots of the window's objects run on its thread even if a service emits elsewhere."""
    events = Events()
    adapter = ServiceSignals(events)
    recorder = Recorder()
    adapter.campaign_added.connect(recorder.record)
    with qtbot.waitSignal(adapter.changed, timeout=2000):
        worker = threading.Thread(target=events.campaign_added.emit, args=(1,))
        worker.start()
        worker.join()
    qtbot.waitUntil(lambda: bool(recorder.threads), timeout=2000)
    assert recorder.threads == [threading.main_thread()]


def test_a_closed_or_deleted_adapter_stops_listening(qtbot: QtBot) -> None:
    """Closing, or destroying, the adapter unsubscribes it from the mailbox's events."""
    events = Events()
    closed = ServiceSignals(events)
    assert events.job_changed.subscribers == 1
    closed.close()
    assert events.job_changed.subscribers == 0
    parent = QObject()
    ServiceSignals(events, parent)
    assert events.campaign_added.subscribers == 1
    parent.deleteLater()
    qtbot.waitUntil(lambda: events.campaign_added.subscribers == 0, timeout=2000)
