"""What an autosave costs: time to write the session, its size, and the time to restore it.

    python benchmarks/bench_autosave.py [--runs 5]

The autosave runs on the GUI thread a moment after a change (at most once a second), so its
time is a pause the user could feel: target <= 50 ms for the bundled scenarios, and no more
than a frame or two more for a 200-state world.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["ALLIANCE_SANDBOX_DATA_DIR"] = tempfile.mkdtemp()  # never the user's data folder
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from alliance_sandbox import resources
from alliance_sandbox.engine.demo import random_world
from alliance_sandbox.scenario import load_scenario, scenario_from_world
from alliance_sandbox.ui.autosave import restore_session
from alliance_sandbox.ui.main_window import MainWindow


def measure(app, scenario, label: str, turns: int, runs: int) -> None:
    window = MainWindow(scenario)
    window.controller.step(turns)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        window.autosave.save_now()
        times.append(time.perf_counter() - start)
    size = window.autosave.path.stat().st_size
    data = json.loads(window.autosave.path.read_text(encoding="utf-8"))
    start = time.perf_counter()
    restore_session(window.controller, data)
    restore = time.perf_counter() - start
    print(f"{label:<38} {turns:>5} turns  write {statistics.median(times) * 1000:6.1f} ms  "
          f"{size / 1e3:7.1f} kB  restore {restore * 1000:7.1f} ms")
    window.autosave.discard()
    window.controller.undo_stack.setClean()
    window.files.set_baseline(None)
    window.deleteLater()
    app.processEvents()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    app = QApplication.instance() or QApplication(sys.argv[:1])
    for name in ("tutorial", "cold-war-1955"):
        for turns in (10, 200):
            measure(app, load_scenario(resources.scenario_dir() / f"{name}.json"), name, turns, args.runs)
    big = scenario_from_world(random_world(200, 2000, seed=1))
    big.name = "random"
    measure(app, big, "random world, 200 states, 2,000 ties", 10, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
