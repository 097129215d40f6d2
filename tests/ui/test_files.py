"""File menu, saving, drops and settings, driven through the keys and the window's dialog methods.

Dialogs are answered by monkeypatching the window's small `ask_*` / `show_error` methods
(see the `window` fixture in tests/conftest.py), so nothing ever blocks.
"""
import copy
import json
import os

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from alliance_sandbox.scenario import load_scenario, scenario_to_data
from alliance_sandbox.ui import file_actions
from alliance_sandbox.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def key(qtbot, window, k, modifiers=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(window, k, modifiers)


def world_arrays(window):
    w = window.controller.history[-1].world
    return {name: getattr(w, name).copy() for name in
            ("capability", "lon", "lat", "offense", "aggression", "satisfaction", "tie_kind", "commitment")}


def same_arrays(a, b):
    return a.keys() == b.keys() and all(np.array_equal(a[k], b[k]) for k in a)


def write_scenario(path, data, **changes):
    data = copy.deepcopy(data)
    data.update(changes)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def other_file(tmp_path, scenario_data):
    return write_scenario(tmp_path / "other.json", scenario_data, name="Another world", start_year=1950)


# ---------------------------------------------------------------- opening


def test_open_invalid_file_shows_field_errors_and_changes_nothing(qtbot, window, tmp_path, scenario_data):
    bad = tmp_path / "bad.json"
    data = scenario_data
    data["states"][1]["capability"] = -5
    data["settings"] = {"offense_dominance": 3}
    bad.write_text(json.dumps(data), encoding="utf-8")
    name, arrays = window.controller.scenario.name, world_arrays(window)
    window.ask_open_path = lambda: str(bad)
    key(qtbot, window, Qt.Key.Key_O, CTRL)
    assert len(window.shown_errors) == 1
    title, text = window.shown_errors[0]
    assert "states[1].capability" in text and "settings.offense_dominance" in text
    assert str(bad) in text
    assert window.controller.scenario.name == name
    assert same_arrays(world_arrays(window), arrays)


def test_open_broken_json_names_the_problem(qtbot, window, tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text('{"schema_version": 1, "name": ', encoding="utf-8")
    window.ask_open_path = lambda: str(bad)
    key(qtbot, window, Qt.Key.Key_O, CTRL)
    assert "(json)" in window.shown_errors[0][1]
    assert window.controller.scenario.name == "Test world"


def test_open_valid_file(qtbot, window, other_file):
    window.ask_open_path = lambda: str(other_file)
    key(qtbot, window, Qt.Key.Key_O, CTRL)
    assert window.controller.scenario.name == "Another world"
    assert window.windowTitle() == "Alliance Sandbox — Another world[*]"
    assert window.turn_bar.turn_label.text() == "Turn 0 · 1950"
    assert window.files.recent.paths()[0] == str(other_file)


def test_unsaved_changes_cancel_keeps_everything(qtbot, window, other_file):
    window.controller.edit_state("A", capability=99.0)
    arrays = world_arrays(window)
    asked = []
    window.ask_save_changes = lambda: asked.append(1) or QMessageBox.StandardButton.Cancel
    window.ask_open_path = lambda: str(other_file)
    key(qtbot, window, Qt.Key.Key_O, CTRL)
    assert asked == [1]
    assert window.controller.scenario.name == "Test world"
    assert same_arrays(world_arrays(window), arrays)
    assert window.isWindowModified()


def test_unsaved_changes_discard_opens(qtbot, window, other_file):
    window.controller.edit_state("A", capability=99.0)
    window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    window.ask_open_path = lambda: str(other_file)
    key(qtbot, window, Qt.Key.Key_O, CTRL)
    assert window.controller.scenario.name == "Another world"
    assert not window.isWindowModified()


def test_unsaved_changes_save_then_open(qtbot, window, other_file, tmp_path):
    window.controller.edit_state("A", capability=99.0)
    target = tmp_path / "kept.json"
    window.ask_save_changes = lambda: QMessageBox.StandardButton.Save
    window.ask_save_path = lambda suggested: str(target)  # the tutorial copy has no file yet
    window.controller.scenario.path = None
    window.ask_open_path = lambda: str(other_file)
    key(qtbot, window, Qt.Key.Key_O, CTRL)
    assert load_scenario(target).state("A").capability == 99.0
    assert window.controller.scenario.name == "Another world"


def test_close_asks_and_cancel_keeps_window(qtbot, window):
    window.controller.edit_state("A", capability=99.0)
    window.ask_save_changes = lambda: QMessageBox.StandardButton.Cancel
    assert not window.close()
    assert window.isVisible()


def test_drop_json_file_opens_it(qtbot, window, other_file):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other_file))])
    pos = QPointF(window.rect().center())
    enter = QDragEnterEvent(pos.toPoint(), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    assert drop.isAccepted()
    qtbot.waitUntil(lambda: window.controller.scenario.name == "Another world")


def test_drop_of_other_files_is_refused(qtbot, window, tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(text))])
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()


def test_new_is_an_untitled_copy_of_the_tutorial(qtbot, window):
    key(qtbot, window, Qt.Key.Key_N, CTRL)
    assert window.controller.scenario.name == "Untitled"
    assert window.controller.scenario.path is None


def test_examples_menu_opens_bundled_scenarios_as_copies(qtbot, window):
    menu = window.menus["examples"]
    window.files.populate_examples(menu)
    names = [a.text() for a in menu.actions()]
    examples = file_actions.bundled_scenarios()
    assert names == [name for name, _ in examples]
    if not examples:
        pytest.skip("no bundled scenarios yet")
    menu.actions()[0].trigger()
    assert window.controller.scenario.name == examples[0][0]
    assert window.controller.scenario.path is None  # Save will ask, never overwrite the asset


