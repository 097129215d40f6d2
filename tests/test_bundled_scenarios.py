"""Every bundled scenario loads, cites its sources and runs under every lens (the app's Open Example)."""
from pathlib import Path

import numpy as np
import pytest

from alliance_sandbox.engine.events import EVENT_KINDS
from alliance_sandbox.engine.simulation import Simulation
from alliance_sandbox.lenses import LENS_IDS, get_lens
from alliance_sandbox.scenario import build_world, load_scenario

FILES = sorted((Path(__file__).resolve().parents[1] / "assets" / "scenarios").glob("*.json"))
REQUIRED = {"tutorial", "europe-1914", "europe-1936", "cold-war-1955", "end-of-cold-war-1989", "east-asia"}


def test_the_issue_s_six_scenarios_are_bundled():
    assert REQUIRED <= {f.stem for f in FILES}


@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_description_cites_its_sources(path):
    scenario = load_scenario(path)
    text = scenario.description
    if scenario.start_year is None:
        assert "fictional" in text.lower()
    else:
        assert "Correlates of War" in text or "COW" in text
        assert str(scenario.start_year) in text or str(scenario.start_year + 1) in text


@pytest.mark.parametrize("lens_id", LENS_IDS)
@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_runs_under_every_lens(path, lens_id):
    scenario = load_scenario(path)
    sim = Simulation(build_world(scenario), get_lens(lens_id), seed=scenario.seed, shocks=scenario.shocks)
    for record in sim.run(4):
        w = record.world
        assert np.all(np.isfinite(w.capability)) and np.all(w.capability >= 0)
        assert 0 <= record.risks.abandonment.min() and record.risks.entrapment.max() <= 1
        assert all(e.explanation and e.kind in EVENT_KINDS for e in record.events)
