"""The bundle rules drop what pecdesk never loads and keep what it does."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest


def _load_rules() -> ModuleType:
    """packaging/pyi_rules.py (packaging/ is no package: pip's ``packaging`` owns the name)."""
    path = Path(__file__).resolve().parents[2] / "packaging" / "pyi_rules.py"
    spec = importlib.util.spec_from_file_location("pyi_rules", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


pyi_rules = _load_rules()


@pytest.mark.parametrize(
    "name",
    [
        "resources/translations/pecdesk_it.qm",
        "resources/translations/pecdesk_en.qm",
        "resources/icons/pecdesk.png",
        "PySide6/Qt/translations/qtbase_it.qm",
        "PySide6/Qt/translations/qtwebengine_it.qm",
        "PySide6/translations/qt_en.qm",
        "PySide6/Qt/translations/qtwebengine_locales/it.pak",
        "PySide6/Qt/translations/qtwebengine_locales/en-US.pak",
        "PySide6/Qt/resources/qtwebengine_resources.pak",
        "PySide6/Qt/lib/libQt6WebEngineCore.so.6",
        "PySide6/Qt/lib/libQt6Quick.so.6",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
        "PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
    ],
)
def test_kept(name: str) -> None:
    assert pyi_rules.keep((name, "src", "DATA"))


@pytest.mark.parametrize(
    "name",
    [
        "PySide6/Qt/translations/qtwebengine_locales/de.pak",
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6\\translations\\qtbase_fr.qm",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/imageformats/libqpdf.so",
        "PySide6/Qt/lib/libQt6Pdf.so.6",
        "libgtk-3.so.0",
    ],
)
def test_dropped(name: str) -> None:
    assert not pyi_rules.keep((name, "src", "DATA"))


def test_unused_qt_modules_are_excluded_but_webengine_is_not() -> None:
    excluded = set(pyi_rules.EXCLUDE_MODULES)
    assert {"PySide6.QtQuick", "PySide6.Qt3DCore", "tkinter"} <= excluded
    assert not any("WebEngineWidgets" in m or "WebEngineCore" in m for m in excluded)
    assert "PySide6.QtPrintSupport" not in excluded  # the message pane prints
