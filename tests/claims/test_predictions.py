"""Every row of docs/predictions.md: each lens does on each historical case what its own
theory's literature predicts, in a majority of seeds (the rows are in predictions.py)."""
from pathlib import Path

import pytest
from predictions import PREDICTIONS, rows

from alliance_sandbox.engine.simulation import Simulation
from alliance_sandbox.lenses import LENS_IDS, get_lens
from alliance_sandbox.scenario import build_world, load_scenario

pytestmark = pytest.mark.claims
SCENARIOS = Path(__file__).resolve().parents[2] / "assets" / "scenarios"
SEEDS = range(5)


@pytest.mark.parametrize("prediction, lens", rows(),
                         ids=[f"{p.case}-{PREDICTIONS.index(p) + 1}-{lens}" for p, lens in rows()])
def test_the_lens_does_what_its_theory_predicts(prediction, lens):
    scenario = load_scenario(SCENARIOS / f"{prediction.case}.json")
    agree = 0
    for seed in SEEDS:
        sim = Simulation(build_world(scenario), get_lens(lens), seed=seed, shocks=scenario.shocks)
        sim.run(prediction.turns)
        agree += bool(prediction.check(sim.world))
    assert 2 * agree > len(SEEDS), f"{agree} of {len(SEEDS)} seeds: {prediction.predicts}"


def test_every_lens_has_a_prediction_on_every_historical_case():
    cases = {p.case for p in PREDICTIONS}
    assert cases == {"europe-1914", "europe-1936", "cold-war-1955", "end-of-cold-war-1989", "east-asia"}
    for case in cases:
        covered = {lens for p in PREDICTIONS if p.case == case for lens in p.lenses}
        assert covered == set(LENS_IDS), case
