"""Chromium's network cut off for the whole process: the message view never needs it.

The request interceptor (:mod:`pecdesk.ui.message.page`) sees requests, not connections:
``<link rel=preconnect>`` makes Chromium open a TCP connection (and ``dns-prefetch`` a DNS
lookup) without any request the interceptor could block. So QtWebEngine is started with a host
resolver rule that fails every name and every address, IP literals included: with nothing
resolved, nothing is connected to, whatever the body asks for. pecdesk shows only its own
``pecdesk-message:`` documents in QtWebEngine, which need no network; clicked links open in the
system browser.

Chromium reads its switches once, from the environment, when the first QtWebEngine object
(profile, page, view) is created: each :class:`~pecdesk.ui.message.view.MessageView` creates its
profile inside :func:`network_cut_off`, and pecdesk creates no QtWebEngine object elsewhere. The
environment is put back at once: programs pecdesk starts (the browser a clicked link opens may
well be QtWebEngine-based) must not inherit the switch.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

FLAGS_VARIABLE = "QTWEBENGINE_CHROMIUM_FLAGS"
"""The environment variable QtWebEngine takes Chromium switches from (quotes group words)."""

NO_NETWORK_FLAG = '--host-resolver-rules="MAP * ~NOTFOUND"'
"""Every host name and address resolves to "not found", so no connection can be made."""


def with_network_cut_off(flags: str) -> str:
    """``flags`` with :data:`NO_NETWORK_FLAG` last (the last copy of a switch wins).

    An unbalanced quote in ``flags`` is closed first, so it cannot swallow the rule.
    """
    if flags.rstrip().endswith(NO_NETWORK_FLAG):
        return flags
    if flags.count('"') % 2:
        flags += '"'
    return f"{flags} {NO_NETWORK_FLAG}".lstrip()


@contextmanager
def network_cut_off() -> Iterator[None]:
    """Within, Chromium's switches end with :data:`NO_NETWORK_FLAG`; then the environment is back.

    Create QtWebEngine objects inside: the first one starts Chromium, which reads the switches
    then (later ones find it started, and are bound by the same switches).
    """
    before = os.environ.get(FLAGS_VARIABLE)
    os.environ[FLAGS_VARIABLE] = with_network_cut_off(before or "")
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(FLAGS_VARIABLE, None)
        else:
            os.environ[FLAGS_VARIABLE] = before
