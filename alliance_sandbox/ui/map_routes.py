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
    # Segments wholly under an end's own disc are not drawn (discs are above ties).
    mid = (a + b) / 2.0
    own_a, own_b = radii[end_a] - CLEARANCE_PX, radii[end_b] - CLEARANCE_PX
    hidden = ((np.linalg.norm(mid - centres[end_a], axis=-1) < own_a)
              | (np.linalg.norm(mid - centres[end_b], axis=-1) < own_b))
    dist = np.where(hidden[..., None], np.inf, dist)
    return dist.min(axis=(1, 2))


def route_ties(px: np.ndarray, py: np.ndarray, radii: np.ndarray, ti, tj,
               cache: dict | None = None) -> dict[tuple[int, int], tuple[float, float]]:
    """Sideways pushes per tie (i, j) that need a curve (ties missing from the result are
    straight). px, py: disc centres in pixels; radii: disc radii in pixels.

    `cache` maps (i, j) to a push found before under the same geometry: reused when it still
    clears (a new turn usually changes a few ties, not the discs).
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
        known = (cache or {}).get((i, j))
        pushes = CANDIDATES if known is None else np.vstack([np.array([known]), CANDIDATES])
        points = curve_points(centres[i], centres[j], pushes)
        clear = visible_clearance(points, centres, radii, i, j)
        ok = np.flatnonzero(clear >= 0.0)
        best = int(ok[0]) if len(ok) else int(np.argmax(clear))
        push = (float(pushes[best, 0]), float(pushes[best, 1]))
        if push != (0.0, 0.0):
            out[(i, j)] = push
    return out


def control_points(x1: float, y1: float, x2: float, y2: float,
                   push: tuple[float, float]) -> tuple[float, float, float, float]:
    """The two Bezier control points (scene units) of a tie pushed sideways by `push`."""
    dx, dy = x2 - x1, y2 - y1
    nx, ny = -dy, dx
    return (x1 + dx / 3.0 + push[0] * nx, y1 + dy / 3.0 + push[0] * ny,
            x1 + 2.0 * dx / 3.0 + push[1] * nx, y1 + 2.0 * dy / 3.0 + push[1] * ny)
