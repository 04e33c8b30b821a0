"""Hermetic test set-up: offscreen Qt, a throwaway home, and the sandbox on loopback."""

from __future__ import annotations

import gc
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

# Before anything imports Qt or platformdirs: never touch the real home, data dirs or display.
_REAL_HOME = os.environ.get("HOME", "")
_FAKE_ROOT = Path(tempfile.mkdtemp(prefix="pecdesk-tests-"))
for _var, _sub in (
    ("HOME", "home"),
    ("XDG_DATA_HOME", "data"),
    ("XDG_CONFIG_HOME", "config"),
    ("XDG_CACHE_HOME", "cache"),
    ("XDG_STATE_HOME", "state"),
):
    if _var == "HOME" or os.environ.get("PECDESK_KEEP_XDG") != "1":
        (_FAKE_ROOT / _sub).mkdir(parents=True, exist_ok=True)
        os.environ[_var] = str(_FAKE_ROOT / _sub)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["LANG"] = "en_US.UTF-8"
os.environ["LANGUAGE"] = "en"
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")
for _secret_var in ("PECDESK_BASE_URL", "PECDESK_TOKEN", "PECDESK_USERNAME", "PECDESK_PASSWORD"):
    os.environ.pop(_secret_var, None)

import keyring  # noqa: E402
import pytest  # noqa: E402

from pecdesk.sandbox import EmbeddedSandbox, SandboxConfig  # noqa: E402
from tests.helpers.keyrings import MemoryKeyring  # noqa: E402
from tests.helpers.sandbox import (  # noqa: E402
    MAILBOX,
    OTHER_MAILBOX,
    OTHER_PASSWORD,
    PASSWORD,
    REAL_KEYRING_ENV,
    TOKEN,
    SandboxFactory,
)


@pytest.fixture
def anyio_backend() -> str:
    """Run ``pytest.mark.anyio`` tests on asyncio (the event loop pecdesk runs on), one per test."""
    return "asyncio"


@pytest.fixture(scope="session")
def real_home() -> str:
    """The HOME the test run started with, to prove it is never written."""
    return _REAL_HOME


@pytest.fixture
def sandbox_factory() -> Iterator[SandboxFactory]:
    """Start sandboxes with fast defaults on loopback; all are stopped at teardown.

    No send throttle by default (``send_rate`` 0): two direct client sends a millisecond apart
    would otherwise be refused now and then on a fast machine. Tests of pacing ask for a rate.
    """
    started: list[EmbeddedSandbox] = []

    def make(**overrides: object) -> EmbeddedSandbox:
        options: dict[str, object] = {
            "tokens": [TOKEN],
            "mailboxes": {MAILBOX: PASSWORD, OTHER_MAILBOX: OTHER_PASSWORD},
            "send_rate": 0.0,
            "receipt_delay": 0.05,
            "pec_timeout": 1.0,
        }
        options.update(overrides)
        box = EmbeddedSandbox(SandboxConfig(**options))  # type: ignore[arg-type]
        box.start()
        started.append(box)
        return box

    yield make
    for box in started:
        box.stop()


@pytest.fixture
def sandbox(sandbox_factory: SandboxFactory) -> EmbeddedSandbox:
    """A running sandbox with two hosted mailboxes and fast receipts."""
    return sandbox_factory()


@pytest.fixture(autouse=True)
def memory_keyring(request: pytest.FixtureRequest) -> Iterator[MemoryKeyring | None]:
    """Give every test an in-memory keychain, so no test ever touches a real one.

    Tests marked ``real_keyring`` get the private Secret Service of tools/run_real_keyring.sh
    instead, and are skipped (with the reason) when not run inside it; scripts/test makes that
    a failure where it could install gnome-keyring (PECDESK_REQUIRE_REAL_KEYRING=1).
    """
    if request.node.get_closest_marker("real_keyring") is not None:
        if os.environ.get(REAL_KEYRING_ENV) != "1":
            if os.environ.get("PECDESK_REQUIRE_REAL_KEYRING") == "1":
                pytest.fail("gnome-keyring is installed but no real Secret Service is running")
            pytest.skip(
                "needs a real Secret Service: run inside tools/run_real_keyring.sh "
                "(gnome-keyring and dbus-daemon installed; bash scripts/test does it as root)"
            )
        yield None
        return
    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True, scope="module")
def _collect_qt_leftovers_on_the_main_thread() -> None:
    """Before each test module, collect garbage here, on the main thread.

    A GUI test can leave Qt objects in reference cycles that only become garbage later. If
    Python's automatic collection then ran on a sandbox or worker thread of a later, Qt-free
    test, Qt would warn "Timers cannot be stopped from another thread" (seen once in a full
    run). Collecting at each module's start, on this thread, frees them where they belong.
    """
    if "PySide6.QtCore" in sys.modules:
        gc.collect()
