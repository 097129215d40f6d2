"""Where the map puts things, as arithmetic on pixels and degrees: the zoom that fits every
state with its disc and label, and the place of each label around its disc.

Why apart from the view: these are the decisions that make a crowded map legible (25
European states in a projector's 680 pixels), and they are easier to read, tune and
test as plain functions of positions and sizes than inside the QGraphicsView that applies
them (map_view.py gathers the numbers, calls these, and moves its items).

Scene coordinates are degrees: x = lon, y = -lat (north up). Pixel sizes (disc radii,
label boxes) do not scale with the zoom: discs and labels are drawn at fixed sizes.
"""
from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QRectF

WORLD_RECT = QRectF(-180.0, -90.0, 360.0, 180.0)
#: The deepest zoom, in pixels per degree.
MAX_PX_PER_DEGREE = 400.0


def short_name(name: str, short: str, state_id: str) -> str:
    """The short form of a crowded label: the scenario's `short_name` ("W. Germany"), else the
    name itself. Never the id: a class reads "GFR" as nothing at all."""
    return short or name or state_id


# --- zoom and fit ----------------------------------------------------------------------------

def scale_limits(width: int, height: int) -> tuple[float, float]:
    """The zoom range of a width x height viewport: from a little less than the whole world
    to MAX_PX_PER_DEGREE."""
    world_fit = min(width / WORLD_RECT.width(), height / WORLD_RECT.height())
    return 0.6 * world_fit, MAX_PX_PER_DEGREE


def world_zoom(width: int, height: int, lo: float, hi: float) -> float:
    """The zoom that shows the whole world with a small margin (a map with no states)."""
    return min(hi, max(lo, min((width - 16) / WORLD_RECT.width(), (height - 16) / WORLD_RECT.height())))


def fit_states(x, y, radii, label_rects, width: float, height: float, lo: float, hi: float):
    """The largest zoom at which every disc and label is inside the viewport, and its centre.

    x, y: scene positions; radii: disc radii in pixels; label_rects: each label's QRectF
    in pixels relative to its disc's centre (where it goes by default, below the disc).
    Returns (zoom, centre x, centre y). Discs and labels have pixel sizes, so the margin a
    state needs does not scale with the zoom: bisect on the zoom instead of padding the
    bounding box by a guess.
    """
    x, y, radii = np.asarray(x, float), np.asarray(y, float), np.asarray(radii, float)
    pad = max(14.0, 0.05 * min(width, height))
    left = np.maximum(radii, [-r.left() for r in label_rects]) + pad
    right = np.maximum(radii, [r.right() for r in label_rects]) + pad
    top = radii + pad
    bottom = np.maximum(radii, [r.bottom() for r in label_rects]) + pad
    x0_deg, y0_deg = float(x.min()), float(y.min())
    x, y = x - x0_deg, y - y0_deg

    def box(s: float):
        u, v = x * s, y * s
        return (float((u - left).min()), float((u + right).max()),
                float((v - top).min()), float((v + bottom).max()))

    def fits(s: float) -> bool:
        x0, x1, y0, y1 = box(s)
        return x1 - x0 <= width and y1 - y0 <= height

    # A lone state or a tight cluster still gets a window of a few degrees of map.
    span = max(float(x.max()), 8.0), max(float(y.max()), 5.0)
    hi = min(hi, width / span[0], height / span[1])
    if fits(hi) or hi <= lo:
        s = max(lo, hi)
    elif not fits(lo):
        s = lo
    else:
        a, b = lo, hi
        for _ in range(40):
            mid = (a + b) / 2
            a, b = (mid, b) if fits(mid) else (a, mid)
        s = a
    x0, x1, y0, y1 = box(s)
    return s, x0_deg + (x0 + x1) / 2 / s, y0_deg + (y0 + y1) / 2 / s


def covers_a_state(area: QRectF, x, y, radii, label_rects, s: float, cx: float, cy: float,
                   width: float, height: float) -> bool:
    """Would `area` (viewport pixels, e.g. the legend) cover a disc or a label at zoom s
    centred on (cx, cy) in a width x height viewport?"""
    px = (np.asarray(x) - cx) * s + width / 2
    py = (np.asarray(y) - cy) * s + height / 2
    for i, label in enumerate(label_rects):
        r = float(radii[i])
        box = label.united(QRectF(-r, -r, 2 * r, 2 * r))
        if area.intersects(box.translated(float(px[i]), float(py[i]))):
            return True
    return False


