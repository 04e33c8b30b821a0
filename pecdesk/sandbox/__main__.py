"""``python -m pecdesk.sandbox``: same as the ``pecdesk-sandbox`` command."""

from __future__ import annotations

import sys

from pecdesk.sandbox.cli import main

if __name__ == "__main__":
    sys.exit(main())
