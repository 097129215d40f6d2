"""What the map shows and where its labels go: zoom, fit, the world and regional views (R), the
states pinned at a regional view's edge, the map's cut and era, the overlays' corners, and the
placing of labels without overlap (map_layout does the arithmetic).

A mixin of MapView (map_view.py): it works on the view's own state.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QTransform

from alliance_sandbox.ui.map_items import (
    LabelItem,
)
from alliance_sandbox.ui.map_layout import (
    covers_a_state,
    fit_states,
    place_labels,
    scale_limits,
    world_zoom,
)
from alliance_sandbox.ui.map_regions import (
    dodge,
    regions_for,
    spread_along_edges,
)
from alliance_sandbox.ui.world_map import copy_backdrop

#: Pixels between a pinned state's disc and the window's edge (`_pinned`, `_edge_pinned_mask`).
PIN_AIR = 6.0


class MapFraming:
    """Zoom, fit, views, pins, labels of MapView."""

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

    # ------------------------------------------------------------------ zoom and fit

    def _scale_limits(self) -> tuple[float, float]:
        vp = self.viewport().size()
        return scale_limits(vp.width(), vp.height())

    def _zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        self.user_framed()
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

    def refit_if_automatic(self) -> None:
        """On a resize: choose and fit the view again, unless the user has framed the map.

        Why: the first fit runs while the window is still being laid out (the map 750 x 89 px,
        then 418 x 576, then its size), where every view looks crowded; the choice made there
        opened the tutorial on a "Europe" view with Fennia pinned at its edge. Once the user
        zooms, pans or presses R, their framing stays."""
        if self._view_auto:
            self._fit_pending = True
            self._view_choice = None

    def user_framed(self) -> None:
        """The user has zoomed, panned or chosen a view: a resize no longer refits."""
        self._view_auto = False

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
                self._view_auto = True  # revisable at the next resize (`refit_if_automatic`)
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
        """Would any label find no room at this zoom and centre? Then a region's view, where
        the names can be read, opens first (a state the class cannot name is a state it
        cannot discuss); the world view is one R away."""
        px, py = (self._true_x - cx) * s + w / 2, (self._true_y - cy) * s + h / 2
        radii = self._radii()
        sizes = np.array([label.form_size(False) for label in self._labels]).reshape(-1, 2)
        short = np.array([label.form_size(True) for label in self._labels]).reshape(-1, 2)
        order = np.argsort(-self._share, kind="stable").tolist()
        codes = place_labels(px, py, radii, sizes, short, order, set(), [], w, h, farther=False)
        return any(c < 0 for c, r in zip(codes, radii) if r > 0)  # a disc of radius 0 is not drawn

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
        self.user_framed()
        self.fit_all()

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
        margin = PIN_AIR + self._radii()
        half_w, half_h = np.maximum(cx - margin, 1.0), np.maximum(cy - margin, 1.0)
        dx, dy = px - cx, py - cy
        k = np.maximum(np.abs(dx) / half_w, np.abs(dy) / half_h)
        out = (~mask) & (k > 1.0)
        ex, ey = px.copy(), py.copy()
        # A state of no region shown that falls in the window under a legend (Australia under
        # East Asia's bloc legend) is moved out from under it too: a hidden disc is a lie.
        areas = self._overlay_areas()
        covered = np.zeros(len(x), dtype=bool)
        for area in areas:
            covered |= ((~mask) & ~out & (px + margin > area.left()) & (px - margin < area.right())
                        & (py + margin > area.top()) & (py - margin < area.bottom()))
        edge = out | covered
        if edge.any():
            ex[out], ey[out] = cx + dx[out] / k[out], cy + dy[out] / k[out]
            for rounds in range(3):  # spreading along the edge may push one back under a legend
                for area in areas:  # not under a legend: just past its edge
                    inside = (edge & (ex + margin > area.left()) & (ex - margin < area.right())
                              & (ey + margin > area.top()) & (ey - margin < area.bottom()))
                    below = area.center().y() < vh / 2
                    ey[inside] = (area.bottom() + margin[inside] if below
                                  else area.top() - margin[inside])
                if rounds < 2:
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

    def _edge_pinned_mask(self) -> np.ndarray:
        """The pinned states drawn on the window's edge: not those only nudged out from under a
        legend, which stay where the class sees them (Australia in the East Asia view)."""
        pinned = self._pinned_mask()
        if not pinned.any():
            return pinned
        t = self.viewportTransform()
        px, py = self._x * t.m11() + t.dx(), self._y * t.m22() + t.dy()
        reach = PIN_AIR + self._radii() + 2.0  # where `_pinned` puts them, and a little
        vw, vh = self.viewport().width(), self.viewport().height()
        on_edge = (px <= reach) | (px >= vw - reach) | (py <= reach) | (py >= vh - reach)
        return pinned & on_edge

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
