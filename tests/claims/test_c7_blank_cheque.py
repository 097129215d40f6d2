"""C7 in 1914: the blank cheque (Snyder 1984: 484-485; Christensen & Snyder 1990: 138-140).

Under multipolarity with the offence believed dominant the loss of an ally would be decisive,
so Germany, facing France, Russia and Britain, fears abandonment by Austria-Hungary, its only
great-power ally, more than entrapment in its Balkan quarrels, and firms its commitment. Two
mechanisms of the security-dilemma lens carry it (`lenses/security_dilemma.py`): the chance of
being chained to the ally's war counts as the fear of losing it (CHAIN_IS_ABANDONMENT_FEAR),
and that fear weighs the threat of the coalition the state faces (ENCIRCLEMENT). Ablation:
with either off, Germany fears entrapment from the first turn and eases its commitment below
its 1913 level in every seed (to 0.30-0.45: eased, not left, since the tie is still worth having,
`STAY`).
"""
from pathlib import Path

import pytest

from alliance_sandbox.engine.perception import perceive
from alliance_sandbox.engine.simulation import Simulation
from alliance_sandbox.lenses import get_lens
from alliance_sandbox.lenses import security_dilemma as sd
from alliance_sandbox.scenario import build_world, load_scenario

pytestmark = pytest.mark.claims
SCENARIO = Path(__file__).resolve().parents[2] / "assets" / "scenarios" / "europe-1914.json"
SEEDS = range(5)


def germany_to_austria() -> tuple[float, list[float]]:
    """(Germany's fear weight on its tie with Austria-Hungary in 1913, and its commitment to
    it after five turns in each seed, 0 where the tie ended)."""
    scenario = load_scenario(SCENARIO)
    world = build_world(scenario)
    g, a = world.index["GMY"], world.index["AUH"]
    first = float(get_lens("security_dilemma").decide(world, perceive(world)).extra[g, a])
    after = []
    for seed in SEEDS:
        sim = Simulation(build_world(scenario), get_lens("security_dilemma"), seed=seed, shocks=scenario.shocks)
        sim.run(5)
        after.append(float(sim.world.commitment[g, a]) if sim.world.tied()[g, a] else 0.0)
    return first, after


def test_germany_fears_abandonment_and_firms_its_commitment():
    first, after = germany_to_austria()
    assert first > 0.0, first  # fear of abandonment weighs more, at the 1913 commitment (0.75)
    assert all(c >= 0.75 for c in after), after


@pytest.mark.parametrize("switch", ["CHAIN_IS_ABANDONMENT_FEAR", "ENCIRCLEMENT"])
def test_without_either_mechanism_germany_fears_entrapment(monkeypatch, switch):
    monkeypatch.setattr(sd, switch, False)
    first, after = germany_to_austria()
    assert first < 0.0, first
    assert all(c < 0.75 for c in after), after


def test_the_log_says_why_with_the_numbers():
    scenario = load_scenario(SCENARIO)
    sim = Simulation(build_world(scenario), get_lens("security_dilemma"), seed=0, shocks=scenario.shocks)
    texts = [e.explanation for r in sim.run(2) for e in r.events
             if e.kind in ("tighten", "loosen") and set(e.states) == {"GMY", "AUH"}]
    assert texts and all("abandonment risk" in t and "chained to its wars" in t and "encircled" in t
                         for t in texts), texts
