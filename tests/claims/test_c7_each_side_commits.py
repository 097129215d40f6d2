"""C7: commitment belongs to each side of a tie, so one state's choice shows (Snyder 1997).

Snyder (1997, Alliance Politics, ch. 6; 1984: 471-477): in an asymmetric alliance the more
dependent partner fears abandonment more and commits more firmly; the less dependent one
holds back, fearing entrapment in its client's quarrels. Under the alliance-security-dilemma
lens, East Asia 2016: Japan, South Korea and Australia come to be more committed to the
United States than it is to them. Ablation: with both sides moved together by the mutual
desire (`dynamics.PER_SIDE = False`, the rule before), no side differs from the other.
"""
from pathlib import Path

import pytest

from alliance_sandbox.engine import dynamics
from alliance_sandbox.engine.simulation import Simulation
from alliance_sandbox.lenses import get_lens
from alliance_sandbox.scenario import build_world, load_scenario
from alliance_sandbox.ui.caption_band import headline

pytestmark = pytest.mark.claims
SCENARIOS = Path(__file__).resolve().parents[2] / "assets" / "scenarios"


def who_commits_more(case: str, lens: str, seeds=range(3), turns: int = 5) -> tuple[int, int]:
    """Over the asymmetric ties (one side at least twice the other's capability) after `turns`:
    (ties where the minor partner is the more committed, ties where the major one is)."""
    scenario = load_scenario(SCENARIOS / f"{case}.json")
    minor = major = 0
    for seed in seeds:
        sim = Simulation(build_world(scenario), get_lens(lens), seed=seed, shocks=scenario.shocks)
        sim.run(turns)
        w = sim.world
        for i, j in w.tie_list():
            a, b = (i, j) if w.share[i] < w.share[j] else (j, i)
            if w.share[b] < 2 * w.share[a]:
                continue
            minor += bool(w.commitment[a, b] > w.commitment[b, a] + 0.005)
            major += bool(w.commitment[b, a] > w.commitment[a, b] + 0.005)
    return minor, major


def test_the_more_dependent_partner_commits_more(monkeypatch):
    minor, major = who_commits_more("east-asia", "security_dilemma")
    assert minor >= 6 and minor > 4 * major, (minor, major)
    monkeypatch.setattr(dynamics, "PER_SIDE", False)
    assert who_commits_more("east-asia", "security_dilemma") == (0, 0)


def test_the_log_names_the_side_that_moved():
    scenario = load_scenario(SCENARIOS / "east-asia.json")
    sim = Simulation(build_world(scenario), get_lens("security_dilemma"), seed=0, shocks=scenario.shocks)
    events = [e for record in sim.run(4) for e in record.events if e.kind in ("tighten", "loosen")]
    one_sided = [e for e in events if "'s " in e.explanation.split(")")[0]]  # "(0.65, Japan's 0.55)"
    assert one_sided, "some tie moved on one side only"
    for e in one_sided:
        w = sim.world
        assert e.explanation.startswith(w.names[w.index[e.states[0]]])  # the actor is the side that moved
        assert headline(e.explanation).endswith(w.names[w.index[e.states[1]]])  # the caption reads whole


def test_firming_one_s_own_commitment_trades_abandonment_for_entrapment(monkeypatch):
    """Snyder (1984: 467): a state that firms its commitment reassures its ally, so it risks
    abandonment less, and is bound to it, so it risks entrapment more. France raises its own
    commitment to Russia in 1914; ablation: without the reassurance (`risk.REASSURANCE = 0`)
    France's abandonment risk does not move, since Russia's own pledge is unchanged."""
    from alliance_sandbox.engine import risk
    from alliance_sandbox.engine.perception import perceive

    def france_s_risks(own: float) -> tuple[float, float]:
        world = build_world(load_scenario(SCENARIOS / "europe-1914.json"))
        f, r = world.index["FRN"], world.index["RUS"]
        world.commitment[f, r] = own
        seen = perceive(world)
        risks = risk.alliance_risks(world, seen, seen.walt_threat)
        return float(risks.tie_abandonment[f, r]), float(risks.tie_entrapment[f, r])

    (ab_low, en_low), (ab_high, en_high) = france_s_risks(0.4), france_s_risks(0.95)
    assert ab_high < ab_low and en_high > en_low
    monkeypatch.setattr(risk, "REASSURANCE", 0.0)
    assert france_s_risks(0.95)[0] == pytest.approx(france_s_risks(0.4)[0])
