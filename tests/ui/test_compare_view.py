"""The Compare view, driven with real keys, clicks and wheel turns: 2 and 4 lenses, one turn control."""
import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from alliance_sandbox.compare import compare_records, tie_triples
from alliance_sandbox.engine.simulation import Simulation
from alliance_sandbox.lenses import get_lens
from alliance_sandbox.scenario import build_world
from alliance_sandbox.ui.series_cache import SeriesCache

pytestmark = pytest.mark.qt_log_ignore(r"does not support (propagateSizeHints|raise|grabbing the keyboard)")


def open_compare_with_key(qtbot, window):
    window.map.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_C)
    compare = window.compare_window
    qtbot.addWidget(compare)
    qtbot.waitExposed(compare)
    compare.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is compare)
    return compare


def expected_run(window, lens_id, turns):
    """The same world and seed under one lens, run by the engine alone."""
    scenario = window.controller.current_scenario(0)
    sim = Simulation(build_world(scenario), get_lens(lens_id), seed=scenario.seed, shocks=scenario.shocks)
    sim.run(turns)
    return sim


def test_key_c_opens_two_lenses_that_step_together_and_leave_the_main_run_alone(qtbot, window):
    window.controller.step(2)
    compare = open_compare_with_key(qtbot, window)
    assert len(compare.panes) == 2
    assert compare.lens_ids()[0] == window.controller.lens.id
    for pane in compare.panes:
        assert pane.controller.record.turn == 2  # opened at the main window's turn
    main_turns = len(window.controller.history)
    for _ in range(3):
        qtbot.keyClick(compare, Qt.Key.Key_Space)
    assert len(window.controller.history) == main_turns  # Space stepped the compare run only
    for pane in compare.panes:
        assert pane.controller.record.turn == 5
        expected = expected_run(window, pane.lens_id, 5)
        assert tie_triples(pane.controller.record) == tie_triples(expected.history[-1])
    qtbot.keyClick(compare, Qt.Key.Key_Backspace)
    assert [p.controller.record.turn for p in compare.panes] == [4, 4]
    assert "Turn 4" in compare.turn_bar.turn_label.text()


def test_marked_ties_are_the_ones_the_other_lens_lacks(qtbot, window):
    compare = open_compare_with_key(qtbot, window)
    for _ in range(4):
        qtbot.keyClick(compare, Qt.Key.Key_Space)
    records = [p.controller.record for p in compare.panes]
    pairs = [{tuple(t[:2]) for t in tie_triples(r)} for r in records]
    a, b = compare.panes
    assert {tuple(p) for p in a.marked} == pairs[0] - pairs[1]
    assert {tuple(p) for p in b.marked} == pairs[1] - pairs[0]
    # the halo path has one segment (move + line) per marked tie
    for pane in compare.panes:
        assert pane.halo.path().elementCount() == 2 * len(pane.marked)
        assert f"{len(pane.marked)}" in pane.caption.text()


def test_four_maps_from_the_toolbar_button_step_with_one_key(qtbot, window):
    compare = open_compare_with_key(qtbot, window)
    button = compare.count_buttons[4]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len(compare.panes) == 4 and len(set(compare.lens_ids())) == 4
    qtbot.keyClick(compare, Qt.Key.Key_Space)
    qtbot.keyClick(compare, Qt.Key.Key_Space)
    comparison = compare_records(compare.lens_ids(), [p.controller.record for p in compare.panes])
    for pane in compare.panes:
        assert pane.controller.record.turn == 2
        assert pane.marked == comparison.only[pane.lens_id]
    # the chart overlays every lens's two mean risks, as the charts compute them
    for k, pane in enumerate(compare.panes):
        cache = SeriesCache()
        cache.sync(pane.controller.history)
        abandonment, entrapment = compare.chart.series(k)
        assert np.allclose(abandonment, cache.mean_abandonment[:3])
        assert np.allclose(entrapment, cache.mean_entrapment[:3])
    styles = {compare.chart.curves[k][0].opts["pen"].style() for k in range(4)}
    assert len(styles) == 4  # one dash style per lens
    qtbot.keyClick(compare, Qt.Key.Key_2)
    assert len(compare.panes) == 2 and [p.controller.record.turn for p in compare.panes] == [2, 2]


