"""Demonstrations: each claim C1-C12 of the theory brief, shown by a run (docs/teachers-guide.md).

Small worlds are built in code so each test says what it needs; the bundled scenarios are
used where the claim is about a historical case. Where chance plays a part, several seeds.
"""
import dataclasses
from pathlib import Path

import numpy as np
import pytest

from alliance_sandbox.engine.demo import make_world
from alliance_sandbox.engine.simulation import Simulation
from alliance_sandbox.engine.world import Settings, Shock, tie_code
from alliance_sandbox.lenses import get_lens
from alliance_sandbox.scenario import build_world, load_scenario

pytestmark = pytest.mark.claims
SCENARIOS = Path(__file__).resolve().parents[2] / "assets" / "scenarios"
SEEDS = range(5)


def rising_power_world(**changes):
    """One rising aggressive great power (A), two status-quo great powers, three small states."""
    states = {
        "A": dict(id="A", capability=30, lon=13.4, lat=52.5, offense=0.8, aggression=0.8, satisfaction=-0.6),
        "B": dict(id="B", capability=20, lon=2.3, lat=48.9, offense=0.4, aggression=0.2, satisfaction=0.5),
        "C": dict(id="C", capability=20, lon=30.5, lat=50.4, offense=0.4, aggression=0.2, satisfaction=0.4),
        "D": dict(id="D", capability=8, lon=21.0, lat=52.2, offense=0.3, aggression=0.1, satisfaction=0.5),
        "E": dict(id="E", capability=8, lon=14.4, lat=50.1, offense=0.3, aggression=0.1, satisfaction=0.5),
        "F": dict(id="F", capability=8, lon=-60.0, lat=-20.0, offense=0.3, aggression=0.1, satisfaction=0.5),
    }
    for sid, fields in changes.items():
        states[sid].update(fields)
    return make_world(list(states.values()))


def partners(world, sid):
    i = world.index[sid]
    return {world.ids[j] for j in np.nonzero(world.tied()[i])[0]}


def run(world, lens_id, seed, turns, shocks=()):
    sim = Simulation(world, get_lens(lens_id), seed=seed, shocks=shocks)
    sim.run(turns)
    return sim


# C1: weak states ally for protection; strong states ally to counter other strong states
@pytest.mark.parametrize("seed", SEEDS)
def test_c1_neighbours_seek_protection_and_great_powers_counter_the_riser(seed):
    world = run(rising_power_world(), "threat", seed, 8).world
    assert "C" in partners(world, "B"), "the other great powers align against the rising power"
    for small in ("D", "E"):
        assert partners(world, small), f"{small}, a small neighbour of A, seeks protection"
        assert "A" not in partners(world, small)
    assert not partners(world, "A")
    # ablation: the riser loses its threat (no offensive capability, no aggression): no one balances
    calm = run(rising_power_world(A=dict(aggression=0.0, offense=0.0)), "threat", seed, 8).world
    assert "C" not in partners(calm, "B") and not partners(calm, "D") - {"A"}


# C2: under the power lens capability alone drives choices
def test_c2_power_lens_decisions_ignore_intentions_distance_and_offense():
    """Crises (which need aggression) are switched off: what is left is the lens's choice."""
    calm = rising_power_world(A=dict(aggression=0.0, offense=0.0, lon=-100.0, lat=40.0))
    worlds = []
    for world in (rising_power_world(), calm):
        world.settings = Settings(crisis_rate=0.0)
        worlds.append(run(world, "power", 3, 10).world)
    assert worlds[0].tie_list()
    assert np.array_equal(worlds[0].tie_kind, worlds[1].tie_kind)
    assert np.allclose(worlds[0].commitment, worlds[1].commitment)
    # the same change does alter choices under a lens that reads intentions and distance
    threat = [run(world, "threat", 3, 10).world for world in (rising_power_world(), calm)]
    assert not np.array_equal(threat[0].tie_kind, threat[1].tie_kind)


@pytest.mark.parametrize("seed", SEEDS)
def test_c2_raising_one_capability_pulls_the_others_into_a_counter_bloc(seed):
    even = [dict(id=s, capability=10, lon=lon, lat=45, aggression=0.3) for s, lon in zip("PQRST", range(0, 50, 10))]
    sim = Simulation(make_world(even), get_lens("power"), seed=seed)
    sim.run(6)
    had = partners(sim.world, "P")
    control = Simulation(sim.world, get_lens("power"), seed=seed)
    sim.set_state(0, capability=60.0)  # P becomes dominant
    sim.run(8)
    w = sim.world
    assert not partners(w, "P"), "nobody allies with the dominant state"
    bloc = max(w.blocs(), key=len)
    assert len(bloc) >= 3 and w.index["P"] not in bloc
    # ablation: without the rise, P keeps partners
    control.run(8)
    assert not had or partners(control.world, "P")


