"""Distances on the globe, for Walt's geographic proximity."""
from __future__ import annotations

import numpy as np

EARTH_RADIUS_KM = 6371.0


_last: tuple[bytes, np.ndarray] | None = None


def distances_km(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Great-circle distance between every pair of points (haversine), shape (n, n).

    Why great-circle and not map distance: a state dragged across the map should be as
    close to its neighbours as the globe says, whatever the projection on screen.
    The last result is kept: positions change only when a state is dragged, and every turn
    asks twice. Callers must not modify the returned array.
    """
    global _last
    key = np.asarray(lon, dtype=float).tobytes() + np.asarray(lat, dtype=float).tobytes()
    if _last is not None and _last[0] == key:
        return _last[1]
    lam = np.radians(lon)
    phi = np.radians(lat)
    dphi = phi[:, None] - phi[None, :]
    dlam = lam[:, None] - lam[None, :]
    h = np.sin(dphi / 2) ** 2 + np.cos(phi)[:, None] * np.cos(phi)[None, :] * np.sin(dlam / 2) ** 2
    km = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
    km.flags.writeable = False
    _last = (key, km)
    return km

