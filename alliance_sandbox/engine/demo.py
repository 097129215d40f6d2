"""Small worlds built in code: for tests, benchmarks and the views' stand-alone demos.

Scenario files are the way users make worlds; these builders exist so an engine test can
say in three lines which world it needs, without a file.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from .world import STATE_DEFAULTS, STATE_FIELDS, TIE_KINDS, Settings, World

#: What a demo state gets for a field a file must give (a scenario has no default for these).
_DEMO_DEFAULTS = {"capability": 1.0, "lon": 0.0, "lat": 0.0}


def make_world(states: list[dict], ties=(), affinity=(), settings: Settings | None = None,
               start_year: int | None = None) -> World:
    """states: dicts with id and optionally name and any of `STATE_FIELDS` (capability 1,
    lon and lat 0, the rest at their scenario defaults, `STATE_DEFAULTS`); ties:
    (a, b, kind, commitment[, since]); affinity: (a, b, value)."""
    n = len(states)
    ids = [s["id"] for s in states]
    index = {sid: i for i, sid in enumerate(ids)}

    defaults = {**_DEMO_DEFAULTS, **STATE_DEFAULTS}
    columns: dict[str, Any] = {name: np.array([float(s.get(name, defaults[name])) for s in states])
                               for name in STATE_FIELDS}
    world = World(
        ids=ids, names=[s.get("name", s["id"]) for s in states], **columns,
        tie_kind=np.zeros((n, n)), commitment=np.zeros((n, n)), affinity=np.zeros((n, n)),
        settings=settings or Settings(), start_year=start_year,
    )
    for a, b, kind, commitment, *since in ties:
        world.set_tie(index[a], index[b], kind, commitment, since[0] if since else -1)
    for a, b, value in affinity:
        world.affinity[index[a], index[b]] = world.affinity[index[b], index[a]] = value
    return world


def random_world(n: int, n_ties: int, seed: int = 0) -> World:
    """n states spread over Eurasia and the Americas with n_ties random ties: for benchmarks."""
    rng = np.random.default_rng(seed)
    states = [
        {"id": f"S{i:03d}", "capability": float(rng.pareto(1.5) + 0.1), "lon": float(rng.uniform(-120, 140)),
         "lat": float(rng.uniform(-35, 65)), "offense": float(rng.uniform()), "aggression": float(rng.uniform()),
         "satisfaction": float(rng.uniform(-1, 1))}
        for i in range(n)
    ]
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < min(n_ties, n * (n - 1) // 2):
        a, b = sorted(rng.choice(n, 2, replace=False).tolist())
        pairs.add((a, b))
    ties = [(f"S{a:03d}", f"S{b:03d}", TIE_KINDS[int(rng.integers(4))], float(rng.uniform(0.2, 0.9)))
            for a, b in sorted(pairs)]
    return make_world(states, ties)
