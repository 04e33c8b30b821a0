"""How wide the Sent tab's columns are: the subject and the address take the spare width.

Dates, counts, codes and the Italian titles fit their text (sampled, see
:mod:`pecdesk.ui.widgets.columns`); the state and the reason are bounded, their tooltips telling
the rest, so an address stays whole at 1,024 px. The last column no longer stretches: a
right-aligned "Final" in a stretched column slid out of sight once its width was saved.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTableView

from pecdesk.ui.sent.models import ADDRESS_COLUMN, RECIPIENT_CAPS, SUBJECT_COLUMN
from pecdesk.ui.widgets.columns import fit_columns


def fit_sent_columns(campaign_view: QTableView, recipient_view: QTableView) -> None:
    """Fit both tables' columns (their headers' saved widths, restored later, still win)."""
    fit_columns(campaign_view, stretch=SUBJECT_COLUMN)
    fit_columns(
        recipient_view, stretch=ADDRESS_COLUMN, caps=RECIPIENT_CAPS, stretch_fits_content=True
    )
