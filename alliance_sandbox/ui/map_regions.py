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

#: A cut elsewhere than the date line must win by this many degrees of empty map: the usual
#: Atlantic-centred map is what a class expects when both are about as good.
CUT_MARGIN_DEGREES = 10.0


def map_cut(lon) -> float:
    """The longitude where the map is cut: the middle of the widest stretch with no state.

    -180 (the usual map) unless cutting elsewhere leaves clearly more empty ocean at the edges.
    """
    lon = np.sort(np.asarray(lon, dtype=float) % 360.0)
    if len(lon) < 2:
        return -180.0
    gaps = np.diff(np.concatenate([lon, lon[:1] + 360.0]))
    k = int(np.argmax(gaps))
    start, width = float(lon[k]), float(gaps[k])
    # The gap that holds the date line (longitude 180 = 180 mod 360).
    date_line = int(np.searchsorted(lon, 180.0)) - 1
    usual = float(gaps[date_line % len(gaps)])
    if width < usual + CUT_MARGIN_DEGREES:
        return -180.0
    middle = (start + width / 2.0) % 360.0
    return middle - 360.0 if middle >= 180.0 else middle


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
    Region("Europe", -30.0, 50.0, 33.0, 72.0),
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