def test_recent_files_persist_across_windows(qtbot, window, other_file):
    assert window.files.open_path(other_file)
    menu = window.menus["recent"]
    window.files.populate_recent(menu)
    assert os.path.basename(other_file) in menu.actions()[0].text()
    second = MainWindow(load_scenario(other_file))
    qtbot.addWidget(second)
    assert second.files.recent.paths()[0] == str(other_file)


# ---------------------------------------------------------------- saving


def test_save_as_then_reopen_round_trips(qtbot, window, tmp_path, other_file):
    window.controller.edit_state("B", capability=42.5, lon=14.25)
    window.controller.add_tie("A", "C", "entente")
    assert window.isWindowModified()
    expected = scenario_to_data(window.controller.current_scenario(0))
    target = tmp_path / "saved" / "x.json"
    target.parent.mkdir()
    window.ask_save_path = lambda suggested: str(target)
    key(qtbot, window, Qt.Key.Key_S, CTRL | SHIFT)
    assert target.exists()
    assert not window.isWindowModified()
    assert window.controller.scenario.path == target
    assert not window.shown_errors
    # open something else, then the saved file again
    assert window.files.open_path(other_file)
    window.ask_open_path = lambda: str(target)
    key(qtbot, window, Qt.Key.Key_O, CTRL)
    assert scenario_to_data(window.controller.scenario) == expected
    assert scenario_to_data(window.controller.current_scenario(0)) == expected
    assert not window.isWindowModified()


def test_save_writes_to_the_open_file_without_asking(qtbot, window, scenario_file):
    window.controller.edit_state("A", capability=77.0)
    key(qtbot, window, Qt.Key.Key_S, CTRL)  # ask_save_path would fail the test
    assert load_scenario(scenario_file).state("A").capability == 77.0
    assert not window.isWindowModified()


def test_save_after_steps_writes_turn_zero(qtbot, window, scenario_file):
    window.controller.edit_state("A", capability=77.0)
    window.controller.step(3)
    assert window.isWindowModified()
    key(qtbot, window, Qt.Key.Key_S, CTRL)
    saved = load_scenario(scenario_file)
    assert saved.state("A").capability == 77.0 and saved.start_year == 1900
    assert not window.isWindowModified()


def test_failed_save_keeps_previous_bytes(qtbot, window, scenario_file, monkeypatch):
    original = scenario_file.read_bytes()
    window.controller.edit_state("A", capability=77.0)

    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("alliance_sandbox.scenario.files.os.replace", refuse)
    key(qtbot, window, Qt.Key.Key_S, CTRL)
    assert scenario_file.read_bytes() == original
    assert len(window.shown_errors) == 1
    assert "permission denied" in window.shown_errors[0][1].lower()
    assert window.isWindowModified()
    leftovers = [p for p in scenario_file.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_save_into_read_only_folder_shows_error(qtbot, window, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        window.ask_save_path = lambda suggested: str(folder / "x.json")
        key(qtbot, window, Qt.Key.Key_S, CTRL | SHIFT)
        assert window.shown_errors and not (folder / "x.json").exists()
    finally:
        folder.chmod(0o700)


def test_save_current_turn_as_new_start(qtbot, window, tmp_path):
    window.controller.step(3)
    window.controller.view(2)
    target = tmp_path / "turn2.json"
    window.ask_save_path = lambda suggested: str(target)
    window.acts["save_turn"].trigger()
    saved = load_scenario(target)
    assert saved.start_year == 1902
    assert saved.name == "Test world (1902)"
    record = window.controller.history[2]
    assert np.allclose([s.capability for s in saved.states], record.world.capability, rtol=1e-5)
    # the open scenario is unchanged and still the open one
    assert window.controller.scenario.name == "Test world"
    assert len(window.controller.history) == 4


def test_save_suggests_the_saves_folder_for_a_new_scenario(qtbot, window):
    key(qtbot, window, Qt.Key.Key_N, CTRL)
    asked = []
    window.ask_save_path = lambda suggested: asked.append(suggested)  # cancel
    key(qtbot, window, Qt.Key.Key_S, CTRL)
    assert asked and asked[0] == os.path.join(str(file_actions.SAVES_DIR), "untitled.json")


def test_bundled_examples_cannot_be_overwritten(qtbot, window):
    examples = file_actions.bundled_scenarios()
    if not examples:
        pytest.skip("no bundled scenarios yet")
    before = examples[0][1].read_bytes()
    window.ask_save_path = lambda suggested: str(examples[0][1])
    key(qtbot, window, Qt.Key.Key_S, CTRL | SHIFT)
    assert window.shown_errors and examples[0][1].read_bytes() == before


# ---------------------------------------------------------------- settings


def test_layout_and_last_folder_persist(qtbot, window, tmp_path, isolated_settings):
    target = tmp_path / "deep" / "y.json"
    target.parent.mkdir()
    window.ask_save_path = lambda suggested: str(target)
    key(qtbot, window, Qt.Key.Key_S, CTRL | SHIFT)
    assert window.files.last_folder() == str(target.parent)
    window.turn_bar.set_speed(10)
    window.close()
    ini = list(isolated_settings.rglob("*.ini"))
    assert ini, "settings were written outside the test's folder"
    second = MainWindow(load_scenario(target))
    qtbot.addWidget(second)
    assert second.turn_bar.speed_tps() == 10
    assert second.files.last_folder() == str(target.parent)
