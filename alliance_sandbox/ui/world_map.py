"""World map backdrop: Natural Earth 1:110m country outlines as one graphics item.

The asset ``assets/world_110m.json`` is produced by
``tools/convert_natural_earth.py`` (see ``assets/ATTRIBUTION.md``). Scene
coordinates are plain longitude/latitude: ``x = lon``, ``y = -lat`` (Qt's y axis
points down, so north is up).

The map is one item holding two painter paths built straight from numpy arrays:
a fill path with every ring of every country, and an outline path that is the
same minus the edges lying on the antimeridian (Natural Earth cuts Fiji,
Chukotka and Antarctica there; stroking those cuts would draw vertical lines at
the map's edges). The outline uses a cosmetic pen, so it stays one or two
pixels wide at every zoom. The item sits below everything, is neither
selectable nor movable, and accepts no mouse buttons, so it never steals a drag.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np
from PySide6.QtCore import QByteArray, QDataStream, QIODevice, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem

from alliance_sandbox import resources
from alliance_sandbox.ui.palette import Theme, qcolor

log = logging.getLogger(__name__)

ASSET_PATH = resources.world_map_path()

#: z-value of the map: below every other item of the scene.
MAP_Z = -1.0e6

# Soft style for the desktop; stronger one for a projector.
_NORMAL = {"land": "#ebe6d6", "edge": "#a59d88", "width": 1.0}
_PRESENTATION = {"land": "#d2c8a6", "edge": "#3b3a36", "width": 1.6}

Outline = tuple[str, str, list[np.ndarray]]


def load_world_outlines(path: str | Path | None = None) -> list[Outline]:
    """Read the world asset: ``[(id, name, [ring (k, 2) lon/lat array, ...]), ...]``.

    ``id`` is Natural Earth's ADM0_A3 code (``"FRA"``, ``"NOR"``...). Rings are
    implicitly closed (the first point is not repeated at the end).
    """
    p = Path(path) if path is not None else ASSET_PATH
    doc = json.loads(p.read_text(encoding="utf-8"))
    out: list[Outline] = []
    for c in doc["countries"]:
        rings = [np.asarray(r, dtype=np.float64).reshape(-1, 2) for r in c["rings"]]
        out.append((c["id"], c["name"], rings))
    return out


# --------------------------------------------------------------------------
# Fast path building
# --------------------------------------------------------------------------

_ELEM = np.dtype([("type", ">i4"), ("x", ">f8"), ("y", ">f8")])
_MOVE_TO, _LINE_TO = 0, 1


def _path_from_polylines(polylines: list[np.ndarray]) -> QPainterPath:
    """One QPainterPath with each (k, 2) scene-coordinate array as a subpath.

    Built in one go by streaming QPainterPath's own serialised form (int32
    element count, then (int32 type, double x, double y) per element, then the
    int32 index where the last subpath starts and the int32 fill rule) instead of one Python call per point.
    """
    path = QPainterPath()
    n = sum(len(p) for p in polylines)
    if n == 0:
        return path
    elems = np.empty(n, dtype=_ELEM)
    elems["type"] = _LINE_TO
    xy = np.concatenate(polylines)
    elems["x"] = xy[:, 0]
    elems["y"] = xy[:, 1]
    starts = np.cumsum([0] + [len(p) for p in polylines[:-1]])
    elems["type"][starts] = _MOVE_TO
    tail = [int(starts[-1]), int(Qt.FillRule.WindingFill.value)]  # cStart, fill rule
    blob = (
        np.array([n], dtype=">i4").tobytes()
        + elems.tobytes()
        + np.array(tail, dtype=">i4").tobytes()
    )
    data = QByteArray(blob)  # keep alive: QDataStream(QByteArray*, mode) borrows it
    stream = QDataStream(data, QIODevice.OpenModeFlag.ReadOnly)
    stream >> path
    if stream.status() != QDataStream.Status.Ok:
        raise ValueError(f"could not build the map path: {stream.status()}")
    return path


def _outline_pieces(ring: np.ndarray) -> list[np.ndarray]:
    """Split a closed scene-coordinate ring into polylines without cut edges.

    A cut edge has both ends on the antimeridian (x = +/-180): the vertical cuts
    of Fiji and Chukotka and Antarctica's run along the south pole.
    """
    on_edge = np.abs(ring[:, 0]) >= 180.0 - 1e-9
    cut = on_edge & np.roll(on_edge, -1)  # segment i -> i+1 (wrapping)
    closed = np.vstack([ring, ring[:1]])
    if not cut.any():
        return [closed]
    # Start right after a cut so no piece wraps around the ring's end.
    first = int(np.flatnonzero(cut)[0]) + 1
    k = len(ring)
    order = (np.arange(k + 1) + first) % k
    pts = ring[order]
    seg_cut = cut[order[:-1]]
    pieces = []
    run_start = 0
    for i, is_cut in enumerate(seg_cut):
        if is_cut:
            if i > run_start:
                pieces.append(pts[run_start : i + 1])
            run_start = i + 1
    if k > run_start:
        pieces.append(pts[run_start:])
    return pieces


class WorldMapItem(QGraphicsPathItem):
    """The whole map: ``path()`` is the land fill, ``outline_path()`` its borders.

    Style it with ``setBrush`` (land) and ``setPen`` (borders), or with
    :func:`set_map_style`.
    """

    def __init__(self, fill: QPainterPath, outline: QPainterPath,
                 outlines: list[Outline] | None = None) -> None:
        super().__init__(fill)
        self._outline = outline
        self._outlines = outlines  # the source rings, for the coastline (made when first asked)
        self._coast: QPainterPath | None = None
        self._borders = True
        # Cosmetic pens do not grow with the path, so a fixed margin in degrees
        # (one degree is several pixels at any zoom where the world fits) is
        # enough and avoids stroking 10k points to find the exact bounds.
        self._bounds = fill.boundingRect().adjusted(-1.0, -1.0, 1.0, 1.0)

    def outline_path(self) -> QPainterPath:
        return QPainterPath(self._outline)

    def show_borders(self, on: bool) -> None:
        """Country borders drawn (today's), or only the coastlines.

        Why: a scenario of 1914 or 1955 drawn over today's borders shows the USSR and
        Austria-Hungary cut into countries that did not exist; the coast is the same then
        and now.
        """
        if on == self._borders:
            return
        if not on and self._coast is None:
            self._coast = coast_path(self._outlines) if self._outlines else QPainterPath()
        self._borders = on
        self.update()

    def borders_shown(self) -> bool:
        return self._borders

    def drawn_outline(self) -> QPainterPath:
        """What the outline pen draws now: every border, or the coast only."""
        return self._outline if self._borders or self._coast is None else self._coast

    def boundingRect(self) -> QRectF:
        return QRectF(self._bounds)

    def shape(self) -> QPainterPath:
        # The land itself; the default would stroke the whole path on each call.
        return self.path()

    def paint(self, painter, option, widget=None) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.brush())
        painter.drawPath(self.path())
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(self.pen())
        painter.drawPath(self.drawn_outline())


def coast_path(outlines: list[Outline]) -> QPainterPath:
    """The coastlines: every ring's edges that no other ring shares (a shared edge is a land
    border), without the antimeridian cuts. About 60 ms for the 1:110m map: made on demand."""
    flip = np.array([1.0, -1.0])
    keyed = []
    count: dict = {}
    for _cid, _name, rings in outlines:
        for ring in rings:
            q = np.round(ring, 4)
            nxt = np.roll(q, -1, axis=0)
            keys = [(min(a, b), max(a, b)) for a, b in zip(map(tuple, q), map(tuple, nxt))]
            for key in keys:
                count[key] = count.get(key, 0) + 1
            keyed.append((ring * flip, keys))
    lines: list[np.ndarray] = []
    for scene, keys in keyed:
        coast = np.array([count[k] == 1 for k in keys])
        on_edge = np.abs(scene[:, 0]) >= 180.0 - 1e-9
        coast &= ~(on_edge & np.roll(on_edge, -1))
        if coast.all():
            lines.append(np.vstack([scene, scene[:1]]))
            continue
        if not coast.any():
            continue
        k = len(scene)
        first = int(np.flatnonzero(~coast)[0]) + 1  # start right after a border edge
        order = (np.arange(k + 1) + first) % k
        run: list[int] = []
        for step in range(k):
            seg = (first + step) % k
            if coast[seg]:
                if not run:
                    run.append(order[step])
                run.append(order[step + 1])
            elif run:
                lines.append(scene[run])
                run = []
        if run:
            lines.append(scene[run])
    return _path_from_polylines([line for line in lines if len(line) >= 2])


def build_map_item(outlines: list[Outline] | None = None) -> WorldMapItem:
    """Build the map item from ``outlines`` (default: the shipped asset)."""
    if outlines is None:
        outlines = load_world_outlines()
    flip = np.array([1.0, -1.0])
    fill_rings: list[np.ndarray] = []
    outline_lines: list[np.ndarray] = []
    for _cid, _name, rings in outlines:
        for ring in rings:
            scene = ring * flip
            fill_rings.append(scene)
            outline_lines.extend(_outline_pieces(scene))
    item = WorldMapItem(
        _path_from_polylines(fill_rings), _path_from_polylines(outline_lines), outlines
    )
    item.setZValue(MAP_Z)
    item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, False)
    item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, False)
    item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsFocusable, False)
    item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    item.setAcceptHoverEvents(False)
    set_map_style(item, presentation=False)
    return item


def copy_backdrop(item: WorldMapItem) -> WorldMapItem:
    """A second map item drawing the same land (shares the paths): for a map cut away from
    the date line, which shows part of the globe twice."""
    copy = WorldMapItem(item.path(), item._outline, item._outlines)
    copy._coast = item._coast
    copy._borders = item._borders
    for flag in (QGraphicsItem.GraphicsItemFlag.ItemIsSelectable,
                 QGraphicsItem.GraphicsItemFlag.ItemIsMovable,
                 QGraphicsItem.GraphicsItemFlag.ItemIsFocusable):
        copy.setFlag(flag, False)
    copy.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    copy.setZValue(item.zValue())
    copy.setCacheMode(item.cacheMode())
    copy.setBrush(item.brush())
    copy.setPen(item.pen())
    return copy


def set_map_style(item: QGraphicsPathItem, presentation: bool) -> None:
    """Soft land and thin borders, or (``presentation``) a higher-contrast style."""
    style = _PRESENTATION if presentation else _NORMAL
    item.setBrush(QBrush(QColor(style["land"])))
    pen = QPen(QColor(style["edge"]))
    pen.setWidthF(style["width"])
    pen.setCosmetic(True)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    item.setPen(pen)
    item.update()


def make_backdrop(theme: Theme) -> tuple[QGraphicsPathItem, bool]:
    """The map under the states, styled for `theme` (palette.DESK or PRESENTATION); a plain
    graticule when the asset cannot be read, so the sandbox still works. Returns the item
    and whether it is the real map (only that one is restyled by `style_backdrop`)."""
    try:
        item = build_map_item()
    except Exception as exc:  # a missing or broken asset
        log.warning("world map unavailable (%s); drawing a graticule instead", exc)
        path = QPainterPath()
        for lon in range(-180, 181, 30):
            path.moveTo(lon, -90)
            path.lineTo(lon, 90)
        for lat in range(-90, 91, 30):
            path.moveTo(-180, -lat)
            path.lineTo(180, -lat)
        item = QGraphicsPathItem(path)
        pen = QPen(qcolor(theme.graticule), 1.0)
        pen.setCosmetic(True)
        item.setPen(pen)
        return item, False
    style_backdrop(item, theme)
    return item, True


def style_backdrop(item: QGraphicsPathItem, theme: Theme) -> None:
    """The map's style for the theme, with country borders a step lighter than the thinnest
    tie whatever that style says.

    Why: on the projector style the borders (dark, 1.6 px) looked exactly like alignment
    ties; on a map of alliances the ties are the content and borders the backdrop.
    """
    set_map_style(item, presentation=theme.name != "desk")
    pen = item.pen()
    pen.setColor(qcolor(theme.border))
    pen.setWidthF(min(pen.widthF(), theme.border_width))
    item.setPen(pen)
    item.update()
