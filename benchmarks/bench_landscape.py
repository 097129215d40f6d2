"""Time `local_minima` (Axelrod & Bennett landscape) on random instances.

Why: the landscape lens enumerates every split each time the propensities change, so
the exact enumeration has to stay interactive.  Targets (2-core machine): 17 states
(65,536 splits) <= 50 ms, 24 states (8.4 million splits) <= 5 s.

Run:  cd /work/main && .venv/bin/python benchmarks/bench_landscape.py [--reps N]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from alliance_sandbox.engine.landscape import local_minima

#: states -> (target seconds or None, default repetitions)
CASES = {12: (None, 21), 17: (0.050, 11), 24: (5.0, 5)}


def random_instance(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Sizes in 0.1..3 and symmetric propensities in -1..1 (zero diagonal)."""
    rng = np.random.default_rng(seed)
    sizes = rng.uniform(0.1, 3.0, n)
    p = np.triu(rng.uniform(-1.0, 1.0, (n, n)), 1)
    return sizes, p + p.T


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=None, help="repetitions per size")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)

    print(f"{'states':>6} {'splits':>11} {'minima':>6} {'median':>10} {'min':>10} "
          f"{'target':>8}  result")
    ok = True
    for n, (target, default_reps) in CASES.items():
        sizes, p = random_instance(n, args.seed + n)
        local_minima(sizes, p)  # warm-up: first-call allocations, BLAS start-up
        times = []
        for _ in range(args.reps or default_reps):
            start = time.perf_counter()
            minima = local_minima(sizes, p)
            times.append(time.perf_counter() - start)
        median, best = statistics.median(times), min(times)
        if target is None:
            verdict, target_text = "", "-"
        else:
            passed = median <= target
            ok &= passed
            verdict = "ok" if passed else "TOO SLOW"
            target_text = f"{target * 1e3:.0f} ms"
        print(f"{n:>6} {2 ** (n - 1):>11,} {len(minima):>6} {median * 1e3:>7.1f} ms "
              f"{best * 1e3:>7.1f} ms {target_text:>8}  {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
