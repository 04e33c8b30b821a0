"""Render resources/icons/pecdesk.svg into the icons the bundles need: .png, .ico and .icns.

Run from the repository root after changing the SVG, and commit what it writes::

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py

Qt's SVG renderer draws each size; the .ico (Windows) and .icns (macOS) containers are written
here, both holding PNG images, which every supported Windows (Vista and later) and macOS reads.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types holding PNG data, by pixel size (the @2x types reuse the larger images).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)
PNG_SIZE = 256  # the window icon and the Linux icon


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    """The SVG drawn at ``size`` × ``size`` pixels, as PNG bytes."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, b"PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """A Windows .ico holding one PNG per size (ICONDIR, ICONDIRENTRY × n, then the PNGs)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, png in sorted(images.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def icns_bytes(images: dict[int, bytes]) -> bytes:
    """A macOS .icns: the ``icns`` header, then one (type, length, PNG) element per type."""
    body = b"".join(
        kind + struct.pack(">I", 8 + len(images[size])) + images[size]
        for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    """Write pecdesk.png, pecdesk.ico and pecdesk.icns next to pecdesk.svg."""
    app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "pecdesk.svg"))
    if not renderer.isValid():
        print("cannot read pecdesk.svg", file=sys.stderr)
        return 1
    sizes = {*ICO_SIZES, *(size for _kind, size in ICNS_TYPES), PNG_SIZE}
    images = {size: render_png(renderer, size) for size in sorted(sizes)}
    (ICONS / "pecdesk.png").write_bytes(images[PNG_SIZE])
    (ICONS / "pecdesk.ico").write_bytes(ico_bytes({s: images[s] for s in ICO_SIZES}))
    (ICONS / "pecdesk.icns").write_bytes(icns_bytes(images))
    for name in ("pecdesk.png", "pecdesk.ico", "pecdesk.icns"):
        print(f"{ICONS / name}: {(ICONS / name).stat().st_size} bytes")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
