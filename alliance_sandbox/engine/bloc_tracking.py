"""Blocs followed from turn to turn: each keeps an id, a colour slot and its leader's name.

Why: `World.blocs()` finds the groups of one turn, ordered by capability; on their own they
say nothing about which group of turn 8 is the group of turn 0. A class watching NATO needs it
to stay "bloc 1, blue, the United States' bloc" while it keeps most of its members, and a
Reset must give the same colours as the first time. So tracking is a pure function of the
sequence of worlds from turn 0: the same history always gives the same ids and colours.

Rule: a group of this turn continues a bloc of the last turn when it holds more than half of
that bloc's members; when several groups could continue blocs, the largest overlaps are
matched first (ties broken by the older bloc). Every other group is a new bloc with the next
id and the lowest colour slot no continuing bloc uses. The leader is the member with the most
capability; the name follows the leader ("Germany's bloc").

Qt-free: the map, the charts' legend and the run output (report.py) all read it.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .events import possessive
from .world import World


@dataclass(frozen=True)
class TrackedBloc:
    """One bloc at one turn."""

    id: int  # 1, 2, ...: stable while the bloc keeps most of its members
    slot: int  # colour slot (0, 1, ...): the bloc's colour is a palette's slot-th colour
    leader: str  # state id of the member with the most capability
    name: str  # "Germany's bloc"
    members: tuple[str, ...]  # state ids, strongest first

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "leader": self.leader,
                "members": list(self.members)}


def bloc_name(leader_name: str) -> str:
    """ "Germany's bloc"; "the United States' bloc" style apostrophe for names ending in s."""
    return f"{possessive(leader_name)} bloc"


def _groups(world: World) -> list[tuple[str, ...]]:
    """Multi-member blocs of a world as id tuples, strongest member first, strongest bloc first."""
    cap = world.capability
    out = []
    for group in world.blocs():
        if len(group) > 1:
            ordered = sorted(group, key=lambda i: (-float(cap[i]), world.ids[i]))
            out.append(tuple(world.ids[i] for i in ordered))
    return out


def next_blocs(previous: Sequence[TrackedBloc], world: World, next_id: int
               ) -> tuple[list[TrackedBloc], int]:
    """The tracked blocs of `world` given last turn's, and the next free id."""
    groups = _groups(world)
    pairs = []
    for g, members in enumerate(groups):
        mine = set(members)
        for p, old in enumerate(previous):
            overlap = len(mine.intersection(old.members))
            if 2 * overlap > len(old.members):
                pairs.append((-overlap, old.id, g, p))
    pairs.sort()
    continues: dict[int, TrackedBloc] = {}
    taken: set[int] = set()
    for _, _, g, p in pairs:
        if g in continues or p in taken:
            continue
        continues[g] = previous[p]
        taken.add(p)
    used_slots = {old.slot for old in continues.values()}
    out = []
    for g, members in enumerate(groups):
        leader = members[0]
        name = bloc_name(world.names[world.index[leader]] or leader)
        kept = continues.get(g)
        if kept is not None:
            out.append(TrackedBloc(kept.id, kept.slot, leader, name, members))
            continue
        slot = 0
        while slot in used_slots:
            slot += 1
        used_slots.add(slot)
        out.append(TrackedBloc(next_id, slot, leader, name, members))
        next_id += 1
    return out, next_id


def track(worlds: Iterable[World]) -> list[list[TrackedBloc]]:
    """Tracked blocs of each world of a history (turn 0 first); read once, in order."""
    out: list[list[TrackedBloc]] = []
    next_id = 1
    for world in worlds:
        blocs, next_id = next_blocs(out[-1] if out else [], world, next_id)
        out.append(blocs)
    return out


class BlocTracker:
    """`track` over a history that grows, shrinks (Back, Reset) and is edited, without
    starting again from turn 0 every turn: each turn's result is kept with the item (a world,
    or a turn record) it was computed from, and recomputed from the first turn whose item is
    a different object or whose groups changed. `world_of` gives an item's world; a tracker
    of turn records keeps the records, not their worlds (snapshots are decoded on demand)."""

    def __init__(self, world_of: Callable[[Any], World] = lambda world: world) -> None:
        self.world_of = world_of
        self._items: list = []
        self._keys: list[tuple] = []
        self._blocs: list[list[TrackedBloc]] = []
        self._next_ids: list[int] = []

    def at(self, items: Sequence, turn: int) -> list[TrackedBloc]:
        """The tracked blocs of items[turn], items being the history from turn 0."""
        valid = 0
        for t in range(min(turn + 1, len(self._items))):
            if self._items[t] is not items[t] and self._keys[t] != tuple(_groups(self.world_of(items[t]))):
                break
            valid = t + 1
        del self._items[valid:], self._keys[valid:], self._blocs[valid:], self._next_ids[valid:]
        for t in range(valid, turn + 1):
            world = self.world_of(items[t])
            previous = self._blocs[-1] if self._blocs else []
            blocs, next_id = next_blocs(previous, world, self._next_ids[-1] if self._next_ids else 1)
            self._items.append(items[t])
            self._keys.append(tuple(_groups(world)))
            self._blocs.append(blocs)
            self._next_ids.append(next_id)
        return self._blocs[turn]