# C3: internal balancing is more reliable, but costly and slow
def test_c3_threatened_states_arm_paying_now_and_receiving_later():
    settings = Settings(arming_lag=2, crisis_rate=0.0, growth_noise=0.0)
    world = rising_power_world()
    world.settings = settings
    world.arming = np.zeros((world.n, 2))
    sim = Simulation(world, get_lens("threat"), seed=0)
    d = sim.world.index["D"]
    start = sim.world.capability[d]
    first = sim.step()
    assert any(e.kind == "arm" and e.states == ("D",) for e in first.events)
    assert sim.world.capability[d] < start, "arming costs capability now"
    sim.run(3)
    assert sim.world.capability[d] > start, "and delivers more after the lag"
    text = next(e for e in first.events if e.kind == "arm" and e.states == ("D",)).explanation
    assert "in 2 turns" in text and "pays" in text and "its allies cover" in text
    # ablation: with arming switched off (rate 0) D's capability does not move (no noise here)
    world = rising_power_world()
    world.settings = Settings(arming_lag=2, crisis_rate=0.0, growth_noise=0.0, arming_rate=0.0)
    flat = Simulation(world, get_lens("threat"), seed=0)
    flat.run(4)
    assert flat.world.capability[d] == pytest.approx(start)


def test_c3_arming_has_diminishing_returns_and_capabilities_stay_bounded():
    """No built-in profit: the world's total stays put, and a long arms race cannot blow up."""
    world = rising_power_world()
    world.settings = Settings(crisis_rate=0.0)
    total = world.capability.sum()
    sim = run(world, "threat", 0, 300)
    assert sim.world.capability.sum() == pytest.approx(total)
    assert np.all(np.isfinite(sim.world.capability)) and sim.world.share.max() < 0.99


def test_c3_allies_sometimes_fail_to_answer_but_own_arms_always_arrive():
    answered = failed = 0
    for seed in range(20):
        world = rising_power_world()
        world.settings = Settings(crisis_rate=1.0)
        sim = run(world, "threat", seed, 10)
        for record in sim.history:
            answered += sum(e.kind in ("honoured", "entrapped", "chain_gang") for e in record.events)
            failed += sum(e.kind in ("abandoned", "buck_pass") for e in record.events)
    assert answered > 0 and failed > 0


# C4: tests/claims/test_c4_*.py


# C5: balance of threat: proximity, offense and intentions decide; bandwagoning when safe
@pytest.mark.parametrize("seed", SEEDS)
def test_c5_moving_a_small_state_next_to_the_aggressor_makes_it_balance_and_calming_undoes_it(seed):
    sim = Simulation(rising_power_world(), get_lens("threat"), seed=seed)
    sim.run(6)
    f = sim.world.index["F"]
    far_partners = partners(sim.world, "F")
    assert not (far_partners & {"B", "C"}), "far away, F has no reason to balance A"
    sim.set_state(f, lon=18.0, lat=54.0)  # dragged next to A
    sim.run(6)
    assert partners(sim.world, "F") & {"B", "C", "D", "E"}, "next to A, F joins A's rivals"
    assert "A" not in partners(sim.world, "F")
    sim.set_state(sim.world.index["A"], aggression=0.02)
    sim.run(10)
    assert not partners(sim.world, "F") & {"B", "C", "D", "E"}, "with A's intentions benign, it leaves"


def test_c5_explanations_show_the_four_factors():
    record = run(rising_power_world(), "threat", 0, 1).history[1]
    formed = [e for e in record.events if e.kind == "form"]
    assert formed
    for factor in ("capability", "proximity", "offense", "intentions"):
        assert factor in formed[0].explanation


# C6: balance of interests: jackal bandwagoning with a rising revisionist; piling-on
def axis_partners(trend, seeds=range(5), turns=4):
    """How many seeds see Italy or Hungary tie with Germany in 1936, Germany's trend set to `trend`."""
    scenario = load_scenario(SCENARIOS / "europe-1936.json")
    joined = 0
    for seed in seeds:
        world = build_world(scenario)
        world.trend[world.index["GMY"]] = trend
        world.settings = dataclasses.replace(world.settings, growth_noise=0.0)
        sim = Simulation(world, get_lens("interest"), seed=seed, shocks=scenario.shocks)
        sim.run(turns)
        joined += bool(partners(sim.world, "GMY") & {"ITA", "HUN"})
    return joined


