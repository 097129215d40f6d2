"""Save/load and Scenario/World round trips, and what build_world makes of a scenario."""
from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest
from scenario_helpers import DATA, doc_minimal_example, example_files, valid_data

from alliance_sandbox.engine.world import DEFAULT_COMMITMENT, STATE_FIELDS, Settings, Shock, World, tie_code
from alliance_sandbox.scenario import (
    AffinitySpec,
    Scenario,
    ScenarioError,
    ShockSpec,
    StateSpec,
    TieSpec,
    build_world,
    load_scenario,
    loads_scenario,
    save_scenario,
    scenario_from_world,
    scenario_to_data,
)
from alliance_sandbox.scenario.fields import SCENARIO_RECORD, STATE_RECORD, TIE_RECORD


def scenarios():
    """(id, Scenario) for every example, the docs' minimal example and the test data."""
    found = [(path.name, load_scenario(path)) for path in example_files()]
    found.append(("docs minimal", loads_scenario(doc_minimal_example())))
    found.append(("VALID", loads_scenario(json.dumps(valid_data()))))
    return found


SCENARIOS = scenarios()
IDS = [name for name, _ in SCENARIOS]


def assert_worlds_equal(w1: World, w2: World) -> None:
    assert w1.ids == w2.ids and w1.names == w2.names and w1.regimes == w2.regimes
    assert w1.settings == w2.settings and w1.turn == w2.turn and w1.start_year == w2.start_year
    for f in dataclasses.fields(World):
        a, b = getattr(w1, f.name), getattr(w2, f.name)
        if isinstance(a, np.ndarray):
            assert a.dtype == b.dtype and a.shape == b.shape, f.name
            np.testing.assert_array_equal(a, b, err_msg=f.name)


@pytest.mark.parametrize("sc", [s for _, s in SCENARIOS], ids=IDS)
def test_load_save_load_is_equal(sc, tmp_path):
    path = save_scenario(sc, tmp_path / "saved.json")
    again = load_scenario(path)
    assert again == sc
    # and saving again writes the same bytes
    text = path.read_bytes()
    save_scenario(again, tmp_path / "saved2.json")
    assert (tmp_path / "saved2.json").read_bytes() == text


@pytest.mark.parametrize("sc", [s for _, s in SCENARIOS], ids=IDS)
def test_world_round_trip(sc):
    world = build_world(sc)
    assert_worlds_equal(build_world(scenario_from_world(world, template=sc)), world)
    assert scenario_from_world(world, template=sc) == sc


def test_scenario_from_world_of_unedited_world_equals_template():
    sc = load_scenario(DATA / "europe_1914.json")
    assert scenario_from_world(build_world(sc), template=sc) == sc


def test_extras_survive_the_round_trip(tmp_path):
    sc = load_scenario(DATA / "europe_1914.json")
    assert sc.extra == {"sources": ["Correlates of War, National Material Capabilities",
                                    "Walt, The Origins of Alliances (1987)"],
                        "_editor": {"zoom": 4, "center": [15, 50]}}
    assert sc.state("RUS").extra == {"notes": "Capital: St Petersburg (Petrograd from 1914)."}
    assert sc.ties[0].extra == {"notes": "Dual Alliance"}
    assert sc.affinity[2].extra == {"notes": "Alsace-Lorraine, lost in 1871"}
    assert isinstance(sc.shocks[0], ShockSpec) and sc.shocks[0].extra == {
        "notes": "Illustrative: a crisis in the Balkans"}
    assert type(sc.shocks[1]) is Shock
    again = load_scenario(save_scenario(sc, tmp_path / "x.json"))
    assert again.extra == sc.extra and again.shocks[0].extra == sc.shocks[0].extra
    # and through a world
    back = scenario_from_world(build_world(sc), template=sc)
    assert back.state("RUS").extra == sc.state("RUS").extra and back.shocks == sc.shocks


def test_shock_spec_compares_equal_to_a_plain_shock():
    assert ShockSpec(3, "A", {"capability": 1.0}) == Shock(3, "A", {"capability": 1.0})
    assert Shock(3, "A", {"capability": 1.0}) == ShockSpec(3, "A", {"capability": 1.0})
    assert ShockSpec(3, "A", {"capability": 1.0}, {"notes": "x"}) != Shock(3, "A", {"capability": 1.0})


