"""The evidence PDFs: a recipient's attestation, a campaign's report, and their A4 pages.

Drawn with Qt (QTextDocument on QPdfWriter), so they live in the UI layer; the services get them
as :class:`pecdesk.services.receipts.evidence.EvidenceWriters` from the composition root.
"""
