"""`pecdesk` / `python -m pecdesk`: the desktop app, or a command-line subcommand.

`pecdesk send|queue|status|export ...` run the Qt-free command
line; anything else starts the desktop app.
"""

from __future__ import annotations

import sys

CLI_COMMANDS = frozenset({"send", "queue", "status", "export"})


def main(argv: list[str] | None = None) -> int:
    """Dispatch to the command line or to the desktop app."""
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in CLI_COMMANDS:
        from pecdesk.cli.main import main as cli_main  # noqa: PLC0415 - keep Qt out of the CLI

        return cli_main(args)
    from pecdesk.app.main import main as app_main  # noqa: PLC0415 - import Qt only for the GUI

    return app_main(args)


if __name__ == "__main__":
    raise SystemExit(main())
