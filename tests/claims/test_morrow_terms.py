"""C8 on East Asia 2016: the terms of an asymmetric alliance are bargained (Morrow 1991: 908-914).

The major partner, which gains autonomy from the tie, asks fewer concessions of a minor partner
that would not take the tie on full terms; so a minor partner whose need for security is small
(Australia, Thailand: China is far) stays with the United States (prediction row 20).
Ablation: with the terms fixed (`autonomy_security.TERMS = 0`) both leave in every seed.
"""
from pathlib import Path

import pytest
from predictions import partners

from alliance_sandbox.engine.perception import perceive
from alliance_sandbox.engine.simulation import Simulation
from alliance_sandbox.lenses import autonomy_security, get_lens
from alliance_sandbox.scenario import build_world, load_scenario

pytestmark = pytest.mark.claims
SCENARIO = Path(__file__).resolve().parents[2] / "assets" / "scenarios" / "east-asia.json"


def us_keeps(seeds=range(5), turns: int = 7) -> list[set[str]]:
    scenario = load_scenario(SCENARIO)
    kept = []
    for seed in seeds:
        sim = Simulation(build_world(scenario), get_lens("autonomy_security"), seed=seed, shocks=scenario.shocks)
        sim.run(turns)
        kept.append(partners(sim.world, "USA") & {"AUL", "THI"})
    return kept


def test_a_minor_partner_of_small_need_is_asked_less_and_stays(monkeypatch):
    world = build_world(load_scenario(SCENARIO))
    a, u = world.index["AUL"], world.index["USA"]
    decision = get_lens("autonomy_security").decide(world, perceive(world))
    assert decision.parts["terms"][a, u] > 0 > decision.parts["terms"][u, a]  # the US pays, Australia is spared
    assert decision.desire[a, u] > 0  # on bargained terms Australia wants the tie
    assert all(kept == {"AUL", "THI"} for kept in us_keeps())
    monkeypatch.setattr(autonomy_security, "TERMS", 0.0)
    assert all(not kept for kept in us_keeps())
