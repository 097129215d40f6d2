"""Graphics items of the map view: state discs, their labels, the tie layer and the legend.

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
    QFontMetrics,
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
    QLabel,
    QToolTip,
    QWidget,
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
from alliance_sandbox.ui.palette import (
    UNALIGNED_COLOR as UNALIGNED,
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


def _tie_pen(theme: Theme, kind: str, level: int, scale: float = 1.0) -> QPen:
    width = max(theme.min_tie_width, theme.tie_width(kind, level) * scale)
    if kind == "alignment":
        width = min(width, theme.tie_width(kind, level))
    pen = QPen(qcolor(theme.tie_colors[kind]), width)
    pen.setCosmetic(True)  # width and dashes in pixels at any zoom
    pen.setStyle(TIE_PEN_STYLES[kind])
    # Flat caps: round-capped dots draw 12x slower (300 ms for 500 dotted ties, measured).
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


class TieLayer:
    """All ties in a few path items: one per (kind, commitment width level).

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
        self.items: dict[tuple[int, int], QGraphicsPathItem] = {}
        self.drag_items: dict[tuple[int, int], QGraphicsPathItem] = {}
        for code, level in self.keys:
            for store, z in ((self.items, Z_TIES), (self.drag_items, Z_TIES_DRAG)):
                item = QGraphicsPathItem()
                item.setZValue(z + code * 0.01)  # firmer kinds above looser ones
                item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
                item.setBrush(_NO_BRUSH)
                scene.addItem(item)
                store[(code, level)] = item
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
            pen = _tie_pen(theme, TIE_KIND_NAMES[code - 1], level, self.scale)
            self.items[(code, level)].setPen(pen)
            self.drag_items[(code, level)].setPen(pen)

    def set_ties(self, ti: np.ndarray, tj: np.ndarray, codes: np.ndarray,
                 levels: np.ndarray) -> None:
        self.ti, self.tj = ti, tj
        nlev = len(COMMITMENT_WIDTH_FACTORS)
        self.key_index = (codes.astype(int) - 1) * nlev + levels
        self.dragged = None
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


