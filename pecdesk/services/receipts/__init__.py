"""From the mailbox back to the ledger: receipts, reconciliation, the Sent view, evidence.

Receipt tracking, reconciliation of unknown outcomes, the Sent tab's service, evidence export
and the archive.
"""
