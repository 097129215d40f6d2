"""Long runs stay finite and in range: every bundled scenario, every lens (issue 10).

The default suite runs a short soak; `pytest -m soak` runs 20,000 turns of each pair (hours:
for a manual check before a release). Why it matters: a teacher may leave Run on for a
lesson, and a researcher sweeps thousands of turns; a capability that compounds to 1e20 or a
risk that leaves [0, 1] would show nonsense on the charts.
"""
import os
from pathlib import Path

import numpy as np
import pytest

from alliance_sandbox.engine.simulation import Simulation
from alliance_sandbox.lenses import LENS_IDS, get_lens
from alliance_sandbox.scenario import build_world, load_scenario

FILES = sorted((Path(__file__).resolve().parents[2] / "assets" / "scenarios").glob("*.json"))
SHORT, LONG = 120, int(os.environ.get("SOAK_TURNS", "20000"))


def check_ranges(sim: Simulation, total: float) -> None:
    w, risks = sim.world, sim.history[-1].risks
    assert np.all(np.isfinite(w.capability)) and np.all(w.capability >= 0)
    assert w.capability.sum() == pytest.approx(total, rel=1e-9), "the world's total capability is kept"
    assert np.all(np.isfinite(w.trend)) and np.all(np.abs(w.trend) < 5)
    for name in ("commitment", "institution", "identity", "trust"):
        values = getattr(w, name)
        assert np.all((values >= 0) & (values <= 1)), name
    assert np.all((w.affinity >= -1) & (w.affinity <= 1))
    for name in ("tie_abandonment", "tie_entrapment", "abandonment", "entrapment"):
        values = getattr(risks, name)
        assert np.all(np.isfinite(values)) and np.all((values >= 0) & (values <= 1)), name


def soak(path: Path, lens_id: str, turns: int) -> None:
    scenario = load_scenario(path)
    sim = Simulation(build_world(scenario), get_lens(lens_id), seed=scenario.seed, shocks=scenario.shocks)
    shocks_done = max((s.turn for s in scenario.shocks), default=0)
    sim.run(shocks_done)
    total = sim.world.capability.sum()
    step = max(1, turns // 20)
    while sim.turn < turns:
        sim.run(min(step, turns - sim.turn))
        check_ranges(sim, total)
        del sim.history[1:-1]  # keep memory flat on long runs (the soak checks the world, not Back)


@pytest.mark.parametrize("lens_id", LENS_IDS)
@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_a_short_soak_stays_in_range(path, lens_id):
    soak(path, lens_id, SHORT)


@pytest.mark.soak
@pytest.mark.parametrize("lens_id", LENS_IDS)
@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_a_long_soak_stays_in_range(path, lens_id, request):
    if "soak" not in (request.config.getoption("-m") or ""):
        pytest.skip("a long run: select it with -m soak")
    soak(path, lens_id, LONG)
