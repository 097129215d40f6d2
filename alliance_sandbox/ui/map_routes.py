"""Where a tie's line goes: straight when that passes no third state's disc, else the gentlest
curve that clears every disc.

Why: a straight line between two disc centres that passes under a third disc reads as a tie
to that third state (tutorial: Estoria-Dravia read as Dravia-Aurelia; 1914: France-Russia
seemed to go through Germany). A map of alliances must not draw alliances that do not exist.

Each tie is a cubic Bezier from centre to centre; its two control points sit at a third and
two thirds of the chord, pushed sideways by a share of the chord's length. Candidates go from
straight to strongly bent, symmetric bows before S-curves; the first whose visible part (outside
its own two discs) keeps a clearance from every other disc wins. Work is in pixels (discs have a
pixel size at every zoom), so routes are made again when the zoom changes.

Qt-free (numpy only): map_items.TieLayer turns the control points into paths.
"""
from __future__ import annotations

import numpy as np

#: Air (pixels) between a tie and a third state's disc.
CLEARANCE_PX = 2.0
#: Points per curve in the clearance test (the curve is checked as a polyline of segments).
SAMPLES = 24
#: Above this many ties routing is skipped (straight lines): 2,000 ties of a random world are
#: a texture, not lines a class follows, and routing them costs about 0.1 ms each.
ROUTE_LIMIT = 600


def _candidates() -> np.ndarray:
    """(k, 2) sideways pushes (share of the chord) of the two control points, gentlest first."""
    rows = [(0.0, 0.0)]
    for a in (0.12, 0.22, 0.35, 0.5):
        rows += [(a, a), (-a, -a)]
    for a in (0.3, 0.6, 0.9):
        rows += [(a, 0.0), (-a, 0.0), (0.0, a), (0.0, -a), (a, -a), (-a, a)]
    for a in (0.7, 0.95, 1.25):  # strong bows: only when nothing gentler clears
        rows += [(a, a), (-a, -a)]
    grid = np.round(np.arange(-1.5, 1.51, 0.25), 2)  # last: any pair of pushes, smallest first
    rest = sorted(((a, b) for a in grid for b in grid), key=lambda p: (abs(p[0]) + abs(p[1]), p))
    seen = set(rows)
    rows += [p for p in rest if p not in seen]
    return np.array(rows)


CANDIDATES = _candidates()
_T = np.linspace(0.0, 1.0, SAMPLES)
# Bernstein weights of the four Bezier points at each sample: (SAMPLES, 4).
_BERN = np.stack([(1 - _T) ** 3, 3 * (1 - _T) ** 2 * _T, 3 * (1 - _T) * _T ** 2, _T ** 3], axis=1)


def curve_points(p0, p1, push) -> np.ndarray:
    """(k, SAMPLES, 2) points of the k candidate curves from p0 to p1 (pixels)."""
    p0, p1 = np.asarray(p0, float), np.asarray(p1, float)
    d = p1 - p0
    normal = np.array([-d[1], d[0]])
    c1 = p0 + d / 3.0 + push[:, :1] * normal
    c2 = p0 + 2.0 * d / 3.0 + push[:, 1:] * normal
    k = len(push)
    ctrl = np.stack([np.broadcast_to(p0, (k, 2)), c1, c2, np.broadcast_to(p1, (k, 2))], axis=1)
    return np.einsum("sj,kjd->ksd", _BERN, ctrl)


def _segment_distance(a, b, c) -> np.ndarray:
    """Distance from points c (m, 2) to each segment a->b (..., 2): shape (..., m)."""
    ab = b - a
    length2 = np.maximum((ab ** 2).sum(-1), 1e-12)
    ac = c[(None,) * (a.ndim - 1)] - a[..., None, :]
    t = np.clip((ac * ab[..., None, :]).sum(-1) / length2[..., None], 0.0, 1.0)
    nearest = a[..., None, :] + t[..., None] * ab[..., None, :]
    return np.sqrt(((c[(None,) * (a.ndim - 1)] - nearest) ** 2).sum(-1))


