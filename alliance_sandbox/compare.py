"""Lenses side by side: one world, one seed, several theories, and which ties they disagree on.

Why a module of its own (and no Qt): the `compare` command prints it, the app's Compare view
marks it on its maps, and a test checks both against the same function.

A tie is a pair of states; the comparison ignores its kind (an alliance under one lens and an
entente under another is a tie in both). For the pairs:

- `both`: tied under every compared lens;
- `only[lens]`: tied under that lens and under no other compared lens;
- a pair tied under some lenses but not all (possible with three or four) is in neither
  list, but is in `ties` of each lens that has it.

The Compare view marks `only[lens]` on each map.
"""
from __future__ import annotations

from dataclasses import dataclass

from alliance_sandbox.engine.simulation import Simulation, TurnRecord
from alliance_sandbox.engine.world import TIE_KINDS
from alliance_sandbox.lenses import get_lens
from alliance_sandbox.scenario import Scenario, build_world

MIN_LENSES, MAX_LENSES = 2, 4


def parse_lens_list(text: str) -> list[str]:
    """"threat,power" -> ["threat", "power"]; ValueError with the reason when it is not
    2 to 4 known, distinct lens ids."""
    ids = [part.strip() for part in text.split(",") if part.strip()]
    if not MIN_LENSES <= len(ids) <= MAX_LENSES:
        raise ValueError(f"give {MIN_LENSES} to {MAX_LENSES} lens ids separated by commas, got {len(ids)}")
    if len(set(ids)) != len(ids):
        raise ValueError(f"each lens once, got {text!r}")
    for lens_id in ids:
        get_lens(lens_id)  # KeyError naming the known ids
    return ids


def simulations(scenario: Scenario, lens_ids: list[str], seed: int | None = None) -> list[Simulation]:
    """One simulation per lens, all from the same world and seed (so the runs differ only by theory)."""
    seed = scenario.seed if seed is None else seed
    return [Simulation(build_world(scenario), get_lens(lens_id), seed=seed, shocks=scenario.shocks)
            for lens_id in lens_ids]


def tie_triples(record: TurnRecord) -> list[list[str]]:
    """[[a, b, kind], ...] of a turn, a < b by id, sorted."""
    w = record.world
    return sorted([*sorted((w.ids[i], w.ids[j])), TIE_KINDS[w.tie_kind[i, j] - 1]] for i, j in w.tie_list())


@dataclass
class Comparison:
    """The ties of one turn under each lens and how they differ (pairs as sorted [a, b])."""

    lenses: list[str]
    ties: dict[str, list[list[str]]]
    only: dict[str, list[list[str]]]
    both: list[list[str]]


def compare_records(lens_ids: list[str], records: list[TurnRecord]) -> Comparison:
    ties = {lens_id: tie_triples(r) for lens_id, r in zip(lens_ids, records)}
    pairs = {lens_id: {tuple(t[:2]) for t in triples} for lens_id, triples in ties.items()}
    both = set.intersection(*pairs.values()) if pairs else set()
    only = {}
    for lens_id, mine in pairs.items():
        others = set().union(*(p for other, p in pairs.items() if other != lens_id))
        only[lens_id] = [list(p) for p in sorted(mine - others)]
    return Comparison(list(lens_ids), ties, only, [list(p) for p in sorted(both)])


def compare(scenario: Scenario, lens_ids: list[str], turns: int, seed: int | None = None) -> dict:
    """Run `turns` turns under each lens and compare the last turn: the `compare --json` document."""
    sims = simulations(scenario, lens_ids, seed)
    for sim in sims:
        sim.run(turns)
    result = compare_records(lens_ids, [sim.history[-1] for sim in sims])
    return {
        "scenario": scenario.name, "turn": turns, "seed": sims[0].seed, "lenses": list(lens_ids),
        "ties": result.ties, "only": result.only, "both": result.both,
    }


def compare_lines(document: dict, names: dict[str, str]) -> list[str]:
    """The readable form `compare` prints without --json (`names`: state id -> name)."""
    def pair(p) -> str:
        return f"{names.get(p[0], p[0])} - {names.get(p[1], p[1])}"

    lines = [f"{document['scenario']}: turn {document['turn']}, seed {document['seed']}, "
             f"lenses {', '.join(document['lenses'])}"]
    for lens_id in document["lenses"]:
        lines.append(f"{lens_id}: {len(document['ties'][lens_id])} ties")
    lines.append(f"tied under every lens ({len(document['both'])}):")
    lines.extend(f"  {pair(p)}" for p in document["both"])
    for lens_id in document["lenses"]:
        only = document["only"][lens_id]
        lines.append(f"only under {lens_id} ({len(only)}):")
        lines.extend(f"  {pair(p)}" for p in only)
    return lines
