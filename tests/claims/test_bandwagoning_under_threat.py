"""Bandwagoning under threat: a weak state with no protector, next to a great power, keeps or
seeks a tie with it (docs/predictions.md, row 26).

`lenses.base.bandwagon_under_threat`, used by the threat lens (Walt 1987: 29-31, 173-178):
Finland keeps its 1948 treaty with the Soviet Union to 1970, as it did (to 1992); with the rule
switched off (`base.BANDWAGON_UNDER_THREAT = False`, the ablation) it drops it in every seed.
And the rule makes no one else bandwagon where history did not: Belgium and Serbia in 1913-18,
the former Warsaw Pact states after the Soviet collapse, Taiwan, Vietnam and South Korea
facing China, 2016-23.
"""
from pathlib import Path

import numpy as np
import pytest
from predictions import tied

from alliance_sandbox.engine.perception import perceive
from alliance_sandbox.engine.simulation import Simulation
from alliance_sandbox.lenses import base, get_lens
from alliance_sandbox.scenario import build_world, load_scenario

pytestmark = pytest.mark.claims
SCENARIOS = Path(__file__).resolve().parents[2] / "assets" / "scenarios"
SEEDS = range(5)


def finland_keeps(seeds=SEEDS) -> int:
    """In how many seeds Finland is still tied to the USSR in 1970 (turn 15), threat lens."""
    scenario = load_scenario(SCENARIOS / "cold-war-1955.json")
    kept = 0
    for seed in seeds:
        sim = Simulation(build_world(scenario), get_lens("threat"), seed=seed, shocks=scenario.shocks)
        sim.run(15)
        kept += tied(sim.world, "FIN", "RUS")
    return kept


def test_finland_keeps_its_treaty_because_it_bandwagons(monkeypatch):
    assert finland_keeps() == len(SEEDS)
    monkeypatch.setattr(base, "BANDWAGON_UNDER_THREAT", False)  # ablation: a weak state only balances
    assert finland_keeps() == 0


def bandwagoners(case: str, turns: int) -> set[tuple[str, str]]:
    """Every (weak state, great power) pair the rule fires for, at any turn of seeds 0-4."""
    scenario = load_scenario(SCENARIOS / f"{case}.json")
    lens = get_lens("threat")
    seen_pairs = set()
    for seed in SEEDS:
        sim = Simulation(build_world(scenario), lens, seed=seed, shocks=scenario.shocks)
        for _ in range(turns):
            world = sim.world
            submits = lens.decide(world, perceive(world)).parts["submits"]
            seen_pairs |= {(world.ids[i], world.ids[submits[i]]) for i in np.nonzero(submits >= 0)[0]}
            sim.run(1)
    return seen_pairs


@pytest.mark.parametrize("case, turns, never", [
    ("europe-1914", 5, {"BEL", "YUG"}),
    ("end-of-cold-war-1989", 15, {"POL", "CZE", "HUN", "ROM", "BUL", "GDR"}),
    ("east-asia", 7, {"TAW", "DRV", "ROK", "PHI", "THI"}),
])
def test_no_wrong_bandwagoning(case, turns, never):
    pairs = bandwagoners(case, turns)
    assert not {weak for weak, _ in pairs} & never, pairs


def test_the_rule_fires_only_for_finland_in_1955():
    assert bandwagoners("cold-war-1955", 15) == {("FIN", "RUS")}


def submits_at_start(edit=None) -> np.ndarray:
    scenario = load_scenario(SCENARIOS / "cold-war-1955.json")
    world = Simulation(build_world(scenario), get_lens("threat"), seed=0, shocks=scenario.shocks).world
    if edit is not None:
        edit(world)
    lens = get_lens("threat")
    return lens.decide(world, perceive(world)).parts["submits"], world


def test_a_protector_or_hostility_stops_it():
    """Each condition matters: Finland with a partner besides the USSR (Sweden), or reading
    Soviet intentions as implacable, no longer bandwagons."""
    submits, world = submits_at_start()
    assert submits[world.index["FIN"]] == world.index["RUS"]

    def with_sweden(w):
        w.set_tie(w.index["FIN"], w.index["SWD"], "entente", 0.3, since=w.now())

    submits, world = submits_at_start(with_sweden)
    assert submits[world.index["FIN"]] == -1

    def hostile(w):
        f, r = w.index["FIN"], w.index["RUS"]
        w.affinity[f, r] = w.affinity[r, f] = base.IMPLACABLE

    submits, world = submits_at_start(hostile)
    assert submits[world.index["FIN"]] == -1
