"""Compact snapshots (engine/snapshots.py) give back exactly what was recorded, and Back with them.

What a user relies on: Back, the timeline and a branch show the very world of that turn, bit
for bit (lens state, trust and risks included), however long the run and whatever happened in
it (shocks, edits, ties made and removed by hand), under every lens.
"""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from alliance_sandbox.engine.demo import random_world
from alliance_sandbox.engine.simulation import Simulation
from alliance_sandbox.engine.snapshots import KEYFRAME_EVERY, Frame
from alliance_sandbox.engine.world import Shock, World
from alliance_sandbox.lenses import LENS_IDS, get_lens


def same_bits(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and a.dtype == b.dtype and a.tobytes() == b.tobytes()


def assert_identical_worlds(a: World, b: World) -> None:
    for f in dataclasses.fields(World):
        x, y = getattr(a, f.name), getattr(b, f.name)
        if isinstance(x, np.ndarray):
            assert same_bits(x, y), f.name
        elif f.name == "lens_state":
            assert x.keys() == y.keys()
            for key in x:
                assert same_bits(np.asarray(x[key]), np.asarray(y[key])), f"lens_state[{key}]"
        else:
            assert x == y, f.name
    assert a.index == b.index


def dense(record) -> tuple[World, dict, np.ndarray]:
    """A full copy of a record's contents, to compare with what it gives back later."""
    risks = {f.name: np.array(getattr(record.risks, f.name)) for f in dataclasses.fields(record.risks)
             if isinstance(getattr(record.risks, f.name), np.ndarray)}
    return record.world.copy(), risks, np.array(record.arm)


def assert_record_is(record, expected) -> None:
    world, risks, arm = expected
    assert_identical_worlds(record.world, world)
    for name, array in risks.items():
        assert same_bits(getattr(record.risks, name), array), name
    assert same_bits(record.arm, arm)


def eventful_run(lens_id: str, seed: int, turns: int, edits_until: int | None = None) -> tuple[Simulation, list]:
    """A 24-state run with shocks and hand edits every few turns (up to turn `edits_until`);
    each record's contents as recorded."""
    world = random_world(24, 40, seed=seed)
    world.regimes = ["democracy" if i % 3 else "autocracy" for i in range(world.n)]
    shocks = [Shock(5, "S003", {"capability": 4.0}), Shock(9, "S007", {"regime": "autocracy"}),
              Shock(17, "S001", {"aggression": 0.95, "satisfaction": -0.9})]
    sim = Simulation(world, get_lens(lens_id), seed=seed, shocks=shocks)
    rng = np.random.default_rng(seed)
    expected = [dense(sim.history[0])]
    for turn in range(1, turns + 1):
        sim.step()
        if edits_until is not None and turn > edits_until:
            expected.append(dense(sim.history[-1]))
            continue
        if turn % 7 == 0:
            sim.set_state(int(rng.integers(world.n)), capability=float(rng.uniform(0.1, 3.0)))
        if turn % 11 == 0:
            i, j = rng.choice(world.n, 2, replace=False)
            sim.set_tie(int(i), int(j), "alliance", 0.9)
        if turn % 13 == 0:
            ties = sim.world.tie_list()
            if ties:
                sim.remove_tie(*ties[int(rng.integers(len(ties)))])
        expected.append(dense(sim.history[-1]))
    return sim, expected


@pytest.mark.parametrize("lens_id", LENS_IDS)
def test_every_turn_reads_back_exactly_and_back_restores_it(lens_id):
    sim, expected = eventful_run(lens_id, seed=3, turns=3 * KEYFRAME_EVERY + 5)
    for record, contents in zip(sim.history, expected):  # in order, then at random
        assert_record_is(record, contents)
    for t in np.random.default_rng(0).permutation(len(expected)):
        assert_record_is(sim.history[t], expected[t])
    for t in range(len(expected) - 1, 0, -1):
        assert_identical_worlds(sim.world, expected[t][0])
        assert sim.back()
    assert_identical_worlds(sim.world, expected[0][0])


@pytest.mark.parametrize("lens_id", ["landscape", "threat", "institutions"])
def test_a_run_stepped_back_and_forward_again_repeats_itself(lens_id):
    """Back restores the generator and the lens's state too: the same turns come again."""
    sim, expected = eventful_run(lens_id, seed=5, turns=2 * KEYFRAME_EVERY, edits_until=KEYFRAME_EVERY - 3)
    for _ in range(KEYFRAME_EVERY + 3):
        sim.back()
    again = [dense(sim.step()) for _ in range(KEYFRAME_EVERY + 3)]
    for contents, (world, risks, arm) in zip(again, expected[-(KEYFRAME_EVERY + 3):]):
        assert_identical_worlds(contents[0], world)
        assert all(same_bits(contents[1][k], v) for k, v in risks.items())
        assert same_bits(contents[2], arm)


def test_frames_keep_every_bit_of_any_array():
    """Negative zero, NaN, infinities, ints, bools, an asymmetric matrix, one that fades, one
    that changes shape or dtype: each comes back as it went in."""
    rng = np.random.default_rng(1)
    arrays = {
        "matrix": rng.normal(size=(30, 30)), "fading": rng.uniform(size=(30, 30)),
        "ints": rng.integers(-5, 5, size=(30, 30)), "flags": rng.uniform(size=40) > 0.5,
        "small": np.float32(rng.normal(size=7)), "shaped": np.zeros(3),
    }
    recorded, frame = [], None
    for turn in range(40):
        arrays = {k: v.copy() for k, v in arrays.items()}
        arrays["matrix"][rng.integers(30), rng.integers(30)] = rng.choice([-0.0, np.nan, np.inf, rng.normal()])
        arrays["fading"] = arrays["fading"] * 0.7
        arrays["fading"][0, rng.integers(30)] = 1.0
        arrays["ints"][rng.integers(30), :] = rng.integers(-5, 5, size=30)
        arrays["flags"][rng.integers(40)] ^= True
        if turn % 9 == 0:
            arrays["shaped"] = np.arange(turn % 4 + 1, dtype=np.int16 if turn % 2 else np.float64)
        frame = Frame(arrays, frame)
        recorded.append((frame, {k: v.copy() for k, v in arrays.items()}))
    for frame, arrays in reversed(recorded):
        got = frame.arrays()
        assert got.keys() == arrays.keys()
        for name, array in arrays.items():
            assert same_bits(got[name], array), name
            assert not got[name].flags.writeable  # a snapshot never changes


def test_a_turn_stores_far_less_than_a_full_copy():
    """The point of it: a 200-state turn in a fraction of its 2 MB of arrays."""
    sim = Simulation(random_world(200, 2000, seed=1), get_lens("threat"), seed=1)
    sim.run(2 * KEYFRAME_EVERY)
    full = sum(a.nbytes for a in sim.history[-1].world.split()[1].values())
    stored = np.mean([record.nbytes() for record in sim.history[1:]])
    assert stored < full / 5
