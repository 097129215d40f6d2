"""Autosave and recovery (ui/autosave.py): the session survives a crash, at most the last
edit is lost, a clean exit leaves nothing behind."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from modal_answerer import ModalAnswerer
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from alliance_sandbox.lenses import LENSES
from alliance_sandbox.resources import DATA_DIR_VARIABLE
from alliance_sandbox.scenario import load_scenario
from alliance_sandbox.ui import autosave
from alliance_sandbox.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(r"does not support propagateSizeHints")  # offscreen platform
HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def fresh_window(qtbot, path) -> MainWindow:
    win = MainWindow(load_scenario(path))
    qtbot.addWidget(win, before_close_func=lambda w: setattr(w, "ask_save_changes",
                                                              lambda: QMessageBox.StandardButton.Discard))
    win.shown_errors = []
    win.show_error = lambda title, text: win.shown_errors.append((title, text))
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def same_world(a, b) -> bool:
    names = ("capability", "lon", "lat", "offense", "aggression", "satisfaction", "tie_kind", "commitment",
             "institution", "identity", "arming", "tie_since")
    return a.turn == b.turn and all(np.array_equal(getattr(a, n), getattr(b, n)) for n in names)


def test_the_session_round_trips_exactly(qtbot, window, scenario_file):
    c = window.controller
    c.edit_state("B", lon=14.25, lat=47.5)
    c.step(2)
    c.set_lens("power")
    c.step(1)
    c.edit_state("C", capability=33.3)  # an edit at turn 3
    assert window.autosave.save_now()
    data = json.loads(window.autosave.path.read_text(encoding="utf-8"))
    other = fresh_window(qtbot, scenario_file)
    autosave.restore_session(other.controller, data)
    a, b = c.run, other.controller.run
    assert [r.lens.id for r in a.history] == [r.lens.id for r in b.history]
    assert all(same_world(x.world, y.world) for x, y in zip(a.history, b.history))
    assert b.lens.id == "power" and other.controller.view_turn == 3
    # the generator's state is restored too: the next turn is the same turn
    assert same_world(c.run.step().world, other.controller.run.step().world)


def test_a_session_with_nothing_to_lose_has_no_file(qtbot, window):
    assert not window.autosave.save_now()
    assert not window.autosave.path.exists()
    window.controller.step()
    assert window.autosave.save_now() and window.autosave.path.exists()
    window.controller.reset()
    window.controller.run.history[1:] = []
    assert not window.autosave.save_now() and not window.autosave.path.exists()


def test_a_change_is_written_within_a_second_and_a_clean_exit_removes_it(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_Space)
    qtbot.waitUntil(window.autosave.path.exists, timeout=3000)
    window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    assert window.close()
    assert not window.autosave.path.exists()


def test_a_drag_writes_once_a_second_not_per_mouse_move(qtbot, window):
    view, vp = window.map, window.map.viewport()
    start = view.mapFromScene(view.state_item("B").scenePos())
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    for k in range(1, 30):
        qtbot.mouseMove(vp, start + QPoint(k, k // 2))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=start + QPoint(30, 15))
    qtbot.waitUntil(lambda: window.autosave.writes >= 1, timeout=3000)
    assert window.autosave.writes <= 2


def test_an_unreadable_autosave_is_reported_not_raised(qtbot, window, tmp_path):
    folder = autosave.autosave_dir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    broken = folder / f"session-{int(dead.stdout)}.json"
    data = {"format": autosave.FORMAT, "version": autosave.VERSION, "scenario": {"name": "x"}, "lens": "threat"}
    broken.write_text(json.dumps(data), encoding="utf-8")
    before = window.controller.scenario.name
    with ModalAnswerer(QMessageBox.StandardButton.Yes) as answerer:
        assert not window.autosave.offer_recovery()
    assert answerer.seen and answerer.seen[0][0] == "Restore the last session?"
    (title, text), = window.shown_errors
    assert title == "Cannot restore the session" and "autosaved session: states: missing" in text
    assert window.controller.scenario.name == before and not broken.exists()


@pytest.mark.skipif(os.name != "posix", reason="kill -9")
def test_after_a_kill_the_next_start_restores_the_edits(qtbot, scenario_file, tmp_path):
    """The app in a subprocess gets real mouse and key events (a drag, steps, a lens key,
    a drag at turn 3), is killed with SIGKILL, and the next start offers the session back."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    env[DATA_DIR_VARIABLE] = os.environ[DATA_DIR_VARIABLE]  # the folder this test's window uses
    result = subprocess.run([sys.executable, str(HERE / "crash_session.py"), str(scenario_file)],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == -signal.SIGKILL, result.stderr
    before = json.loads(result.stdout.strip().splitlines()[-1])
    assert before["turns"] == 3 and before["lens"] == "power" and before["writes"] >= 1
    original = load_scenario(scenario_file)
    assert before["first_lon"][1] != original.states[1].lon  # the turn-0 drag happened

    win = fresh_window(qtbot, scenario_file)
    with ModalAnswerer(QMessageBox.StandardButton.Yes) as answerer:
        assert win.autosave.offer_recovery()
    (title, text), = answerer.seen
    assert "turn 3" in text and LENSES["power"].name in text
    sim = win.controller.run
    assert len(sim.history) - 1 == 3 and sim.lens.id == "power"
    assert sim.history[0].world.lon.tolist() == before["first_lon"]
    assert sim.world.lon.tolist() == before["lon"] and sim.world.lat.tolist() == before["lat"]
    assert sim.world.capability.tolist() == before["capability"]
    assert win.isWindowModified()  # restored edits are not saved yet
    # the crashed session's file is gone; this session has its own
    assert [p.name for p in autosave.autosave_dir().iterdir()] == [win.autosave.path.name]


def test_the_session_is_also_written_every_interval(qtbot, scenario_file, monkeypatch):
    monkeypatch.setattr(autosave, "INTERVAL_MS", 100)
    win = fresh_window(qtbot, scenario_file)
    win.controller.changed.disconnect(win.autosave.schedule)  # only the clock writes now
    win.controller.step()
    assert not win.autosave.path.exists()
    qtbot.waitUntil(win.autosave.path.exists, timeout=3000)


def test_the_start_clears_what_interrupted_saves_left(qtbot, window, monkeypatch, tmp_path):
    from alliance_sandbox import resources

    monkeypatch.setattr(resources, "saves_dir", lambda: tmp_path)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    litter = tmp_path / f".as-{int(dead.stdout)}-abcdef.tmp"
    litter.write_text("half a file")
    assert not window.autosave.offer_recovery()
    assert not litter.exists()


def test_what_a_lens_keeps_between_turns_is_kept_too(qtbot, window, scenario_file):
    """The landscape lens keeps each state's side in World.lens_state (arrays by name): the
    monkey found the autosave could not write it."""
    c = window.controller
    c.set_lens("landscape")
    c.step(3)
    assert c.history[-1].world.lens_state, "the landscape lens keeps its sides"
    assert window.autosave.save_now(), window.autosave.last_error
    other = fresh_window(qtbot, scenario_file)
    autosave.restore_session(other.controller, json.loads(window.autosave.path.read_text(encoding="utf-8")))
    kept, restored = c.history[-1].world.lens_state, other.controller.history[-1].world.lens_state
    assert kept.keys() == restored.keys()
    assert all(np.array_equal(kept[k], restored[k]) for k in kept)
    assert same_world(c.run.step().world, other.controller.run.step().world)
