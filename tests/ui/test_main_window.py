"""The main window driven like a user would: real key and mouse events, then the model checked.

Fixtures (`window`, `scenario_file`, settings isolation) are in tests/conftest.py.
"""
import html

import numpy as np
import peek
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDockWidget, QDoubleSpinBox, QSlider

from alliance_sandbox.lenses import LENS_IDS, LENSES

DIGIT_KEYS = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4,
              Qt.Key.Key_5, Qt.Key.Key_6, Qt.Key.Key_7, Qt.Key.Key_8]


def press(qtbot, window, key, modifiers=Qt.KeyboardModifier.NoModifier, target=None):
    """A key typed where the focus is (the window by default), as a user would."""
    qtbot.keyClick(target or window, key, modifiers)


# ---------------------------------------------------------------- lenses


@pytest.mark.parametrize("number", range(1, 9))
def test_digit_key_switches_lens_and_shows_its_claim(qtbot, window, number):
    lens_id = LENS_IDS[number - 1]
    press(qtbot, window, DIGIT_KEYS[number - 1])
    assert window.lens_bar.combo.currentData() == lens_id
    assert window.controller.lens.id == lens_id
    claim = window.lens_bar.claim.text()
    assert html.escape(LENSES[lens_id].claim) in claim
    assert html.escape(LENSES[lens_id].citation) in claim
    assert window.acts[f"lens:{lens_id}"].isChecked()


def test_lens_switch_applies_from_next_turn_and_is_logged(qtbot, window):
    assert window.controller.lens.id == "threat"
    press(qtbot, window, Qt.Key.Key_1)  # balance of power
    assert window.controller.record.lens.id == "threat"  # turn 0 was made by the old lens
    assert "applies from the next turn" in window.lens_bar.claim.text()
    press(qtbot, window, Qt.Key.Key_Space)
    record = window.controller.record
    assert record.turn == 1
    assert record.lens.id == "power"
    assert [e for e in record.events if e.kind == "lens"]
    assert "applies from the next turn" not in window.lens_bar.claim.text()


def test_lens_switch_while_viewing_the_past_continues_from_there(qtbot, window):
    c = window.controller
    c.step(4)
    c.view(2)
    press(qtbot, window, Qt.Key.Key_4)  # alliance security dilemma
    press(qtbot, window, Qt.Key.Key_Space)
    assert c.record.turn == 3 and c.at_latest
    assert c.record.lens.id == "security_dilemma"
    assert [e for e in c.record.events if e.kind == "lens"]


def test_digits_and_space_go_to_a_focused_spin_box(qtbot, window):
    spin = QDoubleSpinBox()
    window.statusBar().addWidget(spin)
    spin.show()
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    spin.lineEdit().selectAll()
    press(qtbot, window, Qt.Key.Key_3, target=spin)
    press(qtbot, window, Qt.Key.Key_Space, target=spin)
    assert window.controller.lens.id == "threat"
    assert len(window.controller.history) == 1
    assert spin.lineEdit().text().startswith("3")


def test_lens_combo_arrow_keys_switch_lens(qtbot, window):
    combo = window.lens_bar.combo
    combo.setFocus()
    press(qtbot, window, Qt.Key.Key_Down, target=combo)  # next lens in the list
    assert window.controller.lens.id == LENS_IDS[LENS_IDS.index("threat") + 1]


# ---------------------------------------------------------------- the clock


def test_space_steps_whatever_has_focus(qtbot, window):
    window.map.setFocus()
    press(qtbot, window, Qt.Key.Key_Space, target=window.map)
    window.lens_bar.combo.setFocus()
    press(qtbot, window, Qt.Key.Key_Space, target=window.lens_bar.combo)
    assert window.controller.record.turn == 2
    assert window.turn_bar.turn_label.text() == "Turn 2 · 1902"


