"""The balance-of-power lens on the historical cases (docs/predictions.md rows 11 and 21), each
mechanism with its ablation: switched off, the effect goes.

* SECONDARY_ALONE (Waltz 1979: 72-73, 127): a secondary state's tie with another secondary
  state is worth what that state adds alone against the coalition it fears, so in 1914 the
  small states join a great power's coalition instead of weaving a web among themselves.
* UNIPOLE_TRUST (Waltz 1993: 75-76; 2000: 28): a sole pole's allies weigh its power like
  anyone's, so after the Soviet collapse NATO fades.
"""
from pathlib import Path

import pytest
from predictions import NATO, partners, secondary_ties

from alliance_sandbox.engine.simulation import Simulation
from alliance_sandbox.lenses import get_lens, power
from alliance_sandbox.scenario import build_world, load_scenario

pytestmark = pytest.mark.claims
SCENARIOS = Path(__file__).resolve().parents[2] / "assets" / "scenarios"
SEEDS = range(5)


def worlds(case: str, turns: int):
    scenario = load_scenario(SCENARIOS / f"{case}.json")
    for seed in SEEDS:
        sim = Simulation(build_world(scenario), get_lens("power"), seed=seed, shocks=scenario.shocks)
        sim.run(turns)
        yield sim.world


def test_1914_secondary_states_join_great_powers_not_each_other(monkeypatch):
    ties = [secondary_ties(w) for w in worlds("europe-1914", 5)]
    assert sum(outside == 0 for _, outside in ties) >= 4, ties
    assert sum(total for total, _ in ties) <= 2 * len(ties), ties
    # ablation: a small partner brings its partners' pledges, against the feared state alone
    monkeypatch.setattr(power, "SECONDARY_ALONE", False)
    web = [secondary_ties(w) for w in worlds("europe-1914", 5)]
    assert all(outside > 0 for _, outside in web), web
    assert sum(total for total, _ in web) >= 8 * len(web), web


def test_1989_the_unipole_s_allies_weigh_its_power_and_nato_fades(monkeypatch):
    kept = [len(partners(w, "USA") & NATO) for w in worlds("end-of-cold-war-1989", 13)]
    assert sum(k <= 4 for k in kept) >= 3, kept
    # ablation: the unipole's allies discount its power as any partner's: NATO balances Russia's coalition
    monkeypatch.setattr(power, "UNIPOLE_TRUST", 1.0)
    kept = [len(partners(w, "USA") & NATO) for w in worlds("end-of-cold-war-1989", 13)]
    assert sum(k >= 10 for k in kept) >= 3, kept
