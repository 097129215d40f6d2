"""How long scoring takes: one scenario x every lens x 3 seeds (what the app's Scorecard does),
and x 5 seeds (the `score` command's default), for every bundled scenario with a history.

Prints figures; not a test. Median of --repeat runs, in-process (no start-up time).

    .venv/bin/python benchmarks/bench_score.py [--repeat 3]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from alliance_sandbox.lenses import LENS_IDS
from alliance_sandbox.scenario import load_scenario
from alliance_sandbox.score import score_scenario


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'scenario':<24} {'states':>6} {'turns':>5}  {'8 lenses x 3 seeds':>18}  {'8 lenses x 5 seeds':>18}")
    for path in sorted((ROOT / "assets" / "scenarios").glob("*.json")):
        scenario = load_scenario(path)
        if not scenario.history:
            continue
        turns = max(e.year for e in scenario.history) - scenario.start_year
        figures = []
        for seeds in (range(3), range(5)):
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                score_scenario(scenario, LENS_IDS, seeds)
                times.append(time.perf_counter() - start)
            figures.append(statistics.median(times))
        print(f"{path.stem:<24} {len(scenario.states):>6} {turns:>5}  {figures[0]:>16.2f} s  {figures[1]:>16.2f} s")


if __name__ == "__main__":
    main()
