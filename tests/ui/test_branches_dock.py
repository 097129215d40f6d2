"""Branches, with real keys and clicks: branch at a turn, edit by dragging, step, switch, save."""
import json

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

pytestmark = pytest.mark.qt_log_ignore(r"does not support (propagateSizeHints|raise|grabbing the keyboard)")


def click_run(qtbot, dock, name):
    tree = dock.tree
    item = tree.findItems(name, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive, 0)[0]
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())


def drag_state(qtbot, window, state_id, by):
    view = window.map
    start = view.mapFromScene(view.state_item(state_id).scenePos())
    vp = view.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(vp, start + by / 2)
    qtbot.mouseMove(vp, start + by)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=start + by)


def test_branch_edit_step_switch_and_save(qtbot, window, tmp_path):
    c = window.controller
    for _ in range(5):
        qtbot.keyClick(window, Qt.Key.Key_Space)
    window.controller.view(2)  # back on the timeline to turn 2
    first_run = c.run
    main_lon = float(first_run.history[2].world.lon[first_run.world.index["E"]])
    window.map.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_B)  # Branch here
    dock = window.branches_dock
    assert c.run is not first_run and len(c.history) == 3 and len(first_run.history) == 6
    drag_state(qtbot, window, "E", QPoint(-120, 0))  # Erewhon moves west in the branch only
    branch_lon = float(c.history[-1].world.lon[c.history[-1].world.index["E"]])
    assert branch_lon < main_lon - 1
    qtbot.keyClick(window, Qt.Key.Key_Space)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert c.record.turn == 4 and len(c.history) == 5
    assert [dock.tree.topLevelItem(0).text(0), dock.tree.topLevelItem(0).child(0).text(0)] == ["First run", "Branch 1"]
    assert dock.tree.topLevelItem(0).child(0).text(1) == "from turn 2: 0-4"

    click_run(qtbot, dock, "First run")
    assert c.run is first_run and c.record.turn == 5
    assert float(c.record.world.lon[c.record.world.index["E"]]) == pytest.approx(main_lon)  # untouched
    click_run(qtbot, dock, "Branch 1")
    assert c.record.turn == 4
    assert float(c.record.world.lon[c.record.world.index["E"]]) == pytest.approx(branch_lon)

    target = tmp_path / "branch.json"
    window.ask_save_path = lambda suggested: str(target)
    window.files.save_turn_as()  # the branch's turn 4 as a new scenario
    data = json.loads(target.read_text(encoding="utf-8"))
    saved = {s["id"]: s for s in data["states"]}
    assert saved["E"]["lon"] == pytest.approx(branch_lon, abs=1e-3)
    assert data["start_year"] == 1904


def test_a_branch_of_a_branch_sits_under_it_and_loading_a_file_starts_again(qtbot, window, scenario_file):
    from alliance_sandbox.ui.branches_dock import open_branches

    dock = open_branches(window)
    window.controller.step(2)
    qtbot.mouseClick(dock.branch_button, Qt.MouseButton.LeftButton)
    window.controller.step(1)
    qtbot.mouseClick(dock.branch_button, Qt.MouseButton.LeftButton)
    top = dock.tree.topLevelItem(0)
    assert top.child(0).text(0) == "Branch 1" and top.child(0).child(0).text(0) == "Branch 2"
    assert np.array_equal(dock.branches[2].sim.world.tie_kind, dock.branches[1].sim.world.tie_kind)
    window.files.open_path(str(scenario_file))
    assert [b.name for b in dock.branches] == ["First run"] and dock.tree.topLevelItemCount() == 1
