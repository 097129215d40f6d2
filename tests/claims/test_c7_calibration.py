"""C7 realised: abandonment and entrapment in crises follow the risks the charts show
(Snyder 1984; Leeds, Long & Mitchell 2000 for the base rate).

Every call for help quotes the tie's abandonment risk, computed by the risk model for the
world as it stands when the crisis breaks; over many crises the share of calls that went
unanswered in each risk bin is close to the bin's risk. The ablation: the old fixed-rate rule
(answer chance from commitment and offence dominance alone) does not follow the risks.
"""
import numpy as np
import pytest
from crisis_worlds import calibration_world, events_of

from alliance_sandbox.engine import crises
from alliance_sandbox.engine.crises import resolve_crises
from alliance_sandbox.engine.demo import make_world
from alliance_sandbox.engine.perception import perceive
from alliance_sandbox.engine.risk import alliance_risks
from alliance_sandbox.engine.world import Settings

pytestmark = pytest.mark.claims
BINS = (0.0, 0.05, 0.15, 0.3, 0.5, 1.0)
LENSES = ("threat", "power", "security_dilemma", "institutions")


def calibration(offense_dominance, lenses=LENSES, seeds=range(15), turns=8, risk_key="abandonment_risk",
                failed=("abandoned", "buck_pass")):
    """[(bin, calls, mean risk shown, share failed)] over every call in the runs."""
    shown, outcome = [], []
    for lens_id in lenses:
        for e in events_of(calibration_world(offense_dominance), lens_id, seeds, turns):
            if risk_key in e.values:
                shown.append(e.values[risk_key])
                outcome.append(e.kind in failed)
    shown, outcome = np.array(shown), np.array(outcome)
    which = np.digitize(shown, BINS[1:-1])
    return [(BINS[b], int((which == b).sum()), shown[which == b].mean(), outcome[which == b].mean())
            for b in range(len(BINS) - 1) if (which == b).sum() >= 100]


@pytest.mark.parametrize("offense_dominance", [0.2, 0.5, 0.85])
def test_c7_realised_abandonment_follows_the_displayed_risk(offense_dominance):
    table = calibration(offense_dominance)
    assert len(table) >= 3, table
    for low, calls, risk, freq in table:
        assert abs(freq - risk) < 0.1, (low, calls, risk, freq)


@pytest.mark.parametrize("offense_dominance", [0.2, 0.5])
def test_c7_the_old_fixed_rate_rule_does_not_follow_the_risks(offense_dominance, monkeypatch):
    monkeypatch.setattr(crises, "RISK_DRIVEN", False)
    table = calibration(offense_dominance)
    assert max(abs(freq - risk) for _, _, risk, freq in table) > 0.2, table


def test_c7_realised_entrapment_follows_the_displayed_risk():
    """Every partner of an aggressor either follows it in (chain-ganging or entrapment) or
    not; the share that follows, per risk bin, is close to the entrapment risk shown."""
    shown, followed = [], []
    world = calibration_world(0.5)
    for seed in range(400):
        w = world.copy()
        seen = perceive(w)
        risks = alliance_risks(w, seen, seen.walt_threat)
        events = resolve_crises(w, seen, np.random.default_rng(seed), seen.walt_threat)
        for crisis in (e for e in events if e.kind == "crisis"):
            k = world.index[crisis.states[0]]
            target = crisis.states[1]
            joined = {e.states[0] for e in events
                      if "p_drag" in e.values and e.states[1:] == (crisis.states[0], target)}
            for j in np.nonzero(world.tied()[k])[0]:
                if world.ids[j] != target:
                    shown.append(risks.tie_entrapment[j, k])
                    followed.append(world.ids[j] in joined)
    shown, followed = np.array(shown), np.array(followed)
    assert shown.size > 300
    which = np.digitize(shown, BINS[1:-1])
    checked = 0
    for b in range(len(BINS) - 1):
        if (which == b).sum() >= 50:
            checked += 1
            assert abs(followed[which == b].mean() - shown[which == b].mean()) < 0.1
    assert checked >= 2


def test_c7_a_tie_showing_two_percent_almost_never_ends_in_abandonment():
    states = [dict(id="K", capability=30, lon=13, lat=52, offense=0.8, aggression=1.0),
              dict(id="T", capability=10, lon=21, lat=52, offense=0.3, aggression=0.1),
              dict(id="P", capability=20, lon=2, lat=49, offense=0.3, aggression=0.1)]
    world = make_world(states, [("T", "P", "alliance", 0.93)], settings=Settings(crisis_rate=1.0))
    seen = perceive(world)
    t, p = world.index["T"], world.index["P"]
    shown = alliance_risks(world, seen, seen.walt_threat).tie_abandonment[t, p]
    assert 0.01 <= shown <= 0.03
    outcomes = [e.kind for seed in range(1000)
                for e in resolve_crises(world.copy(), seen, np.random.default_rng(seed), seen.walt_threat)
                if e.states[:2] == ("P", "T")]
    assert len(outcomes) > 900
    assert outcomes.count("abandoned") + outcomes.count("buck_pass") <= 0.035 * len(outcomes)


def test_c7_realized_abandonment_and_entrapment_are_logged_with_their_risks():
    kinds = {}
    for e in events_of(calibration_world(0.5), "security_dilemma", range(5), 10):
        kinds.setdefault(e.kind, e)
    assert {"abandoned", "entrapped"} <= set(kinds)
    assert "abandonment risk" in kinds["abandoned"].explanation and "Snyder 1984" in kinds["abandoned"].explanation
    assert "entrapment risk" in kinds["entrapped"].explanation


def test_c7_the_risk_a_call_quotes_is_the_risk_the_charts_show():
    """For the first crisis of a turn, the call's risk is alliance_risks' number for that tie
    (the charts' number) whenever the aggressor is the target's worst threat, as it mostly is."""
    world = calibration_world(0.2)
    seen = perceive(world)
    shown = alliance_risks(world, seen, seen.walt_threat).tie_abandonment
    worst = seen.walt_threat.argmax(axis=1)
    compared = 0
    for seed in range(200):
        events = resolve_crises(world.copy(), seen, np.random.default_rng(seed), seen.walt_threat)
        first = [n for n, e in enumerate(events) if e.kind == "crisis"][:2]
        if not first:
            continue
        end = first[1] if len(first) > 1 else len(events)
        k, i = (world.index[s] for s in events[first[0]].states)
        for e in events[first[0] + 1:end]:
            if "abandonment_risk" in e.values and worst[i] == k:
                j = world.index[e.states[0]]
                assert e.values["abandonment_risk"] == pytest.approx(shown[i, j], abs=1e-6)
                compared += 1
    assert compared > 50
