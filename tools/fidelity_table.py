"""Print the fidelity table of docs/predictions.md: each prediction x lens, how many seeds agree.

    python tools/fidelity_table.py [--seeds N]

Reads the predictions from tests/claims/predictions.py (the same rows the claims tests run).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "claims"))
sys.path.insert(0, str(ROOT))

from predictions import LENSES, PREDICTIONS

from alliance_sandbox.engine.simulation import Simulation
from alliance_sandbox.lenses import get_lens
from alliance_sandbox.scenario import build_world, load_scenario


def agreement(case: str, lens: str, turns: int, check, seeds: int) -> int:
    scenario = load_scenario(ROOT / "assets" / "scenarios" / f"{case}.json")
    hits = 0
    for seed in range(seeds):
        sim = Simulation(build_world(scenario), get_lens(lens), seed=seed, shocks=scenario.shocks)
        sim.run(turns)
        hits += bool(check(sim.world))
    return hits


def table(seeds: int = 5) -> str:
    """The Markdown table: a row per prediction, a column per lens, k/seeds agreeing."""
    short = {"security_dilemma": "dilemma", "autonomy_security": "autonomy", "institutions": "instit."}
    lines = ["| # | case | turns | prediction | " + " | ".join(short.get(x, x) for x in LENSES) + " |",
             "|---|---|---|---|" + "---|" * len(LENSES)]
    for k, p in enumerate(PREDICTIONS, 1):
        cells = []
        for lens in LENSES:
            if lens in p.lenses:
                hits = agreement(p.case, lens, p.turns, p.check, seeds)
                cells.append(f"{hits}/{seeds}" + ("" if 2 * hits > seeds else " ✗"))
            else:
                cells.append("")
        first = p.predicts.split(":")[0].split(" (")[0]
        lines.append(f"| {k} | {p.case} | {p.turns} | {first} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5)
    args = parser.parse_args()
    print(table(args.seeds), end="")


if __name__ == "__main__":
    main()
