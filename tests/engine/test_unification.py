"""A state that joins another (German unification, 1990) leaves the model and the map's story:
no ties, no capability, no say; the state it joins takes its capability."""
from pathlib import Path

import numpy as np
import pytest

from alliance_sandbox.engine.simulation import Simulation
from alliance_sandbox.lenses import LENS_IDS, get_lens
from alliance_sandbox.scenario import build_world, load_scenario

CASE = Path(__file__).resolve().parents[2] / "assets" / "scenarios" / "end-of-cold-war-1989.json"


def _run(lens: str, seed: int, turns: int, unify: bool = True) -> Simulation:
    scenario = load_scenario(CASE)
    shocks = [s for s in scenario.shocks if unify or "joins" not in s.set]
    sim = Simulation(build_world(scenario), get_lens(lens), seed=seed, shocks=shocks)
    sim.run(turns)
    return sim


def test_east_germany_joins_west_germany_in_1990():
    before = _run("threat", 0, 0).world
    gdr, gfr = before.index["GDR"], before.index["GFR"]
    assert before.tie_kind[gdr].any()  # a Warsaw Pact member at the start
    sim = _run("threat", 0, 1)
    world = sim.world
    assert world.joined[gdr] == gfr and world.joined[gfr] == -1
    assert world.capability[gdr] == 0.0 and not world.tie_kind[gdr].any()
    # West Germany took the GDR's capability (both also drift by the turn's growth noise)
    assert world.share[gfr] > before.share[gfr] + 0.5 * before.share[gdr]
    line = next(e.explanation for e in sim.history[-1].events if e.kind == "shock" and "joins" in e.explanation)
    assert "East Germany" in line and "joins West Germany" in line and "6 ties end" in line


@pytest.mark.parametrize("lens", LENS_IDS)
def test_no_lens_ties_a_state_that_has_joined_another(lens):
    for seed in range(2):
        sim = _run(lens, seed, 15)
        gdr = sim.world.index["GDR"]
        for record in sim.history[1:]:
            assert not record.world.tie_kind[gdr].any(), f"turn {record.turn}"
        assert not any("East Germany" in e.explanation for r in sim.history[2:] for e in r.events)


def test_without_the_shock_the_gdr_stays_and_is_tied():
    """Ablation: the scenario without its unification shock keeps an East German state that the
    institutions lens ties to West Germany by 2004 (what a class saw before)."""
    tied = 0
    for seed in range(3):
        world = _run("institutions", seed, 15, unify=False).world
        gdr, gfr = world.index["GDR"], world.index["GFR"]
        assert world.joined[gdr] == -1 and world.capability[gdr] > 0
        tied += bool(world.tie_kind[gdr, gfr])
    assert tied >= 2


def test_back_restores_the_state_before_it_joined():
    sim = _run("identity", 0, 2)
    gdr = sim.world.index["GDR"]
    sim.back()
    sim.back()
    assert sim.world.joined[gdr] == -1 and sim.world.capability[gdr] > 0
    assert np.count_nonzero(sim.world.tie_kind[gdr]) == 6


def test_unified_germany_is_named_germany_and_back_gives_the_old_name():
    sim = _run("threat", 0, 1)
    gfr = sim.world.index["GFR"]
    assert sim.world.names[gfr] == "Germany" and sim.world.short_names[gfr] == ""
    assert any(e.explanation == "Shock to Germany: name West Germany -> Germany" for e in sim.history[-1].events)
    sim.back()
    assert sim.world.names[gfr] == "West Germany" and sim.world.short_names[gfr] == "W. Germany"
    assert sim.history[0].world.names[gfr] == "West Germany"