def visible_clearance(points: np.ndarray, centres: np.ndarray, radii: np.ndarray,
                      end_a: int, end_b: int) -> np.ndarray:
    """For polylines (k, s, 2): the least (distance to a third centre - its radius) over each
    polyline's visible part, the part outside its own two discs. Shape (k,)."""
    k = points.shape[0]
    others = np.ones(len(centres), dtype=bool)
    others[[end_a, end_b]] = False
    if not others.any():
        return np.full(k, np.inf)
    c, r = centres[others], radii[others]
    a, b = points[:, :-1], points[:, 1:]
    dist = _segment_distance(a, b, c) - r  # (k, s-1, m)
    # Segments wholly under an end's own disc are not drawn (discs are above ties); a segment
    # partly under it counts whole (cautious: it may turn down a curve that would have done).
    own_a, own_b = radii[end_a] - CLEARANCE_PX, radii[end_b] - CLEARANCE_PX

    def under(p):
        return ((np.linalg.norm(p - centres[end_a], axis=-1) < own_a)
                | (np.linalg.norm(p - centres[end_b], axis=-1) < own_b))

    hidden = under(a) & under(b)
    dist = np.where(hidden[..., None], np.inf, dist)
    return dist.min(axis=(1, 2))


def route_ties(px: np.ndarray, py: np.ndarray, radii: np.ndarray, ti, tj,
               cache: dict | None = None, memo: dict | None = None
               ) -> dict[tuple[int, int], tuple[float, float]]:
    """Sideways pushes per tie (i, j) that need a curve (ties missing from the result are
    straight). px, py: disc centres in pixels; radii: disc radii in pixels.

    `cache` maps (i, j) to a push found before under the same geometry: reused when it still
    clears (a new turn usually changes a few ties, not the discs). `memo` (kept by the
    caller, filled here) skips the search for a tie whose neighbourhood, in whole pixels, is
    what it was: a turn's half-pixel drift of the discs changes no route.
    """
    centres = np.stack([np.asarray(px, float), np.asarray(py, float)], axis=1)
    radii = np.asarray(radii, float) + CLEARANCE_PX
    ti, tj = np.asarray(ti, int), np.asarray(tj, int)
    out: dict[tuple[int, int], tuple[float, float]] = {}
    if len(ti) == 0 or len(ti) > ROUTE_LIMIT:
        return out
    # Straight lines first, all at once: most ties need nothing.
    a, b = centres[ti], centres[tj]
    dist = _segment_distance(a, b, centres) - radii  # (t, n)
    t_idx = np.arange(len(ti))
    dist[t_idx, ti] = np.inf
    dist[t_idx, tj] = np.inf
    # Ignore the parts under an end's own disc: a third disc that only touches the hidden end.
    blocked = np.flatnonzero(dist.min(axis=1) < 0.0) if dist.size else []
    for k in blocked.tolist() if len(blocked) else []:
        i, j = int(ti[k]), int(tj[k])
        near = _near(centres, radii, i, j)
        seen = memo.get((i, j)) if memo is not None else None
        if seen is not None and _same_place(seen, near, centres, radii):
            push = seen[3]
        else:
            known = (cache or {}).get((i, j))
            push = None
            if known is not None:  # last time's curve, alone: it usually still clears
                push = _first_clear(centres, radii, i, j, np.array([known]), strict=True)
            if push is None:
                push = _first_clear(centres, radii, i, j, CANDIDATES)
            if memo is not None:
                memo[(i, j)] = (near, centres[near].copy(), radii[near].copy(), push)
        if push != (0.0, 0.0):
            out[(i, j)] = push
    return out


#: Candidates are tried this many at a time, gentlest first: most ties clear in the first batch.
BATCH = 8
#: A tie tries at most this many curves: where none clears (discs packed round an end) the
#: search would otherwise cost 10 ms a tie, every turn.
MAX_TRIES = 64


#: A memo'd route is reused while no disc near it has moved or grown by more than this (px):
#: less than CLEARANCE_PX, so the reused curve still clears.
MEMO_SLACK_PX = 1.0


def _same_place(seen, near, centres, radii) -> bool:
    old_near, old_centres, old_radii, _push = seen
    return (len(old_near) == len(near) and bool((old_near == near).all())
            and float(np.abs(centres[near] - old_centres).max()) <= MEMO_SLACK_PX
            and float(np.abs(radii[near] - old_radii).max()) <= MEMO_SLACK_PX)


def _near(centres, radii, i: int, j: int) -> np.ndarray:
    """The discs a curve of tie (i, j) can reach (the strongest bow stays within its push of
    the chord), with i and j."""
    p0, p1 = centres[i], centres[j]
    length = float(np.linalg.norm(p1 - p0))
    reach = float(np.abs(CANDIDATES).max()) * length + length * 0.5 + radii.max()
    near = np.flatnonzero(np.linalg.norm(centres - (p0 + p1) / 2.0, axis=1) <= reach)
    return np.union1d(near, [i, j])


