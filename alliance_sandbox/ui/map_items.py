"""Graphics items of the map view: state discs, their labels, treaty hubs and the tie layer
(the legend and the view hint over the map are in map_legend.py).

Speed notes (measured on the project's 2-core machine; see benchmarks/bench_map_drag.py):
every item here paints in C++ (ellipse and path items, no Python `paint`), and all ties of one
kind and width share one path item: Python is only on the path when something changes.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPen,
    QTransform,
)
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSceneHelpEvent,
    QGraphicsSceneMouseEvent,
    QToolTip,
)

from alliance_sandbox.engine.world import TIE_KINDS
from alliance_sandbox.ui.map_layout import LABEL_PLACES
from alliance_sandbox.ui.map_routes import curve_polyline
from alliance_sandbox.ui.palette import (
    COMMITMENT_WIDTH_FACTORS,
    TIE_PEN_STYLES,
    Theme,
    qcolor,
)

#: Tie kind names by code - 1 (the engine's order: loosest to firmest).
TIE_KIND_NAMES: tuple[str, ...] = TIE_KINDS

Z_MAP = -100.0
Z_TIES = 0.0
Z_TIES_DRAG = 1.0
Z_HUBS = 2.0
Z_STATES = 10.0
Z_STATE_SELECTED = 11.0
Z_LABELS = 20.0

_NO_PEN = QPen(Qt.PenStyle.NoPen)
_NO_BRUSH = QBrush(Qt.BrushStyle.NoBrush)


def label_font(px: int) -> QFont:
    font = QFont("DejaVu Sans")
    font.setPixelSize(px)
    font.setBold(True)
    return font


def line_short_way(path: QPainterPath, x1: float, y1: float, x2: float, y2: float) -> None:
    """From the path's current point (x1, y1) to (x2, y2), the short way round: across the
    date line (USA-Japan over the Pacific, not through China) the line leaves one edge of the
    map and comes back at the other. The map's ties and the History overlay both draw so."""
    if -180.0 <= x2 - x1 <= 180.0:
        path.lineTo(x2, y2)
        return
    shift = 360.0 if x2 < x1 else -360.0
    path.lineTo(x2 + shift, y2)
    path.moveTo(x1 - shift, y1)
    path.lineTo(x2, y2)


