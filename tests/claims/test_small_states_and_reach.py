"""Three mechanisms of the realist lenses, each with its ablation (docs/predictions.md, row 16 and the C4 notes):

* an ally is worth what it and its partners can bring against the state one fears, and only a
  pole values a tiny client for its position (`lenses.base.helpfulness`): so the small states of
  South-East Asia do not ally with each other against China;
* a patron's power stands on its allies' territory (`perception.forward_presence`): so China
  reads the US bases in Korea and Japan as a threat and wants to keep North Korea;
* untied states join a crisis coalition with chance = believed offence dominance
  (`crises._crisis_coalition`, Christensen & Snyder 1990): they rush in 1914 and pass the buck
  in 1936.
"""
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest
from crisis_worlds import polarity_twin
from predictions import SOUTH_EAST_ASIA, tied

from alliance_sandbox.engine import crises, perception
from alliance_sandbox.engine.perception import perceive
from alliance_sandbox.engine.simulation import Simulation
from alliance_sandbox.lenses import base, get_lens
from alliance_sandbox.scenario import build_world, load_scenario

pytestmark = pytest.mark.claims
SCENARIOS = Path(__file__).resolve().parents[2] / "assets" / "scenarios"


def small_state_ties(lens: str, seeds=range(5)) -> int:
    """In how many seeds two small South-East Asian states are tied at turn 7 (2023)."""
    scenario = load_scenario(SCENARIOS / "east-asia.json")
    hits = 0
    for seed in seeds:
        sim = Simulation(build_world(scenario), get_lens(lens), seed=seed, shocks=scenario.shocks)
        sim.run(7)
        hits += any(tied(sim.world, a, b) for a, b in combinations(SOUTH_EAST_ASIA, 2))
    return hits


def pairwise_help(world, seen, threat, strength=None):
    """The rule before: a partner at least as strong as i is worth 1, a tiny one 0.5, whatever i fears."""
    return 0.5 + 0.5 * np.minimum(1.0, 2.0 * seen.relative)


def test_small_states_do_not_ally_with_each_other_against_a_great_power(monkeypatch):
    assert small_state_ties("threat") <= 1
    monkeypatch.setattr(base, "helpfulness", pairwise_help)  # ablation: help measured pair by pair
    assert small_state_ties("threat") >= 3


def east_asia_as_the_threat_lens_sees_it():
    """(threat matrix, the China-North Korea mutual desire, the world) at the start of 2016."""
    world = build_world(load_scenario(SCENARIOS / "east-asia.json"))
    decision = get_lens("threat").decide(world, perceive(world))
    i, j = world.index["CHN"], world.index["PRK"]
    return decision.threat, min(decision.desire[i, j], decision.desire[j, i]), world


def test_a_patron_s_power_stands_on_its_allies_territory(monkeypatch):
    threat, keep_korea, world = east_asia_as_the_threat_lens_sees_it()
    usa, china, north = (world.index[s] for s in ("USA", "CHN", "PRK"))
    assert int(np.argmax(threat[north])) == usa  # US power in South Korea, next door
    monkeypatch.setattr(perception, "FORWARD", 0.0)  # ablation: power projected from the capital only
    threat_off, keep_off, _ = east_asia_as_the_threat_lens_sees_it()
    assert threat[china, usa] > 2 * threat_off[china, usa]  # from Seoul and Tokyo, not Washington
    assert threat[north, usa] > 2 * threat_off[north, usa]
    assert keep_korea > keep_off + 0.02  # and so China values its North Korean ally more


def join_rate(offense_dominance: float, draws: int = 300) -> float:
    """Of the untied states that fear the aggressor, the share that joins its target's coalition."""
    world = polarity_twin("multipolar", offense_dominance)
    joined = stayed = 0
    for seed in range(draws):
        w = world.copy()
        seen = perceive(w)
        for e in crises.resolve_crises(w, seen, np.random.default_rng(seed), seen.walt_threat):
            joined += e.kind == "coalition"
            stayed += e.values.get("stayed_out", 0) if e.kind == "crisis" else 0
    assert joined + stayed > 50, "the fixture must offer untied states a crisis to join"
    return joined / (joined + stayed)


def test_states_rush_into_coalitions_when_offence_dominates_and_pass_the_buck_when_not(monkeypatch):
    offence, defence = join_rate(0.85), join_rate(0.15)
    assert offence == pytest.approx(0.85, abs=0.1) and defence == pytest.approx(0.15, abs=0.1)
    monkeypatch.setattr(crises, "COALITION_BY_OFFENCE", False)  # ablation: everyone who fears joins
    assert join_rate(0.85) == join_rate(0.15) == 1.0
