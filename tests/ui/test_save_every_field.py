"""The app's Save keeps every field of the format (issue 12's Save trap), through the keys."""
from __future__ import annotations

import json

from PySide6.QtCore import Qt

from tests.scenario.every_field import every_field, missing_from, uncovered

CTRL = Qt.KeyboardModifier.ControlModifier


def test_open_then_save_writes_every_field_back(qtbot, window, tmp_path):
    data = every_field()
    assert uncovered(data) == []
    path = tmp_path / "every.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    window.ask_open_path = lambda: str(path)
    qtbot.keyClick(window, Qt.Key.Key_O, CTRL)
    assert window.controller.scenario.name == data["name"]
    path.write_text("{}", encoding="utf-8")  # Save must write the whole scenario again
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)
    assert not window.shown_errors
    assert missing_from(json.loads(path.read_text(encoding="utf-8")), data) == []


def test_save_after_an_edit_keeps_history_and_the_other_fields(qtbot, window, tmp_path):
    data = every_field()
    path = tmp_path / "every.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    window.ask_open_path = lambda: str(path)
    qtbot.keyClick(window, Qt.Key.Key_O, CTRL)
    window.controller.edit_state("B", capability=9.5)
    qtbot.keyClick(window, Qt.Key.Key_Space)  # a turn: Save still writes turn 0
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)
    saved = json.loads(path.read_text(encoding="utf-8"))
    data["states"][1]["capability"] = 9.5
    assert missing_from(saved, data) == []
