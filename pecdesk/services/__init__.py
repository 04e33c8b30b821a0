"""Qt-free services the window and the command line call, one folder per job.

:mod:`.sending` (plan, pre-flight, queue, pacing), :mod:`.receipts` (tracking, reconciliation,
the ledger view, evidence), :mod:`.mailbox` (the inbox); :mod:`.session` the accounts.
"""