class StateItem(QGraphicsEllipseItem):
    """One state: a disc whose area follows capability share, drawn at a fixed pixel size.

    Why ItemIgnoresTransformations: a disc must stay legible and clickable at any zoom; its
    position still follows the map (x = lon, y = -lat). The item does not own the position:
    mouse events go to `host` (the view), which reports a finished drag to the controller.
    """

    def __init__(self, index: int, state_id: str, host) -> None:
        super().__init__()
        self.index = index
        self.state_id = state_id
        self.host = host
        self.radius = 0.0
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setZValue(Z_STATES)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)
        # Highlight glow: behind the disc; selection ring: around it.
        self.glow = QGraphicsEllipseItem(self)
        self.glow.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)
        self.glow.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.glow.setVisible(False)
        self.ring = QGraphicsEllipseItem(self)
        self.ring.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.ring.setBrush(_NO_BRUSH)
        self.ring.setVisible(False)

    def set_radius(self, radius: float, theme: Theme) -> None:
        if abs(radius - self.radius) < 0.05:
            return
        self.radius = radius
        self.setRect(-radius, -radius, 2 * radius, 2 * radius)
        self._size_marks(theme)

    def _size_marks(self, theme: Theme) -> None:
        r = self.radius
        ring_w = 3.0 if theme.name == "desk" else 4.0
        rr = r + 2.0 + ring_w / 2 + theme.disc_outline_width / 2
        self.ring.setRect(-rr, -rr, 2 * rr, 2 * rr)
        self.ring.setPen(QPen(qcolor(theme.select_color), ring_w))
        glow_w = 7.0 if theme.name == "desk" else 9.0
        rg = r + glow_w / 2 + 1.0
        self.glow.setRect(-rg, -rg, 2 * rg, 2 * rg)
        color = QColor(qcolor(theme.highlight_color))
        self.glow.setPen(QPen(color, glow_w))
        color.setAlpha(90)
        self.glow.setBrush(QBrush(color))

    def apply_theme(self, theme: Theme) -> None:
        self.setPen(QPen(qcolor(theme.disc_outline), theme.disc_outline_width))
        self._size_marks(theme)

    def shape(self) -> QPainterPath:
        # At least 10 px to hit, however small the disc is drawn.
        r = max(self.radius, 10.0)
        path = QPainterPath()
        path.addEllipse(QPointF(0, 0), r, r)
        return path

    def boundingRect(self) -> QRectF:
        rect = super().boundingRect()
        r = max(self.radius, 10.0)
        return rect.united(QRectF(-r, -r, 2 * r, 2 * r))

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            event.ignore()
            return
        event.accept()
        self.host._state_pressed(self, event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.host._state_dragged(self, event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.host._state_released(self, event)


class HubItem(QGraphicsEllipseItem):
    """The hub of a treaty: a group of states each tied to every other (map_treaties), drawn
    as one spoke per member to this small white ring instead of every pairwise line."""

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self.members: list[str] = []
        self.kind = "alliance"  # the kind every two members are tied with
        self.radius = 0.0
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(Z_HUBS)
        self.apply_theme(theme)

    def set_kind(self, kind: str, theme: Theme) -> None:
        if kind != self.kind:
            self.kind = kind
            self.apply_theme(theme)

    def apply_theme(self, theme: Theme) -> None:
        self.radius = 5.0 if theme.name == "desk" else 7.0
        r = self.radius
        self.setRect(-r, -r, 2 * r, 2 * r)
        self.setPen(QPen(qcolor(theme.tie_colors[self.kind]), 2.5 if theme.name == "desk" else 3.5))
        self.setBrush(QBrush(qcolor("#FFFFFF")))


class LabelItem(QGraphicsPathItem):
    """A state's name by its disc, with a white halo so it reads over land, sea and lines.

    Drawn as two text paths (halo stroke below, glyph fill above) so that the halo never eats
    into the letters. Top-level (not a child of the disc) so that every label is above every
    disc. The pixel offset from the disc (below it, or beside it when that is crowded) is the
    item's own transform, which Qt still applies under ItemIgnoresTransformations. Where even
    that is crowded the label shows a short form (the state's id, "BEL" for Belgium).
    """

    SIDES = tuple(LABEL_PLACES)

    def __init__(self) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(Z_LABELS)
        self.setBrush(_NO_BRUSH)
        self.glyphs = QGraphicsPathItem(self)
        self.glyphs.setPen(_NO_PEN)
        self.glyphs.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        # On the projector a pale plate behind the text: black ties crossing a label made it
        # unreadable from the back row (and to OCR) even with its halo.
        self.plate = QGraphicsPathItem(self)
        self.plate.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)
        self.plate.setPen(_NO_PEN)
        self.plate.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.plate.setVisible(False)
        self.leader = QGraphicsLineItem(self)  # from the disc to a label placed "far"
        self.leader.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)
        self.leader.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.leader.setVisible(False)
        self.text = ""
        self.short_text = ""
        self.px = 0
        self.radius = 0.0
        self._forms: dict[bool, tuple[QPainterPath, tuple[float, float]]] = {}
        self.short = False  # showing the short form
        self.size = (0.0, 0.0)  # width and height in pixels of the form shown
        self.side = "below"
        self.offset = (0.0, 0.0)
        self._applied = (0.0, 0.0)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    @staticmethod
    def _text_path(text: str, font: QFont) -> tuple[QPainterPath, tuple[float, float]]:
        path = QPainterPath()
        path.addText(0, 0, font, text)
        rect = path.boundingRect()
        # Centre horizontally on the disc; top of the glyphs at y = 0.
        path.translate(-rect.center().x(), -rect.top())
        return path, (rect.width(), rect.height())

    def set_text(self, text: str, short_text: str, theme: Theme, font: QFont) -> None:
        if (text, short_text, theme.label_px) == (self.text, self.short_text, self.px):
            return
        self.text, self.short_text, self.px = text, short_text, theme.label_px
        self._forms = {False: self._text_path(text, font),
                       True: self._text_path(short_text, font)}
        path, self.size = self._forms[self.short]
        self.setPath(path)
        self.glyphs.setPath(path)
        self._shape_plate()
        self.place(self.side, self.short)

    def form_size(self, short: bool) -> tuple[float, float]:
        return self._forms[short][1] if self._forms else (0.0, 0.0)

    def apply_theme(self, theme: Theme) -> None:
        pen = QPen(qcolor(theme.label_halo), theme.label_halo_width)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        self.setPen(pen)
        self.setBrush(QBrush(qcolor(theme.label_halo)))
        self.glyphs.setBrush(QBrush(qcolor(theme.label_color)))
        self.leader.setPen(QPen(qcolor(theme.label_color), 1.5 if theme.name == "desk" else 2.0))
        self.plate.setVisible(bool(theme.label_plate))
        if theme.label_plate:
            self.plate.setBrush(QBrush(qcolor(theme.label_plate)))
        self._shape_plate()

    def _shape_plate(self) -> None:
        rect = self.path().boundingRect().adjusted(-3.0, -2.0, 3.0, 2.0)
        plate = QPainterPath()
        plate.addRoundedRect(rect, 4.0, 4.0)
        self.plate.setPath(plate)

    def set_radius(self, radius: float) -> None:
        """Keep the label clear of a disc of this radius (pixels), on its current side."""
        self.radius = radius
        self.place(self.side, self.short)

    def place(self, side: str, short: bool = False) -> None:
        """Put the label (or its short form) below, above, right or left of the disc."""
        if short != self.short and self._forms:
            self.short = short
            path, self.size = self._forms[short]
            self.setPath(path)
            self.glyphs.setPath(path)
            self._shape_plate()
        self.side = side
        self.offset = self.offset_for(side)
        if self.offset != self._applied:
            self._applied = self.offset
            self.setTransform(QTransform.fromTranslate(*self.offset))
        far = side.startswith("far")
        if far:
            # Local coordinates: the text's top centre is the origin, the disc centre at -offset.
            dx, dy = self.offset
            w, h = self.size
            cx, cy = -dx, -dy
            tx = min(max(cx, -w / 2), w / 2)
            ty = min(max(cy, 0.0), h)
            length = max(1e-6, ((tx - cx) ** 2 + (ty - cy) ** 2) ** 0.5)
            r = self.radius + 1.0
            self.leader.setLine(cx + (tx - cx) * r / length, cy + (ty - cy) * r / length, tx, ty)
        if self.leader.isVisible() != far:
            self.leader.setVisible(far)

    def offset_for(self, side: str, size: tuple[float, float] | None = None) -> tuple[float, float]:
        """Where the path's origin (top centre of the text) goes, relative to the disc."""
        w, h = self.size if size is None else size
        ax, bx, cx, ay, by, cy = LABEL_PLACES[side]
        r = self.radius
        return (ax * r + bx * w + cx + w / 2, ay * r + by * h + cy)

    def pixel_rect(self, side: str | None = None) -> QRectF:
        """The label's rectangle in pixels relative to its anchor (the state's centre).

        With `side`, where the full name would be on that side; without, where it is now.
        """
        size = self.size if side is None else self.form_size(False)
        dx, dy = self.offset if side is None else self.offset_for(side, size)
        return QRectF(dx - size[0] / 2, dy, size[0], size[1])


