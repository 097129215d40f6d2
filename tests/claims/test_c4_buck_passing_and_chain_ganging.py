"""C4: buck-passing and chain-ganging as behaviours (Christensen & Snyder 1990; Waltz 1979).

Twin fixture worlds, the same map and ties, differ only in how capability is spread: four
great powers (multipolar) or two (bipolar). A crisis is resolved many times from the same
world, so what is counted is what partners do when called, not which ties a lens formed.
Each claim has its ablation: with the behaviour switched off, the difference is gone.
"""
import numpy as np
import pytest
from crisis_worlds import CALL_KINDS, polarity_twin

from alliance_sandbox.engine import risk
from alliance_sandbox.engine.crises import resolve_crises
from alliance_sandbox.engine.perception import perceive
from alliance_sandbox.engine.polarity import polarity

pytestmark = pytest.mark.claims
DEFENCE, OFFENCE = 0.15, 0.85
DRAWS = 500


def crisis_outcomes(kind: str, offense_dominance: float) -> dict:
    """Counts of each outcome over DRAWS crises broken in the twin's opening world, plus the
    share of calls that went unanswered and the share of the aggressor's ally following it in."""
    counts = dict.fromkeys(CALL_KINDS, 0)
    calls = failed = pressed = followed = 0
    world = polarity_twin(kind, offense_dominance)
    for seed in range(DRAWS):
        w = world.copy()
        seen = perceive(w)
        for e in resolve_crises(w, seen, np.random.default_rng(seed), seen.walt_threat):
            if e.kind in counts:
                counts[e.kind] += 1
            if "abandonment_risk" in e.values:
                calls += 1
                failed += e.kind in ("abandoned", "buck_pass")
            pressed += e.kind == "crisis" and e.states[0] == "A"
            followed += "p_drag" in e.values and e.states[:2] == ("H", "A")
    return {**counts, "calls": calls, "failed": failed / calls, "followed": followed / pressed}


@pytest.fixture
def behaviours_off(monkeypatch):
    monkeypatch.setattr(risk, "BUCK_PASSING", False)
    monkeypatch.setattr(risk, "CHAIN_GANGING", False)


def test_the_twins_are_multipolar_and_bipolar_by_the_polarity_rule():
    assert polarity(polarity_twin("multipolar", 0.5).capability).label == "multipolar"
    assert polarity(polarity_twin("bipolar", 0.5).capability).label == "bipolar"


def test_c4_multipolar_great_powers_pass_the_buck_under_defence_dominance():
    multi, bi = crisis_outcomes("multipolar", DEFENCE), crisis_outcomes("bipolar", DEFENCE)
    assert multi["buck_pass"] > 0.2 * multi["calls"], multi
    assert bi["buck_pass"] == 0, "in bipolarity nobody else can carry the cost (Waltz 1979)"
    # the behaviour, not the label: calls go unanswered far more often in the multipolar twin
    assert multi["failed"] > bi["failed"] + 0.2, (multi, bi)
    # and much less with the offence believed dominant
    assert crisis_outcomes("multipolar", OFFENCE)["buck_pass"] < multi["buck_pass"] / 3


def test_c4_without_buck_passing_the_multipolar_twin_answers_calls_like_the_bipolar_one(behaviours_off):
    multi, bi = crisis_outcomes("multipolar", DEFENCE), crisis_outcomes("bipolar", DEFENCE)
    assert multi["buck_pass"] == bi["buck_pass"] == 0
    assert abs(multi["failed"] - bi["failed"]) < 0.1, (multi, bi)


def test_c4_multipolar_allies_chain_gang_under_offence_dominance():
    multi, bi = crisis_outcomes("multipolar", OFFENCE), crisis_outcomes("bipolar", OFFENCE)
    assert multi["chain_gang"] > 0.2 * multi["calls"], multi
    assert bi["chain_gang"] == 0, "a superpower can restrain or discount an ally (Waltz 1979)"
    # the behaviour: the aggressor's ally follows it into its crises more often
    assert multi["followed"] > bi["followed"] + 0.1, (multi, bi)
    assert crisis_outcomes("multipolar", DEFENCE)["chain_gang"] < multi["chain_gang"] / 3


def test_c4_without_chain_ganging_the_aggressors_ally_follows_as_often_in_both_twins(behaviours_off):
    multi, bi = crisis_outcomes("multipolar", OFFENCE), crisis_outcomes("bipolar", OFFENCE)
    assert multi["chain_gang"] == bi["chain_gang"] == 0
    assert abs(multi["followed"] - bi["followed"]) < 0.1, (multi, bi)


def test_c4_explanations_give_the_numbers_and_the_citation():
    world = polarity_twin("multipolar", DEFENCE)
    seen = perceive(world)
    found = {}
    for seed in range(60):
        w = world.copy()
        for e in resolve_crises(w, seen, np.random.default_rng(seed), seen.walt_threat):
            found.setdefault(e.kind, e)
    w = polarity_twin("multipolar", OFFENCE)
    seen = perceive(w)
    for seed in range(60):
        for e in resolve_crises(w.copy(), seen, np.random.default_rng(seed), seen.walt_threat):
            found.setdefault(e.kind, e)
    for kind in ("buck_pass", "chain_gang"):
        text = found[kind].explanation
        assert "Christensen & Snyder 1990" in text and "multipolar, 4 poles" in text, text
        assert "offence dominance" in text and "chance" in text, text
        assert found[kind].values["poles"] == 4
    assert "leaving the cost to" in found["buck_pass"].explanation