def test_data_has_documented_order_and_explicit_defaults():
    sc = loads_scenario(doc_minimal_example())
    data = scenario_to_data(sc)
    assert list(data) == SCENARIO_RECORD.names() + ["notes"]
    assert list(data["states"][1]) == STATE_RECORD.names()
    assert data["states"][1]["offense"] == 0.5 and data["states"][1]["regime"] == ""
    assert list(data["ties"][0]) == TIE_RECORD.names()
    assert data["ties"][0]["commitment"] == DEFAULT_COMMITMENT["alliance"]
    assert data["settings"] == dataclasses.asdict(Settings())
    assert data["lens"] == "threat" and data["seed"] == 0 and data["start_year"] is None
    assert data["affinity"] == [] and data["shocks"] == []


def test_floats_are_rounded_to_six_significant_digits(tmp_path):
    sc = loads_scenario(doc_minimal_example())
    sc.states[0].capability = 1234.56789123
    sc.states[0].lon = 10.000000001
    sc.states[0].satisfaction = -1 / 3
    sc.states[1].capability = 2.5e-9
    sc.states[2].offense = -0.0
    data = scenario_to_data(sc)
    state = data["states"][0]
    assert (state["capability"], state["lon"], state["satisfaction"]) == (1234.57, 10.0, -0.333333)
    assert data["states"][1]["capability"] == 2.5e-9
    assert str(data["states"][2]["offense"]) == "0.0"
    text = save_scenario(sc, tmp_path / "r.json").read_text(encoding="utf-8")
    assert '"capability": 1234.57' in text and "-0.0" not in text


def test_saved_file_has_one_record_per_line(tmp_path):
    sc = load_scenario(DATA / "europe_1914.json")
    lines = save_scenario(sc, tmp_path / "e.json").read_text(encoding="utf-8").splitlines()
    state_lines = [line for line in lines if line.strip().startswith('{"id": ')]
    assert len(state_lines) == len(sc.states)


def test_scenario_to_data_does_not_share_objects():
    sc = load_scenario(DATA / "europe_1914.json")
    data = scenario_to_data(sc)
    data["_editor"]["zoom"] = 99
    data["states"][4]["notes"] = "changed"
    assert sc.extra["_editor"]["zoom"] == 4 and sc.state("RUS").extra["notes"].startswith("Capital")


# ---------------------------------------------------------------- build_world


def test_build_world_fields():
    sc = loads_scenario(json.dumps(valid_data()))
    world = build_world(sc)
    assert world.ids == ["AAA", "BBB", "CCC", "D-4_x"] and world.names[0] == "Aland"
    assert world.turn == 0 and world.start_year == 1900
    assert world.settings == sc.settings and world.settings is not sc.settings
    assert world.settings.arming_lag == 3 and world.arming.shape == (4, 3)
    for name in STATE_FIELDS:
        np.testing.assert_array_equal(getattr(world, name), [getattr(s, name) for s in sc.states])
    assert world.regimes == ["democracy", "democracy", "monarchy", ""]
    i, j = world.index["AAA"], world.index["BBB"]
    assert world.tie_kind[i, j] == world.tie_kind[j, i] == tie_code("alliance")
    assert world.commitment[i, j] == 0.9 and world.tie_since[j, i] == 1890
    k = world.index["CCC"]
    assert world.tie_kind[k, i] == tie_code("alignment") and world.commitment[i, k] == DEFAULT_COMMITMENT["alignment"]
    assert world.tie_since[i, k] == -1
    assert int(world.tied().sum()) == 6  # three ties, both directions
    assert world.tie_kind.dtype == np.int8


def test_build_world_affinity_rule():
    data = valid_data()
    data["states"].append({"id": "EEE", "name": "E", "capability": 1, "lon": 0, "lat": 0, "regime": "democracy"})
    data["settings"]["same_regime_affinity"] = 0.3
    world = build_world(loads_scenario(json.dumps(data)))
    ix = world.index
    aff = world.affinity
    np.testing.assert_array_equal(aff, aff.T)
    np.testing.assert_array_equal(np.diag(aff), 0.0)
    assert aff[ix["AAA"], ix["EEE"]] == 0.3  # same regime, not listed
    assert aff[ix["BBB"], ix["EEE"]] == 0.3
    assert aff[ix["AAA"], ix["BBB"]] == 0.0  # same regime, but listed as 0
    assert aff[ix["AAA"], ix["CCC"]] == -0.5  # listed
    assert aff[ix["CCC"], ix["D-4_x"]] == 0.0  # different regimes
    assert aff[ix["D-4_x"], ix["BBB"]] == 0.0  # empty regimes are not "the same"


