"""fork(): a branch continues exactly as the original would have, and is independent of it."""
import numpy as np
import pytest

from alliance_sandbox.branches import fork
from alliance_sandbox.engine.demo import random_world
from alliance_sandbox.engine.simulation import Simulation
from alliance_sandbox.lenses import get_lens


def tie_state(record):
    return record.world.tie_kind.copy(), record.world.capability.copy()


def test_a_branch_replays_the_original_from_its_turn_and_diverges_only_when_edited():
    sim = Simulation(random_world(12, 15, seed=3), get_lens("threat"), seed=5)
    sim.run(8)
    branch = fork(sim, 3)
    assert len(branch.history) == 4 and len(sim.history) == 9
    branch.run(5)
    for t in range(9):  # untouched, the branch is the same run
        for a, b in zip(tie_state(sim.history[t]), tie_state(branch.history[t])):
            assert np.array_equal(a, b)
    other = fork(sim, 3)
    other.set_state(0, capability=float(other.world.capability[0]) * 5)
    other.run(5)
    assert not np.array_equal(other.world.capability, sim.world.capability)
    assert len(sim.history) == 9  # the original never moved
    assert sim.history[3].world.capability[0] != other.history[3].world.capability[0]


def test_fork_refuses_a_turn_outside_the_history():
    sim = Simulation(random_world(5, 4, seed=1), get_lens("power"), seed=0)
    with pytest.raises(ValueError, match="not in the history"):
        fork(sim, 1)


def test_a_branch_shares_its_past_records_and_editing_it_leaves_them_alone():
    sim = Simulation(random_world(8, 10, seed=2), get_lens("threat"), seed=1)
    sim.run(6)
    branch = fork(sim, 4)
    assert all(a is b for a, b in zip(sim.history[:4], branch.history[:4]))
    before = sim.history[4].world.capability.copy()
    branch.set_state(1, capability=99.0)  # re-records the branch's turn 4, not the original's
    assert np.array_equal(sim.history[4].world.capability, before)
    assert branch.history[4].world.capability[1] == 99.0
