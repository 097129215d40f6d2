"""The app's identity on the desktop: its name, its icon, its .desktop file's name.

Why it matters: without them a taskbar shows "python3" with a generic icon, and a Wayland
compositor cannot match the window to `alliance-sandbox.desktop` (assets/, installed by
packagers into share/applications with the icon in share/icons/hicolor).
"""
from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from alliance_sandbox import resources

DISPLAY_NAME = "Alliance Sandbox"


def app_icon() -> QIcon:
    """The icon, from the SVG (sharp at any size) with the PNG as a fallback."""
    icon = QIcon()
    for path in (resources.icon_path(), resources.asset("icon.png")):
        if path.is_file():
            icon.addFile(str(path))
    return icon


def set_identity(app: QApplication) -> None:
    app.setApplicationDisplayName(DISPLAY_NAME)
    app.setDesktopFileName(resources.APP_ID)
    app.setWindowIcon(app_icon())