def density_scale(ties: int) -> float:
    """Thinner tie lines in a crowded world (a few steps, so pens rarely change).

    Why: 2,000 lines of 3-4 px hide the map and each other (and cost 30 ms a frame); thinner
    lines keep the structure readable. Up to 300 ties nothing changes.
    """
    for bound, scale in ((300, 1.0), (700, 0.75), (1500, 0.6)):
        if ties <= bound:
            return scale
    return 0.5


def tie_pen(theme: Theme, kind: str, level: int, scale: float = 1.0) -> QPen:
    width = max(theme.min_tie_width, theme.tie_width(kind, level) * scale)
    if kind == "alignment":
        width = min(width, theme.tie_width(kind, level))
    pen = QPen(qcolor(theme.tie_colors[kind]), width)
    pen.setCosmetic(True)  # width and dashes in pixels at any zoom
    pen.setStyle(TIE_PEN_STYLES[kind])
    # Flat caps: round-capped dots draw 12x slower (300 ms for 500 dotted ties, measured).
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


#: Above this many ties the still ties are drawn without antialiasing: 2,000 thin lines are a
#: texture (routing stops there too, map_routes.ROUTE_LIMIT), and aliased lines paint in about
#: half the time (200 states, 2,000 ties: a new turn's repaint, benchmarks/bench_map_drag.py).
TEXTURE_TIES = 600


