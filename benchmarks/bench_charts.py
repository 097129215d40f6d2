"""How long the charts and log docks take to follow one more turn, after 1,000 turns.

Prints figures; not a test. Offscreen, both docks in a 1400x900 main window, a 20-state
random scenario run to 1,000 turns first. Each measured turn: the engine steps (not timed),
then the controller's signals are emitted the way `Controller.step` emits them, each dock
updates itself, pending events are processed and both docks are repainted synchronously
(`repaint()` of their viewports): that whole span is timed, per dock and together.

Target: charts + log <= 16 ms together with the map view (the map measures its own part in
`bench_map_drag.py`), on the project's 2-core machine.

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

import numpy as np  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow  # noqa: E402

from alliance_sandbox.scenario import loads_scenario  # noqa: E402
from alliance_sandbox.ui.charts import ChartsDock  # noqa: E402
from alliance_sandbox.ui.controller import Controller  # noqa: E402
from alliance_sandbox.ui.log_dock import LogDock  # noqa: E402


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
    controller.view_turn = len(controller.sim.history) - 1
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
    controller.sim.run(args.turns)
    engine_s = time.perf_counter() - t0
    events = sum(len(r.events) for r in controller.sim.history)

    window = QMainWindow()
    window.setCentralWidget(QLabel("map"))
    t0 = time.perf_counter()
    charts, log = ChartsDock(controller), LogDock(controller)  # each reads the whole history
    catch_up_ms = 1000 * (time.perf_counter() - t0)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, charts)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, log)
    window.resize(1400, 900)
    emit_turn(controller)
    controller.select(controller.sim.world.ids[0])
    charts.set_presentation(args.presentation)
    log.set_presentation(args.presentation)
    window.show()
    for _ in range(5):
        app.processEvents()

    # time each dock's own slot work separately, then the whole turn with both repaints
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

    total, paint_charts, paint_log, rest, steps = [], [], [], [], []
    for _ in range(args.samples):
        app.processEvents()
        t = time.perf_counter()
        controller.sim.step()
        steps.append(1000 * (time.perf_counter() - t))
        before = {k: len(v) for k, v in per_dock.items()}
        t0 = time.perf_counter()
        emit_turn(controller)
        t1 = time.perf_counter()
        charts.view.viewport().repaint()
        t2 = time.perf_counter()
        log.text.viewport().repaint()
        t3 = time.perf_counter()
        app.processEvents()  # what is left: layouts, labels, scroll bars, the window's flush
        t4 = time.perf_counter()
        total.append(1000 * (t4 - t0))
        paint_charts.append(1000 * (t2 - t1))
        paint_log.append(1000 * (t3 - t2))
        rest.append(1000 * (t4 - t3))
        for k in per_dock:  # one figure per turn: both slots of the dock together
            per_dock[k][before[k]:] = [sum(per_dock[k][before[k]:])]

    print(f"{args.states} states, {len(controller.sim.history) - 1} turns, {events} events in the first "
          f"{args.turns}; engine {1000 * engine_s / args.turns:.1f} ms/turn; creating both docks "
          f"on {args.turns} turns: {catch_up_ms:.0f} ms; presentation={args.presentation}")
    print(f"{'per turn (ms)':38s} {'median':>8s} {'p95':>8s} {'max':>8s}")
    rows = [
        ("charts: update (cache + setData)", per_dock["charts"]),
        ("charts: repaint", paint_charts),
        ("log: update (append blocks)", per_dock["log"]),
        ("log: repaint", paint_log),
        ("other pending events (both docks)", rest),
        ("both docks: update + events + repaint", total),
        ("(engine step, not counted)", steps),
    ]
    for label, values in rows:
        med, p95, worst = summary(values)
        print(f"{label:38s} {med:8.2f} {p95:8.2f} {worst:8.2f}")
    med = summary(total)[0]
    print(f"target: both docks with the map <= 16 ms; docks alone median {med:.2f} ms "
          f"({'leaves' if med < 16 else 'exceeds'} {16 - med:.1f} ms for the map)")


if __name__ == "__main__":
    main()