class LegendWidget(QWidget):
    """Tie styles and what disc size means, over a corner of the map.

    A child of the view (not of its viewport, which scrolls its children when the map pans),
    transparent to the mouse.
    """

    #: The legend never takes more than this share of the map's width or height.
    MAX_SHARE = 0.3
    MIN_PX = 11

    def __init__(self, parent: QWidget, theme: Theme, part: str = "ties") -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.part = part  # "ties": tie kinds and disc size; "blocs": the blocs' colours
        self.theme = theme
        self.px = theme.legend_px
        self._room = (0, 0)
        self._blocs: list[tuple[str, str]] = []
        self._layout()

    #: At most this many blocs get a row; the rest are counted on one more row.
    MAX_BLOC_ROWS = 6

    def set_blocs(self, blocs: list[tuple[str, str]]) -> None:
        """The blocs to explain: (colour, name) each, strongest first."""
        if blocs == self._blocs:
            return
        self._blocs = list(blocs)
        self.fit_to(*self._room)

    def bloc_rows(self) -> list[tuple[str | None, str]]:
        """The bloc rows as drawn: (colour, text); colour None for the "more" row."""
        rows: list[tuple[str | None, str]] = list(self._blocs[:self.MAX_BLOC_ROWS])
        if len(self._blocs) > self.MAX_BLOC_ROWS:
            rows.append((None, f"+ {len(self._blocs) - self.MAX_BLOC_ROWS} more blocs"))
        if self._blocs:
            rows.append((UNALIGNED, "in no bloc"))
        return rows

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.fit_to(*self._room)

    def fit_to(self, width: int, height: int) -> None:
        """Size the legend for a map of width x height: smaller text on a small map."""
        self._room = (width, height)
        self.px = self.theme.legend_px
        self._layout()
        if width > 0 and height > 0:
            share = max(self.width() / width, self.height() / height)
            if share > self.MAX_SHARE:
                self.px = max(self.MIN_PX, int(self.px * self.MAX_SHARE / share))
                self._layout()
        self.update()

    def _font(self) -> QFont:
        font = QFont("DejaVu Sans")
        font.setPixelSize(self.px)
        return font

    _ROWS = ("alliance", "entente", "coalition", "alignment")
    _SIZE_TEXT = "area = capability"

    def _layout(self) -> None:
        px = self.px
        self._pad = round(px * 0.7)
        self._row_h = round(px * 1.6)
        self._sample_w = round(px * 3.2)
        self._disc_row_h = round(px * 2.2)
        fm = QFontMetrics(self._font())
        if self.part == "blocs":
            rows = self.bloc_rows()
            text_w = max((fm.horizontalAdvance(t) for _, t in rows), default=0)
            self._sample_w = round(px * 1.2)
            self.setFixedSize(self._pad * 3 + self._sample_w + text_w + 2,
                              self._pad * 2 + self._row_h * len(rows))
            return
        text_w = max(fm.horizontalAdvance(t) for t in (*self._ROWS, self._SIZE_TEXT))
        width = self._pad * 3 + self._sample_w + text_w + 2
        height = self._pad * 2 + self._row_h * len(self._ROWS) + self._disc_row_h
        self.setFixedSize(width, height)

    def paintEvent(self, _event) -> None:
        theme = self.theme
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(0, 0, 0, 90), 1))
        painter.setBrush(QBrush(qcolor(theme.legend_bg)))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        painter.setFont(self._font())
        text_x = self._pad * 2 + self._sample_w
        align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        y = self._pad
        outline = theme.disc_outline if theme.name != "desk" else "#666666"
        if self.part == "blocs":
            self._paint_blocs(painter, y, text_x, align, outline)
            painter.end()
            return
        for kind in self._ROWS:
            mid = y + self._row_h / 2
            painter.setPen(_tie_pen(theme, kind, 1))
            painter.drawLine(QPointF(self._pad, mid), QPointF(self._pad + self._sample_w, mid))
            painter.setPen(qcolor(theme.legend_fg))
            painter.drawText(QRectF(text_x, y, self.width() - text_x, self._row_h), align, kind)
            y += self._row_h
        # Disc size: a small and a big disc standing on one line, then the rule.
        h = self._disc_row_h
        big = h * 0.42
        small = big * 0.45
        base = y + h / 2 + big
        outline = theme.disc_outline if theme.name != "desk" else "#666666"
        painter.setPen(QPen(qcolor(outline), 1.2))
        painter.setBrush(QBrush(qcolor("#A8A8A8")))
        painter.drawEllipse(QPointF(self._pad + small, base - small), small, small)
        painter.drawEllipse(QPointF(self._pad + self._sample_w - big, base - big), big, big)
        painter.setPen(qcolor(theme.legend_fg))
        painter.drawText(QRectF(text_x, y, self.width() - text_x, h), align, self._SIZE_TEXT)
        painter.end()

    def _paint_blocs(self, painter: QPainter, y: float, text_x: float, align, outline: str) -> None:
        """A disc in each bloc's colour and its name ("Germany's bloc")."""
        theme = self.theme
        r = self._row_h * 0.3
        for color, text in self.bloc_rows():
            mid = y + self._row_h / 2
            if color is not None:
                painter.setPen(QPen(qcolor(outline), 1.2))
                painter.setBrush(QBrush(qcolor(color)))
                painter.drawEllipse(QPointF(self._pad + self._sample_w / 2, mid), r, r)
            painter.setPen(qcolor(theme.legend_fg))
            painter.drawText(QRectF(text_x, y, self.width() - text_x, self._row_h), align, text)
            y += self._row_h


class ViewHint(QLabel):
    """Which view the map shows ("Europe") and what the R key switches to, in a map corner.

    Why: a regional view leaves states off the map; the class (and the teacher) must see that
    this is a zoom on a region, and how to get the whole world back.
    """

    def __init__(self, parent: QWidget, theme: Theme) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.set_theme(theme)
        self.hide()

    def set_theme(self, theme: Theme) -> None:
        font = QFont("DejaVu Sans")
        font.setPixelSize(theme.legend_px)
        font.setBold(True)
        self.setFont(font)
        self.setStyleSheet(f"QLabel {{ background: {qcolor(theme.legend_bg).name(QColor.NameFormat.HexArgb)};"
                           f" color: {theme.legend_fg}; border: 1px solid rgba(0,0,0,90);"
                           " border-radius: 6px; padding: 3px 8px; }")
        self.adjustSize()