def test_c6_revisionists_bandwagon_with_a_rising_revisionist_and_not_with_a_declining_one(monkeypatch):
    """Germany rose fast from 1931 to 1936 (COW CINC); Italy and Hungary, revisionists, join it
    for a share of the gains (Schweller 1994). The same Germany declining draws no jackals, and
    without the jackal term neither does the rising one."""
    assert axis_partners(trend=0.0992) >= 4
    assert axis_partners(trend=-0.1, turns=2) == 0
    import alliance_sandbox.lenses.interest as interest

    monkeypatch.setattr(interest, "JACKAL_WEIGHT", 0.0)
    assert axis_partners(trend=0.0992) == 0


def test_c6_jackal_explanations_name_the_rising_leader_and_its_trend():
    scenario = load_scenario(SCENARIOS / "europe-1936.json")
    sim = Simulation(build_world(scenario), get_lens("interest"), seed=0, shocks=scenario.shocks)
    forms = [e for r in sim.run(4) for e in r.events if e.kind == "form" and "GMY" in e.states]
    assert forms and all(e.explanation.split(": ")[1].startswith("jackal bandwagoning") for e in forms)
    assert all("the stronger, Germany, rising (trend +0.0" in e.explanation for e in forms)


def status_quo_pair():
    """A strong and a weak status-quo state, far from each other, and no revisionist: no threat at all."""
    return make_world([
        dict(id="L", capability=40, lon=0, lat=50, offense=0.3, aggression=0.1, satisfaction=0.9),
        dict(id="S", capability=5, lon=60, lat=10, offense=0.3, aggression=0.1, satisfaction=0.9),
    ])


@pytest.mark.parametrize("seed", range(3))
def test_c6_status_quo_states_pile_on_without_a_threat(seed, monkeypatch):
    """Schweller: compatible goals decide, a threat is not needed; the threat lens sees no reason."""
    assert "L" in partners(run(status_quo_pair(), "interest", seed, 4).world, "S")
    import alliance_sandbox.lenses.interest as interest

    monkeypatch.setattr(interest, "PILE_ON_WEIGHT", 0.0)
    assert not partners(run(status_quo_pair(), "interest", seed, 4).world, "S")


# C7, C8: tests/claims/test_c7_*.py, tests/claims/test_c8_*.py


# C9-C11: after the common threat collapses
def cold_war(**rival):
    nato = ["USA", "UKG", "FRN", "GFR", "ITA"]
    states = [
        dict(id="USA", capability=30, lon=-77, lat=39, offense=0.7, aggression=0.3, satisfaction=0.6),
        dict(id="UKG", capability=8, lon=-0.1, lat=51.5, offense=0.5, aggression=0.2, satisfaction=0.6),
        dict(id="FRN", capability=7, lon=2.3, lat=48.9, offense=0.5, aggression=0.2, satisfaction=0.5),
        dict(id="GFR", capability=8, lon=7.1, lat=50.7, offense=0.4, aggression=0.1, satisfaction=0.5),
        dict(id="ITA", capability=4, lon=12.5, lat=41.9, offense=0.4, aggression=0.1, satisfaction=0.5),
        dict(id="RUS", capability=28, lon=37.6, lat=55.8, offense=0.8, aggression=0.7, satisfaction=-0.5, **rival),
    ]
    ties = [(a, b, "alliance", 0.8, 1949) for k, a in enumerate(nato) for b in nato[k + 1:]]
    affinity = [(a, b, 0.5) for k, a in enumerate(nato) for b in nato[k + 1:]]
    return make_world(states, ties, affinity, start_year=1989)


COLLAPSE = [Shock(5, "RUS", {"capability": 6.0, "aggression": 0.1, "offense": 0.3})]


def transatlantic_ties(world):
    return partners(world, "USA") & {"UKG", "FRN", "GFR", "ITA"}


def transatlantic_commitments(world):
    """The US's partners in ties firmer than a loose alignment: what is left of the alliance.

    Why not every tie: a small state that fears no one may later bandwagon with the strongest
    in a loose alignment (Walt 1987, C5); that is not the old alliance persisting.
    """
    usa = world.index["USA"]
    return {sid for sid in transatlantic_ties(world) if world.tie_kind[usa, world.index[sid]] != tie_code("alignment")}


