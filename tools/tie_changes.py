"""What each lens does to a historical case, tie by tie, checked against what happened.

    python tools/tie_changes.py CASE [--seeds N]

For each lens, each seed is run to the case's last history year (turn = year - start_year)
and its ties are compared with the turn-0 ties: which were lost, which are new, in how many
seeds, and whether history agrees (✓: a lost tie that no longer stood then, a new tie that
did; ✗: the opposite). tools/write_scorecards.py puts the table in docs/predictions.md, the
seed-by-seed check the issue asks a reviewer to make of every lens.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from alliance_sandbox.engine.simulation import Simulation
from alliance_sandbox.lenses import LENS_IDS, get_lens
from alliance_sandbox.scenario import build_world, load_scenario

#: The most ties a cell lists (the errors first, then the most frequent); the rest are counted.
SHOWN = 8


def pairs(world) -> set[tuple[str, str]]:
    tied = world.tied()
    return {tuple(sorted((world.ids[i], world.ids[j]))) for i, j in zip(*tied.nonzero()) if i < j}


def cell(counts: Counter, agrees, seeds: int) -> str:
    """ "✗ GRC-TUR 3, ✓ BEL-FRN 5, ... (+4 more)": the majority's changes, errors first."""
    majority = [(p, k) for p, k in counts.items() if 2 * k > seeds]
    majority.sort(key=lambda pk: (agrees(pk[0]), -pk[1], pk[0]))
    shown = [f"{'✓' if agrees(p) else '✗'} {p[0]}-{p[1]} {k}" for p, k in majority[:SHOWN]]
    rest = len(majority) - SHOWN
    minority = sum(1 for k in counts.values() if 2 * k <= seeds)
    tail = []
    if rest > 0:
        tail.append(f"+{rest} more")
    if minority:
        tail.append(f"{minority} in a minority of seeds")
    return (", ".join(shown) or "none") + (f" ({'; '.join(tail)})" if tail else "")


def table(case: str, seeds: int = 5) -> str:
    scenario = load_scenario(ROOT / "assets" / "scenarios" / f"{case}.json")
    last = max(scenario.history, key=lambda entry: entry.year)
    happened = {tuple(sorted((t.a, t.b))) for t in last.ties}
    turns = last.year - scenario.start_year
    start = pairs(build_world(scenario))
    lines = [f"At {last.year} (turn {turns}); k = seeds of {seeds}; ✓ history agrees, ✗ it does not. "
             f"{len(start)} ties at turn 0; no change gets {len(start & happened)} of them right.", "",
             "| lens | ties kept | lost | new |", "|---|---|---|---|"]
    for lens in LENS_IDS:
        lost, new, kept = Counter(), Counter(), 0
        for seed in range(seeds):
            sim = Simulation(build_world(scenario), get_lens(lens), seed=seed, shocks=scenario.shocks)
            sim.run(turns)
            end = pairs(sim.world)
            lost.update(start - end)
            new.update(end - start)
            kept += len(start & end)
        lines.append(f"| {lens} | {kept / seeds:.1f} | {cell(lost, lambda p: p not in happened, seeds)} | "
                     f"{cell(new, lambda p: p in happened, seeds)} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("case")
    parser.add_argument("--seeds", type=int, default=5)
    args = parser.parse_args()
    print(table(args.case, args.seeds), end="")


if __name__ == "__main__":
    main()