def test_build_world_refuses_an_invalid_scenario_in_memory():
    sc = loads_scenario(json.dumps(valid_data()))
    sc.states[0].offense = 3.0
    sc.ties.append(TieSpec("AAA", "NOPE", "alliance", 0.5))
    with pytest.raises(ScenarioError) as info:
        build_world(sc)
    fields = {p.field for p in info.value.problems}
    assert fields == {"states[0].offense", "ties[3].b"}


def test_build_world_keeps_unrounded_values():
    sc = loads_scenario(doc_minimal_example())
    sc.states[0].capability = 1 / 3
    assert build_world(sc).capability[0] == 1 / 3


# ---------------------------------------------------------------- scenario_from_world


def test_scenario_from_an_edited_world():
    sc = load_scenario(DATA / "europe_1914.json")
    world = build_world(sc)
    ix = world.index
    world.lon[ix["GER"]] = 10.0
    world.capability[ix["RUS"]] = 0.2
    world.remove_tie(ix["GER"], ix["ITA"])
    world.set_tie(ix["GBR"], ix["GER"], "entente", 0.3, since=1912)
    world.set_tie(ix["RUS"], ix["FRA"], "coalition", 0.6)  # changed kind, template's orientation kept
    world.affinity[ix["GBR"], ix["OTT"]] = world.affinity[ix["OTT"], ix["GBR"]] = -0.25
    world.turn = 5
    new = scenario_from_world(world, template=sc, lens="power")
    assert new.name == sc.name and new.seed == sc.seed and new.description == sc.description
    assert new.lens == "power" and sc.lens == "threat"
    assert new.shocks == sc.shocks and new.extra == sc.extra
    assert new.state("GER").lon == 10.0 and new.state("RUS").capability == 0.2
    pairs = [(t.a, t.b, t.kind) for t in new.ties]
    assert ("GER", "ITA", "alliance") not in pairs
    assert ("FRA", "RUS", "coalition") in pairs
    assert pairs[-1] == ("GER", "GBR", "entente") and new.ties[-1].since == 1912
    assert new.ties[0].extra == {"notes": "Dual Alliance"}
    assert AffinitySpec("GBR", "OTT", -0.25) in new.affinity
    assert [a.extra for a in new.affinity[:4]] == [a.extra for a in sc.affinity]
    assert_worlds_equal(build_world(new), dataclasses.replace(world.copy(), turn=0))


def test_scenario_from_world_without_template():
    sc = loads_scenario(json.dumps(valid_data()))
    new = scenario_from_world(build_world(sc))
    assert new.name == "Untitled" and new.lens == "threat" and new.shocks == [] and new.extra == {}
    assert new.states == sc.states and new.settings == sc.settings
    assert_worlds_equal(build_world(new), build_world(sc))
    assert scenario_from_world(build_world(sc), lens="identity").lens == "identity"


def test_scenario_from_world_drops_shocks_of_states_that_are_gone():
    sc = loads_scenario(json.dumps(valid_data()))
    smaller = Scenario(name="x", states=[s for s in sc.states if s.id != "CCC"])
    new = scenario_from_world(build_world(smaller), template=sc)
    assert new.shocks == [] and [s.id for s in new.states] == ["AAA", "BBB", "D-4_x"]


def test_scenario_made_in_code_saves_and_loads(tmp_path):
    sc = Scenario(
        name="Made in code",
        states=[StateSpec("X", "Ex", 1.0, 0.0, 0.0), StateSpec("Y", "Why", np.float64(2.0), 1.0, 1.0)],
        ties=[TieSpec("X", "Y", "entente", 0.4, since=np.int64(2001))],
        shocks=[Shock(2, "Y", {"capability": np.float64(0.5)})],
    )
    again = load_scenario(save_scenario(sc, tmp_path / "c.json"))
    assert again == sc and again.path == tmp_path / "c.json"
