"""Explanations are written when first read (engine/events.py): the words must be those an
explanation written at the moment of the decision would have had, whatever happened since."""
from pathlib import Path

import pytest

from alliance_sandbox.engine import events as events_module
from alliance_sandbox.engine.demo import random_world
from alliance_sandbox.engine.events import Event, Text
from alliance_sandbox.engine.simulation import Simulation
from alliance_sandbox.lenses import LENS_IDS, get_lens
from alliance_sandbox.scenario import build_world, load_scenario

SCENARIOS = Path(__file__).resolve().parents[2] / "assets" / "scenarios"
TURNS = 12


def _runs():
    for stem in ("europe-1914", "cold-war-1955", "end-of-cold-war-1989"):
        scenario = load_scenario(SCENARIOS / f"{stem}.json")
        yield stem, lambda s=scenario: (build_world(s), s.shocks)
    yield "random-60", lambda: (random_world(60, 300, seed=3), [])


RUNS = dict(_runs())


def _explanations(make, lens_id: str) -> list[str]:
    world, shocks = make()
    sim = Simulation(world, get_lens(lens_id), seed=1, shocks=shocks)
    sim.run(TURNS)
    sim.back()  # Back restores an earlier world: texts must not follow it
    sim.step()
    return [f"{r.turn} {e.kind} {e.states} {e.explanation}" for r in sim.history for e in r.events]


@pytest.mark.parametrize("lens_id", LENS_IDS)
@pytest.mark.parametrize("run", RUNS, ids=list(RUNS))
def test_lazy_text_equals_the_text_written_at_the_decision(run, lens_id, monkeypatch):
    lazy = _explanations(RUNS[run], lens_id)
    assert lazy and all(text.split(" ", 3)[3] for text in lazy)

    original = Event.__init__

    def eager(self, kind, states, explanation, values=None):
        original(self, kind, states, str(explanation), values)  # written now, as before issue 12

    monkeypatch.setattr(events_module.Event, "__init__", eager)
    assert _explanations(RUNS[run], lens_id) == lazy


def test_a_text_is_written_once_and_joins_without_being_written():
    calls = []

    def write(value):
        calls.append(value)
        return f"value {value:.2f}"

    event = Event("form", ("A", "B"), "A forms with B: " + Text(write, 0.123) + "; done")
    assert calls == []
    assert event.explanation == "A forms with B: value 0.12; done"
    assert event.explanation == "A forms with B: value 0.12; done"
    assert calls == [0.123]
    assert event.to_dict()["explanation"] == "A forms with B: value 0.12; done"