class TieCanvas(QGraphicsItem):
    """Every still tie in one item: a layer (pen and path) per tie kind and width, painted in
    order, and cached as one device-pixel picture.

    Why: a repaint of a big world (200 states, 2,000 ties) spent most of its time stroking
    the ties again although they had not changed (37 ms a full repaint); with the cache it
    blits one picture. The layers change (and the picture is painted again) only on a new
    turn, a drag's end, a zoom or a new route.
    """

    class Layer:
        """One tie kind at one width: what a QGraphicsPathItem held (pen, path)."""

        def __init__(self, canvas: TieCanvas) -> None:
            self._canvas = canvas
            self._pen = QPen()
            self._path = QPainterPath()

        def pen(self) -> QPen:
            return self._pen

        def setPen(self, pen: QPen) -> None:
            self._pen = QPen(pen)
            self._canvas.update()

        def path(self) -> QPainterPath:
            return self._path

        def setPath(self, path: QPainterPath) -> None:
            self._path = path
            self._canvas.update()

    def __init__(self, rect: QRectF) -> None:
        super().__init__()
        self._rect = QRectF(rect)
        self.layers: list[TieCanvas.Layer] = []
        self.antialiased = True
        self.setZValue(Z_TIES)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def add_layer(self) -> TieCanvas.Layer:
        layer = TieCanvas.Layer(self)
        self.layers.append(layer)
        return layer

    def set_antialiased(self, on: bool) -> None:
        if on != self.antialiased:
            self.antialiased = on
            self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, self.antialiased)
        painter.setBrush(_NO_BRUSH)
        for layer in self.layers:
            if not layer._path.isEmpty():
                painter.setPen(layer._pen)
                painter.drawPath(layer._path)


class TieLayer:
    """All ties in a few paths: one per (kind, commitment width level), painted by one
    TieCanvas.

    While a state is dragged, its own ties move to a second set of path items that is rebuilt
    on every mouse move; the rest stay untouched. So a drag frame costs a handful of lines, not
    the 2,000 of a big world.
    """

    def __init__(self, scene: QGraphicsScene, theme: Theme) -> None:
        self.keys = [
            (code, level)
            for code in range(1, len(TIE_KIND_NAMES) + 1)
            for level in range(len(COMMITMENT_WIDTH_FACTORS))
        ]
        # The still ties: one canvas item painting a layer per key, cached as one picture.
        self.canvas = TieCanvas(scene.sceneRect().adjusted(-360.0, -90.0, 360.0, 90.0))
        scene.addItem(self.canvas)
        self.items: dict[tuple[int, int], TieCanvas.Layer] = {}
        self.drag_items: dict[tuple[int, int], QGraphicsPathItem] = {}
        for code, level in self.keys:
            self.items[(code, level)] = self.canvas.add_layer()  # in key order: firmer above
            item = QGraphicsPathItem()
            item.setZValue(Z_TIES_DRAG + code * 0.01)  # firmer kinds above looser ones
            item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            item.setBrush(_NO_BRUSH)
            scene.addItem(item)
            self.drag_items[(code, level)] = item
        self.ti = np.zeros(0, dtype=int)
        self.tj = np.zeros(0, dtype=int)
        self.key_index = np.zeros(0, dtype=int)  # index into self.keys per tie
        self.dragged: int | None = None
        self._drag_ties: list[tuple[int, int, int]] = []
        self.scale = 1.0
        self.routes: dict[tuple[int, int], tuple[float, float]] = {}
        self.apply_theme(theme)

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        for (code, level) in self.keys:
            pen = tie_pen(theme, TIE_KIND_NAMES[code - 1], level, self.scale)
            self.items[(code, level)].setPen(pen)
            self.drag_items[(code, level)].setPen(pen)

    def set_ties(self, ti: np.ndarray, tj: np.ndarray, codes: np.ndarray,
                 levels: np.ndarray) -> None:
        self.ti, self.tj = ti, tj
        nlev = len(COMMITMENT_WIDTH_FACTORS)
        self.key_index = (codes.astype(int) - 1) * nlev + levels
        self.dragged = None
        self.canvas.set_antialiased(len(ti) <= TEXTURE_TIES)
        scale = density_scale(len(ti))
        if scale != self.scale:
            self.scale = scale
            self.apply_theme(self.theme)

    def _fill(self, store, xs: list, ys: list, ti, tj, keys) -> None:
        paths = [QPainterPath() for _ in self.keys]
        routes = self.routes
        for i, j, k in zip(ti, tj, keys):
            path = paths[k]
            x1, y1, x2, y2 = xs[i], ys[i], xs[j], ys[j]
            path.moveTo(x1, y1)
            push = routes.get((i, j)) if routes else None
            if push is not None and -180.0 <= x2 - x1 <= 180.0:
                # Bent around a third state's disc (map_routes.py), as short straight pieces:
                # Qt strokes lone line segments with a wide pen far faster than curves
                # (cold-war-1955 after 300 turns: 20 ms a repaint with cubicTo, about 5 ms so).
                # Each piece its own subpath: Qt's fast path strokes lone segments (a polyline
                # of joined pieces took as long as the curve).
                last = (x1, y1)
                for point in curve_polyline(x1, y1, x2, y2, push):
                    path.moveTo(*last)
                    path.lineTo(*point)
                    last = point
            else:
                line_short_way(path, x1, y1, x2, y2)
        for key, path in zip(self.keys, paths):
            item = store[key]
            if path.isEmpty() and item.path().isEmpty():
                continue
            item.setPath(path)

    def redraw(self, x: np.ndarray, y: np.ndarray, routes: dict | None = None) -> None:
        """Rebuild every tie path from state positions (scene coordinates); `routes` (from
        map_routes.route_ties) bends the ties that would pass over a third disc."""
        if routes is not None:
            self.routes = routes
        self.dragged = None
        self._fill(self.items, x.tolist(), y.tolist(), self.ti.tolist(), self.tj.tolist(),
                   self.key_index.tolist())
        self._fill(self.drag_items, [], [], [], [], [])

    def begin_drag(self, index: int, x: np.ndarray, y: np.ndarray) -> None:
        mine = (self.ti == index) | (self.tj == index)
        rest = ~mine
        self._fill(self.items, x.tolist(), y.tolist(), self.ti[rest].tolist(),
                   self.tj[rest].tolist(), self.key_index[rest].tolist())
        self._drag_ties = list(zip(self.ti[mine].tolist(), self.tj[mine].tolist(),
                                   self.key_index[mine].tolist()))
        self.dragged = index
        self.update_drag(x, y)

    def update_drag(self, x: np.ndarray, y: np.ndarray) -> None:
        if self.dragged is None:
            return
        ti, tj, keys = (zip(*self._drag_ties) if self._drag_ties else ((), (), ()))
        routes, self.routes = self.routes, {}  # straight while moving; routed on release
        self._fill(self.drag_items, x, y, ti, tj, keys)
        self.routes = routes

    def paths_by_kind(self) -> dict[str, QPainterPath]:
        """All ties of each kind as one path (static and dragged parts): for tests and tools."""
        out = {name: QPainterPath() for name in TIE_KIND_NAMES}
        for (code, level) in self.keys:
            name = TIE_KIND_NAMES[code - 1]
            out[name].addPath(self.items[(code, level)].path())
            out[name].addPath(self.drag_items[(code, level)].path())
        return out

    def pens_by_kind(self) -> dict[str, QPen]:
        return {TIE_KIND_NAMES[code - 1]: self.items[(code, 1)].pen() for code, _ in self.keys}


