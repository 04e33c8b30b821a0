"""One message shown: the locked-down web view, its network and scheme rules, and the pane."""