@pytest.mark.parametrize("lens_id", ["power", "threat", "institutions", "identity"])
def test_c9_c11_the_alliance_holds_while_the_threat_lasts(lens_id):
    for seed in SEEDS:
        sim = run(cold_war(), lens_id, seed, 4, COLLAPSE)
        assert all(transatlantic_ties(r.world) == {"UKG", "FRN", "GFR", "ITA"} for r in sim.history)


@pytest.mark.parametrize("lens_id", ["power", "threat"])
def test_c9_realists_see_the_alliance_dissolve_within_a_few_turns_of_the_collapse(lens_id):
    for seed in SEEDS:
        world = run(cold_war(), lens_id, seed, 4 + 6, COLLAPSE).world
        assert not transatlantic_commitments(world), f"seed {seed}: NATO's transatlantic ties should be gone"
        # ablation: no collapse, the threat lasts, the alliance stays
        assert transatlantic_commitments(run(cold_war(), lens_id, seed, 4 + 6).world) == {"UKG", "FRN", "GFR", "ITA"}


@pytest.mark.parametrize("lens_id, module, weight", [("institutions", "institutions", "INSTITUTION_WEIGHT"),
                                                     ("identity", "identity", "IDENTITY_WEIGHT")])
def test_c10_c11_institutions_and_identity_keep_the_alliance_after_the_collapse(lens_id, module, weight, monkeypatch):
    for seed in SEEDS:
        world = run(cold_war(), lens_id, seed, 4 + 15, COLLAPSE).world
        assert transatlantic_ties(world) == {"UKG", "FRN", "GFR", "ITA"}
    # ablation: without what the assets (or the shared identity) add, the alliance goes as the realists say
    import importlib

    monkeypatch.setattr(importlib.import_module(f"alliance_sandbox.lenses.{module}"), weight, 0.0)
    gone = sum(not transatlantic_commitments(run(cold_war(), lens_id, seed, 4 + 15, COLLAPSE).world) for seed in SEEDS)
    assert gone >= 3


def test_c11_shared_identity_grows_with_cooperation_among_kindred_states():
    sim = run(cold_war(), "identity", 0, 10, COLLAPSE)
    w0, w1 = sim.history[0].world, sim.world
    usa, ukg = w0.index["USA"], w0.index["UKG"]
    assert w1.identity[usa, ukg] > w0.identity[usa, ukg] > 0
    # ablation: the same tie between estranged partners (affinity -0.5) grows no we-feeling
    cold = cold_war()
    cold.affinity[cold.index["USA"], cold.index["UKG"]] = cold.affinity[cold.index["UKG"], cold.index["USA"]] = -0.5
    estranged = Simulation(cold, get_lens("identity"), seed=0, shocks=COLLAPSE)
    start = estranged.world.identity[usa, ukg]
    estranged.run(10)
    assert estranged.world.identity[usa, ukg] <= start


# NATO after the scripted collapse of 1989, lens by lens: rows 10-13 of docs/predictions.md
# (tests/claims/test_predictions.py).


# C12: the Asian alliances and NATO: the lenses answer differently, and each for its own reason
ASIA = {"JPN", "ROK", "PHI", "AUL", "THI"}


def asian_allies(lens_id, calm=False, seed=0, turns=15):
    """US treaty partners in Asia after `turns`; `calm`: China and North Korea lose their aggression."""
    scenario = load_scenario(SCENARIOS / "east-asia.json")
    world = build_world(scenario)
    if calm:
        for sid in ("CHN", "PRK", "RUS"):
            world.aggression[world.index[sid]] = 0.0
    sim = Simulation(world, get_lens(lens_id), seed=seed, shocks=scenario.shocks)
    sim.run(turns)
    return partners(sim.world, "USA") & ASIA


def test_c12_the_realist_answer_rests_on_the_threat_the_institutional_one_on_the_assets():
    """Why do the US alliances in Asia endure? For Walt because China and North Korea threaten;
    for Wallander because forty years built assets. Take the threat away: the threat lens lets
    the alliances go, the institutions lens keeps them."""
    assert len(asian_allies("threat")) >= 3 and len(asian_allies("institutions")) >= 4
    assert len(asian_allies("threat", calm=True)) <= 1
    assert len(asian_allies("institutions", calm=True)) >= 3


def test_c12_without_its_assets_the_institutions_lens_answers_as_the_realists(monkeypatch):
    import alliance_sandbox.lenses.institutions as institutions

    monkeypatch.setattr(institutions, "INSTITUTION_WEIGHT", 0.0)
    assert len(asian_allies("institutions", calm=True)) <= 1
