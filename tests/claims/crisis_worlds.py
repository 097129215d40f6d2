"""Worlds and counters shared by the crisis claims (C4, C7): fixtures built in code.

Why fixture worlds with ties set at the start: a crisis needs partners to call, and these
tests are about what partners do when called, not about which ties a lens forms.
"""
from __future__ import annotations

import numpy as np

from alliance_sandbox.engine.demo import make_world
from alliance_sandbox.engine.simulation import Simulation
from alliance_sandbox.engine.world import Settings
from alliance_sandbox.lenses import get_lens

#: Outcomes of a call for help or of an aggressor's partner's choice.
CALL_KINDS = ("honoured", "abandoned", "buck_pass", "chain_gang", "entrapped")

TWIN_PLACES = {"A": (13.4, 52.5), "B": (2.3, 48.9), "C": (30.5, 50.4), "D": (21.0, 45.0),
               "E": (14.4, 47.0), "F": (5.0, 52.0), "G": (24.0, 54.0), "H": (16.0, 49.0)}
TWIN_TIES = [("B", "C"), ("B", "D"), ("C", "D"), ("E", "D"), ("F", "B"), ("G", "C"), ("A", "H")]
TWIN_CAPABILITIES = {
    # four great powers within a factor 2 of each other, four small states
    "multipolar": dict(A=25, B=20, C=20, D=20, E=5, F=5, G=5, H=12),
    # the same map and ties, but only A and B are great powers
    "bipolar": dict(A=45, B=40, C=5, D=5, E=5, F=5, G=5, H=5),
}


def polarity_twin(kind: str, offense_dominance: float):
    """A, aggressive, presses its neighbours; B, C, D are allied against it (great powers in the
    multipolar twin, small in the bipolar one); H is A's close ally (commitment 0.9, as Germany
    and Austria-Hungary), a middle power below the pole line in both twins."""
    caps = TWIN_CAPABILITIES[kind]
    states = [dict(id=s, capability=caps[s], lon=lon, lat=lat, offense=0.7,
                   aggression=0.7 if s == "A" else 0.1, satisfaction=-0.5 if s == "A" else 0.5)
              for s, (lon, lat) in TWIN_PLACES.items()]
    ties = [(a, b, "alliance", 0.9 if "A" in (a, b) else 0.7) for a, b in TWIN_TIES]
    return make_world(states, ties,
                      settings=Settings(offense_dominance=offense_dominance, crisis_rate=1.0))


def calibration_world(offense_dominance: float = 0.5):
    """Nine states, eleven alliances at commitments from 0.05 to 0.98, crises every turn."""
    caps = [30, 22, 18, 8, 6, 5, 4, 4, 3]
    lons = [13, 2, 30, 21, 14, 25, -3, 8, 40]
    lats = [52, 48, 50, 52, 50, 44, 40, 45, 55]
    aggression = [0.8, 0.3, 0.4, 0.2, 0.2, 0.3, 0.2, 0.5, 0.6]
    states = [dict(id=f"S{k}", capability=c, lon=lon, lat=lat, offense=0.6, aggression=a)
              for k, (c, lon, lat, a) in enumerate(zip(caps, lons, lats, aggression))]
    pairs = [(1, 3), (1, 2), (2, 4), (3, 4), (1, 6), (2, 5), (0, 7), (0, 8), (5, 6), (3, 6), (4, 7)]
    ties = [(f"S{a}", f"S{b}", "alliance", float(c)) for (a, b), c in zip(pairs, np.linspace(0.05, 0.98, len(pairs)))]
    return make_world(states, ties, settings=Settings(crisis_rate=1.0, offense_dominance=offense_dominance))


def events_of(world, lens_id: str, seeds, turns: int):
    for seed in seeds:
        for record in Simulation(world.copy(), get_lens(lens_id), seed=seed).run(turns):
            yield from record.events


def count_kinds(world, lens_id: str, seeds, turns: int) -> dict[str, int]:
    counts = dict.fromkeys(CALL_KINDS, 0)
    for event in events_of(world, lens_id, seeds, turns):
        if event.kind in counts:
            counts[event.kind] += 1
    return counts