def nearest(x, y, i: int, count: int) -> list[int]:
    """The `count` states nearest to state i (across the date line), nearest first."""
    dx = ((x - x[i] + 180.0) % 360.0 - 180.0) * math.cos(math.radians(-y[i]))
    order = np.argsort(dx * dx + (y - y[i]) ** 2).tolist()
    return [j for j in order if j != i][:count]


# --- labels -----------------------------------------------------------------------------------

#: Where a label may go around its disc, in order of preference: for each place the label
#: box's top-left corner relative to the disc centre is (ax*r + bx*w + cx, ay*r + by*h + cy)
#: for disc radius r and label width w and height h (pixels).
LABEL_PLACES: dict[str, tuple[float, float, float, float, float, float]] = {
    "below": (0.0, -0.5, 0.0, 1.0, 0.0, 2.0),
    "above": (0.0, -0.5, 0.0, -1.0, -1.0, -2.0),
    "right": (1.0, 0.0, 9.0, 0.0, -0.5, 0.0),
    "left": (-1.0, -1.0, -9.0, 0.0, -0.5, 0.0),
    "below right": (0.7, 0.0, 2.0, 0.7, 0.0, 1.0),
    "below left": (-0.7, -1.0, -2.0, 0.7, 0.0, 1.0),
    "above right": (0.7, 0.0, 2.0, -0.7, -1.0, -1.0),
    "above left": (-0.7, -1.0, -2.0, -0.7, -1.0, -1.0),
    # Further out, tied to the disc by a leader line (map_items.LabelItem): the last resort of
    # a crowded region, tried before a label is dropped.
    "far below right": (0.7, 0.0, 16.0, 0.7, 0.0, 14.0),
    "far below left": (-0.7, -1.0, -16.0, 0.7, 0.0, 14.0),
    "far above right": (0.7, 0.0, 16.0, -0.7, -1.0, -14.0),
    "far above left": (-0.7, -1.0, -16.0, -0.7, -1.0, -14.0),
    "far right": (1.0, 0.0, 26.0, 0.0, -0.5, 0.0),
    "far left": (-1.0, -1.0, -26.0, 0.0, -0.5, 0.0),
    # Farther still, for a great power in a crowded region (West Germany among the Benelux,
    # Denmark and Czechoslovakia at 1024 x 768): a class must be able to name the big discs.
    "farther above left": (-0.7, -1.0, -12.0, -0.7, -1.0, -22.0),
    "farther above right": (0.7, 0.0, 12.0, -0.7, -1.0, -22.0),
    "farther below left": (-0.7, -1.0, -12.0, 0.7, 0.0, 22.0),
    "farther below right": (0.7, 0.0, 12.0, 0.7, 0.0, 22.0),
    "farther above": (0.0, -0.5, 0.0, -1.0, -1.0, -28.0),
    "farther below": (0.0, -0.5, 0.0, 1.0, 0.0, 28.0),
    "farthest above left": (-0.7, -1.0, -4.0, -0.7, -1.0, -36.0),
    "farthest above right": (0.7, 0.0, 4.0, -0.7, -1.0, -36.0),
    "farthest below left": (-0.7, -1.0, -4.0, 0.7, 0.0, 36.0),
    "farthest below right": (0.7, 0.0, 4.0, 0.7, 0.0, 36.0),
}


#: A label on a leader line is refused where another disc's edge is nearer than this share of
#: the distance to its own (`_nearer_to_another`): a little over "twice as near".
NEARER_TO_ANOTHER = 0.45