def test_zoom_and_pan_are_linked(qtbot, window):
    compare = open_compare_with_key(qtbot, window)
    first, second = (pane.map for pane in compare.panes)
    qtbot.waitUntil(lambda: first.transform() == second.transform())
    before = first.zoom_level()
    vp = first.viewport()
    centre = QPointF(vp.rect().center())
    wheel = QWheelEvent(centre, QPointF(vp.mapToGlobal(centre.toPoint())), QPoint(0, 0), QPoint(0, 240),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(vp, wheel)
    qtbot.waitUntil(lambda: second.zoom_level() == first.zoom_level() != before)
    # a drag on the empty sea pans the first map; the second follows
    start = first.mapToScene(vp.rect().center())
    corner = QPoint(8, 8)
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=corner)
    qtbot.mouseMove(vp, corner + QPoint(60, 40))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=corner + QPoint(60, 40))
    moved = first.mapToScene(vp.rect().center())
    assert moved != start
    other = second.mapToScene(second.viewport().rect().center())
    assert abs(other.x() - moved.x()) < 1 and abs(other.y() - moved.y()) < 1


def test_a_lens_picked_on_one_map_reruns_it_to_the_same_turn(qtbot, window):
    compare = open_compare_with_key(qtbot, window)
    for _ in range(3):
        qtbot.keyClick(compare, Qt.Key.Key_Space)
    box = compare.panes[1].lens_box
    target = next(lid for lid in ("identity", "landscape") if lid not in compare.lens_ids())
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Home)  # a combo box keeps its own keys
    while box.currentData() != target:
        qtbot.keyClick(box, Qt.Key.Key_Down)
    assert compare.lens_ids()[1] == target
    pane = compare.panes[1]
    assert pane.controller.record.turn == 3
    assert tie_triples(pane.controller.record) == tie_triples(expected_run(window, target, 3).history[-1])


def test_compare_opened_while_presenting_uses_the_projector_look(qtbot, window):
    window.set_presentation(True, fullscreen=False)
    compare = open_compare_with_key(qtbot, window)
    assert all(pane.map.presentation() for pane in compare.panes)
    qtbot.mouseClick(compare.count_buttons[4], Qt.MouseButton.LeftButton)
    assert len(compare.panes) == 4 and all(pane.map.presentation() for pane in compare.panes)
    qtbot.keyClick(compare, Qt.Key.Key_Escape)
    assert not compare.isVisible()


def test_each_map_scores_itself_against_the_nearest_history_year(qtbot, window):
    from alliance_sandbox.engine.scoring import compare as score_against
    from alliance_sandbox.score import history_dates
    from alliance_sandbox.ui.file_actions import SCENARIO_DIR

    window.files.open_path(str(SCENARIO_DIR / "end-of-cold-war-1989.json"))
    compare = open_compare_with_key(qtbot, window)
    for _ in range(4):
        qtbot.keyClick(compare, Qt.Key.Key_Space)
    dates = history_dates(window.controller.scenario)
    assert dates
    for pane in compare.panes:
        record = pane.controller.record
        nearest = min(dates, key=lambda d: (abs(d.year - record.year), d.year))
        expected = score_against(record.world, nearest.year, nearest.ties).score
        assert pane.history_score == pytest.approx(expected)
        assert pane.history_line.isVisible() and f"({nearest.year})" in pane.history_line.text()


def test_no_history_no_score_line(qtbot, window):
    compare = open_compare_with_key(qtbot, window)
    assert not any(pane.history_line.isVisible() for pane in compare.panes)
