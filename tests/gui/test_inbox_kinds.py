"""Kinds in the inbox: every kind named, drawn and filtered; the groups split the kinds exactly."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from pecdesk.domain.receipts import ReceiptKind, classify
from pecdesk.ui.inbox.kinds import KindGroup, group_label, kinds_of
from pecdesk.ui.message.kinds import Glyph, KindIcons, kind_label, look_of, paint_icon


@pytest.mark.parametrize("kind", list(ReceiptKind), ids=lambda k: k.name)
def test_every_kind_has_a_name_an_icon_and_one_group(qtbot: QtBot, kind: ReceiptKind) -> None:
    """Exhaustive over ReceiptKind: a label, a look, a drawn icon, exactly one filter group."""
    del qtbot  # only for the QApplication the icons need
    assert kind_label(kind)
    color, glyph = look_of(kind)
    assert QColor(color).isValid()
    assert isinstance(glyph, Glyph)
    icon = KindIcons().icon(kind)
    assert not icon.isNull()
    groups = [g for g in KindGroup if g is not KindGroup.ALL and kind in (kinds_of(g) or ())]
    assert len(groups) == 1


def test_labels_are_distinct_and_groups_are_named() -> None:
    """No two kinds share a name (the kind column must tell them apart)."""
    labels = [kind_label(k) for k in ReceiptKind]
    assert len(set(labels)) == len(labels)
    assert all(group_label(g) for g in KindGroup)
    assert kinds_of(KindGroup.ALL) is None


@pytest.mark.parametrize("glyph", list(Glyph), ids=lambda g: g.name)
def test_icons_are_painted(qtbot: QtBot, glyph: Glyph) -> None:
    """Each mark is painted in white over the colour, on a transparent square."""
    del qtbot
    pixmap = paint_icon(32, QColor("#2e7d32"), glyph)
    image = pixmap.toImage()
    assert (image.width(), image.height()) == (32, 32)
    assert image.pixelColor(0, 0).alpha() == 0  # corners stay transparent
    colors = {image.pixelColor(x, y).name() for x in range(32) for y in range(32)}
    assert "#2e7d32" in colors
    assert "#ffffff" in colors


@pytest.mark.parametrize(
    ("subject", "kind", "group"),
    [
        ("ACCETTAZIONE: Fattura 12 2020082610003492", ReceiptKind.ACCEPTANCE, KindGroup.RECEIPTS),
        ("CONSEGNA: Fattura 12 2020082610003492", ReceiptKind.DELIVERY, KindGroup.RECEIPTS),
        ("AVVISO DI NON ACCETTAZIONE: x", ReceiptKind.NON_ACCEPTANCE, KindGroup.PROBLEMS),
        ("AVVISO DI MANCATA CONSEGNA: x", ReceiptKind.NON_DELIVERY, KindGroup.PROBLEMS),
        ("POSTA CERTIFICATA: Diffida", ReceiptKind.CERTIFIED_MAIL, KindGroup.CERTIFIED),
        ("ANOMALIA MESSAGGIO: Ciao", ReceiptKind.ANOMALY, KindGroup.ANOMALIES),
        ("Newsletter", ReceiptKind.OTHER, KindGroup.OTHER),
    ],
)
def test_subjects_land_in_their_group(subject: str, kind: ReceiptKind, group: KindGroup) -> None:
    """What the filter shows follows the receipt classification of the subject."""
    assert classify(subject).kind is kind
    assert kind in (kinds_of(group) or ())
