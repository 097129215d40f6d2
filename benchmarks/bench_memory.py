"""History memory: what one turn adds to a run's history, at 20 and 200 states, every lens.

Targets (issue 10): at most 5 kB a turn at 20 states and 200 kB at 200 states, for the
snapshot. Three figures a turn: "arrays", the bytes of the turn's compact snapshot (world
arrays, lens state, risks, arming: engine/snapshots.py); "record", everything the history
holds more after the turn but its events (tracemalloc: the snapshot, the generator's
state, Python's overhead), what the target is checked against; "+events", the same with
the turn's events and their explanations, which are the log, not the snapshot. Prints
figures; not a test.
Run: .venv/bin/python benchmarks/bench_memory.py [--turns N] [--lens ID ...]
"""
from __future__ import annotations

import argparse
import gc
import random
import statistics
import time
import tracemalloc

from alliance_sandbox.engine.demo import random_world
from alliance_sandbox.engine.simulation import Simulation
from alliance_sandbox.lenses import LENS_IDS, get_lens

WORLDS = ((20, 30, 5_000), (200, 2000, 200_000))  # states, ties, target bytes a turn
WARM_UP = 20  # a random world is far from any equilibrium at first


def per_turn(n_states: int, n_ties: int, lens_id: str, turns: int, events: bool) -> tuple[float, float]:
    """(array bytes, traced bytes) a turn, over `turns` turns after the warm-up; without
    the turns' events unless `events`."""
    sim = Simulation(random_world(n_states, n_ties, seed=1), get_lens(lens_id), seed=1)
    sim.run(WARM_UP)

    def play(count: int) -> None:
        for _ in range(count):
            record = sim.step()
            if not events:
                record.events = []

    tracemalloc.start()
    play(1)  # what is there once, whatever the length (the newest turn kept whole), counted at both ends
    gc.collect()
    before = tracemalloc.get_traced_memory()[0]
    play(turns)
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    arrays = sum(record.nbytes() for record in sim.history[WARM_UP + 2:]) / turns
    return arrays, (after - before) / turns


def read_times(n_states: int, n_ties: int, turns: int) -> tuple[float, float, float]:
    """(median ms, slowest ms) to read a random turn's world and risks back, and the median ms
    to read every turn in order (what the charts and bloc tracking do), threat lens."""
    sim = Simulation(random_world(n_states, n_ties, seed=1), get_lens("threat"), seed=1)
    sim.run(turns)
    times = []
    for t in random.Random(0).sample(range(len(sim.history)), min(60, len(sim.history))):
        started = time.perf_counter()
        record = sim.history[t]
        _ = record.world, record.risks
        times.append(time.perf_counter() - started)
    started = time.perf_counter()
    for record in sim.history:
        _ = record.world, record.risks
    in_order = (time.perf_counter() - started) / len(sim.history)
    return statistics.median(times) * 1000, max(times) * 1000, in_order * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, nargs=2, default=(200, 40), metavar=("T20", "T200"),
                        help="turns measured at 20 and at 200 states (default 200 40)")
    parser.add_argument("--lens", nargs="*", default=list(LENS_IDS))
    args = parser.parse_args()
    print(f"{'states':>6} {'ties':>6} {'lens':<18} {'turns':>6} {'arrays kB':>10} {'record kB':>10} "
          f"{'+events kB':>11} {'target kB':>10}")
    for (n_states, n_ties, target), turns in zip(WORLDS, args.turns):
        for lens_id in args.lens:
            arrays, record = per_turn(n_states, n_ties, lens_id, turns, events=False)
            _, everything = per_turn(n_states, n_ties, lens_id, turns, events=True)
            flag = "ok" if record <= target else "OVER"
            print(f"{n_states:>6} {n_ties:>6} {lens_id:<18} {turns:>6} {arrays / 1000:>10.1f} {record / 1000:>10.1f} "
                  f"{everything / 1000:>11.1f} {target / 1000:>10.0f}  {flag}", flush=True)
    print(f"\n{'states':>6} {'turns':>6} {'random read ms':>15} {'slowest ms':>11} {'in order ms':>12}")
    for (n_states, n_ties, _), turns in zip(WORLDS, args.turns):
        median, slowest, in_order = read_times(n_states, n_ties, turns)
        print(f"{n_states:>6} {turns:>6} {median:>15.2f} {slowest:>11.2f} {in_order:>12.2f}", flush=True)


if __name__ == "__main__":
    main()
