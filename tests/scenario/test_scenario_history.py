"""The optional `history` field: what actually happened, checked like every other field."""
from __future__ import annotations

import copy
import json

import jsonschema
import pytest

from alliance_sandbox.scenario import json_schema, loads_scenario, validate_data

BASE = {
    "schema_version": 1, "name": "h", "start_year": 1900,
    "states": [
        {"id": "A", "name": "A", "capability": 1, "lon": 0, "lat": 0},
        {"id": "B", "name": "B", "capability": 1, "lon": 1, "lat": 0},
        {"id": "C", "name": "C", "capability": 1, "lon": 2, "lat": 0},
    ],
    "history": [
        {"year": 1905, "ties": [{"a": "A", "b": "B", "kind": "alliance"}], "notes": "n", "sources": ["s"]},
        {"year": 1910, "ties": []},
    ],
}


def data(**top):
    d = copy.deepcopy(BASE)
    d.update(top)
    return d


def problems(d) -> list[str]:
    return [f"{p.field}: {p.reason}" for p in validate_data(d, "x.json")]


def test_a_valid_history_loads_with_its_notes():
    sc = loads_scenario(json.dumps(data()))
    assert [e.year for e in sc.history] == [1905, 1910]
    assert (sc.history[0].ties[0].a, sc.history[0].ties[0].kind) == ("A", "alliance")
    assert sc.history[0].extra == {"notes": "n", "sources": ["s"]}
    jsonschema.validate(data(), json_schema())


def test_a_file_without_history_is_still_valid():
    d = data()
    del d["history"]
    assert loads_scenario(json.dumps(d)).history == []


@pytest.mark.parametrize("change, expected", [
    (lambda d: d["history"][0].update(year=1900), "history[0].year: must be after start_year (1900), got 1900"),
    (lambda d: d["history"][1].update(year=1905), "history[1].year: duplicate year 1905 (also history[0])"),
    (lambda d: d.update(start_year=None), "history[0].year: needs a start_year"),
    (lambda d: d["history"][0]["ties"].append({"a": "A", "b": "Z", "kind": "alliance"}),
     'history[0].ties[1].b: unknown state id "Z"'),
    (lambda d: d["history"][0]["ties"].append({"a": "B", "b": "A", "kind": "entente"}),
     "history[0].ties[1]: duplicate: history[0].ties[0] already pairs"),
    (lambda d: d["history"][0]["ties"].append({"a": "C", "b": "C", "kind": "entente"}),
     "history[0].ties[1].b: a and b are both"),
    (lambda d: d["history"][0]["ties"][0].update(kind="pact"), "history[0].ties[0].kind: must be one of"),
    (lambda d: d["history"][0].pop("ties"), "history[0].ties: missing; required"),
    (lambda d: d["history"][0].update(yaer=1), 'history[0].yaer: unknown field; did you mean "year"?'),
])
def test_history_problems_name_the_field(change, expected):
    d = data()
    change(d)
    found = problems(d)
    assert any(p.startswith(expected) for p in found), found
