"""Keyboard focus and the window's state (issue 8): the clicker keys work after typing in the
inspector, highlights do not outlive what they marked, and edits at a later turn are not lost
without a question. Real clicks and keys on the main window (the `window` fixture)."""
import peek
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMessageBox


def click_state(qtbot, window, state_id):
    view = window.map
    pos = view.mapFromScene(view.state_item(state_id).pos())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def type_into(qtbot, spin, text, end=Qt.Key.Key_Return):
    qtbot.mouseClick(spin.lineEdit(), Qt.MouseButton.LeftButton)
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), text)
    qtbot.keyClick(spin.lineEdit(), end)


def key(qtbot, k):
    """A key typed where the keyboard focus is, as a user would."""
    qtbot.keyClick(QApplication.focusWidget() or QApplication.activeWindow(), k)


def test_space_p_and_backspace_work_right_after_an_inspector_edit(qtbot, window):
    click_state(qtbot, window, "B")
    spin = peek.field_row(window.docks["inspector"], "aggression").spin
    type_into(qtbot, spin, "0.3")
    world = window.controller.record.world
    assert world.aggression[world.index["B"]] == pytest.approx(0.3)  # Enter committed it
    qtbot.waitUntil(lambda: window.map.hasFocus())
    turn = window.controller.view_turn
    key(qtbot, Qt.Key.Key_Space)
    assert window.controller.view_turn == turn + 1
    key(qtbot, Qt.Key.Key_Backspace)
    assert window.controller.view_turn == turn
    key(qtbot, Qt.Key.Key_P)
    assert window.is_running()
    key(qtbot, Qt.Key.Key_P)
    assert not window.is_running()


def test_escape_cancels_a_typed_value_and_gives_the_keys_back(qtbot, window):
    click_state(qtbot, window, "B")
    spin = peek.field_row(window.docks["inspector"], "aggression").spin
    before = spin.value()
    type_into(qtbot, spin, "0.95", end=Qt.Key.Key_Escape)
    world = window.controller.record.world
    assert world.aggression[world.index["B"]] == pytest.approx(before)
    assert spin.value() == pytest.approx(before)
    assert window.controller.undo_stack.isClean()  # nothing was edited
    qtbot.waitUntil(lambda: window.map.hasFocus())
    turn = window.controller.view_turn
    key(qtbot, Qt.Key.Key_Space)
    assert window.controller.view_turn == turn + 1


def click_log_entry(qtbot, window):
    log = window.docks["log_dock"]
    log.show()
    log.raise_()
    qtbot.waitExposed(log)
    entries = log.entries()
    k = len(entries) - 1
    rect = peek.entry_rect(log, k)
    log.text.ensureCursorVisible()
    qtbot.mouseClick(log.text.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(int(rect.left() + 40), int(rect.top() + 5)))
    return window.map._highlight


def highlighted(window):
    return {s for s in window.map._ids if window.map.state_item(s).glow.isVisible()}


def test_a_log_entry_highlight_clears_on_another_selection_reset_and_a_new_file(qtbot, window, scenario_file):
    for _ in range(4):
        key(qtbot, Qt.Key.Key_Space)
    click_log_entry(qtbot, window)
    marked = highlighted(window)
    assert marked
    other = next(s for s in window.map._ids if s not in marked)
    click_state(qtbot, window, other)
    assert highlighted(window) == set()  # another state chosen
    click_log_entry(qtbot, window)
    assert highlighted(window)
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert highlighted(window) == set()  # Reset
    for _ in range(3):
        key(qtbot, Qt.Key.Key_Space)
    click_log_entry(qtbot, window)
    assert highlighted(window)
    window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    assert window.files.open_path(str(scenario_file))
    assert highlighted(window) == set()  # another file


def test_an_edit_at_a_later_turn_is_not_lost_without_a_question(qtbot, window):
    for _ in range(3):
        key(qtbot, Qt.Key.Key_Space)
    click_state(qtbot, window, "C")
    type_into(qtbot, peek.field_row(window.docks["inspector"], "aggression").spin, "0.7")
    key(qtbot, Qt.Key.Key_Space)  # stepping on clears the undo stack; the edit is still unsaved
    assert window.isWindowModified()
    asked = []

    def answer():
        asked.append(True)
        return QMessageBox.StandardButton.Cancel

    window.ask_save_changes = answer
    window.close()
    assert asked and window.isVisible()  # asked, and Cancel kept the window open


def test_presentation_keeps_the_log_one_key_or_click_away(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert window.is_presenting()
    log, inspector = window.docks["log_dock"], window.docks["inspector"]
    assert not log.isVisible() and not inspector.isVisible()
    band = window.caption
    for _ in range(20):  # on to a turn where something happens
        key(qtbot, Qt.Key.Key_Space)
        if window.controller.record.events:
            break
    events = window.controller.record.events
    assert events and band.isVisible()
    assert 1 <= len(band.headlines) <= min(3, len(events))  # the turn's most important events
    for text in band.headlines:
        assert any(text.rstrip("…")[:20] in e.explanation for e in events)
    qtbot.mouseClick(band, Qt.MouseButton.LeftButton)
    assert log.isVisible() and window.is_presenting()  # the full log, still presenting
    key(qtbot, Qt.Key.Key_L)
    assert not log.isVisible()
    key(qtbot, Qt.Key.Key_I)
    assert inspector.isVisible() and window.is_presenting()
    key(qtbot, Qt.Key.Key_I)
    assert not inspector.isVisible()