def test_run_with_p_then_pause(qtbot, window):
    window.turn_bar.set_speed(30)
    press(qtbot, window, Qt.Key.Key_P)
    assert window.is_running()
    qtbot.waitUntil(lambda: window.controller.record.turn >= 3, timeout=5000)
    press(qtbot, window, Qt.Key.Key_P)
    assert not window.is_running()
    turn = window.controller.record.turn
    qtbot.wait(150)
    assert window.controller.record.turn == turn


def test_back_and_reset_keys(qtbot, window):
    for _ in range(4):
        press(qtbot, window, Qt.Key.Key_Space)
    assert window.controller.record.turn == 4
    press(qtbot, window, Qt.Key.Key_Backspace)
    assert window.controller.record.turn == 3
    press(qtbot, window, Qt.Key.Key_Left)
    assert window.controller.record.turn == 2
    assert len(window.controller.history) == 3
    press(qtbot, window, Qt.Key.Key_Home)
    assert window.controller.record.turn == 0
    assert len(window.controller.history) == 1
    assert not window.acts["back"].isEnabled()


def test_timeline_follows_history_and_scrubs_by_mouse_and_keys(qtbot, window):
    c, bar = window.controller, window.turn_bar
    slider = bar.timeline
    c.step(6)
    assert (slider.minimum(), slider.maximum(), slider.value()) == (0, 6, 6)
    assert not window.past_banner.isVisible()
    # A click on the groove near its left end moves the view back (page step or jump).
    qtbot.mouseClick(slider, Qt.MouseButton.LeftButton, pos=QPoint(6, slider.height() // 2))
    assert c.view_turn < 6
    assert slider.value() == c.view_turn
    assert window.past_banner.isVisible()
    assert "turn" in window.past_banner.text()
    assert len(c.history) == 7  # looking back does not cut the history
    # With the focus on the timeline its arrow keys scrub it (not the window's Back key).
    slider.setFocus()
    qtbot.waitUntil(slider.hasFocus)
    press(qtbot, window, Qt.Key.Key_Home, target=slider)
    assert c.view_turn == 0
    press(qtbot, window, Qt.Key.Key_Right, target=slider)
    press(qtbot, window, Qt.Key.Key_Right, target=slider)
    assert c.view_turn == 2
    assert window.turn_bar.turn_label.text() == "Turn 2 · 1902"
    assert np.array_equal(window.map._world.lon, c.history[2].world.lon)
    # Step continues from the turn on view: the later turns are dropped, the timeline shrinks.
    press(qtbot, window, Qt.Key.Key_Space, target=slider)
    assert c.record.turn == 3 and c.at_latest
    assert slider.maximum() == 3
    assert not window.past_banner.isVisible()


def test_end_key_returns_to_the_latest_turn(qtbot, window):
    c = window.controller
    c.step(5)
    c.view(2)
    assert window.past_banner.isVisible()
    banner = window.past_banner.geometry()
    assert banner.top() >= 0 and banner.right() <= window.map.width()  # on the map, whole
    press(qtbot, window, Qt.Key.Key_End)
    assert c.view_turn == 5 and len(c.history) == 6
    assert not window.past_banner.isVisible()


def test_clicker_keys_and_ctrl_r(qtbot, window):
    """A presenter's clicker sends PgDown / PgUp."""
    press(qtbot, window, Qt.Key.Key_PageDown)
    press(qtbot, window, Qt.Key.Key_Right)
    assert window.controller.record.turn == 2
    press(qtbot, window, Qt.Key.Key_PageUp)
    assert window.controller.record.turn == 1
    press(qtbot, window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert window.controller.record.turn == 0


def test_a_focused_slider_keeps_its_arrow_keys(qtbot, window):
    """Arrow keys move a focused slider (e.g. the inspector's) instead of stepping back."""
    window.controller.step(3)
    slider = QSlider(Qt.Orientation.Horizontal)
    slider.setRange(0, 10)
    slider.setValue(5)
    window.statusBar().addWidget(slider)
    slider.show()
    slider.setFocus()
    qtbot.waitUntil(slider.hasFocus)
    press(qtbot, window, Qt.Key.Key_Left, target=slider)
    press(qtbot, window, Qt.Key.Key_Home, target=slider)
    assert slider.value() == 0
    assert window.controller.record.turn == 3
    press(qtbot, window, Qt.Key.Key_Space, target=slider)  # not a slider key: steps
    assert window.controller.record.turn == 4


# ---------------------------------------------------------------- the map


def drag(qtbot, view, start, end, steps=6):
    vp = view.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    for k in range(1, steps + 1):
        qtbot.mouseMove(vp, start + (end - start) * k / steps)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=end)


def test_drag_a_state_then_undo_and_redo_by_keys(qtbot, window):
    view, c = window.map, window.controller
    qtbot.waitExposed(view)
    i = c.history[-1].world.index["C"]
    before = (c.history[-1].world.lon[i], c.history[-1].world.lat[i])
    start = view.mapFromScene(view.state_item("C").scenePos())
    drag(qtbot, view, start, start + QPoint(60, 40))
    after = (c.history[-1].world.lon[i], c.history[-1].world.lat[i])
    assert after[0] > before[0] + 1 and after[1] < before[1] - 1  # east and south
    assert window.isWindowModified()
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert (c.history[-1].world.lon[i], c.history[-1].world.lat[i]) == before
    assert not window.isWindowModified()
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert (c.history[-1].world.lon[i], c.history[-1].world.lat[i]) == after
    assert window.isWindowModified()


def test_edit_stays_modified_after_stepping(qtbot, window):
    """Stepping clears the undo stack, but a turn-0 edit is still unsaved."""
    window.controller.edit_state("A", capability=50.0)
    press(qtbot, window, Qt.Key.Key_Space)
    assert window.controller.undo_stack.count() == 0
    assert window.isWindowModified()


def test_click_on_state_selects_it(qtbot, window):
    view = window.map
    pos = view.mapFromScene(view.state_item("B").scenePos())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert window.controller.selected == "B"


def test_fit_key_and_status_bar(qtbot, window):
    press(qtbot, window, Qt.Key.Key_F)
    text = window.world_label.text()
    assert "poles" in text and "bloc" in text
    assert "Space: step" in window.hints.text()


# ---------------------------------------------------------------- presentation mode


def test_presentation_mode_by_f11_and_back(qtbot, window):
    app = QApplication.instance()
    font_before = app.font().pointSizeF()
    window.acts["fit"].trigger()
    visible_before = {k: d.isVisible() for k, d in window.docks.items()}
    assert window.menuBar().isVisible()
    press(qtbot, window, Qt.Key.Key_F11)
    assert window.is_presenting()
    assert app.font().pointSizeF() >= font_before * 1.4
    assert window.map.presentation()
    assert not window.menuBar().isVisible()
    for key in ("inspector", "log_dock"):
        if key in window.docks:
            assert not window.docks[key].isVisible()
    charts = window.docks.get("charts")
    if charts is not None:
        assert not charts.isVisible()  # at turn 0 there is nothing to chart: the map has the room
        assert charts.features() == QDockWidget.DockWidgetFeature.NoDockWidgetFeatures
    assert window.caption.isVisible()  # the turn's headlines instead of the log
    assert window.turn_bar.isVisible()  # Step and Run stay
    press(qtbot, window, Qt.Key.Key_Space)  # keys still work without the menu bar
    assert window.controller.record.turn == 1
    if charts is not None:
        assert charts.isVisible()  # the charts come with the first turn
    assert "Turn 1" in window.caption.text()
    press(qtbot, window, Qt.Key.Key_F11)
    assert not window.is_presenting()
    assert app.font().pointSizeF() == font_before
    assert window.menuBar().isVisible()
    assert not window.map.presentation()
    assert {k: d.isVisible() for k, d in window.docks.items()} == visible_before
    if charts is not None:
        assert charts.features() != QDockWidget.DockWidgetFeature.NoDockWidgetFeatures
        assert charts.titleBarWidget() is None


def test_escape_leaves_presentation_only_when_presenting(qtbot, window):
    press(qtbot, window, Qt.Key.Key_Escape)
    assert not window.is_presenting()
    press(qtbot, window, Qt.Key.Key_F11)
    assert window.is_presenting()
    press(qtbot, window, Qt.Key.Key_Escape)
    assert not window.is_presenting()


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
def test_presentation_gives_the_map_most_of_the_screen(qtbot, window, size):
    """On a 4:3 projector the charts take a third of the width and show one chart at a time;
    on a wide screen they take a strip under the map. Their titles are never cut mid-word."""
    window.resize(*size)
    qtbot.wait(20)
    window.set_presentation(True, fullscreen=False)
    window.resize(*size)
    qtbot.wait(50)
    charts = window.docks["charts"]
    central = window.centralWidget()
    if size == (1024, 768):
        assert window.dockWidgetArea(charts) == Qt.DockWidgetArea.RightDockWidgetArea
        assert central.width() >= 0.64 * window.width()
        assert len(charts.shown_plots()) == 1
    else:
        assert window.dockWidgetArea(charts) == Qt.DockWidgetArea.BottomDockWidgetArea
        assert central.height() >= 0.55 * window.height()
    for plot in charts.plots:
        if plot.isVisible():
            assert plot.titleLabel.itemRect().width() <= plot.titleLabel.width() + 1
    window.set_presentation(False)


def test_inspector_dock_is_on_the_right(window):
    if "inspector" not in window.docks:
        pytest.skip("inspector dock not built yet")
    assert window.dockWidgetArea(window.docks["inspector"]) == Qt.DockWidgetArea.RightDockWidgetArea


# ---------------------------------------------------------------- menus and help


def test_every_shortcut_is_unique(window):
    seen = {}
    for action in window.actions():
        for key in action.shortcuts():
            text = key.toString()
            assert text not in seen, f"{text} is both {seen[text]} and {action.text()}"
            seen[text] = action.text()


def test_about_lists_every_lens_with_citation(window):
    text = window.about_text()
    for cls in LENSES.values():
        assert html.escape(cls.name) in text and html.escape(cls.citation) in text
    assert "Space" in peek.shortcuts_text(window)


def test_title_names_the_scenario(window):
    assert window.windowTitle() == "Alliance Sandbox — Test world[*]"
    assert not window.isWindowModified()


# ---------------------------------------------------------------- run_app


def test_run_app_screenshot(tmp_path, qtbot, scenario_file, capsys):
    from alliance_sandbox.ui.app import run_app

    out = tmp_path / "shot.png"
    assert run_app(str(scenario_file), screenshot=str(out), turns=3, size=(1024, 768)) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1024, 768)
    assert out.stat().st_size > 10_000
    assert str(out) in capsys.readouterr().out


def test_run_app_presentation_screenshot(tmp_path, qtbot, scenario_file):
    from alliance_sandbox.ui.app import run_app

    out = tmp_path / "present.png"
    font = QApplication.instance().font().pointSizeF()
    assert run_app(str(scenario_file), screenshot=str(out), size=(1024, 768), presentation=True) == 0
    assert QImage(str(out)).size().toTuple() == (1024, 768)
    assert QApplication.instance().font().pointSizeF() == font  # left presentation on close


def test_run_app_bad_file_exits_2_with_field_messages(tmp_path, capsys):
    from alliance_sandbox.ui.app import run_app

    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 1, "name": "x", "states": [{"id": "A", "name": "A", '
                   '"capability": -3, "lon": 0, "lat": 0}]}', encoding="utf-8")
    assert run_app(str(bad)) == 2
    err = capsys.readouterr().err
    assert "states[0].capability" in err and "Traceback" not in err
    assert run_app(str(tmp_path / "missing.json")) == 2
    assert "file not found" in capsys.readouterr().err
