"""Property test: malformed variants of the bundled scenarios never break the program.

Each case takes a bundled scenario and mutates it: keys deleted, values of the wrong
type, extreme numbers, arbitrary unicode (lone surrogates included), deep nesting, the
text truncated, bytes overwritten. Every case is either refused cleanly (a ScenarioError
whose every problem names the file, a field and a reason, printable as UTF-8) or it loads,
runs 20 turns under every lens with every number finite, writes what `run --out` writes, and
saves and reloads to the same scenario.

The suite runs a few dozen cases (the `suite` profile in tests/conftest.py, a few seconds);
`pytest tests/scenario/test_fuzz_files.py --hypothesis-profile=long` runs thousands.
"""
from __future__ import annotations

import dataclasses
import json
import math

import numpy as np
from hypothesis import event, given
from hypothesis import strategies as st

from alliance_sandbox import resources
from alliance_sandbox.engine.report import run_to_csv, run_to_json
from alliance_sandbox.engine.simulation import Simulation
from alliance_sandbox.lenses import LENSES, get_lens
from alliance_sandbox.scenario import ScenarioError, build_world, loads_scenario, save_scenario, scenario_to_data

SOURCE = "fuzz.json"
BUNDLED = {path.stem: json.loads(path.read_text(encoding="utf-8"))
           for path in sorted(resources.scenario_dir().glob("*.json"))}
#: Small examples more often: a run of 20 turns under 8 lenses is the slow part.
NAMES = sorted(BUNDLED, key=lambda name: len(BUNDLED[name]["states"]))

EXTREME_NUMBERS = [0, -0.0, -1, 1, 1e-308, 5e-324, 1e-9, 0.999999, 1.000001, 1e9, 1e9 + 1, 1e308, 1.7e308,
                   -1e308, 2**31, 2**53 + 1, 2**63, 2**64, -(2**63), 10**30, float("nan"), float("inf")]
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                    st.sampled_from(EXTREME_NUMBERS), st.text(max_size=20))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                         max_size=3), max_leaves=6)


def _paths(value, here=()):
    """Every place in parsed JSON down to 30 levels: (path to the container, key)."""
    if len(here) > 30:
        return
    if isinstance(value, dict):
        for key, item in value.items():
            yield here, key
            yield from _paths(item, here + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield here, i
            yield from _paths(item, here + (i,))


def _at(data, path):
    for key in path:
        data = data[key]
    return data


@st.composite
def mutated_files(draw) -> bytes:
    data = json.loads(json.dumps(BUNDLED[draw(st.sampled_from(NAMES))]))
    for _ in range(draw(st.integers(1, 3))):
        places = list(_paths(data))
        if not places:
            break
        where, key = draw(st.sampled_from(places))
        parent = _at(data, where)
        kind = draw(st.sampled_from(["delete", "wrong type", "extreme", "unicode", "nest", "add key"]))
        if kind == "delete":
            del parent[key]
        elif kind == "wrong type":
            parent[key] = draw(VALUES)
        elif kind == "extreme":
            parent[key] = draw(st.sampled_from(EXTREME_NUMBERS))
        elif kind == "unicode":
            parent[key] = draw(st.text(st.characters(codec=None), max_size=30))
        elif kind == "nest":
            depth = draw(st.sampled_from([2, 5, 19, 25, 500, 3000]))
            value = parent[key]
            for _ in range(depth):
                value = [value]
            parent[key] = value
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["_x", "notes", "extra", "kind", "id", "settings"]))] = draw(VALUES)
    try:
        text = json.dumps(data, allow_nan=True)
    except RecursionError:
        text = '{"deep": ' + "[" * 5000 + "]" * 5000 + "}"
    raw = text.encode("utf-8")
    ending = draw(st.sampled_from(["whole", "whole", "whole", "truncated", "binary"]))
    if ending == "truncated":
        raw = raw[: draw(st.integers(0, len(raw)))]
    elif ending == "binary":
        raw = bytearray(raw)
        for _ in range(draw(st.integers(1, 8))):
            raw[draw(st.integers(0, len(raw) - 1))] = draw(st.integers(0, 255))
        raw = bytes(raw)
    return raw


def _finite_fields(obj, where: str) -> None:
    """Every number of a dataclass (arrays, floats, nested dataclasses such as the polarity) is finite."""
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if isinstance(value, np.ndarray) and value.dtype.kind in "fc":
            assert np.isfinite(value).all(), f"{where}.{f.name} is not finite"
        elif isinstance(value, (float, np.floating)):
            assert math.isfinite(value), f"{where}.{f.name} = {value}"
        elif dataclasses.is_dataclass(value):
            _finite_fields(value, f"{where}.{f.name}")


def _finite(record) -> None:
    world = record.world
    for name in ("capability", "lon", "lat", "offense", "aggression", "satisfaction", "commitment",
                 "institution", "identity", "arming"):
        assert np.isfinite(getattr(world, name)).all(), f"turn {record.turn}: {name} is not finite"
    _finite_fields(record.risks, f"turn {record.turn}: risks")
    assert math.isfinite(float(world.share.sum())) and abs(world.share.sum() - 1) < 1e-6
    for logged in record.events:
        for key, value in logged.values.items():
            if isinstance(value, (int, float, np.floating)):
                assert math.isfinite(value), f"turn {record.turn}: {logged.kind} {key} = {value}"


@given(mutated_files())
def test_a_mutated_scenario_is_refused_cleanly_or_runs_and_round_trips(tmp_path_factory, raw):
    try:
        scenario = loads_scenario(raw, SOURCE)
    except ScenarioError as error:
        event("refused")
        assert error.problems
        for problem in error.problems:
            assert problem.path == SOURCE and problem.field and problem.reason
            str(problem).encode("utf-8")  # printable, whatever the file held
        return
    event("loaded, ran and round-tripped")
    world = build_world(scenario)
    for lens_id in LENSES:
        sim = Simulation(world, get_lens(lens_id), seed=scenario.seed, shocks=scenario.shocks)
        _finite(sim.history[0])
        for _ in range(20):
            _finite(sim.step())
    json.loads(run_to_json(sim, scenario.name))  # what `run --out` writes: strict JSON, no NaN
    run_to_csv(sim)
    path = tmp_path_factory.mktemp("fuzz") / "saved.json"
    save_scenario(scenario, path)
    again = loads_scenario(path.read_bytes(), SOURCE)
    assert scenario_to_data(again) == scenario_to_data(scenario)
