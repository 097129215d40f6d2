"""A tie move that the turn's misreading caused says so: the log never shows a state leaving a
tie it wants (desire +0.04) or forming one it does not, without the number it acted on."""
from pathlib import Path

from alliance_sandbox.engine.dynamics import misreading
from alliance_sandbox.engine.simulation import Simulation
from alliance_sandbox.lenses import get_lens
from alliance_sandbox.scenario import build_world, load_scenario

CASE = Path(__file__).resolve().parents[2] / "assets" / "scenarios" / "europe-1914.json"


def test_a_move_against_the_lens_reading_quotes_the_misread_desire():
    scenario = load_scenario(CASE)
    flipped = 0
    for lens in ("threat", "power", "interest"):
        for seed in range(3):
            sim = Simulation(build_world(scenario), get_lens(lens), seed=seed, shocks=scenario.shocks)
            sim.run(10)
            for record in sim.history[1:]:
                for event in record.events:
                    if event.kind not in ("leave", "loosen", "form", "tighten") or "desire" not in event.values:
                        continue
                    text = event.explanation
                    if "eases" in text or "realigns" in text or "held by" in text or "crisis coalition" in text:
                        continue
                    against = (event.kind in ("leave", "loosen")) == (event.values["desire"] > 0)
                    if against:
                        flipped += 1
                        assert "misread this turn as " in text, text
                        sign = "-" if event.kind in ("leave", "loosen") else "+"
                        assert f"misread this turn as {sign}" in text, text
    assert flipped >= 5  # a multipolar world misreads often enough to check


def test_the_misreading_grows_with_the_poles():
    assert misreading(2) == misreading(1) < misreading(3) < misreading(5)
