"""Dragging a state on the map: the press selects, a move past DRAG_THRESHOLD_PX drags, the
release reports one `stateMoved` (one undo step). While a state moves, everything else is
frozen into one picture (see `_freeze`), so a drag frame costs a few lines, not the world.

A mixin of MapView (map_view.py): it works on the view's own state.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter

from alliance_sandbox.ui.map_items import (
    StateItem,
)
from alliance_sandbox.ui.map_regions import (
    unshifted,
)

#: Pixels the pointer must move before a press on a state becomes a drag.
DRAG_THRESHOLD_PX = 3


class MapDrag:
    """State dragging of MapView."""

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
        self._redraw_ties(self._routes() if drag["moved"] else None)
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
