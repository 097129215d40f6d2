"""C7: the alliance security dilemma in the risk model (Snyder 1984, 1997): more commitment
lowers abandonment and raises entrapment, for both partners, always within [0, 1]; the
dilemma is sharper in a multipolar world; `ally_reliability` keeps Leeds, Long & Mitchell's
meaning (the answer rate of a middling ally)."""
import dataclasses

import numpy as np
import pytest
from crisis_worlds import polarity_twin
from test_c4_realignment import polar_world

from alliance_sandbox.engine.demo import make_world
from alliance_sandbox.engine.perception import perceive
from alliance_sandbox.engine.risk import alliance_risks

pytestmark = pytest.mark.claims
COMMITMENTS = np.linspace(0.05, 1.0, 12)


def risks_at(world, i, j, commitment):
    world.set_tie(i, j, "alliance", commitment)
    seen = perceive(world)
    return alliance_risks(world, seen, seen.walt_threat)


@pytest.mark.parametrize("kind", ["multipolar", "bipolar"])
@pytest.mark.parametrize("offense_dominance", [0.15, 0.5, 0.85])
def test_c7_more_commitment_lowers_abandonment_and_raises_entrapment_for_both_partners(kind, offense_dominance):
    world = polarity_twin(kind, offense_dominance)
    pairs = [("B", "C"), ("D", "E"), ("A", "H")]  # great powers; a great and a small one; the aggressor's tie
    for a, b in pairs:
        i, j = world.index[a], world.index[b]
        runs = [risks_at(world, i, j, c) for c in COMMITMENTS]
        for x, y in ((i, j), (j, i)):
            abandonment = np.array([r.tie_abandonment[x, y] for r in runs])
            entrapment = np.array([r.tie_entrapment[x, y] for r in runs])
            assert np.all((abandonment >= 0) & (abandonment <= 1) & (entrapment >= 0) & (entrapment <= 1))
            assert np.all(np.diff(abandonment) < 0), (a, b, abandonment)
            assert np.all(np.diff(entrapment) >= 0) and entrapment[-1] > entrapment[0], (a, b, entrapment)


def test_c7_the_dilemma_is_sharper_in_a_multipolar_world():
    def mean_abandonment(world):
        for k in range(1, world.n):
            world.set_tie(0, k, "alliance", 0.5)
        seen = perceive(world)
        return alliance_risks(world, seen, seen.walt_threat).abandonment[0]

    assert mean_abandonment(polar_world([20, 20, 20, 20, 20])) > mean_abandonment(polar_world([45, 45, 4, 3, 3]))


def test_c7_ally_reliability_sets_the_answer_rate_of_a_middling_ally():
    """A middling ally: commitment 0.5, as strong as its partner (it needs it half), and the
    rest of the world friendly to turn to (temptation 0.5). It fails a call with probability
    1 - ally_reliability: Leeds, Long & Mitchell's 25.5% by default; the risk scales with 1 - r."""
    states = [dict(id="A", capability=1, aggression=0.0), dict(id="B", capability=1, lon=5, aggression=0.0),
              dict(id="REST", capability=98, lon=60, aggression=0.0)]
    world = make_world(states)
    a, b = world.index["A"], world.index["B"]
    shown = {}
    for reliability in (0.745, 0.5, 1.0):
        world.settings = dataclasses.replace(world.settings, ally_reliability=reliability)
        shown[reliability] = risks_at(world, a, b, 0.5).tie_abandonment[a, b]
    assert shown[0.745] == pytest.approx(0.255, abs=0.01)
    assert shown[0.5] == pytest.approx(shown[0.745] * 0.5 / 0.255)
    assert shown[1.0] == 0.0
