"""Compare and export, timed: what a teacher waits for (python benchmarks/bench_classroom.py).

Prints, for cold-war-1955 (the biggest bundled world): the `compare` run of 2 and 4 lenses
over 20 turns, a Compare-view step with 2 and 4 maps, each export at 1280x720, and a branch.
"""
from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
SCENARIO = ROOT / "assets" / "scenarios" / "cold-war-1955.json"


def timed(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    import tempfile

    from PySide6.QtWidgets import QApplication

    from alliance_sandbox.compare import compare
    from alliance_sandbox.scenario import load_scenario

    scenario = load_scenario(SCENARIO)
    print(f"{scenario.name}: {len(scenario.states)} states")
    for lenses in (["threat", "institutions"], ["threat", "institutions", "power", "identity"]):
        ms = timed(lambda lenses=lenses: compare(scenario, lenses, 20), repeat=1)
        print(f"compare, {len(lenses)} lenses x 20 turns: {ms:.0f} ms")

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from alliance_sandbox.ui import exports
    from alliance_sandbox.ui.compare_view import CompareWindow
    from alliance_sandbox.ui.controller import Controller

    for lenses in (["threat", "institutions"], ["threat", "institutions", "power", "identity"]):
        window = CompareWindow(scenario, lenses, turns=5)
        window.resize(1600, 1000)
        window.show()
        app.processEvents()
        steps = []
        for _ in range(10):
            start = time.perf_counter()
            window.step()
            app.processEvents()
            steps.append((time.perf_counter() - start) * 1000)
        print(f"Compare view, {len(lenses)} maps, one step (engine + redraw), median of 10: "
              f"{statistics.median(steps):.0f} ms")
        window.close()
        window.deleteLater()
        app.processEvents()

    controller = Controller(scenario)
    controller.step(10)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        for suffix in exports.MAP_SUFFIXES:
            ms = timed(lambda s=suffix: exports.write_map(out / f"m{s}", scenario.name, controller.record))
            print(f"map {suffix}: {ms:.0f} ms, {(out / f'm{suffix}').stat().st_size / 1024:.0f} KB")
        for suffix in exports.CHART_SUFFIXES:
            ms = timed(lambda s=suffix: exports.write_charts(out / f"c{s}", controller))
            print(f"charts {suffix}: {ms:.0f} ms, {(out / f'c{suffix}').stat().st_size / 1024:.0f} KB")
        ms = timed(lambda: exports.write_series(out / "s.csv", controller.history))
        print(f"series .csv: {ms:.1f} ms")
        ms = timed(lambda: exports.write_handout(out / "h.pdf", controller))
        print(f"handout .pdf: {ms:.0f} ms, {(out / 'h.pdf').stat().st_size / 1024:.0f} KB")
    controller.deleteLater()
    app.processEvents()

    from alliance_sandbox.branches import fork
    from alliance_sandbox.engine.simulation import Simulation
    from alliance_sandbox.lenses import get_lens
    from alliance_sandbox.scenario import build_world

    for turns in (50, 200):
        sim = Simulation(build_world(scenario), get_lens("threat"), seed=0, shocks=scenario.shocks)
        sim.run(turns)
        ms = timed(lambda sim=sim, turns=turns: fork(sim, turns // 2))
        print(f"Branch here at turn {turns // 2} of {turns}: {ms:.0f} ms")


if __name__ == "__main__":
    main()