def _first_clear(centres, radii, i: int, j: int, pushes: np.ndarray, strict: bool = False):
    """The first push whose curve clears every third disc, or the one with the most room
    (None instead when `strict`)."""
    p0, p1 = centres[i], centres[j]
    near = _near(centres, radii, i, j)
    local = {int(g): k for k, g in enumerate(near)}
    c, r = centres[near], radii[near]
    best, best_clear = (0.0, 0.0), -np.inf
    for start in range(0, min(len(pushes), MAX_TRIES), BATCH):
        batch = pushes[start:start + BATCH]
        clear = visible_clearance(curve_points(p0, p1, batch), c, r, local[i], local[j])
        ok = np.flatnonzero(clear >= 0.0)
        if len(ok):
            return float(batch[ok[0], 0]), float(batch[ok[0], 1])
        k = int(np.argmax(clear))
        if clear[k] > best_clear:
            best, best_clear = (float(batch[k, 0]), float(batch[k, 1])), float(clear[k])
    return None if strict else best


def control_points(x1: float, y1: float, x2: float, y2: float,
                   push: tuple[float, float]) -> tuple[float, float, float, float]:
    """The two Bezier control points (scene units) of a tie pushed sideways by `push`."""
    dx, dy = x2 - x1, y2 - y1
    nx, ny = -dy, dx
    return (x1 + dx / 3.0 + push[0] * nx, y1 + dy / 3.0 + push[0] * ny,
            x1 + 2.0 * dx / 3.0 + push[1] * nx, y1 + 2.0 * dy / 3.0 + push[1] * ny)


# --- treaties: a clique of alliances drawn as spokes to one hub -------------------------------

#: A group of at least this many states, each allied with every other, is drawn as a hub.
MIN_TREATY = 4


def treaty_groups(ti, tj, alliance: np.ndarray) -> list[list[int]]:
    """Groups of states each allied with every other (cliques of the alliance ties), largest
    first, no tie in two groups.

    Why: NATO in 1955 is 15 states and 105 pairwise alliances; drawn pair by pair it is a black
    wedge that hides Europe, and no routing can keep 105 lines off 15 discs. One hub with a
    spoke to each member says the same thing (every member is allied with every other) and
    leaves the map readable. `alliance`: a boolean per tie (ti[k], tj[k]).
    """
    if np.count_nonzero(alliance) < MIN_TREATY * (MIN_TREATY - 1) // 2:
        return []  # too few alliances for a treaty: no need to load networkx (start-up)
    import networkx as nx

    graph = nx.Graph()
    graph.add_edges_from((int(i), int(j)) for i, j, a in zip(ti, tj, alliance) if a)
    if graph.number_of_edges() < MIN_TREATY * (MIN_TREATY - 1) // 2:
        return []
    cliques = sorted((sorted(c) for c in nx.find_cliques(graph) if len(c) >= MIN_TREATY),
                     key=lambda c: (-len(c), c))
    used: set[tuple[int, int]] = set()
    groups = []
    for clique in cliques:
        pairs = {(a, b) for k, a in enumerate(clique) for b in clique[k + 1:]}
        if pairs & used:
            continue
        used |= pairs
        groups.append(clique)
    return groups


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


#: Points (after the start) of a drawn curve: enough that the pieces look round at any zoom
#: where the route holds (routes are made again when the zoom changes).
DRAWN_POINTS = 16
_T_DRAWN = np.linspace(0.0, 1.0, DRAWN_POINTS + 1)[1:]
_BERN_DRAWN = np.stack([(1 - _T_DRAWN) ** 3, 3 * (1 - _T_DRAWN) ** 2 * _T_DRAWN,
                        3 * (1 - _T_DRAWN) * _T_DRAWN ** 2, _T_DRAWN ** 3], axis=1)


def curve_polyline(x1: float, y1: float, x2: float, y2: float,
                   push: tuple[float, float]) -> list[tuple[float, float]]:
    """The drawn curve of a pushed tie as DRAWN_POINTS points after (x1, y1), ending at (x2, y2)."""
    c1x, c1y, c2x, c2y = control_points(x1, y1, x2, y2, push)
    xs = _BERN_DRAWN @ np.array([x1, c1x, c2x, x2])
    ys = _BERN_DRAWN @ np.array([y1, c1y, c2y, y2])
    return list(zip(xs.tolist(), ys.tolist()))
