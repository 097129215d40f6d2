"""Landscape theory sorts states into blocs (Axelrod & Bennett 1993): a bloc member with no
propensity either way towards its bloc-mates keeps the bloc's ties (prediction row 18)."""
from pathlib import Path

import pytest
from predictions import partners

from alliance_sandbox.engine.simulation import Simulation
from alliance_sandbox.lenses import get_lens, landscape
from alliance_sandbox.scenario import build_world, load_scenario

pytestmark = pytest.mark.claims
SCENARIOS = Path(__file__).resolve().parents[2] / "assets" / "scenarios"


def portugal_s_ties(seeds=range(3), turns: int = 10) -> list[int]:
    scenario = load_scenario(SCENARIOS / "cold-war-1955.json")
    counts = []
    for seed in seeds:
        sim = Simulation(build_world(scenario), get_lens("landscape"), seed=seed, shocks=scenario.shocks)
        sim.run(turns)
        counts.append(len(partners(sim.world, "POR")))
    return counts


def test_a_bloc_member_of_no_propensity_keeps_its_bloc_s_ties(monkeypatch):
    """Portugal (affinity 0 with most of NATO) keeps its 15 NATO ties; ablation: with such a tie
    worth less than nothing (`landscape.NEUTRAL_HOLD = -0.05`, the rule before) it keeps at most
    a few (its ties of positive affinity, Britain and Spain, and a new one)."""
    assert min(portugal_s_ties()) >= 13
    monkeypatch.setattr(landscape, "NEUTRAL_HOLD", -0.05)
    assert max(portugal_s_ties()) <= 4
