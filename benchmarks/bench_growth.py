"""How a turn's time grows with the number of states, for every lens (issue 12: O(N^2) or better).

A random world of N states and 10 x N ties (30 at 20 states, as bench_engine.py), warmed up
for a few turns; the median of a few timed turns, in CPU time (the process's own, so other
work on shared cores does not count). Prints a table and, for each lens, the exponent of
the growth between the largest two sizes (2: quadratic). Prints figures; not a test.

    .venv/bin/python benchmarks/bench_growth.py [--sizes 20,50,200,500,1000,2000] [--lens ID,...]
    .venv/bin/python benchmarks/bench_growth.py --before /tmp/main-code   # old code, interleaved

`--before DIR` times each (size, lens) alternately in a subprocess with DIR's code first on the
path and with this checkout's, `--rounds` times each (medians), so both see the same load.
"""
from __future__ import annotations

import argparse
import math
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

SIZES = (20, 50, 200, 500, 1000, 2000)


def ties_for(n_states: int) -> int:
    return 30 if n_states <= 20 else 10 * n_states


def turns_for(n_states: int) -> tuple[int, int]:
    """(warm-up, timed) turns: fewer where a turn takes long."""
    return (20, 100) if n_states <= 50 else (10, 20) if n_states <= 200 else (3, 5) if n_states <= 500 else (2, 3)


def time_one(n_states: int, lens_id: str) -> float:
    """Median ms of one turn."""
    from alliance_sandbox.engine.demo import random_world
    from alliance_sandbox.engine.simulation import Simulation
    from alliance_sandbox.lenses import get_lens

    warm, timed = turns_for(n_states)
    sim = Simulation(random_world(n_states, ties_for(n_states), seed=1), get_lens(lens_id), seed=1)
    sim.run(warm)
    return median_cpu_ms(sim.step, timed)


def median_cpu_ms(step, times: int) -> float:
    """The median CPU time of `times` calls of step(), in ms (the process's own time)."""
    spent = []
    for _ in range(times):
        start = time.process_time()
        step()
        spent.append(time.process_time() - start)
    return statistics.median(spent) * 1000


def in_subprocess(code: Path | None, n_states: int, lens_id: str) -> float:
    env = dict(os.environ)
    if code is not None:
        env["PYTHONPATH"] = str(code)
    out = subprocess.run([sys.executable, __file__, "--one", str(n_states), lens_id], env=env, check=True,
                         capture_output=True, text=True).stdout
    return float(out.strip().splitlines()[-1])


def exponent(times: dict[int, float], sizes: list[int]) -> str:
    (a, b) = sizes[-2:] if len(sizes) >= 2 else (None, None)
    if a is None or times.get(a, 0) <= 0 or times.get(b, 0) <= 0:
        return ""
    return f"{math.log(times[b] / times[a]) / math.log(b / a):.1f}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--lens", default="")
    parser.add_argument("--before", type=Path, help="a checkout of the old code, timed alternately with this one")
    parser.add_argument("--rounds", type=int, default=1, help="with --before: alternations per cell")
    parser.add_argument("--one", nargs=2, metavar=("N", "LENS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(f"{time_one(int(args.one[0]), args.one[1]):.4f}")
        return
    from alliance_sandbox.lenses import LENS_IDS

    sizes = [int(s) for s in args.sizes.split(",")]
    lenses = args.lens.split(",") if args.lens else list(LENS_IDS)
    print(f"load average {os.getloadavg()[0]:.1f}; CPU ms per turn, median; N states, 10 x N ties")
    print(f"{'lens':<18}" + "".join(f"{n:>20}" for n in sizes) + "  exponent")
    for lens_id in lenses:
        now: dict[int, float] = {}
        old: dict[int, float] = {}
        cells = []
        for n in sizes:
            if args.before is not None:
                pairs = [(in_subprocess(args.before, n, lens_id), in_subprocess(None, n, lens_id))
                         for _ in range(args.rounds)]
                old[n] = statistics.median(p[0] for p in pairs)
                now[n] = statistics.median(p[1] for p in pairs)
                cells.append(f"{old[n]:.2f} -> {now[n]:.2f}")
            else:
                now[n] = time_one(n, lens_id)
                cells.append(f"{now[n]:.2f}")
            print(f"  ({lens_id} at {n}: {cells[-1]})", file=sys.stderr, flush=True)
        growth = exponent(now, sizes) if args.before is None else f"{exponent(old, sizes)} -> {exponent(now, sizes)}"
        print(f"{lens_id:<18}" + "".join(f"{c:>20}" for c in cells) + f"  {growth}", flush=True)


if __name__ == "__main__":
    main()
