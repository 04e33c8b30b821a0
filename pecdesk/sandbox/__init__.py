"""A local, faithful PEC Massiva simulator (api.md sections 8 and 8.1), free of Qt.

Start it in-process with ``EmbeddedSandbox(SandboxConfig(...)).start()`` or from a terminal with
``pecdesk-sandbox`` / ``python -m pecdesk.sandbox``. It serves the seven API endpoints plus
``GET /_sandbox/ledger``, drops Italian PEC receipts into hosted mailboxes on a schedule, enforces
the per-token rate limit and can inject faults.
"""

from __future__ import annotations

from pecdesk.sandbox.config import DEMO_MAILBOX, DEMO_PASSWORD, DEMO_TOKEN, SandboxConfig
from pecdesk.sandbox.embedded import EmbeddedSandbox
from pecdesk.sandbox.faults import Fault
from pecdesk.sandbox.tokens import TokenGrant

__all__ = [
    "DEMO_MAILBOX",
    "DEMO_PASSWORD",
    "DEMO_TOKEN",
    "EmbeddedSandbox",
    "Fault",
    "SandboxConfig",
    "TokenGrant",
]
