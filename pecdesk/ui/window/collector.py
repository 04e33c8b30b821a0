"""Python's cyclic garbage collection, run only on the GUI thread.

The built-in sandbox serves from a Python thread. If the collector ran there, it could destroy a
Qt object that sits in a reference cycle (a widget held by a finished task's traceback, say)
outside the GUI thread, which makes Qt warn "Timers cannot be stopped from another thread" or
crash. So automatic collection is switched off and a timer collects on the GUI thread instead.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

_INTERVAL_MS = 1000


class MainThreadCollector(QObject):
    """Disables automatic ``gc`` and collects from a GUI-thread timer, generation by generation.

    Attributes:
        timer: fires every second while the collector is started.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        self.timer = QTimer(self)
        self.timer.setInterval(_INTERVAL_MS)
        self.timer.timeout.connect(self.collect)

    def start(self) -> None:
        """Switch automatic collection off and start the timer."""
        gc.disable()
        self.timer.start()

    def stop(self) -> None:
        """Stop the timer, collect once more here and restore automatic collection."""
        self.timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()

    def collect(self) -> int:
        """Collect the generations whose allocation counts passed their thresholds.

        Returns:
            The number of unreachable objects found.
        """
        found = 0
        counts = gc.get_count()
        for generation in range(3):
            if counts[generation] <= self._thresholds[generation]:
                break
            found += gc.collect(generation)
        return found
