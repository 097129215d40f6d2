"""Between a `Scenario` (what a file says) and the engine's `World` (arrays at turn 0)."""
from __future__ import annotations

import copy
import dataclasses
from typing import Any

import numpy as np

from alliance_sandbox.engine.world import TIE_KINDS, World

from .errors import ScenarioError
from .fields import STATE_RECORD, FieldSpec
from .files import _scenario_data
from .model import AffinitySpec, Scenario, StateSpec, TieSpec
from .validate import check_data


def _implicit_affinity(regimes: list[str], same_regime: float) -> np.ndarray:
    """Affinity of pairs the file does not list: `same_regime` where both states have the
    same non-empty regime, else 0; 0 on the diagonal."""
    labels = np.asarray(regimes, dtype=object).reshape(len(regimes))
    same = (labels[:, None] == labels[None, :]) & (labels[:, None] != "")
    np.fill_diagonal(same, False)
    return np.where(same, float(same_regime), 0.0)


#: The state fields the World holds, each with its World attribute (from the field table).
WORLD_STATE_FIELDS: tuple[FieldSpec, ...] = tuple(f for f in STATE_RECORD.fields if f.world_attr)


def _state_columns(states: list[StateSpec]) -> dict:
    """World keyword arguments: one list per state field the World holds, numbers as floats."""
    return {
        spec.world_attr: [float(getattr(s, spec.name)) if spec.type == "number" else getattr(s, spec.name)
                          for s in states]
        for spec in WORLD_STATE_FIELDS
    }


def _state_of(world: World, i: int, old: StateSpec | None) -> StateSpec:
    """State i of a world as a StateSpec: the World's fields from the world, the others (and
    the author's own keys) from the state with the same id in the template, else defaults."""
    values: dict[str, Any] = {}
    for spec in STATE_RECORD.fields:
        if spec.world_attr:
            column = getattr(world, spec.world_attr)
            value = column[i] if column is not None else spec.default
            values[spec.name] = float(value) if spec.type == "number" else value
        elif old is not None:
            values[spec.name] = copy.deepcopy(getattr(old, spec.name))
    return StateSpec(**values, extra=copy.deepcopy(old.extra) if old is not None else {})


def build_world(scenario: Scenario) -> World:
    """The engine World at turn 0 that a scenario describes.

    Affinity: explicit pairs as given, others by the same-regime rule (diagonal 0); ties
    with their kind, commitment and `since` (-1 when unknown). Raises ScenarioError if the
    scenario (e.g. one edited in memory) is not valid.
    """
    source = str(scenario.path) if scenario.path is not None else "<scenario>"
    _, problems = check_data(_scenario_data(scenario, rounded=False), source)
    if problems:
        raise ScenarioError(problems)
    states = scenario.states
    n = len(states)
    index = {s.id: i for i, s in enumerate(states)}
    affinity = _implicit_affinity([s.regime for s in states], scenario.settings.same_regime_affinity)
    for entry in scenario.affinity:
        i, j = index[entry.a], index[entry.b]
        affinity[i, j] = affinity[j, i] = float(entry.value)
    world = World(
        **_state_columns(states),
        tie_kind=np.zeros((n, n), dtype=np.int8),
        commitment=np.zeros((n, n)),
        affinity=affinity,
        tie_since=np.full((n, n), -1, dtype=int),
        settings=dataclasses.replace(scenario.settings),
        turn=0,
        start_year=scenario.start_year,
    )
    for tie in scenario.ties:
        i, j = index[tie.a], index[tie.b]
        world.set_tie(i, j, tie.kind, float(tie.commitment), -1 if tie.since is None else int(tie.since),
                      commitment_ji=None if tie.commitment_b is None else float(tie.commitment_b))
        if tie.held_by is not None:
            world.held_by[i, j] = world.held_by[j, i] = index[tie.held_by]
    return world


