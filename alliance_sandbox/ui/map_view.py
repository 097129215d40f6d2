"""The map: states as discs on a world map, ties as lines, drag to move, right-click to ally.

The view receives a `World` and draws it; it never changes the model. A finished drag emits
`stateMoved` (once per drag, one undo step) and the controller answers with `set_world`.

Scene coordinates are degrees: x = lon, y = -lat (north up), the same as `world_map.py`.
Discs and labels have fixed pixel sizes at any zoom (ItemIgnoresTransformations), tie pens are
cosmetic: zooming spreads the states apart without making them fat or thin.

The view is put together from mixins, one concern each: ties, treaty hubs and tie hover in
map_tie_drawing.py, zoom, views and label placing in map_framing.py, dragging a state in
map_drag.py. Where the zoom and the labels go is worked out in map_layout.py, the hover text
and the right-click menu in map_popups.py, the backdrop in world_map.py; a demo on its own world is
map_demo.py (`python -m alliance_sandbox.ui.map_demo [--presentation]`).
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsView,
    QMenu,
    QWidget,
)

from alliance_sandbox.engine.bloc_tracking import next_blocs
from alliance_sandbox.ui.map_drag import MapDrag
from alliance_sandbox.ui.map_framing import MapFraming
from alliance_sandbox.ui.map_items import (
    Z_MAP,
    Z_STATE_SELECTED,
    Z_STATES,
    Z_TIES,
    LabelItem,
    MapScene,
    StateItem,
    TieLayer,
    label_font,
)
from alliance_sandbox.ui.map_layout import (
    nearest,
    short_name,
)
from alliance_sandbox.ui.map_legend import LegendWidget, ViewHint
from alliance_sandbox.ui.map_popups import (
    ALLY_MENU_SIZE,
    state_menu,
    state_tooltip,
    treaty_tooltip,
)
from alliance_sandbox.ui.map_regions import (
    map_cut,
    shifted,
)
from alliance_sandbox.ui.map_tie_drawing import MapTies
from alliance_sandbox.ui.palette import (
    DESK,
    PRESENTATION,
    Theme,
    bloc_color,
    bloc_colors,
    qcolor,
)
from alliance_sandbox.ui.world_map import make_backdrop, style_backdrop

#: Room to pan around the world (and for zoom anchoring near its edges).
SCENE_RECT = QRectF(-540.0, -300.0, 1080.0, 600.0)


class MapView(MapTies, MapFraming, MapDrag, QGraphicsView):
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
        self._gone = np.zeros(0, dtype=bool)  # states that joined another (World.joined): not drawn
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
        self._view_auto = False  # the fit chose the view (a resize may choose again)
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
        # Ties marked by a caller (the Compare view's halos), along their drawn routes.
        self.marks = QGraphicsPathItem()
        self.marks.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._scene.addItem(self.marks)
        self._marked_pairs: list[tuple[str, str]] = []
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
        self._gone = np.asarray(world.joined) >= 0
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
            if item.isVisible() == bool(self._gone[i]):
                item.setVisible(not self._gone[i])
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

    def state_item(self, state_id: str) -> StateItem:
        return self._items[self._index[state_id]]

    def label_item(self, state_id: str) -> LabelItem:
        return self._labels[self._index[state_id]]

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
        radii = np.round(2.0 * np.maximum(theme.min_radius, k * np.sqrt(self._share))) / 2.0
        # a state that joined another is not drawn: radius 0 (no label, no obstacle: map_layout)
        return np.where(self._gone, 0.0, radii) if self._gone.size == radii.size else radii

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

    # ------------------------------------------------------------------ Qt events

    def _state_at(self, pos: QPoint) -> StateItem | None:
        for item in self.items(pos):
            if isinstance(item, StateItem):
                return item
        return None

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
            self.user_framed()  # a press on the sea starts a pan
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
        self.refit_if_automatic()
        self._try_fit()
        self._declutter_timer.start(0)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._place_legend()
        self._try_fit()
