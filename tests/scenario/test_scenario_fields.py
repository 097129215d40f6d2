"""The field table drives conversion: every field survives file -> World -> file.

The Save trap (issue 12): a field added to fields.py must not be lost when the app turns the
World back into a scenario. `every_field()` sets every field of the table; these tests fail
if any conversion step drops one.
"""
from __future__ import annotations

import dataclasses
import json

import pytest

from alliance_sandbox.engine.world import Settings, Shock
from alliance_sandbox.scenario import build_world, load_scenario, model, save_scenario, scenario_from_world
from alliance_sandbox.scenario.fields import RECORDS, STATE_RECORD
from tests.scenario.every_field import every_field, missing_from, uncovered

#: The model class of each record (shock changes are a plain dict).
MODEL = {
    "scenario": model.Scenario, "settings": Settings, "state": model.StateSpec, "tie": model.TieSpec,
    "affinity": model.AffinitySpec, "shock": Shock, "history": model.HistoryEntry,
    "history_tie": model.HistoryTie,
}


def _write(tmp_path, data, name="every.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("record", [r for r in RECORDS if r.name != "shock_set"], ids=lambda r: r.name)
def test_every_field_of_the_table_has_its_model_attribute(record):
    attributes = {f.name for f in dataclasses.fields(MODEL[record.name])}
    missing = [name for name in record.names() if name != "schema_version" and name not in attributes]
    assert not missing, f"add to {MODEL[record.name].__name__} in scenario/model.py: {missing}"


def test_the_data_covers_every_field():
    assert uncovered(every_field()) == []


def test_every_field_survives_file_world_file(tmp_path):
    data = every_field()
    scenario = load_scenario(_write(tmp_path, data))
    back = scenario_from_world(build_world(scenario), template=scenario)
    saved = save_scenario(back, tmp_path / "back.json")
    assert missing_from(json.loads(saved.read_text(encoding="utf-8")), data) == []


def test_every_world_attribute_of_the_table_is_a_world_column(tmp_path):
    world = build_world(load_scenario(_write(tmp_path, every_field())))
    for spec in STATE_RECORD.fields:
        if spec.world_attr:
            assert len(getattr(world, spec.world_attr)) == world.n, spec.name


def test_world_edits_reach_the_file_and_history_follows_removed_states(tmp_path):
    data = every_field()
    scenario = load_scenario(_write(tmp_path, data))
    world = build_world(scenario)
    world.names[1] = "Renamed"
    world.satisfaction[1] = -0.75
    back = scenario_from_world(world, template=scenario)
    assert (back.states[1].name, back.states[1].satisfaction) == ("Renamed", -0.75)
    assert back.states[1].regime == data["states"][1]["regime"]
    # a smaller world (state A gone): history ties naming A are dropped, the rest kept
    smaller = dataclasses.replace(scenario, states=scenario.states[1:],
                                  ties=[t for t in scenario.ties if "A" not in (t.a, t.b)],
                                  affinity=[a for a in scenario.affinity if "A" not in (a.a, a.b)], history=[])
    small = scenario_from_world(build_world(smaller), template=scenario)
    assert [e.year for e in small.history] == [1905, 1910]
    assert small.history[0].ties == [] and len(small.history[1].ties) == 1
    assert small.history[0].extra == {"notes": ["what happened"], "sources": ["a book"]}