def scenario_from_world(world: World, template: Scenario | None = None, *, lens: str | None = None) -> Scenario:
    """A scenario of a world's current states, ties and affinity (e.g. after edits or turns).

    The world gives the start year, settings, states, ties and affinity; every other field
    of the scenario table (name, description, seed, lens unless `lens` is given, shocks,
    history, ...) and the authors' own keys (top-level, and per state/tie/affinity entry
    with the same ids) come from `template`, as does a state field the World does not hold
    (`FieldSpec.world_attr`). List order follows the template where the entries still
    exist. Shocks and history ties of states no longer in the world are dropped. What the
    file format has no place for (turn, institutions, identity, arming in progress) is not
    kept: the result describes turn 0.
    """
    ids = list(world.ids)
    n = len(ids)
    regimes = list(world.regimes) if world.regimes is not None else [""] * n
    old_states = {s.id: s for s in template.states} if template else {}

    def extra_of(spec) -> dict:
        return copy.deepcopy(spec.extra) if spec is not None else {}

    states = [_state_of(world, i, old_states.get(sid)) for i, sid in enumerate(ids)]

    def ordered(pairs: list[tuple[int, int]], old: list) -> list[tuple[tuple[int, int], object]]:
        """Pairs (i, j), those the template lists first in its order and orientation."""
        index = world.index if getattr(world, "index", None) else {sid: i for i, sid in enumerate(ids)}
        remaining = {frozenset(p): p for p in pairs}
        result = []
        for entry in old:
            i, j = index.get(entry.a), index.get(entry.b)
            if i is None or j is None:
                continue
            key = frozenset((i, j))
            if key in remaining:
                remaining.pop(key)
                result.append(((i, j), entry))
        result.extend((p, None) for p in pairs if frozenset(p) in remaining)
        return result

    ties = []
    for (i, j), old in ordered(world.tie_list(), template.ties if template else []):
        since = int(world.tie_since[i, j])
        ties.append(TieSpec(
            a=ids[i],
            b=ids[j],
            kind=TIE_KINDS[int(world.tie_kind[i, j]) - 1],
            commitment=float(world.commitment[i, j]),
            commitment_b=None if world.commitment[j, i] == world.commitment[i, j] else float(world.commitment[j, i]),
            since=None if since == -1 else since,
            held_by=None if world.held_by[i, j] < 0 else ids[int(world.held_by[i, j])],
            extra=extra_of(old),
        ))

    # affinity: pairs whose value differs from what the same-regime rule gives, and pairs the
    # template listed explicitly (they may carry notes)
    implicit = _implicit_affinity(regimes, world.settings.same_regime_affinity)
    differs = np.triu(np.asarray(world.affinity, dtype=float) != implicit, 1)
    listed = np.zeros((n, n), dtype=bool)
    index = {sid: i for i, sid in enumerate(ids)}
    for entry in (template.affinity if template else []):
        a, b = index.get(entry.a), index.get(entry.b)
        if a is not None and b is not None and a != b:
            listed[min(a, b), max(a, b)] = True
    rows, cols = np.nonzero(differs | listed)
    affinity = [
        AffinitySpec(a=ids[i], b=ids[j], value=float(world.affinity[i, j]), extra=extra_of(old))
        for (i, j), old in ordered(list(zip(rows.tolist(), cols.tolist())), template.affinity if template else [])
    ]

    # what the world determines; every other field (name, description, seed, history, any
    # field added to the table later) comes from the template as it is
    from_world: dict[str, Any] = dict(start_year=world.start_year, settings=dataclasses.replace(world.settings),
                      states=states, ties=ties, affinity=affinity)
    if template is None:
        scenario = Scenario(name="Untitled", **from_world)
    else:
        scenario = copy.deepcopy(dataclasses.replace(template, path=None, **from_world))
        scenario.path = template.path
        scenario.migrated_from = None
        _drop_absent_states(scenario, set(ids))
    if lens is not None:
        scenario.lens = lens
    return scenario


def _drop_absent_states(scenario: Scenario, present: set[str]) -> None:
    """Shocks of states no longer in the world, and history ties naming them, are dropped."""
    scenario.shocks = [s for s in scenario.shocks if s.state in present]
    for entry in scenario.history:
        entry.ties = [t for t in entry.ties if t.a in present and t.b in present]
