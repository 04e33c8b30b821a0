"""What pecdesk's PyInstaller bundles leave out; shared by pecdesk.spec and the size benchmark.

Two kinds of rule, measured on the Linux onedir bundle (PySide6 6.11.3, PyInstaller 6.22.3,
``benchmarks/bundle_size.py --rules``): no rules 639.6 MB; module exclusions 535.9 MB (-103.8);
dropped files too 459.0 MB (-76.9), i.e. -28 %. Windows and macOS ship the same Qt modules, so
the savings there are of the same order. Per-module figures are the files the exclusion removed,
attributed by library name (approximate: some libraries come with several modules).

* :data:`EXCLUDE_MODULES`: Python modules PyInstaller must not follow. For a PySide6 module
  this also keeps out the Qt libraries, QML tree and plugins its hook would collect.
* :data:`DROP`: files the hooks collect that pecdesk never loads (matched on the bundle path,
  ``/`` separators). The locale and translation rules (52 MB) match on every OS; the plugin and
  library rules use Linux file names (``lib*.so``), so on Windows (``*.dll``) and macOS
  (``*.dylib``) those files stay: a few MB, left until someone measures them there.

QtWebEngineWidgets links QtQuickWidgets, QtQuick, QtQml, QtOpenGL, QtPositioning, QtWebChannel
and QtNetwork, so those *libraries* stay; only their Python modules and QML trees go.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_QT = "PySide6."

# Each group: what it is, then about how many MB of the onedir bundle leaving it out saved.
EXCLUDE_MODULES: tuple[str, ...] = (
    # QML front ends WebEngineWidgets does not need: ~72 MB. The qml/ tree (22.7), the Quick
    # Controls/Dialogs/Templates libraries (24.1), Quick3D (13.1), ShaderTools (5.7), Labs (3.2),
    # the Wayland compositor (2.1), qmltooling plugins (1.1), WebEngineQuick (1.0).
    *(_QT + m for m in ("QtQml", "QtQuick", "QtQuickWidgets", "QtQuick3D", "QtQuickControls2")),
    *(_QT + m for m in ("QtQuickTest", "QtWebEngineQuick", "QtWebView", "QtGraphsWidgets")),
    # 3D, charts, graphs and data visualisation: ~16 MB (Qt3D 7.9, Graphs 3.2, Charts 3.1,
    # DataVisualization 2.1).
    *(_QT + m for m in ("Qt3DCore", "Qt3DRender", "Qt3DInput", "Qt3DLogic", "Qt3DAnimation")),
    *(_QT + m for m in ("Qt3DExtras", "QtCharts", "QtDataVisualization", "QtGraphs")),
    # Multimedia, spatial audio, speech: ~3.3 MB, and the libpulse warnings of the build.
    *(_QT + m for m in ("QtMultimedia", "QtMultimediaWidgets", "QtSpatialAudio")),
    *(_QT + m for m in ("QtTextToSpeech",)),
    # Hardware and location: Location 2.2, sensors 0.6, Bluetooth/NFC/serial (small): ~3 MB.
    *(_QT + m for m in ("QtBluetooth", "QtNfc", "QtSensors", "QtSerialPort", "QtSerialBus")),
    *(_QT + m for m in ("QtLocation",)),
    # Tooling and servers pecdesk never uses: ~5 MB (RemoteObjects 1.3, Scxml 0.7, Pdf 0.7,
    # StateMachine 0.5, Test 0.5, Sql 0.4, DBus 0.3, WebSockets 0.2). keyring reaches the Secret
    # Service through jeepney, not QtDBus; the libQt6DBus library itself stays (QtGui links it).
    *(_QT + m for m in ("QtPdf", "QtPdfWidgets", "QtDesigner", "QtHelp", "QtSql", "QtTest")),
    *(_QT + m for m in ("QtUiTools", "QtRemoteObjects", "QtScxml", "QtStateMachine")),
    *(_QT + m for m in ("QtHttpServer", "QtWebSockets", "QtNetworkAuth", "QtDBus")),
    # The standard library's GUI, test and doc kits: under 1 MB (no Tcl/Tk on the build host).
    "tkinter",
    "unittest",
    "pydoc",
    "doctest",
    # Processes: PyInstaller's runtime hook for multiprocessing imports it at every start
    # (~10 ms before the window shows). pecdesk starts no processes (asyncio's executor and the
    # built-in sandbox are threads); only ProcessPoolExecutor would need it, and it is unused.
    "multiprocessing",
)

# Bundle paths (``/`` separators) never loaded; each pattern with the MB it saved.
DROP: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern)
    for pattern in (
        # Chromium's UI strings (context menu…) for 50+ languages: 43.8 MB. Keep Italian, English.
        r"(^|/)qtwebengine_locales/(?!(en-US|it)\.pak$)",
        # Qt's own translations but Italian and English: 7.8 MB (130 files).
        # (Qt's folder only: PySide6/Qt/translations on Linux and macOS, PySide6/translations on
        # Windows; pecdesk's own resources/translations are not touched.)
        r"(^|/)PySide6/(Qt/)?translations/(?!qt(base|webengine)?_(it|en)\.qm$)[^/]+\.qm$",
        # Platform plugins for embedded boards, VNC, Vulkan displays and Wayland (pecdesk runs
        # through XWayland on Linux; the real targets are Windows and macOS): 4.6 MB.
        r"(^|/)plugins/platforms/lib(qeglfs|qlinuxfb|qminimal|qminimalegl|qvkkhrdisplay|qvnc|qwayland)\.so$",
        r"(^|/)plugins/(egldeviceintegrations|wayland-[^/]+|generic|position|networkinformation|qmltooling)/",
        r"(^|/)libQt6(EglFSDeviceIntegration|EglFsKmsSupport|WaylandClient|WaylandEglClientHwIntegration|WlShellIntegration)\.so",
        # Libraries only the dropped PDF image plugin and position plugins link: 4.6 MB.
        r"(^|/)libQt6(Pdf|SerialPort)\.so",
        # The on-screen keyboard (a QML app of its own): 0.6 MB.
        r"(^|/)plugins/platforminputcontexts/libqtvirtualkeyboardplugin\.so$",
        r"(^|/)libQt6VirtualKeyboard(Qml|Settings)?\.so",
        # Image formats no pecdesk window shows (message bodies go through Chromium): 0.6 MB.
        r"(^|/)plugins/imageformats/libq(pdf|icns|tga|tiff|wbmp)\.so$",
        # The GTK3 theme plugin and the build host's GTK3 stack it pulls in: 14.9 MB where GTK3
        # is installed (it makes the bundle depend on the build machine). Qt's Fusion is used.
        r"(^|/)plugins/platformthemes/libqgtk3\.so$",
        r"^lib(gtk-3|gdk-3|gdk_pixbuf-2\.0|atk-1\.0|atk-bridge-2\.0|atspi|cairo|cairo-gobject"
        r"|pango-1\.0|pangocairo-1\.0|pangoft2-1\.0|epoxy|thai|datrie|fribidi|graphite2"
        r"|pixman-1|Xi|Xinerama|Xcursor)\.so",
    )
)


def keep(entry: tuple[str, ...]) -> bool:
    """Whether a TOC entry (destination name first) stays in the bundle."""
    name = entry[0].replace("\\", "/")
    return not any(pattern.search(name) for pattern in DROP)


def slim(entries: Iterable[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The entries :func:`keep` keeps, in order."""
    return [entry for entry in entries if keep(entry)]
