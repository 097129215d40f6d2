"""The map's ties: kept in a few path items (map_items.TieLayer), bent around third discs
(map_routes), cliques drawn as treaty hubs (map_treaties), and the hovered tie lit with its two
ends and explained in a tooltip.

A mixin of MapView (map_view.py): it works on the view's own state (positions `_x`, `_y`,
items, the world drawn), kept apart so that each concern of the map reads on its own.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QPainterPath, QPen

from alliance_sandbox.ui.map_items import (
    TIE_KIND_NAMES,
    HubItem,
    line_short_way,
)
from alliance_sandbox.ui.map_popups import tie_tooltip, treaty_tooltip
from alliance_sandbox.ui.map_routes import (
    ROUTE_LIMIT,
    curve_points,
    curve_polyline,
    route_ties,
)
from alliance_sandbox.ui.map_treaties import covered_pairs, hub_places, treaty_groups
from alliance_sandbox.ui.palette import COMMITMENT_LEVELS, qcolor


class MapTies:
    """Ties, treaty hubs and tie hover of MapView."""

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

    def tie_route(self, a: str, b: str) -> QPainterPath:
        """The tie a-b as the map draws it now (scene coordinates): its own line, bent where it
        is routed around a disc, or, inside a treaty, its two spokes through the hub; empty
        when it is not drawn (both ends off a regional view)."""
        path = QPainterPath()
        i, j = self._index.get(a), self._index.get(b)
        if i is None or j is None:
            return path
        i, j = min(i, j), max(i, j)
        x, y = self._tie_xy()
        drawn = set(zip(self.ties.ti.tolist(), self.ties.tj.tolist()))
        if (i, j) in drawn:
            legs = [(i, j)]
        else:
            n = len(self._ids)
            hub = next((g for g, t in enumerate(self._treaties) if i in t.members and j in t.members),
                       None)
            if hub is None:
                return path
            legs = [(i, n + hub), (j, n + hub)]
        routes = self.ties.routes or {}
        for e, f in legs:
            path.moveTo(x[e], y[e])
            push = routes.get((e, f))
            if push is not None and -180.0 <= x[f] - x[e] <= 180.0:
                for px_, py_ in curve_polyline(x[e], y[e], x[f], y[f], push):
                    path.lineTo(px_, py_)
            else:
                line_short_way(path, x[e], y[e], x[f], y[f])
        return path

    def set_marked_ties(self, pairs: list) -> None:
        """Mark these ties (pairs of ids) with `marks`, a path under the ties that follows
        each tie's drawn route, and follows it again whenever the ties are routed anew (a
        zoom, a drag). The Compare view marks so the ties one lens has and the other lacks."""
        self._marked_pairs = [tuple(p) for p in pairs]
        self._redraw_marks()

    def _redraw_marks(self) -> None:
        path = QPainterPath()
        for a, b in self._marked_pairs:
            path.addPath(self.tie_route(a, b))
        self.marks.setPath(path)

    def _redraw_ties(self, routes: dict | None) -> None:
        """Rebuild the tie paths (and the marks that follow them) from the current places."""
        self.ties.redraw(*self._tie_xy(), routes)
        if self._marked_pairs:
            self._redraw_marks()

    def tie_pens(self) -> dict[str, QPen]:
        return self.ties.pens_by_kind()

    def _set_ties(self, world) -> None:
        rows, cols = np.nonzero(np.triu(world.tie_kind != 0, 1))
        codes = world.tie_kind[rows, cols]
        strength = world.tie_strength()  # a line's width: the mean of its two sides' commitments
        commitment = strength[rows, cols]
        key = (rows.tobytes(), cols.tobytes(), codes.tobytes())
        if key != self._treaty_key:  # the ties change far less often than the turns
            self._treaty_key = key
            self._treaty_cache = treaty_groups(rows, cols, codes) if len(rows) <= ROUTE_LIMIT else []
        groups = self._treaty_cache
        if groups:
            # The pairs a hub covers are drawn by its spokes, one per member, as firm as the
            # member's ties inside the treaty are on average; a pair no hub covers keeps its line.
            n = world.n
            covered = covered_pairs(groups)
            keep = np.array([(i, j) not in covered for i, j in zip(rows.tolist(), cols.tolist())],
                            dtype=bool)
            spoke_i, spoke_j, spoke_k, spoke_c = [], [], [], []
            for g, treaty in enumerate(groups):
                members = treaty.members
                inside = strength[np.ix_(members, members)]
                mean = inside.sum(axis=1) / max(1, len(members) - 1)
                for m, c in zip(members, mean.tolist()):
                    spoke_i.append(m)
                    spoke_j.append(n + g)
                    spoke_k.append(treaty.code)
                    spoke_c.append(c)
            rows = np.concatenate([rows[keep], np.array(spoke_i, dtype=rows.dtype)])
            cols = np.concatenate([cols[keep], np.array(spoke_j, dtype=cols.dtype)])
            codes = np.concatenate([codes[keep], np.array(spoke_k, dtype=codes.dtype)])
            commitment = np.concatenate([commitment[keep], np.array(spoke_c)])
        pinned = self._edge_pinned_mask()
        if pinned.any():
            # Both ends pinned at the edge of a regional view: the tie is outside it too
            # (US-Korea is not drawn across Europe). A state only moved out from under a
            # legend is in the view, and so are its ties (US-Australia in East Asia).
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
        self._redraw_ties(self._routes())

    def treaties(self) -> list[list[str]]:
        """The groups drawn as a treaty hub (every two members tied with the hub's kind), as ids."""
        return [[self._ids[i] for i in treaty.members] for treaty in self._treaties]

    def treaty_kinds(self) -> list[str]:
        """The tie kind of each hub of `treaties()` ("alliance" for NATO)."""
        return [TIE_KIND_NAMES[treaty.code - 1] for treaty in self._treaties]

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
                hub.set_kind(TIE_KIND_NAMES[self._treaties[k].code - 1], self.theme)
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
               tuple((t.code, tuple(t.members)) for t in self._treaties), self._hubs[0].radius)
        if key == self._hub_key:
            return
        self._hub_key = key
        same = self._hub_groups == self._treaties and len(self._hub_x) == len(self._treaties)
        previous = np.stack([self._hub_x, self._hub_y], axis=1) * s if same else None
        places = hub_places(self._x * s, self._y * s, radii, [t.members for t in self._treaties],
                            self._hubs[0].radius, previous) / s
        self._hub_groups = list(self._treaties)
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
        bounds = self._route_bounds(s)
        memo = (x.tobytes(), y.tobytes(), np.ceil(radii).tobytes(), round(s, 6), ti.tobytes(),
                tj.tobytes(), bounds)
        if self._routes_memo is not None and self._routes_memo[0] == memo:
            return self._routes_memo[1]
        if len(self._route_memo) > 4 * max(64, len(ti)):
            self._route_memo.clear()  # ties come and go: keep the memo small
        routes = route_ties(x * s, y * s, radii, ti, tj, self.ties.routes, self._route_memo, bounds)
        self._routes_memo = (memo, routes)
        return routes

    def _route_bounds(self, s: float) -> tuple[int, int, int, int]:
        """The window's part of the map in the routes' pixels (scene x zoom), whole pixels:
        curves are kept inside it where they can be."""
        seen = self.mapToScene(self.viewport().rect()).boundingRect()
        return (round(seen.left() * s), round(seen.top() * s), round(seen.right() * s),
                round(seen.bottom() * s))

    def _geometry_key(self, s: float) -> tuple:
        radii = np.array([item.radius for item in self._items])
        return (self._x.tobytes(), self._y.tobytes(), radii.tobytes(), round(s, 6),
                self.ties.ti.tobytes(), self.ties.tj.tobytes(), self._route_bounds(s))

    def _refresh_routes(self) -> None:
        """Place hubs and route the ties again when the zoom, a position or a disc changed."""
        if self._drag is not None or not len(self.ties.ti):
            return
        if self._geometry_key(self.transform().m11()) != self._route_key:
            self._place_hubs()
            self._redraw_ties(self._routes())

    def _style_tie_glow(self) -> None:
        pen = QPen(qcolor(self.theme.highlight_color), 9.0 if self.theme.name == "desk" else 13.0)
        pen.setCosmetic(True)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        self._tie_glow.setPen(pen)
        self._tie_glow.setBrush(QBrush(Qt.BrushStyle.NoBrush))

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
