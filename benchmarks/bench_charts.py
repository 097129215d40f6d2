"""How long the charts and log docks take to follow one more turn, after 1,000 turns.

Prints figures; not a test. Offscreen, both docks in a 1400x900 main window (the map is a
placeholder label), a 20-state random scenario run to 1,000 turns first, a state selected.
Per measured turn the engine steps (not timed), then the controller's signals are emitted
as `Controller.step` emits them and each dock updates itself. Two ways, 50 turns each:

A. update, then a forced full repaint of both docks (`viewport().repaint()`), then the
   pending events (layouts, labels, and the dirty-region paint QGraphicsView schedules for
   changed items): an upper bound;
B. update, then the event loop as the app runs it (only dirty regions are painted).

Target: the docks plus the map <= 16 ms per turn on the project's 2-core machine (the map
measures its own part: `bench_map_drag.py`, "set_world + repaint").

    .venv/bin/python benchmarks/bench_charts.py [--states 20] [--turns 1000] [--samples 50]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from alliance_sandbox.scenario import loads_scenario
from alliance_sandbox.ui.charts import ChartsDock
from alliance_sandbox.ui.controller import Controller
from alliance_sandbox.ui.log_dock import LogDock


def random_scenario(n: int, seed: int = 1) -> dict:
    rng = np.random.default_rng(seed)
    states = []
    for k in range(n):
        states.append({
            "id": f"S{k:02d}", "name": f"State {k}",
            "capability": float(np.round(rng.lognormal(0, 0.8), 3)),
            "lon": float(np.round(rng.uniform(-10, 40), 2)), "lat": float(np.round(rng.uniform(36, 62), 2)),
            "offense": float(np.round(rng.uniform(0.2, 0.9), 2)),
            "aggression": float(np.round(rng.uniform(0.1, 0.9), 2)),
            "satisfaction": float(np.round(rng.uniform(-0.8, 0.8), 2)),
        })
    ties = []
    for _ in range(n // 2):
        a, b = rng.choice(n, 2, replace=False)
        pair = {states[a]["id"], states[b]["id"]}
        if all({t["a"], t["b"]} != pair for t in ties):
            ties.append({"a": states[a]["id"], "b": states[b]["id"], "kind": "alliance", "commitment": 0.6})
    return {"schema_version": 1, "name": "bench", "start_year": 1900, "seed": seed, "states": states, "ties": ties}


def summary(times_ms: list[float]) -> tuple[float, float, float]:
    times = sorted(times_ms)
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return statistics.median(times), p95, times[-1]


def emit_turn(controller: Controller) -> None:
    """What `Controller.step` emits after the engine's step."""
    controller.view_turn = len(controller.history) - 1
    controller.undo_stack.clear()
    controller.historyChanged.emit()
    controller.changed.emit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--states", type=int, default=20)
    parser.add_argument("--turns", type=int, default=1000)
    parser.add_argument("--samples", type=int, default=50)
    parser.add_argument("--presentation", action="store_true")
    args = parser.parse_args()

    app = QApplication.instance() or QApplication([])
    controller = Controller(loads_scenario(json.dumps(random_scenario(args.states))))
    t0 = time.perf_counter()
    controller._sim.run(args.turns)  # the engine alone, the views not told (a benchmark may reach in)
    engine_s = time.perf_counter() - t0
    events = sum(len(r.events) for r in controller.history)

    window = QMainWindow()
    window.setCentralWidget(QLabel("map"))
    t0 = time.perf_counter()
    charts, log = ChartsDock(controller), LogDock(controller)  # each reads the whole history
    catch_up_ms = 1000 * (time.perf_counter() - t0)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, charts)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, log)
    window.resize(1400, 900)
    emit_turn(controller)
    controller.select(controller.history[-1].world.ids[0])
    charts.set_presentation(args.presentation)
    log.set_presentation(args.presentation)
    window.show()
    for _ in range(5):
        app.processEvents()

    # time each dock's own slot work separately, then the whole turn
    per_dock = {"charts": [], "log": []}

    def timed(name, slot):
        def wrapper(*a):
            t = time.perf_counter()
            slot(*a)
            per_dock[name].append(1000 * (time.perf_counter() - t))
        return wrapper

    for signal in (controller.historyChanged, controller.changed):
        signal.disconnect(charts._history_changed if signal is controller.historyChanged else charts._changed)
        signal.disconnect(log._sync if signal is controller.historyChanged else log._changed)
    controller.historyChanged.connect(timed("charts", charts._history_changed))
    controller.changed.connect(timed("charts", charts._changed))
    controller.historyChanged.connect(timed("log", log._sync))
    controller.changed.connect(timed("log", log._changed))

    def one_turn(forced: bool) -> dict[str, float]:
        app.processEvents()
        controller._sim.step()  # the engine: not timed (a benchmark may reach in)
        before = {k: len(v) for k, v in per_dock.items()}
        t0 = time.perf_counter()
        emit_turn(controller)
        t1 = t2 = t3 = time.perf_counter()
        if forced:
            charts.view.viewport().repaint()
            t2 = time.perf_counter()
            log.text.viewport().repaint()
            t3 = time.perf_counter()
        app.processEvents()  # what the event loop does next: layouts, labels, the dirty regions' paint
        t4 = time.perf_counter()
        for k in per_dock:  # one figure per turn: both slots of the dock together
            per_dock[k][before[k]:] = [sum(per_dock[k][before[k]:])]
        return {"update": 1000 * (t1 - t0), "charts paint": 1000 * (t2 - t1), "log paint": 1000 * (t3 - t2),
                "events": 1000 * (t4 - t3), "total": 1000 * (t4 - t0)}

    def collect(forced: bool) -> dict[str, list[float]]:
        runs = [one_turn(forced) for _ in range(args.samples)]
        return {key: [run[key] for run in runs] for key in runs[0]}

    forced = collect(True)
    charts_update, log_update = list(per_dock["charts"]), list(per_dock["log"])
    frame = collect(False)

    print(f"{args.states} states, {len(controller.history) - 1} turns after the run, {events} events in the "
          f"first {args.turns}; engine {1000 * engine_s / args.turns:.1f} ms/turn (not counted); creating both "
          f"docks on {args.turns} turns: {catch_up_ms:.0f} ms; presentation={args.presentation}")
    print(f"{'one more turn, ms (' + str(args.samples) + ' turns each)':46s} {'median':>8s} {'p95':>8s} {'max':>8s}")
    rows = [
        ("charts: update (cache + tails)", charts_update),
        ("log: update (append blocks)", log_update),
        ("charts: forced full repaint", forced["charts paint"]),
        ("log: forced full repaint", forced["log paint"]),
        ("then pending events (layouts, dirty paint)", forced["events"]),
        ("A. update + forced repaints + events", forced["total"]),
        ("B. update + event loop (the app's frame)", frame["total"]),
    ]
    for label, values in rows:
        med, p95, worst = summary(values)
        print(f"{label:46s} {med:8.2f} {p95:8.2f} {worst:8.2f}")
    med = summary(forced["total"])[0]
    print(f"target: docks + map <= 16 ms; the docks take {med:.2f} ms (A, median), "
          f"{'leaving' if med < 16 else 'exceeding by'} {abs(16 - med):.1f} ms {'for the map' if med < 16 else ''}")


if __name__ == "__main__":
    main()
