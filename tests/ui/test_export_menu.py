"""File > Export, driven with real clicks on the menu bar and its menus; every file read back."""
import csv
import io
import struct
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

# offscreen Qt cannot raise or grab for a popup menu or a docked widget: harmless notes
pytestmark = pytest.mark.qt_log_ignore(r"does not support (propagateSizeHints|raise|grabbing the keyboard)")

SVG = "{http://www.w3.org/2000/svg}"


def click_menu_path(qtbot, window, *texts):
    """Click File, then each menu entry whose text (without &) starts with texts[k]."""
    bar = window.menuBar()
    file_action = next(a for a in bar.actions() if a.text().replace("&", "") == texts[0])
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(file_action).center())
    menu = file_action.menu()
    qtbot.waitUntil(menu.isVisible)
    for text in texts[1:]:
        action = next(a for a in menu.actions() if a.text().replace("&", "").startswith(text))
        qtbot.mouseMove(menu, menu.actionGeometry(action).center())
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())
        if action.menu() is not None:
            menu = action.menu()
            qtbot.waitUntil(menu.isVisible)
    qtbot.waitUntil(lambda: not any(isinstance(w, QMenu) and w.isVisible() for w in QApplication.topLevelWidgets()))


def answer_with(window, path, asked):
    def ask(title, suggested, file_filter):
        asked.append((title, suggested, file_filter))
        return str(path)
    window.export_menu.ask_path = ask


def png_size(path):
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_map_svg_from_the_menu_has_every_state_name_as_text(qtbot, window, tmp_path):
    window.controller.step(2)
    out, asked = tmp_path / "map.svg", []
    answer_with(window, out, asked)
    click_menu_path(qtbot, window, "File", "Export", "Map as SVG")
    assert asked and asked[0][1].endswith("-map-turn2-threat.svg")
    root = ET.parse(out).getroot()
    texts = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    for name in window.controller.record.world.names:
        assert name in texts
    assert "Test world" in texts and "turn 2" in texts
    assert not window.shown_errors


def test_the_size_menu_sets_the_png_size(qtbot, window, tmp_path):
    click_menu_path(qtbot, window, "File", "Export", "Size", "1024")
    out = tmp_path / "map.png"
    answer_with(window, out, [])
    click_menu_path(qtbot, window, "File", "Export", "Map as PNG")
    assert png_size(out) == (1024, 768)
    charts = tmp_path / "charts.png"
    answer_with(window, charts, [])
    click_menu_path(qtbot, window, "File", "Export", "Charts as PNG")
    assert png_size(charts) == (1024, 768)


def test_series_and_handout_from_the_menu(qtbot, window, tmp_path):
    window.controller.step(3)
    window.controller.view(2)  # the series stops at the turn on view, like the charts' marker
    series, handout = tmp_path / "series.csv", tmp_path / "handout"
    answer_with(window, series, [])
    click_menu_path(qtbot, window, "File", "Export", "Series as CSV")
    rows = list(csv.reader(io.StringIO(series.read_text(encoding="utf-8"))))
    assert rows[0][:3] == ["turn", "year", "lens"] and [r[0] for r in rows[1:]] == ["0", "1", "2"]
    assert [r[1] for r in rows[1:]] == ["1900", "1901", "1902"]
    answer_with(window, handout, [])
    click_menu_path(qtbot, window, "File", "Export", "Handout")
    data = (tmp_path / "handout.pdf").read_bytes()  # the suffix is added when missing
    assert data.startswith(b"%PDF") and len(data) > 10_000


def test_a_cancelled_export_writes_nothing_and_a_failed_one_says_why(qtbot, window, tmp_path):
    window.export_menu.ask_path = lambda *a: None
    click_menu_path(qtbot, window, "File", "Export", "Map as PDF")
    assert list(tmp_path.glob("*.pdf")) == [] and not window.shown_errors
    answer_with(window, tmp_path / "missing" / "m.pdf", [])
    click_menu_path(qtbot, window, "File", "Export", "Map as PDF")
    assert window.shown_errors and "cannot write" in window.shown_errors[0][1]


def test_like_the_map_on_screen_exports_the_maps_own_size(qtbot, window, tmp_path):
    from alliance_sandbox.ui.exports import TITLE_PX

    click_menu_path(qtbot, window, "File", "Export", "Size", "Like the Map")
    out = tmp_path / "map.png"
    answer_with(window, out, [])
    click_menu_path(qtbot, window, "File", "Export", "Map as PNG")
    vp = window.map.viewport()
    assert png_size(out) == (vp.width(), vp.height() + round(TITLE_PX * 1.7))
