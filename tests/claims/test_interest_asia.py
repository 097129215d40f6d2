"""The balance of interests in Asia (docs/predictions.md, rows 22 and 25), each with its ablation:

* the interest that decides is which order a state wants (Schweller 1994: 99-100): South Korea and
  Taiwan in 1955 wanted the US-led one (satisfaction +0.1; tools/make_scenarios.py, ROLLBACK), and
  the status-quo pole of a bipolar world guards its allies (`lenses.interest.LION_GUARDS_CLIENTS`):
  with both, the United States keeps both treaties to 1965; read them as revisionists of the US
  order again (-0.3 and -0.4, the values before December 2026), or switch the lion off, and it
  loses them;
* a jackal's pull grows with its leader's prospects, not a step at trend 0
  (`lenses.interest.RISING_SPAN`): China keeps North Korea to 2023 (3 seeds of 5); with the step
  the pull flickers with China's noisy trend and the treaty ends (1 of 5).
"""
from pathlib import Path

import pytest
from predictions import partners, tied

from alliance_sandbox.engine.simulation import Simulation
from alliance_sandbox.lenses import get_lens, interest
from alliance_sandbox.scenario import build_world, load_scenario

pytestmark = pytest.mark.claims
SCENARIOS = Path(__file__).resolve().parents[2] / "assets" / "scenarios"


def seeds_holding(case: str, turns: int, check, satisfaction: dict[str, float] | None = None) -> int:
    """In how many of seeds 0-4 `check(world)` holds after `turns`, under the interest lens."""
    scenario = load_scenario(SCENARIOS / f"{case}.json")
    held = 0
    for seed in range(5):
        world = build_world(scenario)
        for sid, value in (satisfaction or {}).items():
            world.satisfaction[world.index[sid]] = value
        sim = Simulation(world, get_lens("interest"), seed=seed, shocks=scenario.shocks)
        sim.run(turns)
        held += bool(check(sim.world))
    return held


def us_keeps_rok_and_taiwan(w) -> bool:
    return {"ROK", "TAW"} <= partners(w, "USA")


def test_the_lion_keeps_its_asian_allies_in_1955(monkeypatch):
    scenario = load_scenario(SCENARIOS / "cold-war-1955.json")
    assert all(s.satisfaction > 0 for s in scenario.states if s.id in ("ROK", "TAW"))
    assert seeds_holding("cold-war-1955", 10, us_keeps_rok_and_taiwan) >= 4
    # ablation 1: South Korea and Taiwan read as revisionists of the US order again
    assert seeds_holding("cold-war-1955", 10, us_keeps_rok_and_taiwan, {"ROK": -0.3, "TAW": -0.4}) <= 1
    # ablation 2: the lion fears for itself only
    monkeypatch.setattr(interest, "LION_GUARDS_CLIENTS", False)
    assert seeds_holding("cold-war-1955", 10, us_keeps_rok_and_taiwan) <= 2


def china_keeps(partner: str):
    return lambda w: tied(w, "CHN", partner)


def test_a_jackal_follows_a_leader_by_its_prospects(monkeypatch):
    assert seeds_holding("east-asia", 7, china_keeps("PRK")) >= 3
    monkeypatch.setattr(interest, "RISING_SPAN", 0.0)  # ablation: the step at trend 0
    assert seeds_holding("east-asia", 7, china_keeps("PRK")) <= 1
