"""The Info dock, the seed in the app and Help's docs, driven with real clicks and keys."""
import json

import numpy as np
import peek
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabBar

from alliance_sandbox.engine.simulation import Simulation
from alliance_sandbox.lenses import get_lens
from alliance_sandbox.resources import CHECKOUT
from alliance_sandbox.scenario import build_world, load_scenario
from alliance_sandbox.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(r"does not support (propagateSizeHints|raise|grabbing the keyboard)")


def click_tab(qtbot, window, text):
    for bar in window.findChildren(QTabBar):
        for k in range(bar.count()):
            if bar.tabText(k).replace("&", "") == text and bar.isVisible():
                qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(k).center())
                return
    raise AssertionError(f"no visible tab {text!r}")


def open_window(qtbot, path):
    win = MainWindow(load_scenario(path))
    qtbot.addWidget(win)
    win.resize(1280, 860)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_the_info_tab_shows_description_notes_and_sources_as_plain_text(qtbot, tmp_path, scenario_data):
    scenario_data["description"] = "A <b>bold</b> claim and an <img src='http://example.com/x.png'> image."
    scenario_data["notes"] = ["Capabilities are **made up**."]
    scenario_data["sources"] = ["Walt (1987), The Origins of Alliances"]
    path = tmp_path / "marked.json"
    path.write_text(json.dumps(scenario_data), encoding="utf-8")
    win = open_window(qtbot, path)
    info = win.docks["info_dock"]
    click_tab(qtbot, win, "Info")
    qtbot.waitUntil(lambda: info.isVisible() and info.text.isVisible())
    text = peek.plain_text(info)
    assert "Test world" in text
    assert "A <b>bold</b> claim and an <img src='http://example.com/x.png'> image." in text  # not rendered
    assert "Notes" in text and "Capabilities are **made up**." in text
    assert "Sources" in text and "Walt (1987)" in text
    win.controller.undo_stack.setClean()


def test_a_new_seed_applies_from_turn_0_and_is_saved(qtbot, window, tmp_path):
    c = window.controller
    info = window.docks["info_dock"]
    c.step(2)
    click_tab(qtbot, window, "Info")
    qtbot.waitUntil(info.seed_box.isVisible)
    assert info.seed_box.value() == 7  # the file's seed is shown
    before = c.history[-1].world.capability.copy()
    edit = info.seed_box.lineEdit()
    qtbot.mouseDClick(edit, Qt.MouseButton.LeftButton)
    edit.selectAll()
    qtbot.keyClicks(edit, "123")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert c.scenario.seed == 123
    assert np.array_equal(c.history[-1].world.capability, before)  # the turns already run stay
    assert "this run used 7" in info.seed_note.text()
    window.map.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)  # Reset
    assert "this run's seed" in info.seed_note.text()
    for _ in range(3):
        qtbot.keyClick(window, Qt.Key.Key_Space)
    scenario = load_scenario(window.controller.scenario.path)
    expected = Simulation(build_world(scenario), get_lens(scenario.lens), seed=123, shocks=scenario.shocks)
    expected.run(3)
    assert np.array_equal(c.history[-1].world.capability, expected.world.capability)
    assert window.isWindowModified()
    target = tmp_path / "saved.json"
    window.ask_save_path = lambda suggested: str(target)
    window.files.save_as()
    assert json.loads(target.read_text(encoding="utf-8"))["seed"] == 123


@pytest.mark.parametrize("entry, path", [("Teacher's Guide", "docs/teachers-guide.md"),
                                         ("Lens Reference", "docs/lenses.md")])
def test_help_opens_our_docs_inside_the_app(qtbot, window, entry, path):
    from test_export_menu import click_menu_path

    click_menu_path(qtbot, window, "Help", entry)
    help_window = window.help_window
    qtbot.waitUntil(help_window.isVisible)
    first_heading = (CHECKOUT / path).read_text(encoding="utf-8").splitlines()[0].lstrip("# ").strip()
    assert first_heading in help_window.browser.toPlainText()
    assert "# " not in help_window.browser.toPlainText().splitlines()[0]  # markdown rendered, not shown raw


def test_a_seed_too_large_for_the_box_is_shown_not_clamped(qtbot, tmp_path, scenario_data):
    scenario_data["seed"] = 2**40
    path = tmp_path / "big.json"
    path.write_text(json.dumps(scenario_data), encoding="utf-8")
    win = open_window(qtbot, path)
    info = win.docks["info_dock"]
    assert not info.seed_box.isEnabled() and str(2**40) in info.seed_note.text()
    assert win.controller.scenario.seed == 2**40
