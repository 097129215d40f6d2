#!/usr/bin/env python3
"""Render the application icon, assets/icon.svg (drawn by hand), to assets/icon.png.

    python tools/make_icon.py

Why a PNG too: desktops that do not read SVG icons (and the .desktop file's hicolor size
folders) want a bitmap. The SVG is the source; rerun this after changing it.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from alliance_sandbox import resources

SIZE = 256


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # kept alive: fonts, plugins
    renderer = QSvgRenderer(str(resources.icon_path()))
    if not renderer.isValid():
        print(f"{resources.icon_path()}: not a valid SVG", file=sys.stderr)
        return 1
    image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    out = resources.asset("icon.png")
    if not image.save(str(out)):
        print(f"could not write {out}", file=sys.stderr)
        return 1
    print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
