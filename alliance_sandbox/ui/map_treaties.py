"""Treaty hubs: groups of states all tied to each other with one kind of tie, drawn as one
spoke per member to a small ring instead of every pairwise line.

Why: NATO in 1955 is 15 states and 105 pairwise alliances; drawn pair by pair it is a black
wedge that hides Europe, and no routing keeps 105 lines off 15 discs. One hub with a spoke to
each member says the same thing and leaves the map readable.

The one rule a hub must keep: every two of its members are tied, with the hub's kind. A hub
that gathered a "near-clique" would draw ties that do not exist (after NATO's enlargement under
the institutions lens, Greece and Turkey both sit with the core but are not allied with each
other). So the tie graph of each kind is covered by cliques, greedily: the clique that saves
the most lines first, a state may belong to several hubs, a pair may be covered twice (still
true), and what no hub covers is drawn as its own (routed) line.

Qt-free (numpy and networkx): map_view turns the groups into spokes and HubItems.
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from alliance_sandbox.ui.map_routes import CLEARANCE_PX

#: A hub has at least this many members.
MIN_TREATY = 4
#: A hub is drawn only where it saves at least this many lines (pairs it covers that no hub
#: covered before, less its spokes): a 4-clique (6 lines, 4 spokes) just qualifies.
MIN_SAVING = 2
#: Cliques are searched only in a tie graph of at most this many edges of one kind (a random
#: 200-state world is a texture, not treaties; and the clique search grows fast with density).
MAX_EDGES = 600


class Treaty(NamedTuple):
    """A hub: its tie kind's code (World.tie_kind) and its members (state indices, sorted)."""

    code: int
    members: list[int]


def _pairs(members: list[int]) -> set[tuple[int, int]]:
    return {(a, b) for k, a in enumerate(members) for b in members[k + 1:]}


def _useful_part(clique: list[int], covered: set[tuple[int, int]]) -> list[int]:
    """The clique less the members whose every pair in it is covered already (their spoke
    would add nothing); still a clique."""
    members = list(clique)
    while members:
        fresh = [sum((min(a, b), max(a, b)) not in covered for b in members if b != a)
                 for a in members]
        worst = int(np.argmin(fresh))
        if fresh[worst] > 0:
            break
        members.pop(worst)
    return members


def cover_by_cliques(edges: list[tuple[int, int]]) -> list[list[int]]:
    """Cliques (sorted members) covering as many of `edges` (i < j) as pays: greedy, the clique
    that saves the most lines first (ties broken by the members, so a turn that keeps the ties
    keeps the hubs and their order)."""
    if len(edges) < MIN_TREATY * (MIN_TREATY - 1) // 2 or len(edges) > MAX_EDGES:
        return []  # too few ties for a treaty: no need to load networkx (start-up)
    import networkx as nx

    graph = nx.Graph()
    graph.add_edges_from(edges)
    cliques = [sorted(c) for c in nx.find_cliques(graph) if len(c) >= MIN_TREATY]
    covered: set[tuple[int, int]] = set()
    chosen: list[list[int]] = []
    while cliques:
        best, best_saving, best_index = None, MIN_SAVING - 1, -1
        for k, clique in enumerate(cliques):
            members = _useful_part(clique, covered)
            if len(members) < MIN_TREATY:
                continue
            saving = len(_pairs(members) - covered) - len(members)
            if saving > best_saving or (saving == best_saving and best is not None
                                        and members < best):
                best, best_saving, best_index = members, saving, k
        if best is None:
            break
        chosen.append(best)
        covered |= _pairs(best)
        cliques.pop(best_index)
    return chosen


def treaty_groups(ti, tj, codes) -> list[Treaty]:
    """The hubs of a world's ties (ti[k], tj[k]) of kind codes[k], i < j: for each kind, the
    cliques of its ties that cover them best (cover_by_cliques), firmest kind first."""
    ti, tj, codes = np.asarray(ti), np.asarray(tj), np.asarray(codes)
    out: list[Treaty] = []
    for code in sorted(set(codes.tolist()), reverse=True):
        mine = codes == code
        edges = list(zip(ti[mine].tolist(), tj[mine].tolist()))
        out += [Treaty(int(code), members) for members in cover_by_cliques(edges)]
    return out


def covered_pairs(treaties: list[Treaty]) -> set[tuple[int, int]]:
    """The pairs (i < j) some hub draws: the lines the map leaves out."""
    out: set[tuple[int, int]] = set()
    for treaty in treaties:
        out |= _pairs(treaty.members)
    return out


def hub_places(px, py, radii, groups: list[list[int]], hub_radius: float,
               previous: np.ndarray | None = None) -> np.ndarray:
    """(h, 2) pixel places of the groups' hubs: near each group's centre, clear of every disc
    (and of the hubs placed before), so that no spoke seems to end at a state. A hub of
    `previous` (same groups) that is still clear and near its centre stays where it was: a
    hub that jumps moves every spoke, and makes every route be searched again."""
    centres = np.stack([np.asarray(px, float), np.asarray(py, float)], axis=1)
    radii = np.asarray(radii, float)
    rings = [(0.0, 0.0)] + [(r * np.cos(a), r * np.sin(a))
                            for r in range(8, 200, 8) for a in np.linspace(0, 2 * np.pi, 16, endpoint=False)]
    offsets = np.array(rings)
    placed: list[np.ndarray] = []
    for g, members in enumerate(groups):
        centre = centres[members].mean(axis=0)
        spots = centre + offsets
        if previous is not None and g < len(previous):
            spots = np.vstack([previous[g][None, :], spots])
        need = radii + hub_radius + 4.0 * CLEARANCE_PX
        dist = np.linalg.norm(spots[:, None, :] - centres[None, :, :], axis=-1) - need
        ok = dist.min(axis=1) >= 0.0
        for other in placed:
            ok &= np.linalg.norm(spots - other, axis=1) >= 3.0 * hub_radius + 8.0
        if previous is not None and g < len(previous) and ok[0] \
                and np.linalg.norm(previous[g] - centre) > 60.0:
            ok[0] = False  # the group has moved on: so does its hub
        k = int(np.flatnonzero(ok)[0]) if ok.any() else int(np.argmax(dist.min(axis=1)))
        placed.append(spots[k])
    return np.array(placed).reshape(-1, 2)
