"""Simulation > Run 50 Seeds, driven as a user would: the key, the progress dialog, Cancel,
a click on a state; what it shows is checked against runs made here, seed by seed."""
import numpy as np
import peek
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton

from alliance_sandbox.engine.report import allied_mean
from alliance_sandbox.engine.simulation import Simulation
from alliance_sandbox.lenses import get_lens
from alliance_sandbox.sweep.ensemble import SEEDS

pytestmark = pytest.mark.slow


def start(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.ensembles.dialog is not None and window.ensembles.dialog.isVisible(), timeout=5000)
    return window.ensembles.dialog


def own_runs(window, turns):
    """The 50 seeds run here, from the same turn-0 world and lens."""
    sim0 = window.controller.run
    runs = []
    for seed in range(SEEDS):
        sim = Simulation(sim0.history[0].world, get_lens(sim0.lens.id), seed=seed, shocks=sim0.shocks)
        sim.run(turns)
        runs.append(sim.history)
    return runs


def test_run_50_seeds_shows_bands_and_tie_frequencies_of_those_seeds(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_Space)  # one turn of the run on screen first
    dialog = start(qtbot, window)
    assert dialog.maximum() == SEEDS
    qtbot.keyClick(window, Qt.Key.Key_Space)  # the window answers while the seeds run
    assert len(window.controller.history) == 3
    qtbot.waitUntil(lambda: window.ensembles.ensemble is not None, timeout=90000)
    assert window.ensembles.dialog is None and window.ensembles.job is None
    ensemble = window.ensembles.ensemble
    runs = own_runs(window, ensemble.turns)

    low, middle, high = peek.band_data(window.ensembles.bands, "abandonment")
    allied = np.array([[allied_mean(r.risks.abandonment, r.world) for r in history] for history in runs])
    assert np.allclose(middle, np.median(allied, axis=0))
    assert np.allclose(low, np.percentile(allied, 10, axis=0)) and np.allclose(high, np.percentile(allied, 90, axis=0))

    # a click on a state: the band becomes that state's
    view = window.map
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(view.state_item("B").scenePos()))
    assert window.controller.selected == "B"
    b = window.controller.history[0].world.index["B"]
    _, middle, _ = peek.band_data(window.ensembles.bands, "entrapment")
    assert np.allclose(middle, np.median([[r.risks.entrapment[b] for r in history] for history in runs], axis=0))
    # the inspector: B's spread across the seeds at the turn on view
    turn = window.controller.view_turn
    box = window.ensembles.outcomes
    assert box.isVisible() and f"turn {turn}" in box.title()
    median = np.median([history[turn].risks.abandonment[b] for history in runs])
    assert box.values["abandonment"].text().startswith(f"{median:.2f} ")
    ties = np.median([np.count_nonzero(history[turn].world.tied()[b]) for history in runs])
    assert box.values["ties"].text().startswith(f"{ties:g} ")

    # the map at the turn on view: one band per tie found in any seed, as opaque as its share
    turn = window.controller.view_turn
    lines = {(a, b): frequency for _line, frequency, a, b in window.ensembles.ties.lines}
    world = runs[0][0].world
    expected = {}
    for i in range(world.n):
        for j in range(i + 1, world.n):
            share = np.mean([history[turn].world.tied()[i, j] for history in runs])
            if share > 0:
                expected[(world.ids[i], world.ids[j])] = share
    assert lines.keys() == expected.keys()
    assert all(lines[key] == pytest.approx(expected[key]) for key in expected)
    for line, _frequency, a, b in window.ensembles.ties.lines:
        assert line.p1() == view.state_item(a).pos() and line.p2() == view.state_item(b).pos()

    window.acts["clear_ensemble"].trigger()
    assert window.ensembles.ties.lines == []


def test_cancel_ends_the_worker_and_shows_nothing(qtbot, window):
    dialog = start(qtbot, window)
    process = window.ensembles.job._process
    (cancel,) = [b for b in dialog.findChildren(QPushButton) if "Cancel" in b.text()]
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert window.ensembles.job is None and window.ensembles.ensemble is None
    assert process.poll() is not None  # the worker process is gone
    assert not any(d.isVisible() for d in window.findChildren(QProgressDialog))
    assert "cancelled" in window.statusBar().currentMessage()
