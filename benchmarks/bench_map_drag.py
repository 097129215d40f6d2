"""How fast the map view drags a state and redraws a turn, on a big random world.

Prints figures; not a test. Offscreen, a 1200x800 view, 200 states and 2,000 ties.

- drag frame: one real mouse-move event on the viewport (the state follows the pointer and its
  ties are rebuilt) plus a forced repaint of the viewport, timed together;
- set_world: one turn's redraw (new capabilities, positions, ties and blocs, same ids) and a
  forced repaint. `world.blocs()` (the engine's Louvain communities, which set_world asks
  for) is timed apart, first: the engine caches it, so set_world then finds it ready.

Targets: drag frame <= 16 ms and set_world <= 16 ms on the project's 2-core machine.

    .venv/bin/python benchmarks/bench_map_drag.py [--states 200] [--ties 2000] [--mode smart]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QGraphicsView

from alliance_sandbox.engine.demo import random_world
from alliance_sandbox.engine.world import World
from alliance_sandbox.ui.map_view import MapView

MODES = {
    "smart": QGraphicsView.ViewportUpdateMode.SmartViewportUpdate,
    "full": QGraphicsView.ViewportUpdateMode.FullViewportUpdate,
    "minimal": QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate,
    "bounding": QGraphicsView.ViewportUpdateMode.BoundingRectViewportUpdate,
}


def summary(times_ms: list[float]) -> str:
    times = sorted(times_ms)
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    median = statistics.median(times)
    return f"median {median:6.2f} ms   p95 {p95:6.2f} ms   max {times[-1]:6.2f} ms"


def bench_drag(app, view: MapView, state_id: str, steps: int):
    """Frame times of a drag (ms), and the one-off costs of its press and its release."""
    vp = view.viewport()
    item = view.state_item(state_id)
    start = view.mapFromScene(item.scenePos())
    t0 = time.perf_counter()
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    vp.repaint()
    press_ms = (time.perf_counter() - t0) * 1000
    app.processEvents()
    times = []
    for k in range(1, steps + 1):
        # A loop of about 300 px across the map and back.
        pos = start + QPoint(int(150 * np.sin(k / steps * 2 * np.pi)), int(2 * k % 120) - 60)
        t0 = time.perf_counter()
        QTest.mouseMove(vp, pos)
        vp.repaint()
        times.append((time.perf_counter() - t0) * 1000)
    t0 = time.perf_counter()
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
    vp.repaint()
    release_ms = (time.perf_counter() - t0) * 1000
    app.processEvents()
    return times, press_ms, release_ms


def bench_set_world(app, view: MapView, world: World, turns: int, move: bool):
    """Times (ms) of set_world alone, of set_world plus the repaint it causes, and of the
    engine's world.blocs() before it.

    Each turn changes every capability by up to 10 % and adds an alliance; with `move`, every
    state also moves by up to half a degree (a turn normally moves none: only edits do).
    """
    rng = np.random.default_rng(1)
    redraw, with_paint, blocs = [], [], []
    for _ in range(turns):
        w = world.copy()
        w.capability *= rng.uniform(0.9, 1.1, w.n)
        if move:
            w.lon += rng.uniform(-0.5, 0.5, w.n)
        i, j = rng.integers(0, w.n, 2)
        if i != j:
            w.set_tie(int(i), int(j), "alliance", 0.8)
        t0 = time.perf_counter()
        w.blocs()
        blocs.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        view.set_world(w)
        t1 = time.perf_counter()
        view.viewport().repaint()
        t2 = time.perf_counter()
        redraw.append((t1 - t0) * 1000)
        with_paint.append((t2 - t0) * 1000)
    return redraw, with_paint, blocs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--states", type=int, default=200)
    parser.add_argument("--ties", type=int, default=2000)
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--mode", choices=sorted(MODES), default=None,
                        help="viewport update mode (default: the view's own)")
    parser.add_argument("--presentation", action="store_true")
    args = parser.parse_args()

    app = QApplication.instance() or QApplication([])
    view = MapView()
    if args.mode:
        view.setViewportUpdateMode(MODES[args.mode])
    view.resize(1200, 800)
    world = random_world(args.states, args.ties)
    view.set_world(world)
    view.set_presentation(args.presentation)
    view.show()
    QTest.qWaitForWindowExposed(view)
    view.fit_all()
    app.processEvents()

    full_times = []
    for _ in range(21):  # the median of several: one repaint is at the mercy of the other cores
        t0 = time.perf_counter()
        view.viewport().repaint()
        full_times.append((time.perf_counter() - t0) * 1000)
    full = statistics.median(full_times)

    # Drag the state with most ties (worst case) and a typical one.
    degree = (world.tie_kind != 0).sum(axis=1)
    busiest = world.ids[int(np.argmax(degree))]
    typical = world.ids[int(np.argsort(degree)[len(degree) // 2])]
    bench_drag(app, view, typical, 10)  # warm-up
    drag_busy, press_busy, release_busy = bench_drag(app, view, busiest, args.steps)
    drag_typ, press_typ, release_typ = bench_drag(app, view, typical, args.steps)
    redraw, with_paint, blocs = bench_set_world(app, view, world, 30, move=False)
    redraw_mv, with_paint_mv, _ = bench_set_world(app, view, world, 30, move=True)

    mode = view.viewportUpdateMode().name
    print(f"map view benchmark: {args.states} states, {args.ties} ties, 1200x800, {mode}"
          f"{', presentation' if args.presentation else ''}")
    print(f"  full repaint (median)     {full:6.2f} ms")
    print(f"  drag frame (deg {int(degree.max()):3d})    {summary(drag_busy)}")
    print(f"  drag frame (deg {int(np.median(degree)):3d})    {summary(drag_typ)}")
    print(f"  press on a state (once)   {press_busy:6.2f} ms, {press_typ:6.2f} ms"
          "   (paints the still map's picture)")
    print(f"  release (once)            {release_busy:6.2f} ms, {release_typ:6.2f} ms"
          "   (back to live items: one full paint)")
    print(f"  world.blocs() (engine)    {summary(blocs)}")
    print(f"  set_world (map part)      {summary(redraw)}")
    print(f"  set_world + repaint       {summary(with_paint)}")
    print(f"  set_world, all moved      {summary(redraw_mv)}")
    print(f"  ... + repaint             {summary(with_paint_mv)}")
    view.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
