"""InboxModel with no view: columns, display text, de-duplication and Qt's model checks."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QAbstractItemModel, QLocale, Qt
from pytestqt.modeltest import ModelTester

from pecdesk.domain.models import InboxItem
from pecdesk.ui.inbox_model import COL_DATE, COL_FROM, COL_SUBJECT, InboxModel, format_date


def item(ident: int, *, sender_text: str = "a@pec.it", date: datetime | None = None) -> InboxItem:
    """An inbox row with defaults that do not matter to the test."""
    return InboxItem(
        id=ident,
        sender="a@pec.it",
        sender_text=sender_text,
        recipient="me@pec.it",
        date=date,
        date_text="Wed, 26 Aug 2020 10:00:35 +0200",
        subject=f"Subject {ident}",
    )


def check(tester: ModelTester, model: QAbstractItemModel) -> None:
    """Run pytest-qt's model checks (its method is not annotated)."""
    tester.check(model)  # type: ignore[no-untyped-call]


def test_model_passes_qt_model_tester(qtmodeltester: ModelTester) -> None:
    """The model keeps Qt's invariants while rows are appended and cleared."""
    model = InboxModel()
    check(qtmodeltester, model)
    model.append_items([item(1), item(2)])
    model.append_items([item(3)])
    check(qtmodeltester, model)
    model.clear()
    check(qtmodeltester, model)


def test_headers_and_display() -> None:
    """Headers are Date/From/Subject; an envelope's sender shows as the bare address."""
    model = InboxModel(locale=QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    model.append_items([item(7, sender_text='"Per conto di: a@pec.it" ')])
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert headers == ["Date", "From", "Subject"]
    assert model.index(0, COL_FROM).data() == "a@pec.it"
    assert model.index(0, COL_FROM).data(Qt.ItemDataRole.ToolTipRole) == '"Per conto di: a@pec.it"'
    assert model.index(0, COL_SUBJECT).data() == "Subject 7"
    assert model.index(0, COL_DATE).data() == "Wed, 26 Aug 2020 10:00:35 +0200"
    assert model.index(0, 0).data(InboxModel.ItemRole).id == 7


def test_append_skips_ids_already_shown() -> None:
    """A message repeated across pages is shown once."""
    model = InboxModel()
    assert model.append_items([item(1), item(2)]) == 2
    assert model.append_items([item(2), item(3)]) == 1
    assert [model.item(r).id for r in range(model.rowCount())] == [1, 2, 3]


def test_format_date_uses_locale_and_falls_back() -> None:
    """A parsed date is formatted by the locale; an unparsed one shows the service's text."""
    locale = QLocale(QLocale.Language.Italian, QLocale.Country.Italy)
    when = datetime(2020, 8, 26, 10, 0, 35).astimezone()  # 10:00 in the local time zone
    assert format_date(when, "raw", locale) == "26/08/20 10:00"
    assert format_date(when.astimezone(UTC), "raw", locale) == "26/08/20 10:00"
    assert format_date(None, "raw", locale) == "raw"
