"""Issue #3's named workflows, through the whole window with real key and mouse events."""
import peek
from PySide6.QtCore import Qt


def test_step_run_and_back_with_the_charts_point_count_following(qtbot, window):
    charts = window.docks["charts"]
    assert peek.point_count(charts) == 1
    for _ in range(3):
        qtbot.keyClick(window, Qt.Key.Key_Space)
    assert peek.point_count(charts) == 4
    qtbot.keyClick(window, Qt.Key.Key_P)  # run
    qtbot.waitUntil(lambda: window.controller.record.turn >= 6, timeout=10000)
    qtbot.keyClick(window, Qt.Key.Key_P)  # pause
    turns = window.controller.record.turn
    assert peek.point_count(charts) == turns + 1
    qtbot.keyClick(window, Qt.Key.Key_Backspace)
    assert window.controller.record.turn == turns - 1
    assert peek.point_count(charts) == turns


def test_capability_typed_in_the_inspector_grows_the_disc_and_undo_shrinks_it(qtbot, window):
    window.map.select("D")
    qtbot.waitUntil(lambda: window.docks["inspector"].state_id == "D")
    disc = window.map.state_item("D")
    before = disc.sceneBoundingRect().width()
    spin = peek.field_row(window.docks["inspector"], "capability").spin
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "60")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    world = window.controller.history[-1].world
    assert world.capability[world.index["D"]] == 60
    grown = window.map.state_item("D").sceneBoundingRect().width()
    assert grown > before * 1.5
    window.map.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    world = window.controller.history[-1].world
    assert world.capability[world.index["D"]] == 10
    assert window.map.state_item("D").sceneBoundingRect().width() < grown


def test_a_lens_chosen_before_the_first_step_is_saved(qtbot, window, tmp_path):
    from alliance_sandbox.scenario import load_scenario

    qtbot.keyClick(window, Qt.Key.Key_6)  # institutions, before any turn
    target = tmp_path / "mine.json"
    window.ask_save_path = lambda *args, **kwargs: str(target)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert load_scenario(target).lens == "institutions"
