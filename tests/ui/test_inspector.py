"""The inspector dock: model -> widgets, and real key and mouse edits -> controller -> model."""

import json

import numpy as np
import peek
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QStyle, QStyleOptionSlider

from alliance_sandbox.engine.world import DEFAULT_COMMITMENT, TIE_KINDS, tie_code
from alliance_sandbox.scenario import loads_scenario
from alliance_sandbox.scenario.fields import STATE_RECORD
from alliance_sandbox.ui.inspector import InspectorDock

# The offscreen platform cannot pass a window's size limits on; harmless, and not ours.
pytestmark = pytest.mark.qt_log_ignore(r"does not support propagateSizeHints")


@pytest.fixture
def dock(show_dock, controller):
    return show_dock(InspectorDock(controller), 520, 800)


def index(controller, sid):
    return controller.history[-1].world.index[sid]


def type_into(qtbot, spin, text):
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, text)
    qtbot.keyClick(spin, Qt.Key.Key_Return)


def handle_center(slider) -> QPoint:
    opt = QStyleOptionSlider()
    slider.initStyleOption(opt)
    rect = slider.style().subControlRect(QStyle.ComplexControl.CC_Slider, opt,
                                         QStyle.SubControl.SC_SliderHandle, slider)
    return rect.center()


def drag_slider(qtbot, slider, dx):
    start = handle_center(slider)
    qtbot.mousePress(slider, Qt.MouseButton.LeftButton, pos=start)
    for k in range(1, 6):
        qtbot.mouseMove(slider, start + QPoint(dx * k // 5, 0))
    qtbot.mouseRelease(slider, Qt.MouseButton.LeftButton, pos=start + QPoint(dx, 0))


def test_nothing_selected_shows_a_hint(dock):
    assert dock.hint_label.isVisible()
    assert "Click a state" in dock.hint_label.text()
    assert not dock.content.isVisible()


def test_selection_shows_the_state(dock, controller):
    controller.select("A")
    assert dock.state_id == "A"
    assert dock.name_label.text() == "Aurelia"
    assert not dock.hint_label.isVisible()
    assert peek.field_row(dock, "capability").spin.value() == pytest.approx(3.0)
    assert peek.field_row(dock, "offense").spin.value() == pytest.approx(0.8)
    assert peek.field_row(dock, "satisfaction").spin.value() == pytest.approx(-0.5)
    # capability range: 10 x the world's largest capability
    assert peek.field_row(dock, "capability").spin.maximum() == pytest.approx(30.0)
    share = controller.record.world.share[index(controller, "A")]
    assert peek.standing_text(dock, "share") == f"{100 * share:.1f} %"
    controller.select("B")
    risks = controller.record.risks
    i = index(controller, "B")
    assert peek.standing_text(dock, "abandonment") == f"{risks.abandonment[i]:.2f}"
    assert peek.standing_text(dock, "entrapment") == f"{risks.entrapment[i]:.2f}"
    assert peek.standing_text(dock, "security") == f"{risks.security[i]:.2f}"
    assert peek.standing_text(dock, "autonomy") == f"{risks.autonomy[i]:+.2f}"
    assert peek.tie_partners(dock) == ["C"]
    # refreshing from the model never edits it
    controller.step(2)
    assert controller.undo_stack.count() == 0


def test_typing_a_capability_edits_the_model_and_undo_restores(qtbot, dock, controller):
    controller.select("D")
    i = index(controller, "D")
    share_before = controller.record.world.share[i]
    type_into(qtbot, peek.field_row(dock, "capability").spin, "7.5")
    assert controller.history[-1].world.capability[i] == pytest.approx(7.5)
    # the record the map draws from follows: D's share (its disc size) grew
    assert controller.record.world.share[i] > share_before
    assert controller.undo_stack.count() == 1
    assert peek.field_row(dock, "capability").slider.value() == peek.field_row(dock, "capability").to_slider(7.5)
    controller.undo_stack.undo()
    assert controller.history[-1].world.capability[i] == pytest.approx(1.0)
    assert controller.record.world.share[i] == pytest.approx(share_before)
    assert peek.field_row(dock, "capability").spin.value() == pytest.approx(1.0)


def test_a_slider_drag_is_one_undo_step_and_two_drags_are_two(qtbot, dock, controller):
    controller.select("A")
    i = index(controller, "A")
    slider = peek.field_row(dock, "aggression").slider
    drag_slider(qtbot, slider, -80)
    first = controller.history[-1].world.aggression[i]
    assert first < 0.8 - 0.05
    assert controller.undo_stack.count() == 1
    assert controller.undo_stack.canUndo()  # the drag's macro is closed
    drag_slider(qtbot, slider, -60)
    second = controller.history[-1].world.aggression[i]
    assert second < first - 0.05
    assert controller.undo_stack.count() == 2
    controller.undo_stack.undo()
    assert controller.history[-1].world.aggression[i] == pytest.approx(first)
    controller.undo_stack.undo()
    assert controller.history[-1].world.aggression[i] == pytest.approx(0.8)
    assert peek.field_row(dock, "aggression").spin.value() == pytest.approx(0.8)


def test_capability_slider_drag(qtbot, dock, controller):
    controller.select("C")
    i = index(controller, "C")
    drag_slider(qtbot, peek.field_row(dock, "capability").slider, 120)
    assert controller.history[-1].world.capability[i] > 1.5
    assert controller.undo_stack.count() == 1
    shown = peek.field_row(dock, "capability").spin.value()
    assert shown == pytest.approx(controller.history[-1].world.capability[i], abs=1e-3)
    controller.undo_stack.undo()
    assert controller.history[-1].world.capability[i] == pytest.approx(1.5)


def test_commitment_spin_edits_the_tie(qtbot, dock, controller):
    controller.select("B")
    b, c = index(controller, "B"), index(controller, "C")
    spin = peek.commitment_spin(dock, "C")
    assert spin.value() == pytest.approx(0.7)
    type_into(qtbot, spin, "0.3")
    assert controller.history[-1].world.commitment[b, c] == pytest.approx(0.3)
    assert controller.history[-1].world.commitment[c, b] == pytest.approx(0.7)  # C's pledge to B is C's own
    assert spin.toolTip().endswith("to Borealis: 0.70")
    assert TIE_KINDS[controller.history[-1].world.tie_kind[b, c] - 1] == "alliance"
    # the risks shown follow the model
    assert dock.tie_table.item(0, 3).text() == f"{controller.record.risks.tie_abandonment[b, c]:.2f}"


def test_remove_and_add_ties_through_the_widgets(qtbot, dock, controller):
    controller.select("B")
    b, c, d = (index(controller, s) for s in "BCD")
    qtbot.mouseClick(peek.remove_button(dock, "C"), Qt.MouseButton.LeftButton)
    assert controller.history[-1].world.tie_kind[b, c] == 0
    assert peek.tie_partners(dock) == []
    assert dock.no_ties_label.isVisible()

    dock.partner_combo.setCurrentIndex(dock.partner_combo.findData("D"))
    dock.kind_combo.setCurrentText("entente")
    qtbot.mouseClick(dock.add_button, Qt.MouseButton.LeftButton)
    assert controller.history[-1].world.tie_kind[b, d] == tie_code("entente")
    assert controller.history[-1].world.commitment[b, d] == pytest.approx(DEFAULT_COMMITMENT["entente"])
    assert peek.tie_partners(dock) == ["D"]
    assert dock.partner_combo.findData("D") == -1  # no second tie with the same partner
    assert controller.undo_stack.count() == 2
    controller.undo_stack.undo()
    controller.undo_stack.undo()
    assert controller.history[-1].world.tie_kind[b, c] == tie_code("alliance")
    assert peek.tie_partners(dock) == ["C"]


def test_editing_is_off_when_viewing_an_earlier_turn(qtbot, dock, controller):
    controller.select("A")
    controller.step(3)
    controller.view(1)
    assert not dock.editable
    assert dock.history_box.isVisible()
    assert "turn 1" in dock.history_note.text()
    for name in ("capability", "offense", "aggression", "satisfaction"):
        assert not peek.field_row(dock, name).spin.isEnabled()
        assert not peek.field_row(dock, name).slider.isEnabled()
    assert not dock.add_button.isEnabled()
    # the values shown are those of the turn on view
    i = index(controller, "A")
    assert peek.field_row(dock, "capability").spin.value() == pytest.approx(
        controller.history[1].world.capability[i], abs=1e-3)
    qtbot.mouseClick(dock.latest_button, Qt.MouseButton.LeftButton)
    assert controller.at_latest and dock.editable
    assert peek.field_row(dock, "capability").spin.isEnabled()
    assert not dock.history_box.isVisible()
    assert len(controller.history) == 4


def test_presentation_enlarges_fonts(dock, controller):
    controller.select("A")
    normal = peek.field_row(dock, "capability").spin.font().pointSizeF()
    name = dock.name_label.font().pointSizeF()
    dock.set_presentation(True)
    assert dock.presentation
    assert peek.field_row(dock, "capability").spin.font().pointSizeF() > 1.4 * normal
    assert dock.name_label.font().pointSizeF() > 1.4 * name
    dock.set_presentation(False)
    assert peek.field_row(dock, "capability").spin.font().pointSizeF() == pytest.approx(normal)


def test_load_clears_the_selection(dock, controller, dock_scenario):
    controller.select("A")
    data = dict(dock_scenario, states=dock_scenario["states"][1:], ties=[])
    controller.load(loads_scenario(json.dumps(data)))
    assert dock.hint_label.isVisible()
    controller.select("B")
    assert peek.field_row(dock, "capability").spin.maximum() == pytest.approx(20.0)
    assert np.isclose(peek.field_row(dock, "capability").spin.value(), 2.0)


def test_a_click_on_the_handle_without_moving_adds_no_undo_step(qtbot, dock, controller):
    controller.select("A")
    slider = peek.field_row(dock, "offense").slider
    start = handle_center(slider)
    qtbot.mousePress(slider, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseRelease(slider, Qt.MouseButton.LeftButton, pos=start)
    assert controller.undo_stack.count() == 0
    assert controller.undo_stack.canUndo() is False


def test_a_step_during_a_drag_leaves_the_undo_stack_usable(qtbot, dock, controller):
    controller.select("A")
    i = index(controller, "A")
    slider = peek.field_row(dock, "offense").slider
    start = handle_center(slider)
    qtbot.mousePress(slider, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(slider, start + QPoint(-30, 0))
    controller.step(1)  # the play timer fires mid-drag: history moves, the undo stack is cleared
    qtbot.mouseMove(slider, start + QPoint(-60, 0))
    qtbot.mouseRelease(slider, Qt.MouseButton.LeftButton, pos=start + QPoint(-60, 0))
    assert controller.undo_stack.canUndo()
    assert controller.undo_stack.count() == 1
    value = controller.history[-1].world.offense[i]
    controller.undo_stack.undo()
    assert controller.history[-1].world.offense[i] > value


def test_a_commitment_typed_for_one_state_never_lands_on_another(qtbot, window):
    """Typing in a tie's commitment box and then selecting another state commits the text as
    the box loses the focus: it must go to the tie it was typed for, not to the newly selected
    state (the GUI monkey found it making a tie of a state with itself)."""
    c = window.controller
    dock = window.docks["inspector"]
    c.select("A")
    spin = peek.commitment_spin(dock, "D")  # the A-D alliance of the test world
    before = c.history[-1].world.commitment.copy()
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), "0.3")
    c.select("D")  # D's own row for A now shows; the old box loses the focus
    window.map.setFocus()
    qtbot.wait(10)
    world = c.history[-1].world
    a, d = world.index["A"], world.index["D"]
    assert world.tie_kind[d, d] == 0
    changed = np.argwhere(world.commitment != before)
    assert all({int(i), int(j)} == {a, d} for i, j in changed), changed


def test_setting_the_commitment_of_a_tie_that_does_not_exist_changes_nothing(make_controller):
    c = make_controller()
    before = c.history[-1].world.copy()
    c.set_commitment("A", "D", 0.9)  # no A-D tie in the dock scenario
    c.set_commitment("B", "B", 0.9)
    assert np.array_equal(c.history[-1].world.tie_kind, before.tie_kind)
    assert np.array_equal(c.history[-1].world.commitment, before.commitment)
    assert c.undo_stack.count() == 0


@pytest.mark.parametrize("spec", [s for s in STATE_RECORD.fields if s.editable], ids=lambda s: s.name)
def test_every_field_the_table_marks_editable_is_a_row_that_edits_the_world(qtbot, dock, controller, spec):
    """The Attributes rows come from scenario/fields.py: a field marked editable there gets a
    labelled row, and typing into it changes that field of the state."""
    controller.select("D")
    row = peek.field_row(dock, spec.name)
    assert row.label.text() == spec.label and spec.description in row.spin.toolTip()
    before = float(getattr(controller.history[-1].world, spec.name)[index(controller, "D")])
    low, high = row.spin.minimum(), row.spin.maximum()
    wanted = round(low + 0.7 * (high - low), 2)
    assert wanted != pytest.approx(before)
    type_into(qtbot, row.spin, f"{wanted:.2f}")
    after = float(getattr(controller.history[-1].world, spec.name)[index(controller, "D")])
    assert after == pytest.approx(wanted, abs=0.01)
