"""History on the map (key H) and the Scorecard (key S), through real key and mouse events."""
from __future__ import annotations

import shutil
from pathlib import Path

import peek
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainterPath

from alliance_sandbox.lenses import LENS_IDS, LENSES
from alliance_sandbox.score import score_scenario
from alliance_sandbox.ui.history_overlay import GHOST_COLOR, nearest_entry
from alliance_sandbox.ui.scorecard import SEEDS

ROOT = Path(__file__).resolve().parents[2]
EUROPE_1914 = ROOT / "assets" / "scenarios" / "europe-1914.json"
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def europe(qtbot, window, tmp_path):
    """The window with a copy of Europe 1914 opened through File > Open (Ctrl+O)."""
    path = tmp_path / "europe-1914.json"
    shutil.copy(EUROPE_1914, path)
    window.ask_open_path = lambda: str(path)
    qtbot.keyClick(window, Qt.Key.Key_O, CTRL)
    assert window.controller.scenario.history, "the bundled 1914 case has a history"
    return window


def segments(path: QPainterPath) -> set[frozenset]:
    """The path's straight segments as unordered pairs of rounded end points."""
    points = [path.elementAt(k) for k in range(path.elementCount())]
    found = set()
    for start, end in zip(points, points[1:]):
        if end.isLineTo():
            found.add(frozenset({(round(start.x, 3), round(start.y, 3)), (round(end.x, 3), round(end.y, 3))}))
    return found


def expected_segments(window, year: int) -> set[frozenset]:
    """The history pairs nearest `year`, as segments between the two states' discs on the map."""
    entry = nearest_entry(window.controller.scenario.history, year)
    at = {}
    for sid in window.controller.record.world.ids:
        pos = window.map.state_item(sid).scenePos()
        at[sid] = (round(pos.x(), 3), round(pos.y(), 3))
    return {frozenset({at[t.a], at[t.b]}) for t in entry.ties}


def test_h_shows_the_actual_ties_of_the_nearest_year_as_ghost_lines(qtbot, europe):
    window = europe
    overlay = window.history_overlay
    assert not overlay.item.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_H)
    assert window.acts["history"].isChecked()
    assert overlay.item.isVisible() and overlay.caption.isVisible()
    # turn 0 is 1913: the nearest history entry is 1915
    assert overlay.entry.year == 1915
    assert segments(overlay.item.path()) == expected_segments(window, 1913)
    assert len(overlay.entry.ties) == len(segments(overlay.item.path()))
    assert "1915" in overlay.caption.text()
    # dashed, and in a colour no simulated tie is drawn in
    pen = overlay.item.pen()
    assert pen.style() == Qt.PenStyle.CustomDashLine
    assert all(p.color().rgb() != GHOST_COLOR.rgb() for p in window.map.tie_pens().values())
    # four steps: 1917 is nearest to 1918
    for _ in range(4):
        qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.controller.record.year == 1917
    assert overlay.entry.year == 1918
    assert segments(overlay.item.path()) == expected_segments(window, 1917)
    qtbot.keyClick(window, Qt.Key.Key_H)
    assert not overlay.item.isVisible() and not overlay.caption.isVisible()


def test_the_ghost_lines_follow_a_dragged_state(qtbot, europe):
    window = europe
    qtbot.keyClick(window, Qt.Key.Key_H)
    view = window.map
    item = view.state_item("RUS")
    start = view.mapFromScene(item.scenePos())
    end = start + type(start)(-60, 40)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for k in range(1, 6):
        qtbot.mouseMove(view.viewport(), start + (end - start) * (k / 5))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    world = window.controller.record.world
    moved = world.index["RUS"]
    before = window.controller.scenario.state("RUS")
    assert (float(world.lon[moved]), float(world.lat[moved])) != (before.lon, before.lat)
    assert segments(window.history_overlay.item.path()) == expected_segments(window, 1913)


def test_history_is_off_and_disabled_for_a_scenario_without_history(qtbot, window):
    assert not window.controller.scenario.history
    assert not window.acts["history"].isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_H)
    assert not window.history_overlay.item.isVisible()


def test_scorecard_ranks_every_lens_by_score(qtbot, europe):
    window = europe
    dock = window.docks["scorecard"]
    assert not dock.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_S)
    assert dock.isVisible()
    qtbot.waitUntil(lambda: not peek.is_scoring(dock) and dock.table.rowCount() == len(LENS_IDS), timeout=60_000)
    table = dock.table
    names = [table.item(row, 1).text() for row in range(table.rowCount())]
    assert sorted(names) == sorted(LENSES[lens_id].name for lens_id in LENS_IDS)
    scores = [float(table.item(row, 2).text()) for row in range(table.rowCount())]
    assert scores == sorted(scores, reverse=True)
    # the numbers are the score command's, for the same scenario and seeds
    expected = score_scenario(window.controller.current_scenario(0), LENS_IDS, SEEDS)
    assert [s.lens for s in dock.ranked()] == [s.lens for s in expected.ranked()]
    assert scores == [round(s.score, 2) for s in expected.ranked()]
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers[3:] == ["1915", "1918"]
    assert f"scores <b>{expected.baseline_score:.2f}</b>" in dock.heading.text()


def test_scorecard_says_when_there_is_nothing_to_score(qtbot, window):
    dock = window.docks["scorecard"]
    qtbot.keyClick(window, Qt.Key.Key_S)
    assert dock.isVisible()
    assert "no history" in dock.heading.text()
    assert dock.table.rowCount() == 0 and not peek.is_scoring(dock)


def test_scorecard_scores_again_after_an_edit(qtbot, europe):
    window = europe
    dock = window.docks["scorecard"]
    qtbot.keyClick(window, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: not peek.is_scoring(dock) and dock.table.rowCount() == len(LENS_IDS), timeout=60_000)
    window.controller.edit_state("GMY", aggression=0.05)
    assert peek.is_scoring(dock) or dock.table.rowCount() < len(LENS_IDS)
    qtbot.waitUntil(lambda: not peek.is_scoring(dock) and dock.table.rowCount() == len(LENS_IDS), timeout=60_000)
    expected = score_scenario(window.controller.current_scenario(0), LENS_IDS, SEEDS)
    assert [round(s.score, 2) for s in dock.ranked()] == [round(s.score, 2) for s in expected.ranked()]

