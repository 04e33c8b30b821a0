"""The Sent tab: the per-recipient ledger, its actions and the PDF attestation."""
