"""Pure PEC domain: value objects and rules, no I/O and no Qt."""
