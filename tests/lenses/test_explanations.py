"""An explanation's numbers are the numbers the decision used: a teacher can redo the sum."""
import re
from pathlib import Path

import pytest

from alliance_sandbox.engine.perception import ALLY_TRUST
from alliance_sandbox.engine.simulation import Simulation
from alliance_sandbox.lenses import LENS_IDS, get_lens
from alliance_sandbox.scenario import build_world, load_scenario

SCENARIOS = Path(__file__).resolve().parents[2] / "assets" / "scenarios"
FORMULA = re.compile(
    r"threat from .+? to .+? ([0-9.]+) = capability ([0-9.]+) x proximity ([0-9.]+) x offense ([0-9.]+)"
    r" x intentions ([0-9.]+)(?: x \(1 - [0-9.]+ x trust ([0-9.]+) in a (?:former )?partner\))?"
)


@pytest.mark.parametrize("name", ["europe-1914", "cold-war-1955", "tutorial"])
def test_walt_s_four_factors_multiply_to_the_threat_quoted(name):
    scenario = load_scenario(SCENARIOS / f"{name}.json")
    sim = Simulation(build_world(scenario), get_lens("threat"), seed=0)
    checked = 0
    for record in sim.run(5):
        for event in record.events:
            match = FORMULA.search(event.explanation)
            if not match:
                continue
            threat, capability, proximity, offense, intentions = (float(x) for x in match.groups()[:5])
            trust = float(match.group(6)) if match.group(6) else 0.0
            product = capability * proximity * offense * intentions * (1 - ALLY_TRUST * trust)
            assert product == pytest.approx(threat, abs=0.02), event.explanation  # each factor is rounded to 2 decimals
            checked += 1
    assert checked > 5


@pytest.mark.parametrize("lens_id", LENS_IDS)
def test_every_tie_decision_names_its_states_and_cites_its_theory(lens_id):
    scenario = load_scenario(SCENARIOS / "europe-1936.json")
    sim = Simulation(build_world(scenario), get_lens(lens_id), seed=1)
    names = set(build_world(scenario).names)
    citation = sim.lens.citation.split(",")[0]
    events = [e for r in sim.run(6) for e in r.events if e.kind in ("form", "tighten", "loosen", "leave")]
    assert events, lens_id
    for event in events:
        assert event.explanation.endswith(f"({citation})")
        assert event.explanation.split(" ")[0] in {n.split(" ")[0] for n in names}
