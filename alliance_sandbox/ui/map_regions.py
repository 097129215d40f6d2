"""Which part of the world the map shows: where the map is cut (so that ties cross the Pacific
the short way) and which regional views a crowded scenario offers.

Why apart from the view: these are plain functions of longitudes and latitudes, easy to test
and to tune without a window. Qt-free on purpose (numpy only).

Scene x is a longitude shifted into [cut, cut + 360): with cut = -180 it is the plain longitude;
an East Asian scenario (the United States at -77, China at 116) is cut in the Atlantic, so the
Pacific is in the middle and the United States sits at x = 283.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: What cutting the map elsewhere than the date line costs, in ties cut: the usual
#: Atlantic-centred map is what a class expects, unless it cuts clearly more ties.
OFF_DATE_LINE_COST = 2.5
#: The map is only cut across this much empty longitude (an ocean, not between China and Taiwan).
MIN_CUT_GAP = 30.0


def map_cut(lon, ti=(), tj=()) -> float:
    """The longitude where the map is cut: in a stretch with no state, where the fewest ties
    (drawn the short way round) would have to leave one edge of the map and come back at the
    other; among equals the widest stretch. -180 (the usual map) unless another cut saves at
    least three ties, across at least MIN_CUT_GAP degrees with no state: East Asia's United
    States-Japan, -Korea, -Philippines... ties all cross the Pacific, so that map is cut in
    the Atlantic and the Pacific is in the middle.
    """
    lon = np.asarray(lon, dtype=float) % 360.0
    order = np.sort(lon)
    if len(order) < 2:
        return -180.0
    gaps = np.diff(np.concatenate([order, order[:1] + 360.0]))
    middles = (order + gaps / 2.0) % 360.0
    ti, tj = np.asarray(ti, int), np.asarray(tj, int)
    a, b = lon[ti], lon[tj]
    east = (b - a) % 360.0
    start = np.where(east <= 180.0, a, b)  # the short way runs east from `start`...
    span = np.where(east <= 180.0, east, 360.0 - east)  # ...for `span` degrees
    date_line = int(np.searchsorted(order, 180.0)) - 1
    best, best_key = -180.0, None
    for k, middle in enumerate(middles):
        cut = int(((middle - start) % 360.0 < span).sum()) if len(ti) else 0
        usual = k == date_line % len(gaps)
        if not usual and gaps[k] < MIN_CUT_GAP:
            continue
        key = (cut + (0.0 if usual else OFF_DATE_LINE_COST), -gaps[k])
        if best_key is None or key < best_key:
            best_key = key
            best = -180.0 if usual else (middle - 360.0 if middle >= 180.0 else middle)
    return best


def shifted(lon, cut: float) -> np.ndarray:
    """Scene x of longitudes on a map cut at `cut`: each in [cut, cut + 360)."""
    lon = np.asarray(lon, dtype=float)
    if cut <= -180.0:
        return np.clip(lon, -180.0, 180.0)
    return (lon - cut) % 360.0 + cut


def unshifted(x: float) -> float:
    """The longitude (-180..180) of a scene x."""
    return (float(x) + 180.0) % 360.0 - 180.0 if not -180.0 <= x <= 180.0 else float(x)


@dataclass(frozen=True)
class Region:
    """A named part of the world: a box in longitude and latitude."""

    name: str
    west: float
    east: float
    south: float
    north: float

    def holds(self, lon, lat) -> np.ndarray:
        lon, lat = np.asarray(lon, float), np.asarray(lat, float)
        return (lon >= self.west) & (lon <= self.east) & (lat >= self.south) & (lat <= self.north)


#: Regions a crowded scenario may zoom to (one key switches between them and the world).
REGIONS: tuple[Region, ...] = (
    Region("Europe", -12.0, 45.0, 34.0, 61.0),
    Region("East Asia", 90.0, 155.0, -12.0, 55.0),
)

#: A region needs this many states to be offered as a view.
MIN_REGION_STATES = 4


def regions_for(lon, lat) -> list[tuple[Region, np.ndarray]]:
    """The regions worth a view for these states, most states first, with who is in each."""
    found = []
    for region in REGIONS:
        inside = region.holds(lon, lat)
        if int(inside.sum()) >= MIN_REGION_STATES and not inside.all():
            found.append((region, inside))
    found.sort(key=lambda pair: -int(pair[1].sum()))
    return found


def spread_along_edges(ex: np.ndarray, ey: np.ndarray, radii: np.ndarray, out: np.ndarray,
                       width: float, height: float) -> None:
    """Push the pinned discs (`out`) on each window edge apart along that edge, in place, so
    that no two overlap (China, Japan and both Koreas at the right edge of the Europe view).
    ex, ey: pixel places on the edge; radii: the room each needs (its radius plus air)."""
    idx = np.flatnonzero(out)
    if len(idx) < 2:
        return
    # Which edge: the nearest one (left, right, top, bottom).
    gaps = np.stack([ex[idx] - radii[idx], width - ex[idx] - radii[idx],
                     ey[idx] - radii[idx], height - ey[idx] - radii[idx]], axis=1)
    edge = np.argmin(np.abs(gaps), axis=1)
    for side in range(4):
        members = idx[edge == side]
        if len(members) < 2:
            continue
        along = ey if side < 2 else ex
        limit = height if side < 2 else width
        order = members[np.argsort(along[members], kind="stable")]
        for a, b in zip(order[:-1], order[1:]):  # downwards / rightwards
            need = radii[a] + radii[b]
            if along[b] - along[a] < need:
                along[b] = along[a] + need
        overflow = along[order[-1]] + radii[order[-1]] - limit
        if overflow > 0:  # shift the run back in, then push upwards / leftwards
            along[order] -= overflow
            for a, b in zip(order[::-1][:-1], order[::-1][1:]):
                need = radii[a] + radii[b]
                if along[a] - along[b] < need:
                    along[b] = along[a] - need


#: Air (pixels) kept between two discs moved apart by `dodge`.
DODGE_GAP = 6.0
DODGE_ROUNDS = 12


def dodge(px: np.ndarray, py: np.ndarray, radii: np.ndarray, fixed: np.ndarray | None = None
          ) -> tuple[np.ndarray, np.ndarray]:
    """Pixel places with overlapping discs pushed apart just enough (cartographic displacement).

    Why: Brussels, Amsterdam and Luxembourg are 13 px apart on a projector's map of Europe and
    their discs are 19 px wide: the discs pile up, a click hits the wrong one, and no tie can
    pass between them without seeming to touch a third. Moving each a few pixels (the smaller
    disc moves more) keeps every state near its capital and each readable. `fixed`: discs that
    must not move (the one being dragged).
    """
    x, y = np.array(px, float), np.array(py, float)
    r = np.asarray(radii, float)
    n = len(x)
    if n < 2:
        return x, y
    key = (x.tobytes(), y.tobytes(), r.tobytes(), None if fixed is None else fixed.tobytes())
    if key == _DODGE_CACHE.get("key"):
        return _DODGE_CACHE["x"].copy(), _DODGE_CACHE["y"].copy()
    full_x, full_y = x, y
    # Only discs near an overlap take part (a big world has most discs far from any other).
    dist = np.hypot(x[:, None] - x[None, :], y[:, None] - y[None, :])
    np.fill_diagonal(dist, np.inf)
    reach = r[:, None] + r[None, :] + DODGE_GAP
    touching = (dist < reach).any(axis=1)
    if not touching.any():
        _DODGE_CACHE.update(key=key, x=x.copy(), y=y.copy())
        return x, y
    near = touching | (dist[:, touching] < 2.0 * reach[:, touching]).any(axis=1)
    idx = np.flatnonzero(near)
    x, y, r = x[idx].copy(), y[idx].copy(), r[idx]
    fixed = None if fixed is None else fixed[idx]
    weight = 1.0 / np.maximum(r, 1.0) ** 2  # how easily each disc moves
    if fixed is not None:
        weight = np.where(fixed, 0.0, weight)
    need = r[:, None] + r[None, :] + DODGE_GAP
    for _ in range(DODGE_ROUNDS):
        dx, dy = x[:, None] - x[None, :], y[:, None] - y[None, :]
        dist = np.hypot(dx, dy)
        np.fill_diagonal(dist, np.inf)
        overlap = np.maximum(need - dist, 0.0)
        if not overlap.any():
            break
        # Coincident discs: split them along a fixed direction (deterministic).
        safe = np.where(dist > 1e-6, dist, 1.0)
        ux = np.where(dist > 1e-6, dx / safe, 1.0)
        uy = np.where(dist > 1e-6, dy / safe, 0.0)
        total = weight[:, None] + weight[None, :]
        share = np.where(total > 0, weight[:, None] / np.where(total > 0, total, 1.0), 0.0)
        # Each pair moves apart by its whole overlap (halved again: several pairs push at once).
        push = 0.5 * overlap * share
        x += (push * ux).sum(axis=1)
        y += (push * uy).sum(axis=1)
    out_x, out_y = full_x.copy(), full_y.copy()
    out_x[idx], out_y[idx] = x, y
    _DODGE_CACHE.update(key=key, x=out_x.copy(), y=out_y.copy())
    return out_x, out_y


#: The last call's input and answer: set_world and the label pass ask twice for one geometry.
_DODGE_CACHE: dict = {}
