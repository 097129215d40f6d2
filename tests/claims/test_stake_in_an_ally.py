"""An ally's danger weighs by the trust the tie has built, not by the pledge (docs/predictions.md, rows 22-23).

`lenses.base.stake`: an alliance creates an interest in the partner's security (Snyder 1997,
ch. 6) that does not lapse when a state eases its pledge. Weighed by the pledge, each easing
lowered the worry that justified the tie, and China's treaty with North Korea and its alignment
with Russia spiralled away by turn 3-5 under the threat lens; weighed by trust, both endure to
2023, as they did. Ablation: `base.STAKE_BY_TRUST = False`.
"""
from pathlib import Path

import pytest
from predictions import tied

from alliance_sandbox.engine.perception import perceive
from alliance_sandbox.engine.simulation import Simulation
from alliance_sandbox.lenses import base, get_lens
from alliance_sandbox.scenario import build_world, load_scenario

pytestmark = pytest.mark.claims
SCENARIOS = Path(__file__).resolve().parents[2] / "assets" / "scenarios"


def china_keeps(seeds=range(5)) -> int:
    """In how many seeds China is still tied to both North Korea and Russia at turn 7 (2023), threat lens."""
    scenario = load_scenario(SCENARIOS / "east-asia.json")
    kept = 0
    for seed in seeds:
        sim = Simulation(build_world(scenario), get_lens("threat"), seed=seed, shocks=scenario.shocks)
        sim.run(7)
        kept += tied(sim.world, "CHN", "PRK") and tied(sim.world, "CHN", "RUS")
    return kept


def test_china_keeps_its_allies_because_easing_a_pledge_does_not_end_the_worry(monkeypatch):
    assert china_keeps() >= 4
    monkeypatch.setattr(base, "STAKE_BY_TRUST", False)  # ablation: the partner's danger weighs by the pledge
    assert china_keeps() <= 1


def china_s_worry_for_north_korea(pledge: float) -> float:
    """China's extended threat from the US at the start of 2016 with its pledge to North Korea set to `pledge`."""
    world = build_world(load_scenario(SCENARIOS / "east-asia.json"))
    china, north, usa = (world.index[s] for s in ("CHN", "PRK", "USA"))
    world.commitment[china, north] = pledge
    return float(base.extended_threat(world, get_lens("threat").threat(world, perceive(world)))[china, usa])


def test_easing_the_pledge_leaves_the_worry(monkeypatch):
    assert china_s_worry_for_north_korea(0.35) == pytest.approx(china_s_worry_for_north_korea(0.75))
    monkeypatch.setattr(base, "STAKE_BY_TRUST", False)
    assert china_s_worry_for_north_korea(0.35) < 0.6 * china_s_worry_for_north_korea(0.75)
