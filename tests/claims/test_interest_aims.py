"""The balance of interests reads what states want, and at whose expense (docs/predictions.md,
"The balance of interests in 1914 and 1936", and row 2), each with its ablation:

* revisionists of compatible aims combine (Schweller 1994: 100-104): Germany and Austria-Hungary,
  which sought to revise the Balkan order of 1913 and reduce Serbia (Williamson 1991), keep the
  Dual Alliance; read Austria-Hungary as a status-quo power again (satisfaction +0.2, the
  scenario's value before December 2026) and switch the aims off, and the lens ends it;
* a revisionist threatens those whose holdings it covets, not a friend whose aims lie elsewhere
  (`lenses.interest.COMPATIBLE_AIMS`); switched off, a friendly revisionist is as much a threat
  as a neutral one.
"""
from pathlib import Path

import pytest
from predictions import tied

from alliance_sandbox.engine.demo import make_world
from alliance_sandbox.engine.perception import perceive
from alliance_sandbox.engine.simulation import Simulation
from alliance_sandbox.lenses import get_lens, interest
from alliance_sandbox.scenario import build_world, load_scenario

pytestmark = pytest.mark.claims
SCENARIOS = Path(__file__).resolve().parents[2] / "assets" / "scenarios"


def dual_alliance_seeds(austria_satisfaction: float | None = None, seeds=range(5)) -> int:
    """In how many seeds Germany and Austria-Hungary are still tied in 1918 (turn 5), under the
    interest lens; `austria_satisfaction` replaces the scenario's reading of Austria-Hungary."""
    scenario = load_scenario(SCENARIOS / "europe-1914.json")
    held = 0
    for seed in seeds:
        world = build_world(scenario)
        if austria_satisfaction is not None:
            world.satisfaction[world.index["AUH"]] = austria_satisfaction
        sim = Simulation(world, get_lens("interest"), seed=seed, shocks=scenario.shocks)
        sim.run(5)
        held += tied(sim.world, "GMY", "AUH")
    return held


def test_revisionists_of_compatible_aims_keep_the_dual_alliance(monkeypatch):
    """Either reading of compatible aims keeps the alliance (Vienna a revisionist like Berlin, or
    Berlin's revisionism no threat to its friend Vienna); without both it goes, as it did before."""
    scenario = load_scenario(SCENARIOS / "europe-1914.json")
    austria = next(s for s in scenario.states if s.id == "AUH")
    assert austria.satisfaction < 0  # the scenario reads Vienna's Balkan aims as revisionist
    assert dual_alliance_seeds() >= 3
    monkeypatch.setattr(interest, "COMPATIBLE_AIMS", 0.0)
    assert dual_alliance_seeds() >= 3  # Austria-Hungary's revisionism alone holds it
    # ablation: aims unread and Austria-Hungary read as status quo (+0.2, the old reading)
    assert dual_alliance_seeds(austria_satisfaction=0.2) <= 2


def aims_world():
    """A revisionist R between two equal states at the same distance: F its friend, N neutral."""
    return make_world([
        dict(id="R", capability=30, lon=10, lat=50, offense=0.5, aggression=0.5, satisfaction=-0.8),
        dict(id="F", capability=10, lon=14, lat=50, offense=0.3, aggression=0.2, satisfaction=0.5),
        dict(id="N", capability=10, lon=6, lat=50, offense=0.3, aggression=0.2, satisfaction=0.5),
    ], affinity=[("R", "F", 0.6)])


def threats_from_the_revisionist() -> tuple[float, float]:
    world = aims_world()
    threat = interest.interest_threat(world, perceive(world))
    r, f, n = (world.index[x] for x in "RFN")
    return float(threat[f, r]), float(threat[n, r])


def test_a_revisionist_threatens_those_it_covets_not_its_friends(monkeypatch):
    friend, neutral = threats_from_the_revisionist()
    assert neutral > 0 and friend < 0.6 * neutral  # friendship +0.6 takes 60% of the threat
    monkeypatch.setattr(interest, "COMPATIBLE_AIMS", 0.0)
    friend, neutral = threats_from_the_revisionist()
    assert friend == pytest.approx(neutral)  # ablation: aims unread, the friend fears it as much
