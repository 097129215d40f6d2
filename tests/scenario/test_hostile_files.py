"""Files made to break the reader: refused with `file: field: reason`, never a traceback.

Deep nesting, text that cannot be saved, numbers beyond each field's range, files beyond
the limits on states and ties, and files with thousands of problems (the check stops at
MAX_PROBLEMS, so they are refused as fast as a file with one)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from scenario_helpers import ROOT, dumps, valid_data

from alliance_sandbox.engine.world import MAX_CAPABILITY
from alliance_sandbox.scenario import ScenarioError, load_scenario, save_scenario
from alliance_sandbox.scenario.fields import MAX_DEPTH, MAX_PROBLEMS, MAX_STATES, MAX_TIES


def problems(path) -> list:
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    return info.value.problems


def validate_cli(path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "alliance_sandbox.cli", "validate", str(path)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


@pytest.mark.parametrize("levels", [MAX_DEPTH, 500, 989, 5_000, 200_000])
def test_deep_nesting_in_an_authors_notes_is_refused_with_its_path(write, levels):
    data = valid_data()
    text = dumps(data).replace('"for tests"', '"for tests", "_deep": ' + "[" * levels + "]" * levels, 1)
    path = write(text)
    found = problems(path)
    assert len(found) == 1
    if found[0].field == "(json)":  # beyond what the JSON parser itself will nest (about 1,000)
        assert levels > 500 and "nested too deeply" in found[0].reason
    else:
        assert found[0].field.startswith("_deep[0][0]")
        assert found[0].reason.startswith(f"nested more than {MAX_DEPTH} levels deep")
    result = validate_cli(path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{path}: ")


def test_the_format_itself_is_within_the_depth_limit(write):
    data = valid_data()
    data["states"][0]["_notes"] = {"a": {"b": {"c": [1, [2, [3]]]}}}
    assert load_scenario(write(dumps(data))).states[0].extra["_notes"]["a"]["b"]["c"][1][1] == [3]


@pytest.mark.parametrize("where, field", [
    (("states", 0, "name"), "states[0].name"),
    (("name",), "name"),
    (("states", 1, "regime"), "states[1].regime"),
    (("states", 0, "_note"), "states[0]._note"),
])
def test_a_lone_surrogate_is_refused_where_it_is(write, where, field):
    data = valid_data()
    target = data
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = "Prussia \ud800"
    path = write(json.dumps(data))  # ensure_ascii: the file holds the escape "\\ud800", valid JSON
    found = problems(path)
    assert [(p.field, "lone surrogate" in p.reason) for p in found] == [(field, True)]
    assert "\\ud800" in str(found[0])
    result = validate_cli(path)
    assert result.returncode == 2 and "Traceback" not in result.stderr and "lone surrogate" in result.stderr


def test_a_lone_surrogate_in_a_key_is_refused(write):
    text = dumps(valid_data()).replace('"description"', '"_n\\udc80": 1, "description"', 1)
    (problem,) = problems(write(text))
    assert problem.field == '["_n\\udc80"]' and "the key contains a lone surrogate" in problem.reason


def test_what_loads_can_be_saved(write, tmp_path):
    data = valid_data()
    data["states"][0]["name"] = "Österreich-Ungarn 🇦🇹 \u200b"  # odd but real text
    scenario = load_scenario(write(json.dumps(data)))
    save_scenario(scenario, tmp_path / "again.json")
    assert load_scenario(tmp_path / "again.json") == scenario


@pytest.mark.parametrize("value", [1.7e308, MAX_CAPABILITY * 1.0001, 10**400])
def test_capabilities_beyond_the_documented_maximum_are_refused(write, value):
    data = valid_data()
    data["states"][0]["capability"] = value
    (problem,) = problems(write(dumps(data)))
    assert problem.field == "states[0].capability"
    assert problem.reason.startswith(f"must be between 0 and {int(MAX_CAPABILITY)}")


def test_a_world_at_the_maximum_keeps_finite_shares(write):
    from alliance_sandbox.scenario import build_world

    data = valid_data()
    for state in data["states"]:
        state["capability"] = MAX_CAPABILITY
    world = build_world(load_scenario(write(dumps(data))))
    assert abs(world.share.sum() - 1) < 1e-12


def _states(n):
    return [{"id": f"S{i}", "name": f"S{i}", "capability": 1, "lon": 0, "lat": 0} for i in range(n)]


def test_too_many_states_or_ties_are_refused_at_once(write):
    data = {"schema_version": 1, "name": "big", "states": _states(MAX_STATES + 1)}
    (problem,) = problems(write(json.dumps(data)))
    assert (problem.field, problem.reason) == ("states", f"must have at most {MAX_STATES} items, got {MAX_STATES + 1}")
    data = {"schema_version": 1, "name": "dense", "states": _states(200),
            "ties": [{"a": "S0", "b": "nobody", "kind": "pact"}] * (MAX_TIES + 1)}
    (problem,) = problems(write(json.dumps(data)))  # not one problem per tie: refused as a whole
    assert (problem.field, problem.reason) == ("ties", f"must have at most {MAX_TIES} items, got {MAX_TIES + 1}")


def test_a_file_with_20000_problems_reports_the_first_ones(write):
    data = {"schema_version": 1, "name": "bad", "states": _states(400),
            "ties": [{"a": f"S{i % 400}", "b": f"X{i}", "kind": "allience", "commitment": 2} for i in range(5000)]}
    found = problems(write(json.dumps(data)))
    assert len(found) == MAX_PROBLEMS + 1
    assert found[0].field == "ties[0].kind" and 'did you mean "alliance"?' in found[0].reason
    assert found[-1].reason.startswith(f"checking stopped after {MAX_PROBLEMS} problems")


@pytest.mark.skipif(sys.platform != "linux", reason="file names as raw bytes")
def test_a_file_name_that_is_not_utf8_is_reported_and_printed(tmp_path):
    good = valid_data()
    folder = os.fsencode(tmp_path)
    for name, data in ((b"caf\xe9.json", good), (b"bad\xff.json", dict(good, lens="nope"))):
        with open(os.path.join(folder, name), "w", encoding="utf-8") as handle:
            json.dump(data, handle)
    ok = validate_cli(os.fsdecode(os.path.join(folder, b"caf\xe9.json")))
    assert ok.returncode == 0 and "caf\\udce9.json: ok:" in ok.stdout, ok.stderr
    bad = validate_cli(os.fsdecode(os.path.join(folder, b"bad\xff.json")))
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert "bad\\udcff.json: lens: must be one of" in bad.stderr
