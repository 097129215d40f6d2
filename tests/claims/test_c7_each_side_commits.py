"""C7: commitment belongs to each side of a tie, so one state's choice shows (Snyder 1997).

Snyder (1997, Alliance Politics, ch. 6; 1984: 471-477): in an asymmetric alliance the more
dependent partner fears abandonment more and commits more firmly; the less dependent one
holds back, fearing entrapment in its client's quarrels. Under the alliance-security-dilemma
lens, East Asia 2016: Japan, South Korea and Australia come to be more committed to the
United States than it is to them. Ablation: with both sides moved together by the mutual
desire (`dynamics.PER_SIDE = False`, the rule before, and crises teaching both sides one lesson,
`crises.PER_SIDE_LESSONS = False`), no side differs from the other.
"""
from pathlib import Path

import numpy as np
import pytest
from crisis_worlds import calibration_world

from alliance_sandbox.engine import crises, dynamics
from alliance_sandbox.engine.crises import resolve_crises
from alliance_sandbox.engine.perception import perceive
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
    monkeypatch.setattr(crises, "PER_SIDE_LESSONS", False)  # crises teach each side too (below)
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



def crisis_lessons(seeds=range(60)) -> dict[str, tuple[float, float]]:
    """One crisis turn per world (the calibration world, crises every turn), straight from
    `resolve_crises`, before any tie rule runs: for each outcome, how the other side's pledge
    (the target's, or for an entrapment the aggressor's) moved and how the partner's own
    pledge moved, on average over the first call and the first entrapment of each world."""
    moves: dict[str, list[tuple[float, float]]] = {}
    base = calibration_world()
    for seed in seeds:
        w = base.copy()
        rng = np.random.default_rng(seed)
        # the two sides differ at the start, so a rule that sets both to one value shows
        jitter = rng.uniform(-0.04, 0.04, w.commitment.shape)
        w.commitment = np.where(w.tied(), np.clip(w.commitment + jitter, 0.05, 1.0), 0.0)
        before = w.commitment.copy()
        seen = perceive(w)
        events = resolve_crises(w, seen, rng, seen.walt_threat)
        calls = [e for e in events if "abandonment_risk" in e.values]  # a target's calls for help
        dragged = [e for e in events if e.kind == "entrapped"]  # an aggressor's partner, (partner, aggressor)
        # one event per world: a second one of the turn could move the same tie again
        for event in calls[:1] + dragged[:1]:
            partner, other = (w.index[s] for s in event.states[:2])
            moves.setdefault(event.kind, []).append(
                (w.commitment[other, partner] - before[other, partner],
                 w.commitment[partner, other] - before[partner, other]))
    return {kind: (float(np.mean([a for a, _ in pairs])), float(np.mean([b for _, b in pairs])))
            for kind, pairs in moves.items()}


def test_each_side_learns_its_own_lesson_from_a_crisis(monkeypatch):
    """Snyder (1984: 467): a state let down by its ally hedges, loosening its own pledge; the
    defector's pledge sags less; an honoured call firms both, each from its own value.
    Ablation `crises.PER_SIDE_LESSONS = False`: both sides are set to one value, so a failed
    call moves the target's pledge and the partner's (from its own start) alike in sign but
    erases the difference between them, and an entrapped partner keeps its pledge."""
    lessons = crisis_lessons()
    target_moved, partner_moved = lessons["abandoned"]
    assert target_moved == pytest.approx(-crises.FAILED_SHAKES, abs=0.01)
    assert partner_moved == pytest.approx(-crises.DEFECTOR_SHAKES, abs=0.01)
    assert lessons["honoured"][0] == pytest.approx(crises.HONOURED_FIRMS, abs=0.01)
    assert lessons["honoured"][1] == pytest.approx(crises.HONOURED_FIRMS, abs=0.01)
    aggressor_moved, entrapped_moved = lessons["entrapped"]  # the dragged partner loosens, the aggressor not
    assert entrapped_moved == pytest.approx(-crises.ENTRAPPED_LOOSENS, abs=0.01)
    assert aggressor_moved == pytest.approx(0.0, abs=0.005)

    monkeypatch.setattr(crises, "PER_SIDE_LESSONS", False)
    lessons = crisis_lessons()
    target_moved, partner_moved = lessons["abandoned"]
    assert target_moved == pytest.approx(-crises.FAILED_SHAKES, abs=0.01)
    assert partner_moved != pytest.approx(-crises.DEFECTOR_SHAKES, abs=0.01)
    assert lessons["entrapped"][1] > -crises.ENTRAPPED_LOOSENS / 2  # (other crises of the turn move it a little)
