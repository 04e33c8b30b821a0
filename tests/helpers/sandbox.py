"""The test mailboxes and credentials every sandbox of the test suite hosts.

The ``sandbox`` and ``sandbox_factory`` fixtures (tests/conftest.py) start sandboxes with these;
tests import the names from here, never from a conftest.
"""

from __future__ import annotations

from collections.abc import Callable

from pecdesk.sandbox import EmbeddedSandbox

TOKEN = "a1b2c3d4e5f6a7b8c9d0e1f2"
MAILBOX = "studio.rossi@pecmassiva.com"
PASSWORD = "S3gret0-pw!"
OTHER_MAILBOX = "cliente.bianchi@pecmassiva.com"
OTHER_PASSWORD = "altra-Password-9"

SandboxFactory = Callable[..., EmbeddedSandbox]
REAL_KEYRING_ENV = "PECDESK_REAL_KEYRING"
"""Set to 1 by tools/run_real_keyring.sh once its private Secret Service is up."""
