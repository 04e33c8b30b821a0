"""`python -m pecdesk` starts the desktop app."""

from pecdesk.app import main

raise SystemExit(main())
