"""Engine speed: the median time of one turn for 20 and 200 states, under every lens.

Targets: issue 2's floors, 1 ms for 20 states and 20 ms for 200 states; issue 12's goals,
0.25 ms and 3 ms. CPU time of the process (other work on shared cores does not count).
Prints figures; not a test. Run: .venv/bin/python benchmarks/bench_engine.py
"""
from __future__ import annotations

import statistics
import time

from alliance_sandbox.engine.demo import random_world
from alliance_sandbox.engine.simulation import Simulation
from alliance_sandbox.lenses import LENS_IDS, get_lens


def time_turns(n_states: int, n_ties: int, lens_id: str, turns: int) -> list[float]:
    sim = Simulation(random_world(n_states, n_ties, seed=1), get_lens(lens_id), seed=1)
    sim.run(20)  # warm up: a random world is far from any equilibrium at first
    times = []
    for _ in range(turns):
        start = time.process_time()
        sim.step()
        times.append(time.process_time() - start)
    return times


def main() -> None:
    print(f"{'states':>6} {'ties':>6} {'lens':<18} {'median ms':>10} {'p90 ms':>8} {'floor':>7} {'goal':>6}")
    for n_states, n_ties, turns, target, goal in ((20, 30, 200, 1.0, 0.25), (200, 2000, 40, 20.0, 3.0)):
        for lens_id in LENS_IDS:
            times = sorted(time_turns(n_states, n_ties, lens_id, turns))
            median = statistics.median(times) * 1000
            p90 = times[int(0.9 * len(times))] * 1000
            flag = "goal met" if median <= goal else "floor met" if median <= target else "SLOW"
            print(f"{n_states:>6} {n_ties:>6} {lens_id:<18} {median:>10.3f} {p90:>8.3f} {target:>7.0f} {goal:>6.2f}  "
                  f"{flag}")


if __name__ == "__main__":
    main()
