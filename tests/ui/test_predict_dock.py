"""Predict, then reveal, with real clicks: open it from the menu, click two states, reveal, read the score."""
import pytest
from PySide6.QtCore import Qt
from test_export_menu import click_menu_path

from alliance_sandbox.prediction_score import pair, score_ties, tie_pairs

pytestmark = pytest.mark.qt_log_ignore(r"does not support (propagateSizeHints|raise|grabbing the keyboard)")


def click_state(qtbot, window, state_id):
    view = window.map
    pos = view.mapFromScene(view.state_item(state_id).scenePos())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_a_prediction_entered_on_the_map_is_revealed_and_scored(qtbot, window):
    click_menu_path(qtbot, window, "Simulation", "Predict")
    dock = window.predict_dock
    qtbot.waitUntil(dock.isVisible)
    dock.turns_box.setFocus()
    dock.turns_box.selectAll()
    qtbot.keyClicks(dock.turns_box, "3")
    qtbot.mouseClick(dock.start_button, Qt.MouseButton.LeftButton)
    assert dock.state == "predicting" and dock.reveal_button.isEnabled()
    start = window.controller.record
    now = tie_pairs(start.world)
    assert pair("A", "D") in now  # the file's alliance: expect it to break
    click_state(qtbot, window, "A")
    click_state(qtbot, window, "D")
    click_state(qtbot, window, "C")  # and expect Cockaigne and Erewhon to ally
    click_state(qtbot, window, "E")
    assert dock.predicted == (now - {pair("A", "D")}) | {pair("C", "E")}
    assert dock.changes.count() == 2
    assert not dock.form_item.path().isEmpty() and not dock.break_item.path().isEmpty()
    assert len(window.controller.history) == 1  # nothing computed ahead
    qtbot.mouseClick(dock.reveal_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dock.state == "revealed", timeout=10_000)
    assert window.controller.record.turn == 3
    expected = score_ties(now, dock.predicted, tie_pairs(window.controller.record.world))
    assert dock.score == expected
    assert expected.summary() in dock.result.text()


def test_reveal_runs_from_the_predicted_turn_even_after_stepping_on(qtbot, window):
    from alliance_sandbox.ui.predict_dock import open_predict

    dock = open_predict(window)
    window.controller.step(2)
    qtbot.mouseClick(dock.start_button, Qt.MouseButton.LeftButton)  # predicting at turn 2, 5 ahead
    qtbot.keyClick(window, Qt.Key.Key_Space)  # someone peeks
    qtbot.keyClick(window, Qt.Key.Key_Space)
    qtbot.mouseClick(dock.reveal_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dock.state == "revealed", timeout=10_000)
    assert window.controller.record.turn == 7 and len(window.controller.history) == 8
    qtbot.mouseClick(dock.cancel_button, Qt.MouseButton.LeftButton)
    assert dock.state == "idle" and dock.form_item.path().isEmpty() and dock.result.text() == ""


def test_a_ready_question_from_the_file_sets_the_turn_and_is_scored_there(qtbot, window, tmp_path, scenario_data):
    import json

    from alliance_sandbox.ui.predict_dock import open_predict

    scenario_data["questions"] = [{"ask": "Will Avalon and Duloc still be allies at turn 4?", "turn": 4}]
    path = tmp_path / "asked.json"
    path.write_text(json.dumps(scenario_data), encoding="utf-8")
    window.files.open_path(str(path))
    window.controller.step(2)
    dock = open_predict(window)
    box = dock.questions
    assert box.count() == 2 and "Avalon and Duloc" in box.itemText(1)
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down)  # choose the ready question
    assert dock.question_text.text() == scenario_data["questions"][0]["ask"]
    assert window.controller.view_turn == 0 and dock.turns_box.value() == 4
    qtbot.mouseClick(dock.start_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dock.reveal_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dock.state == "revealed", timeout=10_000)
    assert window.controller.record.turn == 4 and dock.score is not None


def test_save_current_turn_as_moves_the_ready_questions_with_turn_0(qtbot, window, tmp_path, scenario_data):
    import json

    scenario_data["questions"] = [{"ask": "early", "turn": 2}, {"ask": "late", "turn": 6}]
    path = tmp_path / "asked.json"
    path.write_text(json.dumps(scenario_data), encoding="utf-8")
    window.files.open_path(str(path))
    window.controller.step(3)
    target = tmp_path / "from-turn-3.json"
    window.ask_save_path = lambda suggested: str(target)
    window.files.save_turn_as()
    assert json.loads(target.read_text(encoding="utf-8"))["questions"] == [{"ask": "late", "turn": 3}]
