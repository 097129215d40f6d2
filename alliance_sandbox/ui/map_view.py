"""The map: states as discs on a world map, ties as lines, drag to move, right-click to ally.

The view receives a `World` and draws it; it never changes the model. A finished drag emits
`stateMoved` (once per drag, one undo step) and the controller answers with `set_world`.

Scene coordinates are degrees: x = lon, y = -lat (north up), the same as `world_map.py`.
Discs and labels have fixed pixel sizes at any zoom (ItemIgnoresTransformations), tie pens are
cosmetic: zooming spreads the states apart without making them fat or thin.

Where the zoom and the labels go is worked out in map_layout.py, the hover text and the
right-click menu in map_popups.py, the backdrop in world_map.py; a demo on its own world is
map_demo.py (`python -m alliance_sandbox.ui.map_demo [--presentation]`).
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QKeySequence, QPainter, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsView,
    QMenu,
    QWidget,
)

from alliance_sandbox.engine.bloc_tracking import next_blocs
from alliance_sandbox.ui.map_items import (
    TIE_KIND_NAMES,
    Z_MAP,
    Z_STATE_SELECTED,
    Z_STATES,
    Z_TIES,
    HubItem,
    LabelItem,
    LegendWidget,
    MapScene,
    StateItem,
    TieLayer,
    ViewHint,
    label_font,
)
from alliance_sandbox.ui.map_layout import (
    covers_a_state,
    fit_states,
    nearest,
    place_labels,
    scale_limits,
    short_name,
    world_zoom,
)
from alliance_sandbox.ui.map_popups import (
    ALLY_MENU_SIZE,
    state_menu,
    state_tooltip,
    tie_tooltip,
    treaty_tooltip,
)
from alliance_sandbox.ui.map_regions import (
    dodge,
    map_cut,
    regions_for,
    shifted,
    spread_along_edges,
    unshifted,
)
from alliance_sandbox.ui.map_routes import (
    ROUTE_LIMIT,
    curve_points,
    curve_polyline,
    hub_places,
    route_ties,
    treaty_groups,
)
from alliance_sandbox.ui.palette import (
    COMMITMENT_LEVELS,
    DESK,
    PRESENTATION,
    Theme,
    bloc_color,
    bloc_colors,
    qcolor,
)
from alliance_sandbox.ui.world_map import copy_backdrop, make_backdrop, style_backdrop

#: Room to pan around the world (and for zoom anchoring near its edges).
SCENE_RECT = QRectF(-540.0, -300.0, 1080.0, 600.0)
DRAG_THRESHOLD_PX = 3


class MapView(QGraphicsView):
    """Central map widget. See the module docstring; signals carry state ids."""

    #: state id, new lon, new lat, old lon, old lat: once per finished drag.
    stateMoved = Signal(str, float, float, float, float)
    #: state id, or "" when the selection is cleared.
    stateSelected = Signal(str)
    #: a, b, kind ("alliance" or "entente"): asked from the context menu.
    tieRequested = Signal(str, str, str)
    #: a, b: break the tie between them.
    tieRemoveRequested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._frozen = None  # QPixmap of the still part of the map while a state is dragged
        self._frozen_items: list = []
        # Labels are placed again after a zoom (at once) or a pan (when it pauses).
        self._declutter_timer = QTimer(self, singleShot=True, interval=0)
        self.theme: Theme = DESK
        self._scene = MapScene(self, self.tooltip_text)  # parented: the view does not own it
        self._scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self._scene.setSceneRect(SCENE_RECT)
        self.setScene(self._scene)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        # Measured with benchmarks/bench_map_drag.py (200 states, 2,000 ties, 1200x800): with
        # the still map frozen into one picture during a drag (see _freeze), every update mode
        # gives 1.0-1.5 ms drag frames. On a turn (cold-war-1955 after 1,000 turns, 1600x1000
        # window) one rectangle around all that changed paints in about 3.4 ms where Smart,
        # which may clip to many small rectangles, took about 4.2: the ties cross most of
        # the map anyway.
        # DontSavePainterState and DontAdjustForAntialiasing changed a full repaint by less
        # than the noise (35-37 ms either way), so the safe default flags stay.
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.BoundingRectViewportUpdate)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setBackgroundBrush(QBrush(qcolor(self.theme.sea)))

        self.map_item = self._add_backdrop()
        self.ties = TieLayer(self._scene, self.theme)
        self.legend = LegendWidget(self, self.theme)
        self.bloc_legend = LegendWidget(self, self.theme, part="blocs")
        self.bloc_legend.hide()
        self._font = label_font(self.theme.label_px)

        self._world = None
        self._risks: dict | None = None
        self._ids: list[str] = []
        self._index: dict[str, int] = {}
        self._items: list[StateItem] = []
        self._labels: list[LabelItem] = []
        self._x = np.zeros(0)
        self._y = np.zeros(0)
        self._share = np.zeros(0)
        self._colors: list[str] = []
        self._blocs: list = []  # tracked blocs drawn (engine.bloc_tracking.TrackedBloc)
        self._next_bloc_id = 1
        self._brushes: dict[str, QBrush] = {}
        self._selected = ""
        self._highlight: set[str] = set()
        self._drag: dict | None = None
        self._empty_press: QPointF | None = None
        self._fit_pending = True
        self._label_key = None  # what the labels were last placed for
        self._cut = -180.0  # where the map is cut (map_regions.map_cut)
        self._map_copy = None  # the backdrop's second copy east of the date line
        self._view_choice: int | None = None  # index into views(); None: the fit decides
        self.view_hint = ViewHint(self, self.theme)
        self._route_key = None  # what the ties were last routed for
        self._treaties: list[list[int]] = []  # cliques of alliances drawn as hubs (map_routes)
        self._treaty_key = None
        self._treaty_cache: list[list[int]] = []
        self._hub_key = None
        self._hub_groups: list[list[int]] = []  # the groups the hubs were last placed for
        self._routes_memo: tuple | None = None  # (geometry, routes): a turn that moves nothing
        self._route_memo: dict = {}  # per tie: its neighbourhood and route (map_routes)
        self._hubs: list = []  # their HubItems (kept, hidden when unused)
        self._hub_x = np.zeros(0)
        self._hub_y = np.zeros(0)
        self._hover_tie: tuple[int, int] | None = None
        self._hover_label: int | None = None
        self._hover_label_was_hidden = False
        self._tie_glow = QGraphicsPathItem()  # the hovered tie, drawn wide under its line
        self._tie_glow.setZValue(Z_TIES - 0.5)
        self._tie_glow.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._style_tie_glow()
        self._tie_glow.setVisible(False)
        self._scene.addItem(self._tie_glow)
        self.viewport().setMouseTracking(True)
        self._declutter_timer.timeout.connect(self._declutter_labels)

    # ------------------------------------------------------------------ building

    def _add_backdrop(self):
        """The map under the states (world_map.make_backdrop), cached as a picture."""
        item, self._real_map = make_backdrop(self.theme)
        # The map changes only with the zoom: painting it costs ~12 ms a full frame, blitting
        # its cached picture ~1 ms. Qt caches only the visible part of an item larger than the
        # viewport, so deep zoom does not make a huge pixmap.
        item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        item.setZValue(Z_MAP)
        item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._scene.addItem(item)
        return item

    def _rebuild_items(self, ids: list[str]) -> None:
        if self._drag is not None:
            self._cancel_drag()
        for item in self._items:
            self._scene.removeItem(item)
        for label in self._labels:
            self._scene.removeItem(label)
        self._items, self._labels = [], []
        for i, sid in enumerate(ids):
            item = StateItem(i, sid, self)
            item.apply_theme(self.theme)
            label = LabelItem()
            label.apply_theme(self.theme)
            self._scene.addItem(item)
            self._scene.addItem(label)
            self._items.append(item)
            self._labels.append(label)
        self._ids = list(ids)
        self._label_key = None
        self._index = {sid: i for i, sid in enumerate(ids)}
        self._x = np.full(len(ids), np.nan)
        self._y = np.full(len(ids), np.nan)
        self._true_x, self._true_y = self._x.copy(), self._y.copy()
        self._colors = [""] * len(ids)

    # ------------------------------------------------------------------ public API

    def set_world(self, world, risks: dict | None = None, blocs: list | None = None) -> None:
        """Draw `world`; reuse the items when its state ids are the ones drawn last time.

        `risks`: optional {"abandonment": (n,), "entrapment": (n,)} arrays for the tooltips.
        `blocs`: the world's tracked blocs (engine.bloc_tracking, over the whole history: the
        app passes them, so a Reset gives the same colours); without, blocs are followed from
        the world drawn last time.
        """
        first = not self._ids
        refreeze = self._frozen is not None
        self._thaw()
        if list(world.ids) != self._ids:
            had = set(self._ids)
            self._rebuild_items(list(world.ids))
            if not had.intersection(world.ids):
                first = True
        self._world, self._risks = world, risks
        n = world.n
        if first:
            ti, tj = np.nonzero(np.triu(world.tie_kind != 0, 1))
            self._set_cut(map_cut(world.lon, ti, tj))
            self._set_era(world.start_year)
        x = shifted(world.lon, self._cut)
        y = -np.clip(np.asarray(world.lat, dtype=float), -90.0, 90.0)
        dragged = self._drag["index"] if self._drag else None
        self._true_x, self._true_y = x.copy(), y.copy()
        if dragged is not None and self._drag["moved"]:
            # A turn arrived mid-drag: the pointer wins until release.
            x[dragged], y[dragged] = self._x[dragged], self._y[dragged]
        self._share = world.share if n else np.zeros(0)
        x, y = self._pinned(x, y)
        moved = np.flatnonzero((x != self._x) | (y != self._y))
        radii = self._radii()
        if blocs is None:
            blocs, self._next_bloc_id = next_blocs(self._blocs, world, self._next_bloc_id)
        self._blocs = list(blocs)
        colors = bloc_colors(self._blocs, world.index, world.n)
        self.bloc_legend.set_blocs([(bloc_color(b.slot), b.name) for b in self._blocs])
        if self.bloc_legend.isVisibleTo(self) != bool(self._blocs and self.legend.isVisibleTo(self)):
            self.bloc_legend.setVisible(bool(self._blocs) and self.legend.isVisibleTo(self))
            self._place_legend()
        names, shorts = world.names, world.short_names
        for i in moved.tolist():
            pos = QPointF(x[i], y[i])
            self._items[i].setPos(pos)
            self._labels[i].setPos(pos)
        self._x, self._y = x, y
        theme, font = self.theme, self._font
        for i, (item, label) in enumerate(zip(self._items, self._labels)):
            r = float(radii[i])
            item.set_radius(r, theme)
            item.setZValue((Z_STATE_SELECTED if item.state_id == self._selected else Z_STATES)
                           - r * 1e-3)  # small discs above big ones: all stay clickable
            if colors[i] != self._colors[i]:
                item.setBrush(self._brush(colors[i]))
            label.set_text(names[i] or item.state_id,
                           short_name(names[i], shorts[i], item.state_id), theme, font)
            label.set_radius(r)
        self._colors = colors
        self._set_ties(world)
        if dragged is not None:
            self.ties.begin_drag(dragged, *self._tie_xy())
            if refreeze:
                self._declutter_labels()
                self._freeze(dragged)
        if self._selected and self._selected not in self._index:
            self._set_selected("", emit=True)
        self._apply_marks()
        if first:
            self._fit_pending = True
            self._view_choice = None  # the fit chooses the world or a crowded region
            self._try_fit()
        self._declutter_labels()

    def select(self, state_id: str) -> None:
        """Select a state ("" for none); emits `stateSelected` only if the selection changed."""
        if state_id and state_id not in self._index:
            state_id = ""
        self._set_selected(state_id, emit=True)

    def selected(self) -> str:
        return self._selected

    def set_highlight(self, ids: list[str]) -> None:
        """Mark states with a glow (e.g. the states a log entry is about); [] clears."""
        self._highlight = set(ids)
        self._apply_marks()
        self._declutter_labels()

    def set_presentation(self, on: bool) -> None:
        """Projector mode: bigger discs and labels, thicker ties, stronger contrast."""
        theme = PRESENTATION if on else DESK
        if theme is self.theme:
            return
        self.theme = theme
        self._font = label_font(theme.label_px)
        self.setBackgroundBrush(QBrush(qcolor(theme.sea)))
        if self._real_map:
            style_backdrop(self.map_item, theme)
            if self._map_copy is not None:
                style_backdrop(self._map_copy, theme)
        self.view_hint.set_theme(theme)
        self.ties.apply_theme(theme)
        self.legend.set_theme(theme)
        self.bloc_legend.set_theme(theme)
        self._place_legend()
        radii = self._radii()
        names = self._world.names if self._world is not None else self._ids
        shorts = self._world.short_names if self._world is not None else [""] * len(names)
        for i, (item, label) in enumerate(zip(self._items, self._labels)):
            item.apply_theme(theme)
            item.set_radius(float(radii[i]), theme)
            label.apply_theme(theme)
        for hub in self._hubs:
            hub.apply_theme(theme)
        self._style_tie_glow()
        for i, (item, label) in enumerate(zip(self._items, self._labels)):
            label.set_text(names[i] or item.state_id,
                           short_name(names[i], shorts[i], item.state_id), theme, self._font)
            label.set_radius(float(radii[i]))
        self._declutter_labels()

    def presentation(self) -> bool:
        return self.theme is PRESENTATION

    def set_legend_visible(self, visible: bool) -> None:
        self.legend.setVisible(visible)
        self.bloc_legend.setVisible(visible and bool(self._blocs))

    def zoom_in(self) -> None:
        self._zoom_by(1.25)

    def zoom_out(self) -> None:
        self._zoom_by(1 / 1.25)

    def fit_all(self) -> None:
        """Fit every state (with room for discs and labels); the whole world if none."""
        self._fit_pending = True
        self._try_fit()

    def zoom_level(self) -> float:
        """Pixels per degree."""
        return self.transform().m11()

    def state_item(self, state_id: str) -> StateItem:
        return self._items[self._index[state_id]]

    def label_item(self, state_id: str) -> LabelItem:
        return self._labels[self._index[state_id]]

    def tie_paths(self) -> dict[str, QPainterPath]:
        """Every tie of each kind as one scene-coordinate path (what is drawn now)."""
        return self.ties.paths_by_kind()

    def drawn_ties(self) -> list[tuple[int, int, np.ndarray]]:
        """Each tie as drawn: (end i, end j, (m, 2) points in viewport pixels); an end >= the
        number of states is a treaty hub. The same pieces TieLayer puts in its paths."""
        t = self.viewportTransform()
        x, y = self._tie_xy()
        routes = self.ties.routes or {}
        out = []
        for i, j in zip(self.ties.ti.tolist(), self.ties.tj.tolist()):
            if not -180.0 <= x[j] - x[i] <= 180.0:
                continue  # across the date line: drawn as two pieces at the map's edges
            points = [(x[i], y[i])]
            push = routes.get((i, j))
            points += curve_polyline(x[i], y[i], x[j], y[j], push) if push else [(x[j], y[j])]
            pts = np.array(points) * [t.m11(), t.m22()] + [t.dx(), t.dy()]
            out.append((i, j, pts))
        return out

    def tie_pens(self) -> dict[str, QPen]:
        return self.ties.pens_by_kind()

    def blocs(self) -> list:
        """The tracked blocs drawn now (id, colour slot, leader, name, members)."""
        return list(self._blocs)

    def state_color(self, state_id: str) -> str:
        return self._colors[self._index[state_id]]

    def tooltip_text(self, state_id: str) -> str:
        """The hover text of a state: its numbers and, when known, its two alliance risks."""
        world = self._world
        if world is not None and state_id.startswith("tie:"):
            x, y = (float(v) for v in state_id[4:].split(","))
            return self._tie_tooltip(self.tie_at(QPointF(x, y)))
        if world is not None and state_id.startswith("hub:"):
            return treaty_tooltip(world, state_id[4:].split(","), self.presentation())
        if world is None or state_id not in world.index:
            return ""
        return state_tooltip(world, world.index[state_id], self._risks, self.presentation())

    def build_context_menu(self, state_id: str) -> QMenu:
        """The right-click menu of a state (separate from the event so tests can drive it)."""
        i = self._world.index[state_id]
        return state_menu(self, self._world, i, self._nearest(i, ALLY_MENU_SIZE + 8),
                          self.presentation(), self.tieRequested.emit,
                          self.tieRemoveRequested.emit, self.select)

    # ------------------------------------------------------------------ drawing helpers

    def _size_factor(self) -> float:
        """Discs a little smaller on a small map (a docked or split window): 0.7 to 1."""
        vp = self.viewport()
        return min(1.0, max(0.7, min(vp.width(), vp.height()) / 640.0))

    def _radii(self) -> np.ndarray:
        """Disc radii in pixels, in steps of half a pixel.

        Why the steps: capabilities drift a little every turn, and a disc whose radius
        changes must be drawn again, and so must its label (moved by the new radius) from
        its text path and halo. On cold-war-1955 exact radii redrew about 7 discs and 9
        labels a turn for changes nobody could see; half-pixel steps, about 3 and 3.
        """
        theme = self.theme
        k = theme.radius_per_sqrt_share * self._size_factor()
        return np.round(2.0 * np.maximum(theme.min_radius, k * np.sqrt(self._share))) / 2.0

    def _resize_discs(self) -> None:
        radii = self._radii()
        for i, (item, label) in enumerate(zip(self._items, self._labels)):
            item.set_radius(float(radii[i]), self.theme)
            label.set_radius(float(radii[i]))

    def _brush(self, color: str) -> QBrush:
        brush = self._brushes.get(color)
        if brush is None:
            brush = self._brushes[color] = QBrush(qcolor(color))
        return brush

    def _set_ties(self, world) -> None:
        rows, cols = np.nonzero(np.triu(world.tie_kind != 0, 1))
        codes = world.tie_kind[rows, cols]
        strength = world.tie_strength()  # a line's width: the mean of its two sides' commitments
        commitment = strength[rows, cols]
        alliance = codes == TIE_KIND_NAMES.index("alliance") + 1
        key = (rows.tobytes(), cols.tobytes(), alliance.tobytes())
        if key != self._treaty_key:  # the alliances change far less often than the turns
            self._treaty_key = key
            self._treaty_cache = treaty_groups(rows, cols, alliance) if len(rows) <= ROUTE_LIMIT else []
        groups = self._treaty_cache
        if groups:
            # Each treaty's pairwise alliances become one spoke per member to its hub, as firm
            # as the member's alliances inside the treaty are on average.
            n = world.n
            member_of: dict[tuple[int, int], int] = {}
            for g, members in enumerate(groups):
                for k, a in enumerate(members):
                    for b in members[k + 1:]:
                        member_of[(a, b)] = g
            keep = np.array([(i, j) not in member_of for i, j in zip(rows.tolist(), cols.tolist())],
                            dtype=bool)
            spoke_i, spoke_j, spoke_c = [], [], []
            for g, members in enumerate(groups):
                inside = strength[np.ix_(members, members)]
                mean = inside.sum(axis=1) / max(1, len(members) - 1)
                for m, c in zip(members, mean.tolist()):
                    spoke_i.append(m)
                    spoke_j.append(n + g)
                    spoke_c.append(c)
            rows = np.concatenate([rows[keep], np.array(spoke_i, dtype=rows.dtype)])
            cols = np.concatenate([cols[keep], np.array(spoke_j, dtype=cols.dtype)])
            codes = np.concatenate([codes[keep], np.full(len(spoke_i), codes[alliance][0])])
            commitment = np.concatenate([commitment[keep], np.array(spoke_c)])
        pinned = self._pinned_mask()
        if pinned.any():
            # Both ends outside a regional view: the tie is outside it too (US-Korea is not
            # drawn across Europe).
            n = world.n
            end_i = np.where(rows < n, rows, 0)
            end_j = np.where(cols < n, cols, 0)
            inside = ~(pinned[end_i] & pinned[end_j]) | (rows >= n) | (cols >= n)
            rows, cols, codes, commitment = rows[inside], cols[inside], codes[inside], commitment[inside]
        self._treaties = groups
        self._sync_hub_items()
        if self._hover_tie is not None:  # its indices belong to the old tie list
            self._hover_tie = None
            self._tie_glow.setVisible(False)
        levels = np.searchsorted(COMMITMENT_LEVELS, commitment, side="right")
        self.ties.set_ties(rows, cols, codes, levels)
        self._route_key = None
        self._place_hubs()
        self.ties.redraw(*self._tie_xy(), self._routes())

    def treaties(self) -> list[list[str]]:
        """The groups drawn as a treaty hub (each member allied with every other), as ids."""
        return [[self._ids[i] for i in members] for members in self._treaties]

    def _tie_xy(self) -> tuple[np.ndarray, np.ndarray]:
        """Positions of the tie ends: the states, then the treaty hubs."""
        return np.concatenate([self._x, self._hub_x]), np.concatenate([self._y, self._hub_y])

    def _sync_hub_items(self) -> None:
        while len(self._hubs) < len(self._treaties):
            hub = HubItem(self.theme)
            self._scene.addItem(hub)
            self._hubs.append(hub)
        for k, hub in enumerate(self._hubs):
            hub.setVisible(k < len(self._treaties))
            if k < len(self._treaties):
                hub.members = self.treaties()[k]
        if self._hub_groups != self._treaties or len(self._hub_x) != len(self._treaties):
            self._hub_x = np.zeros(len(self._treaties))
            self._hub_y = np.zeros(len(self._treaties))
            self._hub_groups = []

    def _place_hubs(self) -> None:
        """Each treaty hub near its members' centre, clear of every disc, at this zoom."""
        if not self._treaties:
            return
        s = self.transform().m11()
        radii = np.ceil(np.array([item.radius for item in self._items]))
        key = (self._x.tobytes(), self._y.tobytes(), radii.tobytes(), round(s, 6),
               tuple(map(tuple, self._treaties)), self._hubs[0].radius)
        if key == self._hub_key:
            return
        self._hub_key = key
        same = self._hub_groups == self._treaties and len(self._hub_x) == len(self._treaties)
        previous = np.stack([self._hub_x, self._hub_y], axis=1) * s if same else None
        places = hub_places(self._x * s, self._y * s, radii, self._treaties,
                            self._hubs[0].radius, previous) / s
        self._hub_groups = [list(g) for g in self._treaties]
        self._hub_x, self._hub_y = places[:, 0].copy(), places[:, 1].copy()
        for hub, x, y in zip(self._hubs, self._hub_x.tolist(), self._hub_y.tolist()):
            hub.setPos(QPointF(x, y))

    def _routes(self) -> dict:
        """Curves for the ties that would pass over a third disc at this zoom (map_routes)."""
        s = self.transform().m11()
        radii = np.array([item.radius for item in self._items]
                         + [hub.radius for hub in self._hubs[:len(self._treaties)]])
        ti, tj = self.ties.ti, self.ties.tj
        x, y = self._tie_xy()
        self._route_key = self._geometry_key(s)
        # Whole pixels in the key: a disc's half-pixel drift keeps the routes (they keep
        # map_routes.CLEARANCE_PX of air, more than that drift).
        memo = (x.tobytes(), y.tobytes(), np.ceil(radii).tobytes(), round(s, 6), ti.tobytes(),
                tj.tobytes())
        if self._routes_memo is not None and self._routes_memo[0] == memo:
            return self._routes_memo[1]
        if len(self._route_memo) > 4 * max(64, len(ti)):
            self._route_memo.clear()  # ties come and go: keep the memo small
        routes = route_ties(x * s, y * s, radii, ti, tj, self.ties.routes, self._route_memo)
        self._routes_memo = (memo, routes)
        return routes

    def _geometry_key(self, s: float) -> tuple:
        radii = np.array([item.radius for item in self._items])
        return (self._x.tobytes(), self._y.tobytes(), radii.tobytes(), round(s, 6),
                self.ties.ti.tobytes(), self.ties.tj.tobytes())

    def _refresh_routes(self) -> None:
        """Place hubs and route the ties again when the zoom, a position or a disc changed."""
        if self._drag is not None or not len(self.ties.ti):
            return
        if self._geometry_key(self.transform().m11()) != self._route_key:
            self._place_hubs()
            self.ties.redraw(*self._tie_xy(), self._routes())

    def _nearest(self, i: int, count: int) -> list[int]:
        return nearest(self._x, self._y, i, count)

    def _apply_marks(self) -> None:
        for item in self._items:
            sel = item.state_id == self._selected
            item.ring.setVisible(sel)
            item.glow.setVisible(item.state_id in self._highlight)
            z = (Z_STATE_SELECTED if sel else Z_STATES) - item.radius * 1e-3
            if item.zValue() != z:
                item.setZValue(z)

    def _set_selected(self, state_id: str, emit: bool) -> None:
        if state_id == self._selected:
            return
        self._selected = state_id
        self._apply_marks()
        self._declutter_labels()
        if emit:
            self.stateSelected.emit(state_id)

    def _declutter_labels(self) -> None:
        """Place every label where it covers no other label, disc or the legend (or hide it).

        Strongest states first; the selected and highlighted states always keep theirs. Ties
        are routed again here too: both depend on the zoom and the discs' pixel sizes.
        """
        if not self._labels:
            return
        self._update_pins()
        self._refresh_routes()
        t = self.viewportTransform()
        obstacles = self._overlay_areas()
        for hub in self._hubs[:len(self._treaties)]:  # a label must not hide a treaty's hub
            c, r = self.mapFromScene(hub.pos()), hub.radius + 2.0
            obstacles.append(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r))
        first = [self._index[s] for s in ([self._selected] if self._selected else [])
                 + sorted(self._highlight) if s in self._index]
        order = first + [i for i in np.argsort(-self._share, kind="stable").tolist()
                         if i not in first]
        px, py = self._x * t.m11() + t.dx(), self._y * t.m22() + t.dy()
        radii = np.array([item.radius for item in self._items])
        sizes = np.array([label.form_size(False) for label in self._labels]).reshape(-1, 2)
        short = np.array([label.form_size(True) for label in self._labels]).reshape(-1, 2)
        vw, vh = self.viewport().width(), self.viewport().height()
        # Most turns move no state and change discs by less than a pixel: keep the places.
        key = (np.round(np.concatenate([px, py, radii, sizes.ravel(), short.ravel()])).tobytes(),
               tuple(order), tuple(first), tuple(tuple(r.getCoords()) for r in obstacles), vw, vh)
        if key == self._label_key:
            return
        self._label_key = key
        codes = place_labels(px, py, radii, sizes, short, order, set(first), obstacles, vw, vh)
        for label, code in zip(self._labels, codes):
            if code >= 0:
                k = len(LabelItem.SIDES)
                label.place(LabelItem.SIDES[code % k], code >= k)
            if label.isVisible() != (code >= 0):
                label.setVisible(code >= 0)

    # ------------------------------------------------------------------ zoom and fit

    def _scale_limits(self) -> tuple[float, float]:
        vp = self.viewport().size()
        return scale_limits(vp.width(), vp.height())

    def _zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        self._thaw()
        lo, hi = self._scale_limits()
        current = self.transform().m11()
        target = min(hi, max(lo, current * factor))
        if abs(target - current) < 1e-9:
            return
        if anchor is None:
            anchor = QPointF(self.viewport().rect().center())
        scene_pt = self.mapToScene(anchor.toPoint())
        self.setTransform(QTransform.fromScale(target, target))
        # Keep the scene point under the anchor where it was (zoom under the mouse).
        now = self.mapFromScene(scene_pt)
        delta = QPointF(now) - anchor
        hbar, vbar = self.horizontalScrollBar(), self.verticalScrollBar()
        hbar.setValue(hbar.value() + round(delta.x()))
        vbar.setValue(vbar.value() + round(delta.y()))
        self._declutter_timer.start(0)

    def _try_fit(self) -> None:
        if not self._fit_pending:
            return
        vp = self.viewport().size()
        if not self.isVisible() or vp.width() < 50 or vp.height() < 50:
            return  # done on the first resize
        self._fit_pending = False
        self._thaw()
        lo, hi = self._scale_limits()
        w, h = vp.width(), vp.height()
        if len(self._x):
            s, cx, cy = self._fit_view(self._current_view_mask(), w, h, lo, hi)
            if self._view_choice is None:
                self._view_choice = 0
                views = self.views()
                if len(views) > 1 and self._crowded(s, cx, cy, w, h):
                    self._view_choice = 1  # the most crowded region: its names can be read
                    s, cx, cy = self._fit_view(self._current_view_mask(), w, h, lo, hi)
            self._show_view_hint()
        else:
            s, cx, cy = world_zoom(w, h, lo, hi), 0.0, 0.0
        self.setTransform(QTransform.fromScale(s, s))
        self.centerOn(cx, cy)
        self._declutter_labels()

    def _fit_view(self, mask, w: int, h: int, lo: float, hi: float):
        """Zoom and centre that show the states of `mask` with their discs and labels."""
        idx = np.flatnonzero(mask)
        radii = self._radii()[idx]
        rects = [self._labels[i].pixel_rect("below") for i in idx]
        x, y = self._true_x[idx], self._true_y[idx]
        s, cx, cy = fit_states(x, y, radii, rects, w, h, lo, hi)
        low = [QRectF(widget.geometry()) for widget in (self.legend, self.bloc_legend)
               if widget.isVisibleTo(self)]
        top = [QRectF(widget.geometry()) for widget in (self.view_hint,) if widget.isVisibleTo(self)]
        bottom = above = 0
        for _ in range(3):  # a strip for one overlay can push states under the other
            changed = False
            if not bottom and any(covers_a_state(area, x, y, radii, rects, s, cx, cy, w, h)
                                  for area in low):
                bottom = h - min(area.top() for area in low) + 4  # the legends' own strip
                changed = True
            if not above and any(covers_a_state(area, x, y, radii, rects, s, cx, cy, w, h)
                                 for area in top):
                above = max(area.bottom() for area in top) + 6  # same for the blocs and the hint
                changed = True
            if not changed:
                break
            s, cx, cy = fit_states(x, y, radii, rects, w, h - bottom - above, lo, hi)
            cy += (bottom - above) / 2 / s
        return s, cx, cy

    def _overlay_areas(self) -> list[QRectF]:
        """The widgets over the map (legends, the view hint) in viewport pixels: labels avoid them."""
        vp = self.viewport()
        return [QRectF(widget.geometry()).translated(-vp.x(), -vp.y())
                for widget in (self.legend, self.bloc_legend, self.view_hint)
                if widget.isVisibleTo(self)]

    def _crowded(self, s: float, cx: float, cy: float, w: int, h: int) -> bool:
        """Would more than a quarter of the labels find no room at this zoom and centre?"""
        px, py = (self._true_x - cx) * s + w / 2, (self._true_y - cy) * s + h / 2
        radii = self._radii()
        sizes = np.array([label.form_size(False) for label in self._labels]).reshape(-1, 2)
        short = np.array([label.form_size(True) for label in self._labels]).reshape(-1, 2)
        order = np.argsort(-self._share, kind="stable").tolist()
        codes = place_labels(px, py, radii, sizes, short, order, set(), [], w, h)
        return sum(c < 0 for c in codes) > 0.25 * len(codes)

    # ------------------------------------------------------------------ views (world, regions)

    def views(self) -> list[str]:
        """The views this world offers: "World", then each crowded region ("Europe")."""
        if self._world is None:
            return ["World"]
        lon, lat = np.asarray(self._world.lon), np.asarray(self._world.lat)
        return ["World"] + [region.name for region, _ in regions_for(lon, lat)]

    def current_view(self) -> str:
        views = self.views()
        return views[min(self._view_choice or 0, len(views) - 1)]

    def next_view(self) -> None:
        """Switch to the next view (the world, then each region) and fit it: the R key."""
        self._view_choice = ((self._view_choice or 0) + 1) % len(self.views())
        self.fit_all()

    def _style_tie_glow(self) -> None:
        pen = QPen(qcolor(self.theme.highlight_color), 9.0 if self.theme.name == "desk" else 13.0)
        pen.setCosmetic(True)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        self._tie_glow.setPen(pen)
        self._tie_glow.setBrush(QBrush(Qt.BrushStyle.NoBrush))

    def _pinned(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Where to draw states: in a regional view a state outside the map's window is drawn
        at the window's edge, in its direction, so that its ties visibly reach it (the
        United States at the left edge of the Europe view); then discs that overlap are
        moved apart by a few pixels (map_regions.dodge). Elsewhere: where it is."""
        if self._world is None or not self.isVisible() or len(self._items) != len(x):
            return x, y
        mask = self._current_view_mask() if self._view_choice else np.ones(len(x), dtype=bool)
        if len(mask) != len(x):
            return x, y
        t = self.viewportTransform()
        s = t.m11()
        vw, vh = self.viewport().width(), self.viewport().height()
        px, py = x * s + t.dx(), y * s + t.dy()
        cx, cy = vw / 2.0, vh / 2.0
        margin = 6.0 + self._radii()
        half_w, half_h = np.maximum(cx - margin, 1.0), np.maximum(cy - margin, 1.0)
        dx, dy = px - cx, py - cy
        k = np.maximum(np.abs(dx) / half_w, np.abs(dy) / half_h)
        out = (~mask) & (k > 1.0)
        ex, ey = px.copy(), py.copy()
        if out.any():
            ex[out], ey[out] = cx + dx[out] / k[out], cy + dy[out] / k[out]
            for _ in range(2):  # spreading along the edge may push one back under a legend
                for area in self._overlay_areas():  # not under a legend: just past its edge
                    inside = (out & (ex + margin > area.left()) & (ex - margin < area.right())
                              & (ey + margin > area.top()) & (ey - margin < area.bottom()))
                    below = area.center().y() < vh / 2
                    ey[inside] = (area.bottom() + margin[inside] if below
                                  else area.top() - margin[inside])
                spread_along_edges(ex, ey, margin, out, vw, vh)
        radii = self._radii()  # this turn's (the items may still have last turn's)
        fixed = np.zeros(len(x), dtype=bool)
        if self._drag is not None:
            fixed[self._drag["index"]] = True
        ex, ey = dodge(ex, ey, radii, fixed)
        moved = (np.abs(ex - px) > 0.05) | (np.abs(ey - py) > 0.05)
        if not moved.any():
            return x, y
        x, y = x.copy(), y.copy()
        x[moved] = (ex[moved] - t.dx()) / s
        y[moved] = (ey[moved] - t.dy()) / s
        return x, y

    def _pinned_mask(self) -> np.ndarray:
        """Which states are drawn at the window's edge (outside the regional view)."""
        n = len(self._x)
        if not self._view_choice or self._world is None or len(self._true_x) != n:
            return np.zeros(n, dtype=bool)
        return ~self._current_view_mask() & ((self._x != self._true_x) | (self._y != self._true_y))

    def _update_pins(self) -> None:
        """Draw pinned states at the edge of the window it shows now (after a pan or zoom)."""
        if self._drag is not None or not len(getattr(self, "_true_x", ())):
            return
        if len(self._true_x) != len(self._x):
            return
        x, y = self._pinned(self._true_x, self._true_y)
        moved = np.flatnonzero((x != self._x) | (y != self._y))
        if not len(moved):
            return
        for i in moved.tolist():
            pos = QPointF(x[i], y[i])
            self._items[i].setPos(pos)
            self._labels[i].setPos(pos)
        self._x, self._y = x, y
        self._set_ties(self._world)  # ties between two pinned states leave the view

    def _current_view_mask(self) -> np.ndarray:
        name = self.current_view() if self._view_choice is not None else "World"
        if name == "World" or self._world is None:
            return np.ones(len(self._x), dtype=bool)
        lon, lat = np.asarray(self._world.lon), np.asarray(self._world.lat)
        return dict((r.name, m) for r, m in regions_for(lon, lat))[name]

    def _show_view_hint(self) -> None:
        views = self.views()
        if len(views) < 2:
            self.view_hint.hide()
            return
        following = views[((self._view_choice or 0) + 1) % len(views)]
        self.view_hint.setText(f"{self.current_view()} · R: {following}")
        self.view_hint.set_theme(self.theme)
        self.view_hint.show()
        self._place_legend()

    #: Scenarios that start before this year are drawn without today's borders.
    BORDERS_FROM_YEAR = 1991

    def _set_era(self, start_year: int | None) -> None:
        """Today's country borders only for a scenario of today; coastlines always. A fictional
        world (no start year) has no borders of its own either."""
        show = start_year is not None and start_year >= self.BORDERS_FROM_YEAR
        for item in (self.map_item, self._map_copy):
            if item is not None and hasattr(item, "show_borders"):
                item.show_borders(show)

    def _set_cut(self, cut: float) -> None:
        """Cut the map at longitude `cut` (map_regions.map_cut): the backdrop gets a second
        copy one turn of the globe east, so land shows on both sides of the date line."""
        self._cut = cut
        if cut > -180.0 and self._real_map:
            if self._map_copy is None:
                self._map_copy = copy_backdrop(self.map_item)
                self._scene.addItem(self._map_copy)
            self._map_copy.setPos(360.0, 0.0)
            self._map_copy.setVisible(True)
        elif self._map_copy is not None:
            self._map_copy.setVisible(False)

    def _legend_area(self) -> QRectF | None:
        """The legend's rectangle in viewport pixels, or None when it is hidden."""
        if not self.legend.isVisible() and not self.legend.isVisibleTo(self):
            return None
        vp = self.viewport()
        return QRectF(self.legend.geometry()).translated(-vp.x(), -vp.y())

    # ------------------------------------------------------------------ state drag (from items)

    def _state_pressed(self, item: StateItem, event) -> None:
        self._set_selected(item.state_id, emit=True)
        self._drag = {
            "index": item.index,
            "item": item,
            "start": QPointF(self._true_x[item.index], self._true_y[item.index]),
            "grab": item.pos() - event.scenePos(),
            "press": QPointF(event.screenPos()),
            "moved": False,
        }
        # Ready for a drag now, so that its first frame is as quick as the others: the
        # picture of the still map costs one full paint (about 40 ms for 200 states and
        # 2,000 ties), paid here, before anything moves, rather than as a stutter.
        self.ties.begin_drag(item.index, *self._tie_xy())
        self._freeze(item.index)

    def _state_dragged(self, item: StateItem, event) -> None:
        drag = self._drag
        if drag is None or drag["item"] is not item:
            return
        if not drag["moved"]:
            if (QPointF(event.screenPos()) - drag["press"]).manhattanLength() < DRAG_THRESHOLD_PX:
                return
            drag["moved"] = True
        pos = event.scenePos() + drag["grab"]
        west = self._cut if self._cut > -180.0 else -180.0
        x = min(west + 360.0, max(west, pos.x()))
        y = min(90.0, max(-90.0, pos.y()))
        i = item.index
        self._x[i], self._y[i] = x, y
        self._true_x[i], self._true_y[i] = x, y
        point = QPointF(x, y)
        item.setPos(point)
        self._labels[i].setPos(point)
        self.ties.update_drag(*self._tie_xy())

    def _state_released(self, item: StateItem, event) -> None:
        drag, self._drag = self._drag, None
        if drag is None:
            return
        self._thaw()
        self.ties.redraw(*self._tie_xy(), self._routes() if drag["moved"] else None)
        if not drag["moved"]:
            return  # a click: the press selected the state
        self._declutter_labels()
        i, start = item.index, drag["start"]
        self.stateMoved.emit(item.state_id, unshifted(self._x[i]), float(-self._y[i]),
                             unshifted(start.x()), float(-start.y()))

    def _freeze(self, index: int) -> None:
        """Paint everything but the dragged state and its ties once, then show that picture.

        Why: a frame of a big world costs 40-80 ms to draw (map, 2,000 antialiased ties, 400
        discs and labels), far above a 60 Hz frame. While one state moves nothing else does,
        so each drag frame only blits the picture and draws the moving disc and its few ties.
        """
        moving = {id(self._items[index]), id(self._labels[index])}
        moving.update(id(it) for it in self.ties.drag_items.values())
        still = [it for it in self._scene.items() if it.parentItem() is None
                 and it.isVisible() and id(it) not in moving]
        for it in (self._items[index], self._labels[index], *self.ties.drag_items.values()):
            it.setOpacity(0.0)  # out of the picture, still grabbing the mouse
        self._frozen = self.viewport().grab()
        for it in (self._items[index], self._labels[index], *self.ties.drag_items.values()):
            it.setOpacity(1.0)
        for it in still:
            # Opacity 0, not hide(): Qt skips the item when painting but keeps its cached
            # picture (hiding dropped the caches: the release then cost 110 ms, not 40).
            it.setOpacity(0.0)
        self._frozen_items = still
        self.viewport().update()

    def _thaw(self) -> None:
        if self._frozen is None:
            return
        self._frozen = None
        for it in self._frozen_items:
            it.setOpacity(1.0)
        self._frozen_items = []
        self.viewport().update()

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        if self._frozen is None:
            super().drawBackground(painter, rect)
            return
        painter.save()
        painter.resetTransform()
        painter.drawPixmap(0, 0, self._frozen)
        painter.restore()

    def _cancel_drag(self) -> None:
        self._thaw()
        drag, self._drag = self._drag, None
        if drag and drag["item"].scene() is not None:
            drag["item"].ungrabMouse()

    # ------------------------------------------------------------------ Qt events

    def _state_at(self, pos: QPoint) -> StateItem | None:
        for item in self.items(pos):
            if isinstance(item, StateItem):
                return item
        return None

    # ------------------------------------------------------------------ hover: ties, hidden labels

    #: A tie within this many pixels of the pointer is the one hovered.
    TIE_HOVER_PX = 6.0

    def tie_at(self, pos: QPointF) -> tuple[int, int] | None:
        """The tie (i, j) drawn nearest the viewport point `pos`, within TIE_HOVER_PX; j may be
        a treaty hub (index n + k)."""
        ti, tj = self.ties.ti, self.ties.tj
        if not len(ti):
            return None
        t = self.viewportTransform()
        s = t.m11()
        x, y = self._tie_xy()
        px, py = x * s + t.dx(), y * s + t.dy()
        routes = self.ties.routes or {}
        best, best_d = None, self.TIE_HOVER_PX
        p = np.array([pos.x(), pos.y()])
        for i, j in zip(ti.tolist(), tj.tolist()):
            a, b = np.array([px[i], py[i]]), np.array([px[j], py[j]])
            lo, hi = np.minimum(a, b) - 60.0 - np.linalg.norm(b - a), np.maximum(a, b) + 60.0 + np.linalg.norm(b - a)
            if (p < lo).any() or (p > hi).any():
                continue
            push = routes.get((i, j), (0.0, 0.0))
            pts = curve_points(a, b, np.array([push]))[0]
            seg = pts[1:] - pts[:-1]
            length2 = np.maximum((seg ** 2).sum(1), 1e-9)
            u = np.clip(((p - pts[:-1]) * seg).sum(1) / length2, 0.0, 1.0)
            d = float(np.linalg.norm(pts[:-1] + u[:, None] * seg - p, axis=1).min())
            if d < best_d:
                best, best_d = (i, j), d
        return best

    def _hover(self, pos: QPointF) -> None:
        """Under the pointer: a state shows its hidden label; a tie is highlighted with its two
        ends (its tooltip, MapScene.helpEvent, explains it)."""
        state = self._state_at(pos.toPoint())
        self._show_hover_label(state.index if state is not None else None)
        tie = None if state is not None else self.tie_at(pos)
        if tie == self._hover_tie:
            return
        self._hover_tie = tie
        ends = set()
        if tie is None:
            self._tie_glow.setPath(QPainterPath())
            self._tie_glow.setVisible(False)
        else:
            i, j = tie
            n = len(self._ids)
            x, y = self._tie_xy()
            path = QPainterPath(QPointF(x[i], y[i]))
            push = (self.ties.routes or {}).get((i, j))
            if push is not None:
                for px_, py_ in curve_polyline(x[i], y[i], x[j], y[j], push):
                    path.lineTo(px_, py_)
            else:
                path.lineTo(x[j], y[j])
            self._tie_glow.setPath(path)
            self._tie_glow.setVisible(True)
            ends = {self._ids[k] for k in (i, j) if k < n}
        for item in self._items:
            item.glow.setVisible(item.state_id in self._highlight or item.state_id in ends)

    def _tie_tooltip(self, tie: tuple[int, int] | None) -> str:
        """What a tie is (kind, commitment, since, both sides' risks), or a treaty's spoke."""
        if tie is None or self._world is None:
            return ""
        i, j = tie
        n = len(self._ids)
        if j >= n:
            return treaty_tooltip(self._world, self.treaties()[j - n], self.presentation())
        return tie_tooltip(self._world, i, j, self._risks, self.presentation())

    def hovered_tie(self) -> tuple[str, str] | None:
        """The ids of the hovered tie's ends (a hub is "hub"), or None."""
        if self._hover_tie is None:
            return None
        n = len(self._ids)
        return tuple(self._ids[k] if k < n else "hub" for k in self._hover_tie)

    def _show_hover_label(self, index: int | None) -> None:
        """A state whose label found no room shows it while the pointer is on its disc."""
        if self._hover_label is not None and self._hover_label != index:
            label = self._labels[self._hover_label] if self._hover_label < len(self._labels) else None
            if label is not None and self._hover_label_was_hidden:
                label.setVisible(False)
            self._hover_label = None
        if index is not None and self._hover_label is None:
            label = self._labels[index]
            self._hover_label, self._hover_label_was_hidden = index, not label.isVisible()
            if not label.isVisible():
                label.place("below", False)
                label.setVisible(True)

    def mouseMoveEvent(self, event) -> None:
        super().mouseMoveEvent(event)
        if event.buttons() == Qt.MouseButton.NoButton and self._drag is None:
            self._hover(event.position())

    def leaveEvent(self, event) -> None:
        super().leaveEvent(event)
        self._hover(QPointF(-1e6, -1e6))

    def mousePressEvent(self, event) -> None:
        self._empty_press = None
        if (event.button() == Qt.MouseButton.LeftButton
                and self._state_at(event.position().toPoint()) is None):
            self._empty_press = event.position()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        press, self._empty_press = self._empty_press, None
        if event.button() == Qt.MouseButton.LeftButton and press is not None:
            if (event.position() - press).manhattanLength() < 5:
                self._set_selected("", emit=True)  # a click (not a pan) on the empty map
            event.accept()  # the end of a pan or of that click: handled here

    def wheelEvent(self, event) -> None:
        delta = event.angleDelta().y() or event.angleDelta().x()
        if delta:
            self._zoom_by(1.0015 ** delta, event.position())
        event.accept()

    def keyPressEvent(self, event) -> None:
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if event.matches(QKeySequence.StandardKey.ZoomIn) or (
                ctrl and key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal)):
            self.zoom_in()
        elif event.matches(QKeySequence.StandardKey.ZoomOut) or (ctrl and key == Qt.Key.Key_Minus):
            self.zoom_out()
        elif key in (Qt.Key.Key_F, Qt.Key.Key_Home) and not ctrl:
            self.fit_all()
        elif key == Qt.Key.Key_R and not ctrl and len(self.views()) > 1:
            self.next_view()
        elif key == Qt.Key.Key_Escape:
            self._set_selected("", emit=True)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def contextMenuEvent(self, event) -> None:
        item = self._state_at(event.pos())
        if item is None or self._world is None:
            event.ignore()
            return
        self.build_context_menu(item.state_id).exec(event.globalPos())
        event.accept()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self._thaw()  # the frozen picture is of the old scroll position
        super().scrollContentsBy(dx, dy)
        if getattr(self, "_labels", None):  # labels that were off screen may have room now
            self._declutter_timer.start(150)

    def resizeEvent(self, event) -> None:
        self._thaw()
        super().resizeEvent(event)
        self._resize_discs()
        self._place_legend()
        self._try_fit()
        self._declutter_timer.start(0)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._place_legend()
        self._try_fit()

    def _place_legend(self) -> None:
        margin = 10
        self.legend.fit_to(self.width(), self.height())
        self.legend.move(margin, self.height() - self.legend.height() - margin)
        self.legend.raise_()
        self.bloc_legend.fit_to(self.width(), self.height())
        self.bloc_legend.move(self.width() - self.bloc_legend.width() - margin,
                              self.height() - self.bloc_legend.height() - margin)
        self.bloc_legend.raise_()
        self.view_hint.adjustSize()
        self.view_hint.move(self.width() - self.view_hint.width() - margin, margin)
        self.view_hint.raise_()