class _Grid:
    """Boxes bucketed in 64-px cells: overlap queries that stay cheap with hundreds of boxes."""

    CELL = 64.0

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[tuple[float, float, float, float, int]]] = {}

    def add(self, x0: float, y0: float, x1: float, y1: float, owner: int) -> None:
        c, cells, box = self.CELL, self.cells, (x0, y0, x1, y1, owner)
        for gx in range(int(x0 // c), int(x1 // c) + 1):
            for gy in range(int(y0 // c), int(y1 // c) + 1):
                cells.setdefault((gx, gy), []).append(box)

    def hits(self, x0: float, y0: float, x1: float, y1: float, owner: int) -> bool:
        c, get = self.CELL, self.cells.get
        for gx in range(int(x0 // c), int(x1 // c) + 1):
            for gy in range(int(y0 // c), int(y1 // c) + 1):
                for a0, b0, a1, b1, other in get((gx, gy), ()):
                    if x0 < a1 and a0 < x1 and y0 < b1 and b0 < y1 and other != owner:
                        return True
        return False


def place_labels(px, py, radii, sizes, short_sizes, order, forced, obstacles, width, height, farther=True):
    """Where each state's label goes: a code per state, or -1 for no label.

    With k = len(LABEL_PLACES): code c < k is the full name at the c-th place of LABEL_PLACES (LabelItem.SIDES);
    c >= k the short form at place c - k. px, py: disc centres in viewport pixels; radii:
    disc radii; sizes, short_sizes: (n, 2) width and height of each form; order: states by
    priority; forced: states that keep a label even when every place clashes; obstacles:
    QRectF areas to avoid (the legend). A label takes the first place (full name first, then
    short form) where it covers no disc but its own, no label placed before it, no obstacle,
    and is not cut by the window's edge. A disc of radius 0 is not drawn (a state that joined
    another): it gets no label and is no obstacle. Linear in the number of states (200: 3-5 ms).
    `farther=False` leaves out the "farther" and "farthest" places: a view that needs them is
    crowded (map_framing chooses a region's view first), though a label may still go there.
    """
    n = len(px)
    r = np.asarray(radii, dtype=float)
    grid = _Grid()
    pxl, pyl, rl = np.asarray(px).tolist(), np.asarray(py).tolist(), r.tolist()
    for i in range(n):
        if rl[i] <= 0.0:  # not drawn (a state that joined another)
            continue
        # The square inside the disc: a label may cover the edge of a neighbour's disc (its
        # halo keeps both readable), which frees room in crowded regions.
        q = rl[i] * 0.75
        grid.add(pxl[i] - q, pyl[i] - q, pxl[i] + q, pyl[i] + q, i)
    for rect in obstacles:
        grid.add(rect.left(), rect.top(), rect.right(), rect.bottom(), -1)
    # Candidate boxes: (place, n) corners for each form, 2 px of air left and right, 1 above
    # and below.
    boxes = []
    for wh in (sizes, short_sizes):
        w, h = wh[:, 0], wh[:, 1]
        for ax, bx, cx, ay, by, cy in LABEL_PLACES.values():
            x0 = px + ax * r + bx * w + cx - 2.0
            y0 = py + ay * r + by * h + cy - 1.0
            boxes.append((x0.tolist(), y0.tolist(), (x0 + w + 4.0).tolist(),
                          (y0 + h + 2.0).tolist()))
    # Preference: the full name next to the disc, the short form next to it, then either form
    # further out on a leader line.
    k = len(LABEL_PLACES)
    far = [c for c, name in enumerate(LABEL_PLACES) if name.startswith("far")
           and (farther or not name.startswith(("farther", "farthest")))]
    near = [c for c, name in enumerate(LABEL_PLACES) if not name.startswith("far")]
    preference = near + [c + k for c in near] + far + [c + k for c in far]
    distant = set(far) | {c + k for c in far}
    drawn = np.flatnonzero(r > 0.0)
    codes = [-1] * n
    for i in order:
        if rl[i] <= 0.0:
            continue
        on_screen = 0 <= pxl[i] <= width and 0 <= pyl[i] <= height
        for code in preference:
            x0, y0, x1, y1 = boxes[code]
            a0, b0, a1, b1 = x0[i], y0[i], x1[i], y1[i]
            if on_screen and (a0 < 0 or b0 < 0 or a1 > width or b1 > height):
                continue
            if grid.hits(a0, b0, a1, b1, i):
                continue
            if code in distant and _nearer_to_another(px, py, r, drawn, i, (a0, b0, a1, b1)):
                continue
            codes[i] = code
            break
        if codes[i] < 0 and i in forced:
            codes[i] = 0
        if codes[i] >= 0:
            x0, y0, x1, y1 = boxes[codes[i]]
            grid.add(x0[i], y0[i], x1[i], y1[i], i)
    return codes


def _nearer_to_another(px, py, r, drawn, i: int, box: tuple[float, float, float, float]) -> bool:
    """Whether a label box away from disc i (a "far" place, on a leader line) lies more than
    NEARER_TO_ANOTHER times as near another disc's edge as its own: a reader goes by nearness,
    not by the thin leader, so such a label names the wrong state (West Germany's name against
    Czechoslovakia's disc, 1955 at 1920 x 1080: 0 px from it, 19 px from its own)."""
    x0, y0, x1, y1 = box
    cx, cy = np.asarray(px, dtype=float)[drawn], np.asarray(py, dtype=float)[drawn]
    gap = np.hypot(np.maximum(0.0, np.maximum(x0 - cx, cx - x1)),
                   np.maximum(0.0, np.maximum(y0 - cy, cy - y1))) - r[drawn]
    own = float(gap[np.searchsorted(drawn, i)])
    return bool(np.any(np.delete(gap, np.searchsorted(drawn, i)) < NEARER_TO_ANOTHER * own))

