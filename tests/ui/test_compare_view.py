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
    assert compare.lens_ids()[0] == window.controller.sim.lens.id
    for pane in compare.panes:
        assert pane.controller.record.turn == 2  # opened at the main window's turn
    main_turns = len(window.controller.sim.history)
    for _ in range(3):
        qtbot.keyClick(compare, Qt.Key.Key_Space)
    assert len(window.controller.sim.history) == main_turns  # Space stepped the compare run only
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
    for pane in compare.panes:
        assert f"{len(pane.marked)}" in pane.caption.text()
        assert_halo_follows_the_drawn_ties(pane)
    # after a zoom the ties are routed again, and the halos follow them
    compare.panes[0].map.zoom_in()
    QApplication.processEvents()
    for pane in compare.panes:
        assert_halo_follows_the_drawn_ties(pane)


def assert_halo_follows_the_drawn_ties(pane):
    """Every point along the halo lies on a drawn tie (a routed curve, or a treaty's spokes),
    and every marked tie has its halo."""
    view = pane.map
    t = view.viewportTransform()

    def pixel_segments(polygons):
        out = []
        for poly in polygons:
            pts = np.array([[t.map(p).x(), t.map(p).y()] for p in poly])
            out += [(pts[k], pts[k + 1]) for k in range(len(pts) - 1)]
        return out

    drawn = pixel_segments([poly for path in view.tie_paths().values()
                            for poly in path.toSubpathPolygons()])
    a = np.array([s[0] for s in drawn])
    ab = np.array([s[1] - s[0] for s in drawn])
    for p, q in pixel_segments(pane.halo.path().toSubpathPolygons()):
        for u in np.linspace(0.0, 1.0, 5):  # points along the halo, not only its corners
            point = p + u * (q - p)
            k = np.clip(((point - a) * ab).sum(1) / np.maximum((ab ** 2).sum(1), 1e-9), 0, 1)
            assert np.linalg.norm(a + k[:, None] * ab - point, axis=1).min() < 1.0
    for x, y in pane.marked:
        assert not view.tie_route(x, y).isEmpty()


def test_halos_follow_curved_ties_and_treaty_spokes_on_a_crowded_map(qtbot):
    from pathlib import Path

    from alliance_sandbox.scenario import load_scenario
    from alliance_sandbox.ui.compare_view import CompareWindow

    path = Path(__file__).parents[2] / "assets" / "scenarios" / "end-of-cold-war-1989.json"
    compare = CompareWindow(load_scenario(path), ["threat", "institutions"], turns=8)
    qtbot.addWidget(compare)
    compare.resize(1024, 768)
    compare.show()
    qtbot.waitExposed(compare)
    compare.fit_all()
    QApplication.processEvents()
    assert any(pane.marked for pane in compare.panes)
    for pane in compare.panes:
        assert_halo_follows_the_drawn_ties(pane)
