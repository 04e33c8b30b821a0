"""GUI test helpers: Qt's offscreen noise marks, driving a coroutine by spinning Qt, accounts.

The fixtures (``qloop``, ``open_window``) stay in tests/gui/conftest.py; what tests import by
name lives here.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import pytest
from pytestqt.qtbot import QtBot

from pecdesk.accounts.account import Account
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.ui.window.main_window import MainWindow
from tests.helpers.sandbox import MAILBOX, PASSWORD, TOKEN

T = TypeVar("T")
WindowFactory = Callable[..., MainWindow]

# Qt's offscreen platform plugin (the test default) logs this warning whenever a top-level
# window or dialog is shown; it means nothing for the app and never appears on a real display.
OFFSCREEN_SHOW_NOISE = pytest.mark.qt_log_ignore(
    r"^This plugin does not support propagateSizeHints\(\)$"
)

# The first QWebEngineView shown in a process looks for OpenGL, finds none offscreen and falls
# back to software rendering, saying so once (Qt's RHI, Chromium's GPU info). pytest-qt honours
# only the closest qt_log_ignore mark, so this one repeats the offscreen show noise above.
OFFSCREEN_WEBENGINE_NOISE = pytest.mark.qt_log_ignore(
    r"^This plugin does not support propagateSizeHints\(\)$",
    r"^QRhiGles2: Failed to create (temporary )?context$",
    r"^Failed to create RHI for backend: OpenGL$",
    r"^GPUInfo not initialized on GpuInfoUpdate$",
)


def drive(
    qtbot: QtBot,
    loop: asyncio.AbstractEventLoop,
    coro: Coroutine[Any, Any, T],
    timeout: int = 5000,
) -> T:
    """Run ``coro`` on the running qasync loop by spinning Qt events until it is done."""
    task = loop.create_task(coro)
    qtbot.waitUntil(task.done, timeout=timeout)
    return task.result()


def account_for(
    box: EmbeddedSandbox, *, password: str = PASSWORD, builtin: bool = False
) -> Account:
    """The test mailbox of ``box`` as an account."""
    return Account(
        base_url=box.base_url,
        token=TOKEN,
        username=MAILBOX,
        password=password,
        sender=MAILBOX,
        is_builtin_sandbox=builtin,
    )
