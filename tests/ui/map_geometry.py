"""Geometry of what the map draws, measured in viewport pixels: for the legibility tests
(tests/ui/test_map_legibility.py) and tools/make_gallery.py's report."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF


def tie_polylines(view) -> list[np.ndarray]:
    """Every drawn tie as an (m, 2) polyline in viewport pixels (curves flattened)."""
    t = view.viewportTransform()
    out = []
    for path in view.tie_paths().values():
        for polygon in path.toSubpathPolygons():
            pts = [t.map(QPointF(p)) for p in polygon]
            out.append(np.array([[p.x(), p.y()] for p in pts]))
    return out


def disc_centres(view) -> tuple[list[str], np.ndarray, np.ndarray]:
    """State ids, disc centres (viewport pixels) and radii (pixels)."""
    ids = list(view._ids)
    centres = np.array([[view.mapFromScene(view.state_item(s).pos()).x(),
                         view.mapFromScene(view.state_item(s).pos()).y()] for s in ids], float)
    t = view.viewportTransform()
    exact = np.array([[t.map(view.state_item(s).pos()).x(), t.map(view.state_item(s).pos()).y()]
                      for s in ids], float)
    radii = np.array([view.state_item(s).radius for s in ids])
    return ids, exact if len(exact) else centres, radii


def painted_points(view) -> np.ndarray:
    """Every vertex of the tie paths as painted (viewport pixels)."""
    lines = tie_polylines(view)
    return np.concatenate(lines) if lines else np.zeros((0, 2))


def tie_violations(view) -> list[tuple[str, str, str, float]]:
    """(end a, end b, third state, how deep in px) for every tie whose visible part (outside its
    own two discs) passes within a disc radius of a third state's centre. A treaty hub end
    ("hub") has no disc of its own."""
    ids, centres, radii = disc_centres(view)
    n = len(ids)
    bad = []
    for i, j, line in view.drawn_ties():
        ends = [k for k in (i, j) if k < n]
        a, b = line[:-1], line[1:]
        # sample each segment finely: exact enough at a tenth of a pixel
        steps = np.linspace(0.0, 1.0, 9)
        pts = (a[:, None, :] + steps[None, :, None] * (b - a)[:, None, :]).reshape(-1, 2)
        own = np.zeros(len(pts), bool)
        for e in ends:
            own |= np.linalg.norm(pts - centres[e], axis=1) < radii[e]
        pts = pts[~own]
        if not len(pts):
            continue
        for k in range(len(ids)):
            if k in ends:
                continue
            depth = radii[k] - float(np.linalg.norm(pts - centres[k], axis=1).min())
            if depth > 0.0:
                names = [ids[e] if e < n else "hub" for e in (i, j)]
                bad.append((names[0], names[1], ids[k], round(depth, 1)))
    return bad