class MapScene(QGraphicsScene):
    """A scene whose tooltips are written when asked, not on every turn.

    Why: formatting 200 tooltips each turn costs time for text nobody reads; `tooltip_for`
    (the view) builds the one the pointer is on.
    """

    def __init__(self, parent, tooltip_for: Callable[[str], str]) -> None:
        super().__init__(parent)
        self._tooltip_for = tooltip_for

    def helpEvent(self, event: QGraphicsSceneHelpEvent) -> None:
        text = ""
        for item in self.items(event.scenePos(), Qt.ItemSelectionMode.IntersectsItemShape,
                               Qt.SortOrder.DescendingOrder, self._view_transform(event)):
            if isinstance(item, StateItem):
                text = self._tooltip_for(item.state_id)
                break
            if isinstance(item, HubItem):
                text = self._tooltip_for("hub:" + ",".join(item.members))
                break
        widget = event.widget()
        if not text and widget is not None:  # perhaps a tie: the view finds it
            pos = widget.mapFromGlobal(event.screenPos())
            text = self._tooltip_for(f"tie:{pos.x()},{pos.y()}")
        if text:
            QToolTip.showText(event.screenPos(), text, event.widget())
            event.accept()
        else:
            QToolTip.hideText()
            event.ignore()

    def _view_transform(self, event) -> QTransform:
        widget = event.widget()
        view = widget.parent() if widget is not None else None
        return view.viewportTransform() if hasattr(view, "viewportTransform") else QTransform()
