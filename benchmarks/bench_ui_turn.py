"""How long the whole window takes to show one more turn after 1,000 turns of history.

Prints figures; not a test. The real MainWindow (map, charts, log, inspector, bars) at
1600x1000, off screen, on bundled scenarios (by default `cold-war-1955`, 32 states, and
`tutorial`, 6), first run to 1,000 turns. Each measured turn is `controller.step()` (the
engine's step, then the controller's signals and every view's update) followed by a forced
paint of the whole window (`window.grab()`: `window.repaint()` leaves out the viewports of
the map and the charts, which Qt paints from their own update requests), then the events
still pending (layouts, the dirty-region paints Qt schedules for changed graphics items).
Reported apart:

- engine: `Simulation.run` inside the step, and apart `World.blocs` (the alliance blocs,
  which the engine works out when a view first asks for them: Louvain communities);
- views' update: the rest of the step, and within it (time spent in each view's own slots,
  nested calls counted once) the map (`MapView.set_world`), the charts, the log, the
  inspector and the window's bars;
- paint: the forced paint of the window, and within it the map's and the charts' own
  paint events;
- map + charts: their updates plus their paints: the figure with the 16 ms target (one
  60 Hz frame) on the project's 2-core machine.

A second pass (B) steps and lets the event loop lay out and paint what changed, as the
running app does; its map + charts figure is the one the app lives with. (In pass A the
grab comes before Qt has processed the scenes' changes, so the pending events after it
paint the changed parts a second time, on screen: A is an upper bound, not a frame.)

    .venv/bin/python benchmarks/bench_ui_turn.py [--turns 1000] [--samples 50]
        [--presentation] [--select ID] [SCENARIO ...]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pyqtgraph as pg
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from alliance_sandbox import resources
from alliance_sandbox.engine.simulation import Simulation
from alliance_sandbox.engine.world import World
from alliance_sandbox.scenario import load_scenario
from alliance_sandbox.ui.charts import ChartsDock
from alliance_sandbox.ui.inspector import InspectorDock
from alliance_sandbox.ui.log_dock import LogDock
from alliance_sandbox.ui.main_window import MainWindow
from alliance_sandbox.ui.map_view import MapView
from alliance_sandbox.ui.style import AppLook, install_base_style

TARGET_MS = 16.0

#: Time spent in each part during the current turn (seconds, exclusive of nested parts).
spent: dict[str, float] = defaultdict(float)
_stack: list[float] = []


def clock(cls, name: str, part: str) -> None:
    """Wrap cls.name so that its time (less that of wrapped calls inside it) goes to `part`.
    Done before the window is built, so the signal connections pick the wrapper up."""
    original = getattr(cls, name)

    def wrapper(*args, **kwargs):
        t0 = time.perf_counter()
        _stack.append(0.0)
        try:
            return original(*args, **kwargs)
        finally:
            elapsed = time.perf_counter() - t0
            spent[part] += elapsed - _stack.pop()
            if _stack:
                _stack[-1] += elapsed

    wrapper.__name__ = original.__name__
    setattr(cls, name, wrapper)


for cls, name, part in (
    (Simulation, "run", "engine"),
    (World, "blocs", "blocs"),
    (MapView, "paintEvent", "map paint"),
    (pg.GraphicsLayoutWidget, "paintEvent", "charts paint"),
    (MapView, "set_world", "map"),
    (ChartsDock, "_history_changed", "charts"),
    (ChartsDock, "_changed", "charts"),
    (LogDock, "_sync", "log"),
    (LogDock, "_changed", "log"),
    (InspectorDock, "refresh", "inspector"),
    (MainWindow, "_on_changed", "window"),
    (MainWindow, "_show_turn", "window"),
):
    clock(cls, name, part)


def stats(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered), p95


def measure(app, window: MainWindow, samples: int, forced: bool) -> dict[str, list[float]]:
    """`samples` turns, each: the step, then (forced) `window.grab()`, then the pending
    events; or (not forced) the step and the event loop alone, as the running app does."""
    controller = window.controller
    rows: dict[str, list[float]] = defaultdict(list)
    for _ in range(samples):
        app.processEvents()  # nothing left over from the turn before
        spent.clear()
        t0 = time.perf_counter()
        controller.step()
        t1 = time.perf_counter()
        if forced:
            window.grab()  # every widget painted now (window.repaint() leaves the views' viewports out)
        t2 = time.perf_counter()
        painted = {part: spent[part] for part in ("map paint", "charts paint")}
        app.processEvents()
        t3 = time.perf_counter()
        engine = spent["engine"] + spent["blocs"]
        rows["engine"].append(1000 * spent["engine"])
        rows["blocs"].append(1000 * spent["blocs"])
        rows["views"].append(1000 * (t1 - t0 - engine))
        for part in ("map", "charts", "log", "inspector", "window"):
            rows[part].append(1000 * spent[part])
        rows["paint"].append(1000 * (t2 - t1))
        rows["events"].append(1000 * (t3 - t2))
        rows["step to painted"].append(1000 * (t2 - t0 - engine))
        rows["frame"].append(1000 * (t3 - t0 - engine))
        rows["frame, all in"].append(1000 * (t3 - t0))
        for part in ("map paint", "charts paint"):
            # forced: the part painted by window.grab(); else: by the event loop
            rows[part].append(1000 * (painted[part] if forced else spent[part]))
        rows["map + charts"].append(sum(rows[k][-1] for k in ("map", "charts", "map paint", "charts paint")))
    return rows


def bench(app, path: Path, args) -> None:
    scenario = load_scenario(str(path))
    window = MainWindow(scenario, persist=False, look=AppLook(app))
    window.resize(1600, 1000)
    window.show()
    if args.presentation:
        window.set_presentation(True, fullscreen=False)
        window.resize(1600, 1000)
    for _ in range(5):
        app.processEvents()
    controller = window.controller
    t0 = time.perf_counter()
    controller._sim.run(args.turns)  # the engine alone, the views not told (a benchmark may reach in)
    engine_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    controller._moved_in_time()  # what Controller.step emits: the views catch up at once
    app.processEvents()
    catch_up_s = time.perf_counter() - t0
    world = controller.history[-1].world
    selected = args.select or world.ids[int(world.share.argmax())]
    if selected != "-":
        controller.select(selected)
    for _ in range(5):
        app.processEvents()
    measure(app, window, 5, True)  # warm-up: caches, fonts, first layouts

    forced = measure(app, window, args.samples, True)
    loop = measure(app, window, args.samples, False)

    print(f"\n{path.stem}: {world.n} states, {args.turns} turns run first ({1000 * engine_s / args.turns:.1f} ms a "
          f"turn; the window caught up in {1000 * catch_up_s:.0f} ms), 1600x1000 {os.environ['QT_QPA_PLATFORM']}"
          f"{', presentation' if args.presentation else ''}, selected: {selected if selected != '-' else 'none'}")
    print(f"{'one more turn, ms (' + str(args.samples) + ' turns each pass)':54s} {'median':>7s} {'p95':>7s}")
    table = [
        ("A. controller.step(), then window.grab(): everything painted at once", None),
        ("engine step (Simulation.run)", forced["engine"]),
        ("engine's blocs, found when first asked (World.blocs)", forced["blocs"]),
        ("views' update (the rest of controller.step)", forced["views"]),
        ("  map: set_world (discs, ties, colours, labels)", forced["map"]),
        ("  charts: cache, curves, ranges", forced["charts"]),
        ("  log: new entries", forced["log"]),
        ("  inspector", forced["inspector"]),
        ("  window: turn bar, lens bar, status", forced["window"]),
        ("paint: window.grab()", forced["paint"]),
        ("  of which the map", forced["map paint"]),
        ("  of which the charts", forced["charts paint"]),
        ("step to painted, engine left out (views + paint)", forced["step to painted"]),
        ("then pending events (deferred paints, layouts)", forced["events"]),
        ("MAP + CHARTS: their updates and full paints", forced["map + charts"]),
        ("B. controller.step(), then the event loop (the app)", None),
        ("views' update", loop["views"]),
        ("event loop: layouts and paints of what changed", loop["events"]),
        ("  of which the map", loop["map paint"]),
        ("  of which the charts", loop["charts paint"]),
        ("frame, engine left out", loop["frame"]),
        ("frame, everything in (engine and blocs too)", loop["frame, all in"]),
        ("MAP + CHARTS: their updates and paints", loop["map + charts"]),
    ]
    for label, values in table:
        if values is None:
            print(label)
            continue
        median, p95 = stats(values)
        print(f"  {label:52s} {median:7.2f} {p95:7.2f}")
    for name, rows in (("A", forced), ("B", loop)):
        median, p95 = stats(rows["map + charts"])
        verdict = ("within" if p95 <= TARGET_MS else "within at the median, over at p95" if median <= TARGET_MS
                   else "OVER")
        print(f"{name}. map + charts: {verdict} the {TARGET_MS:.0f} ms target (median {median:.2f}, p95 {p95:.2f})")
    window.controller.undo_stack.setClean()
    if args.presentation:
        window.set_presentation(False)
    window.close()
    window.deleteLater()
    app.processEvents()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenarios", nargs="*", default=["cold-war-1955", "tutorial"],
                        help="bundled scenario names or paths to scenario files")
    parser.add_argument("--turns", type=int, default=1000)
    parser.add_argument("--samples", type=int, default=50)
    parser.add_argument("--presentation", action="store_true")
    parser.add_argument("--select", default="", help="state id to select ('-': none; default: the largest)")
    args = parser.parse_args()

    # never read or write the user's settings (recent files, layout)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_base_style(app)
    for name in args.scenarios:
        path = Path(name)
        if not path.exists():
            path = resources.scenario_dir() / f"{name}.json"
        bench(app, path, args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
