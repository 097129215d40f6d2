"""Desktop conventions: an icon and a name, a .desktop file, Help > About with the version,
the licence and the data's credits, and `alliance-sandbox --version`."""
from __future__ import annotations

import configparser
import importlib.metadata
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from alliance_sandbox import __version__, resources
from alliance_sandbox.cli import main as cli_main
from alliance_sandbox.ui.desktop import DISPLAY_NAME, app_icon, set_identity

ROOT = Path(__file__).resolve().parents[2]
DESKTOP_FILE = resources.asset(f"{resources.APP_ID}.desktop")


def test_the_icon_renders_at_the_sizes_a_desktop_asks_for(qapp):
    icon = app_icon()
    assert not icon.isNull()
    for size in (16, 48, 256):
        image = icon.pixmap(size, size).toImage()
        assert image.width() == size
        # not blank: the globe and the blocs make many colours
        step = max(1, size // 16)
        colours = {image.pixel(x, y) for x in range(0, size, step) for y in range(0, size, step)}
        assert len(colours) > 4


def test_identity_names_the_app_and_its_desktop_file(qapp):
    old = qapp.applicationDisplayName(), qapp.desktopFileName()
    try:
        set_identity(qapp)
        assert qapp.applicationDisplayName() == DISPLAY_NAME
        assert qapp.desktopFileName() == DESKTOP_FILE.stem
        assert not qapp.windowIcon().isNull()
    finally:
        qapp.setApplicationDisplayName(old[0])
        qapp.setDesktopFileName(old[1])


def test_the_desktop_file_starts_the_installed_command_with_the_icon():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(DESKTOP_FILE, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application" and section["Name"] == DISPLAY_NAME
    scripts = {entry.name for entry in importlib.metadata.entry_points(group="console_scripts")}
    assert shlex.split(section["Exec"])[0] in scripts  # the command the package installs
    assert section["Icon"] == resources.APP_ID
    assert resources.icon_path().is_file() and resources.asset("icon.png").is_file()
    validator = shutil.which("desktop-file-validate")
    if validator:
        result = subprocess.run([validator, str(DESKTOP_FILE)], capture_output=True, text=True)
        assert result.returncode == 0 and not result.stdout.strip(), result.stdout


@pytest.mark.qt_log_ignore(r"does not support propagateSizeHints")  # the offscreen platform, not the app
def test_about_shows_the_version_the_licence_and_the_data_credits(qtbot, window):
    seen: list[str] = []
    sizes = []

    def answer():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QMessageBox):
            seen.append(dialog.text())
            sizes.append(dialog.size())
            dialog.accept()
        else:
            QTimer.singleShot(20, answer)

    QTimer.singleShot(0, answer)
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "Help")
    about = next(a for a in help_menu.actions() if a.text().replace("&", "").startswith("About"))
    about.trigger()  # the modal box runs its own loop until `answer` accepts it
    assert seen, "the About box did not open"
    text = seen[0]
    assert __version__ in text and "MIT" in text
    assert "Correlates of War" in text and "Natural Earth" in text
    assert text.index(__version__) < text.index("lenses")  # the version first, where one looks
    assert sizes[0].height() <= 740 and sizes[0].width() <= 1000  # fits a 1024 x 768 projector


def test_version_option_prints_the_version(capsys):
    try:
        cli_main(["--version"])
    except SystemExit as done:
        assert done.code == 0
    assert capsys.readouterr().out.strip() == f"alliance-sandbox {__version__}"


def test_version_of_the_command_itself():
    result = subprocess.run([sys.executable, "-m", "alliance_sandbox.cli", "--version"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0 and __version__ in result.stdout
