"""The log dock: turns and events appear, follow Back/Reset/Load, filter, and a click highlights."""

import json
import re

import peek
import pytest
from PySide6.QtCore import QPoint, Qt

from alliance_sandbox.engine.events import Event
from alliance_sandbox.scenario import loads_scenario
from alliance_sandbox.ui import log_dock as log_module
from alliance_sandbox.ui.log_dock import GROUPS, LogDock, header_text, kind_style

# The offscreen platform cannot pass a window's size limits on; harmless, and not ours.
pytestmark = pytest.mark.qt_log_ignore(r"does not support propagateSizeHints")


@pytest.fixture
def log(show_dock, controller):
    return show_dock(LogDock(controller), 600, 500)


def expected(controller, first=1):
    return [(r.turn, e.kind, e.explanation) for r in controller.history[first:] for e in r.events]


def test_turns_and_events_appear_with_numbers(log, controller):
    assert peek.turns_shown(log) == [0]
    assert log.entries() == []
    controller.step(5)
    assert peek.turns_shown(log) == [0, 1, 2, 3, 4, 5]
    entries = log.entries()
    assert entries == expected(controller)
    assert entries, "the test scenario should produce events"
    assert all(re.search(r"\d\.\d", text) for _turn, _kind, text in entries)
    doc_text = log.text.toPlainText()
    assert "Turn 3 · 1917 · Balance of threat" in doc_text
    assert entries[0][2] in doc_text
    tag = kind_style(entries[0][1])[0]
    assert tag in doc_text
    assert "6 turns" in log.count_label.text()


def test_back_reset_and_load_remove_entries(log, controller, dock_scenario):
    controller.step(5)
    last = controller.history[-1]
    controller.back()
    assert peek.turns_shown(log) == [0, 1, 2, 3, 4]
    assert log.entries() == expected(controller)
    for event in last.events:
        # (the same sentence may come back from an earlier turn: compare with the turn)
        assert (5, event.kind, event.explanation) not in log.entries()
    controller.step(3)
    assert peek.turns_shown(log) == list(range(8))
    assert log.entries() == expected(controller)
    controller.reset()
    assert peek.turns_shown(log) == [0]
    assert log.entries() == []
    controller.step(2)
    controller.load(loads_scenario(json.dumps(dock_scenario)))
    assert peek.turns_shown(log) == [0]


def test_an_edit_does_not_duplicate_the_turn(log, controller):
    controller.step(3)
    before = log.entries()
    controller.edit_state("A", capability=5.0)
    controller.undo_stack.undo()
    assert log.entries() == before
    assert peek.turns_shown(log) == [0, 1, 2, 3]


def test_clicking_an_entry_highlights_its_states(qtbot, log, controller):
    controller.step(5)
    entries = log.entries()
    k = len(entries) // 2
    turn, kind, text = entries[k]
    event = next(e for e in controller.history[turn].events if e.explanation == text and e.kind == kind)
    rect = peek.entry_rect(log, k)
    pos = QPoint(int(rect.left() + 40), int(rect.top() + 5))
    with qtbot.waitSignal(controller.highlightRequested, timeout=1000) as blocker:
        qtbot.mouseClick(log.text.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == [list(event.states)]
    assert controller.selected == event.states[0]
    assert log.clicked_row >= 0
    assert log.text.extraSelections()  # the clicked entry is marked


def test_selecting_text_is_not_a_click(qtbot, log, controller):
    controller.step(3)
    rect = peek.entry_rect(log, 0)
    start = QPoint(int(rect.left() + 10), int(rect.top() + 5))
    emitted = []
    controller.highlightRequested.connect(emitted.append)
    viewport = log.text.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, start + QPoint(80, 0))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start + QPoint(80, 0))
    assert log.text.textCursor().hasSelection()
    assert emitted == []


def test_text_and_kind_filters(log, controller):
    controller.step(6)
    everything = log.entries()
    log.filter_edit.setText("borealis")
    log._apply_filter()
    filtered = log.entries()
    assert filtered and len(filtered) < len(everything)
    events = {(r.turn, e.kind, e.explanation): e for r in controller.history for e in r.events}
    for entry in filtered:
        # the filter matches a state's name or id as well as the words of the explanation
        assert "borealis" in entry[2].lower() or "B" in events[entry].states
    log.filter_edit.setText("")
    log._apply_filter()
    assert log.entries() == everything

    group = kind_style("tighten")[3]
    log.set_group_visible(group, False)
    assert all(kind_style(kind)[3] != group for _t, kind, _x in log.entries())
    controller.step(2)  # new turns are filtered too
    assert all(kind_style(kind)[3] != group for _t, kind, _x in log.entries())
    log.set_group_visible(group, True)
    assert log.entries() == expected(controller)


def test_kind_tags_and_groups():
    for kind in ("form", "tighten", "loosen", "leave", "crisis", "abandoned", "entrapped",
                 "chain_gang", "buck_pass", "arm", "shock", "lens"):
        tag, colour, ink, group = kind_style(kind)
        assert tag and colour.startswith("#") and group in GROUPS
    assert kind_style("form")[1] == kind_style("tighten")[1]
    assert kind_style("abandoned")[1] == kind_style("buck_pass")[1]
    assert kind_style("something_new")[3] == "Other"


def test_cap_keeps_the_last_entries(log, controller, monkeypatch):
    monkeypatch.setattr(log_module, "MAX_LINES", 20)
    controller.step(12)
    rows = log.text.document().blockCount()
    assert rows <= 22
    assert log.entries() == expected(controller)[-len(log.entries()):]
    assert peek.turns_shown(log)[-1] == 12
    controller.back()
    assert peek.turns_shown(log)[-1] == 11


def test_header_text_and_presentation(log, controller):
    assert header_text(controller.history[0]) == "Turn 0 · 1914 · Balance of threat"
    size = log.text.font().pointSizeF()
    log.set_presentation(True)
    assert log.text.font().pointSizeF() > 1.4 * size
    log.set_presentation(False)
    assert log.text.font().pointSizeF() == pytest.approx(size)


def test_lens_switch_is_logged(log, controller):
    controller.set_lens("power")
    controller.step(1)
    assert any(kind == "lens" for _t, kind, _x in log.entries())
    assert isinstance(controller.history[1].events[0], Event)


def test_a_late_dock_writes_only_the_last_entries(qtbot, controller, monkeypatch):
    monkeypatch.setattr(log_module, "MAX_LINES", 15)
    controller.step(10)
    dock = LogDock(controller)
    qtbot.addWidget(dock)
    assert dock.text.document().blockCount() == 15
    entries = dock.entries()
    assert entries == expected(controller)[-len(entries):]
    assert len(entries) >= 15 - 1 - 10  # at most one header a turn among the lines
    assert peek.turns_shown(dock)[-1] == 10
    assert dock.text.document().firstBlock().userState() in [first for _events, first in dock._turns]
    assert "older entries" in dock.count_label.text()


def test_every_engine_event_kind_has_its_own_style():
    from alliance_sandbox.engine.events import EVENT_KINDS
    from alliance_sandbox.ui.log_dock import KIND_STYLE

    assert set(KIND_STYLE) == set(EVENT_KINDS)
