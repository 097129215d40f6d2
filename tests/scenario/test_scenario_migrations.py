"""Migrations: each step tested alone, and through load_scenario (in memory only)."""
from __future__ import annotations

import copy
import json

import pytest
from scenario_helpers import DATA, snapshot

from alliance_sandbox.engine.world import DEFAULT_COMMITMENT
from alliance_sandbox.scenario import SCHEMA_VERSION, ScenarioError, load_scenario, loads_scenario, validate_data
from alliance_sandbox.scenario.migrations import MIGRATIONS, migrate, v0_to_v1

V0 = {
    "name": "Draft",
    "states": [
        {"id": "A", "name": "Alpha", "power": 5, "lon": 0, "lat": 45, "intentions": 0.7, "_n": 1},
        {"id": "B", "name": "Beta", "power": 3, "lon": 8, "lat": 47},
    ],
    "alliances": [{"a": "A", "b": "B", "strength": 0.9, "since": 1950}],
}


def test_every_old_version_has_a_migration():
    assert sorted(MIGRATIONS) == list(range(SCHEMA_VERSION))


# ---------------------------------------------------------------- 0 -> 1 alone


def test_v0_to_v1_renames_state_fields_in_place_order():
    out = v0_to_v1(copy.deepcopy(V0))
    assert list(out["states"][0]) == ["id", "name", "capability", "lon", "lat", "aggression", "_n"]
    assert out["states"][0]["capability"] == 5 and out["states"][0]["aggression"] == 0.7
    assert "power" not in out["states"][1] and out["states"][1]["capability"] == 3


def test_v0_to_v1_alliances_become_ties_of_kind_alliance():
    out = v0_to_v1(copy.deepcopy(V0))
    assert "alliances" not in out
    assert out["ties"] == [{"a": "A", "b": "B", "kind": "alliance", "commitment": 0.9, "since": 1950}]
    assert list(out["ties"][0]) == ["a", "b", "kind", "commitment", "since"]


def test_v0_to_v1_alliance_without_strength_gets_the_default_commitment_when_loaded():
    data = copy.deepcopy(V0)
    del data["alliances"][0]["strength"]
    sc = loads_scenario(json.dumps(data))
    assert sc.ties[0].commitment == DEFAULT_COMMITMENT["alliance"]


def test_v0_to_v1_keeps_existing_new_names():
    data = copy.deepcopy(V0)
    data["states"][0]["capability"] = 9  # both names: the new one wins, the old one is reported
    out = v0_to_v1(data)
    assert out["states"][0]["capability"] == 9 and out["states"][0]["power"] == 5
    problems = validate_data(data)
    assert any(p.field == "states[0].power" and "unknown field" in p.reason for p in problems)


def test_v0_to_v1_merges_alliances_into_ties():
    data = copy.deepcopy(V0)
    data["ties"] = [{"a": "A", "b": "B", "kind": "entente"}]
    out = v0_to_v1(data)
    assert [t["kind"] for t in out["ties"]] == ["entente", "alliance"]


@pytest.mark.parametrize("damage", [
    lambda d: d.__setitem__("states", "nope"),
    lambda d: d.__setitem__("states", [1, None, "x"]),
    lambda d: d.__setitem__("alliances", "nope"),
    lambda d: d.__setitem__("alliances", [1, None, {"strength": "x"}]),
    lambda d: (d.__setitem__("ties", 3), d.__setitem__("alliances", [])),
    lambda d: d.clear(),
])
def test_v0_to_v1_never_raises_on_malformed_drafts(damage):
    data = copy.deepcopy(V0)
    damage(data)
    v0_to_v1(data)
    with pytest.raises(ScenarioError):
        loads_scenario(json.dumps(data))


def test_migrate_does_not_touch_its_input():
    data = copy.deepcopy(V0)
    out = migrate(data, 0)
    assert data == V0
    assert out["schema_version"] == SCHEMA_VERSION


# ---------------------------------------------------------------- through loading


def test_file_without_version_is_migrated_in_memory_only():
    path = DATA / "draft_v0.json"
    before = snapshot(path)
    sc = load_scenario(path)
    assert snapshot(path) == before
    assert sc.migrated_from == 0
    assert [s.capability for s in sc.states] == [5.0, 3.0, 2.0]
    assert sc.state("A").aggression == 0.7 and sc.state("B").aggression == 0.5
    assert [(t.a, t.b, t.kind, t.commitment) for t in sc.ties] == [
        ("B", "C", "alliance", 0.9), ("A", "C", "alliance", DEFAULT_COMMITMENT["alliance"])]


def test_explicit_version_0_is_migrated():
    data = dict(copy.deepcopy(V0), schema_version=0)
    sc = loads_scenario(json.dumps(data))
    assert sc.migrated_from == 0 and sc.states[0].capability == 5.0


def test_current_version_is_not_marked_migrated():
    assert load_scenario(DATA / "europe_1914.json").migrated_from is None


def test_problems_in_a_migrated_file_say_so_first():
    data = copy.deepcopy(V0)
    data["states"][1]["power"] = -3
    with pytest.raises(ScenarioError) as info:
        loads_scenario(json.dumps(data), source="old.json")
    first, second = info.value.problems[:2]
    assert first.field == "schema_version" and first.reason.startswith("missing, so the file was read as format "
                                                                        "version 0 and converted to 1")
    assert second.field == "states[1].capability" and second.reason == "must be between 0 and 1000000000, got -3"


def test_saving_a_migrated_scenario_writes_the_current_version(tmp_path):
    from alliance_sandbox.scenario import save_scenario

    sc = load_scenario(DATA / "draft_v0.json")
    out = save_scenario(sc, tmp_path / "new.json")
    assert sc.migrated_from is None and sc.path == out
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema_version"] == SCHEMA_VERSION and "alliances" not in data
    assert load_scenario(out) == load_scenario(DATA / "draft_v0.json")
