"""The charts dock: alliance risks, capability shares and blocs over the turns (pyqtgraph).

The dock follows the controller: its `SeriesCache` (series_cache.py) keeps the series per
turn, grown one turn at a time, and each curve is a `LiveCurve` (live_curve.py) that
redraws only its last few turns. How it looks for a given size (titles that fit, legends
right of or under their plots, all charts or one at a time) is decided in chart_parts.py.

Drawing is kept cheap. Every axis range is set explicitly and changes only in coarse steps
(auto-range is slow, docs/qt-notes), and mouse zoom is off, so the pixels of past turns do
not move from one turn to the next and the curves' cached bodies stay valid. pyqtgraph's
minor and sub-minor grid lines cost more than all the curves together, so the grid has
major lines only (benchmarks/bench_charts.py).

Run alone on a demo scenario: `python -m alliance_sandbox.ui.charts [--presentation]`.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QGraphicsItem,
    QGraphicsScene,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .chart_parts import (
    ABANDON_COLOR,
    BAR,
    BLOCS_COLOR,
    DASHED,
    ENTRAP_COLOR,
    GRID_COLOR,
    OTHERS_COLOR,
    REALIGN_COLOR,
    SHARE_COLORS,
    SOLID,
    Arrangement,
    ChartTheme,
    EdgeAxis,
    arrange,
    fit_title,
    html_size,
    label_overflow,
    legend_entry,
    legend_table,
    measure_legend,
    place_charts,
    readouts,
    relax,
    short,
)
from .live_curve import LiveCurve
from .series_cache import SeriesCache, nice_ceiling

#: How many states get a line of their own in the share chart (the rest are "others").
TOP_STATES = 8
#: The charts, in the order of their buttons and plots.
CHART_KEYS = ("risks", "shares", "blocs")


class _LeaveWatcher(QObject):
    """Hides the hover readout when the pointer leaves the charts."""

    def __init__(self, dock: ChartsDock):
        super().__init__(dock)
        self.dock = dock

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Leave:
            self.dock.clear_hover()
        return False


class ChartsDock(QDockWidget):
    """Risks, shares and blocs over the turns, live.

    Public: `set_presentation(on)`, `presentation`, `plot_buttons` (the Show: toggles), `shown_plots()`,
    `horizontal`, `arrangement`, `hover_at_turn(t)`, `clear_hover()`,
    `cache` (the SeriesCache), `view` (the GraphicsLayoutWidget) and the plots
    `risk_plot`, `share_plot`, `bloc_plot`.
    """

    def __init__(self, controller, parent: QWidget | None = None):
        super().__init__("Charts", parent)
        self.setObjectName("ChartsDock")
        self.controller = controller
        self.cache = SeriesCache()
        self._theme = ChartTheme(False)
        self._x_max = -1.0
        self._y_share = -1.0
        self._y_blocs = -1.0
        self._shown: list[int] = []  # state indices with a share line, by current share
        self._slots: dict[int, int] = {}  # state index -> colour slot, kept while shown
        self._hover_turn: int | None = None
        self._build()
        self.set_presentation(False)
        controller.historyChanged.connect(self._history_changed)
        controller.changed.connect(self._changed)
        controller.selectionChanged.connect(self._selection_changed)
        controller.scenarioLoaded.connect(self._scenario_loaded)
        self._scenario_loaded()

    # --- construction ----------------------------------------------------------------------
    def _build(self) -> None:
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        bar.addWidget(QLabel("Show:"))
        self.plot_buttons: dict[str, QToolButton] = {}
        for key, text, tip in (("risks", "Risks", "Abandonment and entrapment risk"),
                               ("shares", "Shares", "Shares of world capability"),
                               ("blocs", "Blocs", "Blocs and realignments per turn")):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(f"Show or hide: {tip}. One chart alone gets the whole dock; "
                              "a small dock shows one chart at a time.")
            button.setCheckable(True)
            button.setChecked(True)
            button.clicked.connect(lambda _checked=False, k=key: self._plot_clicked(k))
            bar.addWidget(button)
            self.plot_buttons[key] = button
        bar.addStretch(1)
        column.addLayout(bar)
        #: the charts the user asked for; when the dock is too small for them all, only
        #: `_current` is shown (the buttons then work like tabs)
        self._wanted: list[str] = list(self.plot_buttons)
        self._current = "risks"
        self._arrangement: Arrangement | None = None

        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground("w")
        # a few dozen items, some changing every turn: a BSP index costs more than it saves
        self.view.scene().setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        column.addWidget(self.view, 1)
        self.setWidget(body)
        layout = self.view.ci
        layout.setSpacing(4)
        self.risk_plot = layout.addPlot(row=0, col=0, axisItems=self._axes())
        self.share_plot = layout.addPlot(row=1, col=0, axisItems=self._axes())
        self.bloc_plot = layout.addPlot(row=2, col=0, axisItems=self._axes())
        self._legends = []
        for row in range(3):
            legend = pg.LabelItem(justify="left")
            relax(legend, height=True)
            layout.addItem(legend, row=row, col=1)
            self._legends.append(legend)
        self._legend_entries: list[list[str]] = [[], [], []]
        self._legend_sizes: list = []
        self._entry_widths: dict = {}  # measured legend entries: (html, font, size) -> (width, height)
        self.view.installEventFilter(self)  # its resizes choose the arrangement
        self.plots = (self.risk_plot, self.share_plot, self.bloc_plot)
        #: each title's wordings, longest first: the longest that fits is shown
        self._title_wordings: list[list] = [[], [], []]
        for k, plot in enumerate(self.plots):
            # the title row spans the axis too: the title starts at the plot's left edge
            plot.layout.removeItem(plot.titleLabel)
            plot.layout.addItem(plot.titleLabel, 0, 0, 1, 3)
            relax(plot.titleLabel, width=True)
            plot.titleLabel.setAttr("justify", "left")
            plot.titleLabel.geometryChanged.connect(lambda k=k: self._fit_title(k))
            plot.setMenuEnabled(False)
            plot.setMouseEnabled(x=False, y=False)
            plot.hideButtons()
            plot.disableAutoRange()
            plot.showGrid(x=True, y=True)
            plot.getViewBox().setDefaultPadding(0.0)
        self.bloc_plot.setXLink(self.risk_plot)
        self.share_plot.setXLink(self.risk_plot)
        self.risk_plot.setYRange(0.0, 1.0, padding=0.02)

        phases = iter(range(0, 13 * 5, 5))
        self.abandonment_curve = LiveCurve(self.risk_plot, phase=next(phases), name="abandonment")
        self.entrapment_curve = LiveCurve(self.risk_plot, phase=next(phases), name="entrapment")
        self.share_curves = [LiveCurve(self.share_plot, phase=next(phases)) for _ in range(TOP_STATES)]
        self.others_curve = LiveCurve(self.share_plot, phase=next(phases), name="others")
        self.realign_curve = LiveCurve(self.bloc_plot, step=True, phase=next(phases), fillLevel=0.0,
                                       name="realignments")
        self.bloc_curve = LiveCurve(self.bloc_plot, step=True, phase=next(phases), name="blocs")
        #: bumped when rows inside the cached bodies were rewritten (Back, Reset, Load)
        self._generation = 0

        self._markers = []  # the turn on view, when it is not the latest
        self._hover_lines = []
        self._hover_texts = []
        for plot in self.plots:
            marker = pg.InfiniteLine(angle=90, movable=False)
            marker.setZValue(20)
            marker.hide()
            plot.addItem(marker, ignoreBounds=True)
            self._markers.append(marker)
            line = pg.InfiniteLine(angle=90, movable=False)
            line.setZValue(30)
            line.hide()
            plot.addItem(line, ignoreBounds=True)
            self._hover_lines.append(line)
            text = pg.TextItem(anchor=(0, 0), fill=pg.mkBrush(255, 255, 255, 250),
                               border=pg.mkPen("#9A9A9A"))
            text.setZValue(40)
            text.hide()
            plot.addItem(text, ignoreBounds=True)
            self._hover_texts.append(text)
        self._marker_label = pg.InfLineLabel(self._markers[0], text="on view", position=0.1,
                                             anchors=[(0, 0.5), (0, 0.5)])

        # titles and legends change rarely: keep them as pixmaps, not re-laid-out text
        for label in (*self._legends, *(plot.titleLabel for plot in self.plots)):
            label.item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.view.scene().sigMouseMoved.connect(self._mouse_moved)
        self.view.viewport().installEventFilter(_LeaveWatcher(self))

    @staticmethod
    def _axes() -> dict:
        return {"left": EdgeAxis("left"), "bottom": EdgeAxis("bottom")}

    # --- public ------------------------------------------------------------------------------
    @property
    def presentation(self) -> bool:
        return self._theme.presentation

    def set_presentation(self, on: bool) -> None:
        """Projector mode: thicker lines, larger fonts, black axes on white."""
        self._theme = theme = ChartTheme(bool(on))
        font = QFont(QApplication.font())
        font.setPointSizeF(theme.font_pt)
        self.setFont(font)  # the dock's title bar
        self.view.setBackground(theme.background)
        min_w, min_h = theme.plot_min
        self.view.setMinimumSize(min_w, min_h + 20)
        tick_font = QFont(font)
        over = label_overflow(tick_font)
        for plot in self.plots:
            plot.layout.setContentsMargins(1, 1, over, 1)  # room for the last turn's label
            for name in ("left", "bottom"):
                axis = plot.getAxis(name)
                # grid at major ticks only, opaque (see the module docstring)
                axis.setStyle(tickFont=tick_font, tickLength=-6 if on else -5, maxTickLevel=0,
                              tickAlpha=1.0)
                axis.setTickPen(pg.mkPen(GRID_COLOR[theme.presentation], width=1))
                axis.setZValue(-100)  # its grid under the curves and readouts, not over them
                axis.enableAutoSIPrefix(False)
                axis.setPen(pg.mkPen(theme.axis_color, width=theme.axis_width))
                axis.setTextPen(pg.mkPen(theme.axis_color))
        label_style = {"color": theme.axis_color, "font-size": f"{theme.font_pt}pt"}
        self.risk_plot.setLabel("left", "risk (0–1)", **label_style)
        self.share_plot.setLabel("left", "share (%)", **label_style)
        self.bloc_plot.setLabel("left", "count", **label_style)
        self.abandonment_curve.setPen(pg.mkPen(ABANDON_COLOR, width=theme.line))
        self.entrapment_curve.setPen(pg.mkPen(ENTRAP_COLOR, width=theme.line, style=Qt.PenStyle.DashLine))
        self.bloc_curve.setPen(pg.mkPen(BLOCS_COLOR, width=theme.line))
        self.realign_curve.setPen(pg.mkPen(REALIGN_COLOR, width=max(1.0, theme.line / 2)))
        self.realign_curve.setBrush(pg.mkBrush(REALIGN_COLOR + "70"))
        self.others_curve.setPen(pg.mkPen(OTHERS_COLOR, width=theme.line * 0.8, style=Qt.PenStyle.DashLine))
        for marker in self._markers:
            marker.setPen(pg.mkPen("#444444", width=theme.axis_width + 1, style=Qt.PenStyle.DashLine))
        self._marker_label.setColor("#222222")
        self._marker_label.setFont(tick_font)
        for line in self._hover_lines:
            line.setPen(pg.mkPen("#555555", width=theme.axis_width))
        for text in self._hover_texts:
            text.setFont(tick_font)
        self._y_share = self._y_blocs = -1.0  # re-set ranges (tick fonts changed)
        self._style_share_curves()
        self._write_titles()
        self._write_legends()  # and the arrangement: projector fonts need more room per chart
        if self._arrangement is not None:
            self._arrange()  # the "turn" label in the new font
        self._redraw()

    # --- model -> plots ------------------------------------------------------------------------
    def _scenario_loaded(self) -> None:
        self.cache.clear(self.controller.first_world.n)
        self._shown, self._slots = [], {}
        self._x_max = -1.0
        self._sync()

    def _history_changed(self) -> None:
        self._sync()

    def _changed(self) -> None:
        # an edit replaces the latest record; scrubbing only moves the marker
        self._sync()
        self._place_marker()

    def _selection_changed(self, _state_id: str) -> None:
        self._choose_shown()
        self._style_share_curves()
        self._write_titles()
        self._write_legends()
        self._redraw()

    def _sync(self) -> None:
        first = self.cache.sync(self.controller.history)
        if first is not None:
            if first <= self._body_rows():
                self._generation += 1  # rows under the cached bodies changed
            self._choose_shown()
            self._redraw()
            self._place_marker()
            if self._hover_turn is not None:
                self.hover_at_turn(self._hover_turn)

    def _body_rows(self) -> int:
        """The last row any cached body covers."""
        curves = (self.abandonment_curve, self.entrapment_curve, *self.share_curves,
                  self.others_curve, self.realign_curve, self.bloc_curve)
        return max(curve.split for curve in curves)

    def _selected_index(self) -> int | None:
        world = self.controller.first_world
        return world.index.get(self.controller.selected) if self.controller.selected else None

    def _choose_shown(self) -> None:
        """The top states by latest share get lines; the selected state always does."""
        cache = self.cache
        if not cache.count:
            return
        latest = cache.share[cache.count - 1]
        order = [int(i) for i in np.argsort(-latest, kind="stable")]
        selected = self._selected_index()
        pool = [i for i in order if i != selected]
        want = TOP_STATES - (selected is not None)
        # Hysteresis: the top few always get a line; a state that has one keeps it while it
        # stays near the top, so two small states swapping ranks every turn do not make
        # lines and legend entries flicker (nor force cached curves to be redrawn).
        near = set(pool[: want + 2])
        shown = pool[: max(0, want - 2)]
        shown += [i for i in pool if i in near and i in self._shown and i not in shown]
        shown += [i for i in pool if i not in shown]
        shown = shown[:want] + ([selected] if selected is not None else [])
        shown.sort(key=lambda i: -latest[i])
        if shown == self._shown:
            return
        self._slots = {i: s for i, s in self._slots.items() if i in shown}
        free = [s for s in range(len(SHARE_COLORS)) if s not in self._slots.values()]
        for i in shown:
            if i not in self._slots:
                self._slots[i] = free.pop(0)
        self._shown = shown
        self._style_share_curves()
        self._write_legends()

    def _style_share_curves(self) -> None:
        selected = self._selected_index()
        theme = self._theme
        for i in self._shown:
            curve = self.share_curves[self._slots[i]]
            width = theme.line * (1.6 if i == selected else 0.9)
            curve.setPen(pg.mkPen(SHARE_COLORS[self._slots[i]], width=width))
            curve.setZValue(10 if i == selected else 0)

    def _redraw(self) -> None:
        cache = self.cache
        count = cache.count
        if not count:
            return
        x = np.arange(count, dtype=float)
        edges = np.arange(count + 1, dtype=float) - 0.5
        selected = self._selected_index()
        gen = self._generation
        if selected is None:
            abandon, entrap = cache.mean_abandonment[:count], cache.mean_entrapment[:count]
        else:
            abandon, entrap = cache.abandonment[:count, selected], cache.entrapment[:count, selected]
        self.abandonment_curve.set_data(x, abandon, (gen, selected))
        self.entrapment_curve.set_data(x, entrap, (gen, selected))

        shares = cache.share[:count] * 100.0  # percent reads better than 0.xx
        # a state keeps its curve (its colour slot) while shown, so when ranks swap no
        # cached body has to be redrawn
        state_of_slot = {slot: i for i, slot in self._slots.items()}
        for slot, curve in enumerate(self.share_curves):
            i = state_of_slot.get(slot)
            if i is not None:
                curve.set_data(x, shares[:, i], (gen, i))
                curve.show()
            else:
                curve.hide()
        if len(self._shown) < cache.n_states:
            others = 100.0 - shares[:, self._shown].sum(axis=1)
            self.others_curve.set_data(x, others, (gen, frozenset(self._shown)))
            self.others_curve.show()
        else:
            self.others_curve.clear()
            self.others_curve.hide()
        self.bloc_curve.set_data(edges, cache.blocs[:count], gen)
        self.realign_curve.set_data(edges, cache.realignments[:count], gen)
        self._set_ranges(count, shares)

    def _set_ranges(self, count: int, shares: np.ndarray) -> None:
        x_max = nice_ceiling(max(10.0, count - 1.0))
        if x_max != self._x_max:
            self._x_max = x_max
            self.risk_plot.setXRange(-0.5, x_max + 0.5, padding=0.0)
        top = float(shares[:, self._shown].max()) if self._shown else 100.0
        if len(self._shown) < self.cache.n_states:
            top = max(top, float((100.0 - shares[:, self._shown].sum(axis=1)).max()))
        y_share = min(100.0, nice_ceiling(top * 1.05))
        if y_share != self._y_share:
            self._y_share = y_share
            self.share_plot.setYRange(0.0, y_share, padding=0.0)
        cache = self.cache
        y_blocs = float(max(2.0, cache.blocs[:count].max(), cache.realignments[:count].max())) + 1.0
        y_blocs = nice_ceiling(y_blocs)
        if y_blocs != self._y_blocs:
            self._y_blocs = y_blocs
            self.bloc_plot.setYRange(0.0, y_blocs, padding=0.0)

    # --- titles and legends ------------------------------------------------------------------
    def _write_titles(self) -> None:
        """Each title's wordings, longest first (`_fit_title` shows the longest that fits)."""
        selected = self.controller.selected
        world = self.controller.first_world
        if selected and selected in world.index:
            name = world.names[world.index[selected]] or selected
            risks = [[("Alliance risks: ", False), (name, True)], [("Risks: ", False), (name, True)]]
        else:
            risks = [[("Alliance risks: ", False), ("mean of allied states", True),
                      (" (click a state for its own)", False)],
                     [("Alliance risks: ", False), ("mean of allied states", True)],
                     [("Risks: ", False), ("mean of allies", True)]]
        self._title_wordings = [
            risks,
            [[("Share of world capability", False)], [("Capability share", False)]],
            [[("Blocs and realignments", False)], [("Blocs, realignments", False)]],
        ]
        for k in range(len(self.plots)):
            self._fit_title(k, force=True)

    def _fit_title(self, k: int, force: bool = False) -> None:
        """Show the longest wording of plot k's title that fits its width (else cut it with …)."""
        plot, theme = self.plots[k], self._theme
        label = plot.titleLabel
        width = label.geometry().width() or plot.geometry().width()
        if not self._title_wordings[k] or width <= 0:
            return
        text = fit_title(self._title_wordings[k], width, label.item.font(), theme.title_pt)
        if text == label.text and not force:
            return
        plot.setTitle(text, color=theme.axis_color, size=f"{theme.title_pt}pt")
        # pyqtgraph gives the title row 30 px: too low for a projector font
        height = max(30.0, html_size(text, label.item.font(), theme.title_pt)[1])
        label.setMaximumHeight(height)
        plot.layout.setRowFixedHeight(0, height)

    def _write_legends(self) -> None:
        """The entries of the three legends, measured; then lay the charts out for them."""
        theme = self._theme
        world = self.controller.first_world
        selected = self._selected_index()
        shares = [legend_entry(SHARE_COLORS[self._slots[i]], SOLID, short(world.names[i], 16),
                               bold=i == selected) for i in self._shown]
        if len(self._shown) < world.n:
            shares.append(legend_entry(OTHERS_COLOR, DASHED, f"{world.n - len(self._shown)} others"))
        self._legend_entries = [
            [legend_entry(ABANDON_COLOR, SOLID, "abandonment"), legend_entry(ENTRAP_COLOR, DASHED, "entrapment")],
            shares,
            [legend_entry(BLOCS_COLOR, SOLID, "blocs"), legend_entry(REALIGN_COLOR, BAR, "realignments")],
        ]
        font = self._legends[0].item.font()
        self._legend_sizes = [measure_legend(entries, font, theme.font_pt, self._entry_widths)
                              for entries in self._legend_entries]
        self._update_display()

    # --- which charts, where ----------------------------------------------------------------
    def _plot_clicked(self, key: str) -> None:
        if self._arrangement is not None and self._arrangement.single:
            self._current = key  # like a tab
            if key not in self._wanted:
                self._wanted.append(key)
        elif key in self._wanted:
            if len(self._wanted) > 1:  # keep at least one chart
                self._wanted.remove(key)
        else:
            self._wanted.append(key)
        self._current = key if key in self._wanted else self._wanted[0]
        self._update_display()

    def shown_plots(self) -> list[str]:
        """The charts on screen now ("risks", "shares", "blocs")."""
        if self._arrangement is None:
            return [k for k in CHART_KEYS if k in self._wanted]
        return [CHART_KEYS[k] for k in self._arrangement.shown]

    @property
    def horizontal(self) -> bool:
        """True when the charts stand side by side (legends under them), False when stacked."""
        return self._arrangement is not None and self._arrangement.horizontal

    @property
    def arrangement(self) -> Arrangement | None:
        return self._arrangement

    def _update_display(self, size=None) -> None:
        """Choose the arrangement for the view's size (chart_parts.arrange) and apply it."""
        if not self._legend_sizes:
            return  # not built yet
        size = size if size is not None else self.view.size()
        wanted = [CHART_KEYS.index(k) for k in CHART_KEYS if k in self._wanted]
        chosen = arrange(size.width(), max(1, size.height()), wanted, CHART_KEYS.index(self._current),
                         self._legend_sizes, self._theme.plot_min)
        changed = chosen != self._arrangement
        self._arrangement = chosen
        self._set_legend_texts()
        if changed:
            self._arrange()
        shown = self.shown_plots()
        for key, button in self.plot_buttons.items():
            button.setChecked(key in shown)

    def _set_legend_texts(self) -> None:
        """Each legend as a table in its arrangement's columns (only those that changed:
        setting a label's text makes the layout run again)."""
        theme = self._theme
        for legend, entries, columns in zip(self._legends, self._legend_entries, self._arrangement.columns):
            text = legend_table(entries, columns)
            key = (text, theme.font_pt, theme.axis_color)
            if getattr(legend, "shown_key", None) != key:
                legend.shown_key = key
                legend.setText(text, size=f"{theme.font_pt}pt", color=theme.axis_color)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.view and event.type() == QEvent.Type.Resize:
            self._update_display(event.size())
        return False

    def _arrange(self) -> None:
        """Put the charts shown in the layout (the others leave it), "turn" under the lowest."""
        style = {"color": self._theme.axis_color, "font-size": f"{self._theme.font_pt}pt"}
        place_charts(self.view.ci.layout, self.plots, self._legends, self._arrangement, style)

    # --- the turn on view, and hover --------------------------------------------------------
    def _place_marker(self) -> None:
        turn = self.controller.view_turn
        show = not self.controller.at_latest
        for marker in self._markers:
            marker.setVisible(show)
            if show:
                marker.setValue(turn)
        if show:
            self._marker_label.setFormat(f"turn {turn}")

    def _mouse_moved(self, scene_pos) -> None:
        for plot in self.plots:
            vb = plot.getViewBox()
            if vb.sceneBoundingRect().contains(scene_pos):
                x = vb.mapSceneToView(scene_pos).x()
                self.hover_at_turn(int(round(x)))
                return
        self.clear_hover()

    def clear_hover(self) -> None:
        self._hover_turn = None
        for line, text in zip(self._hover_lines, self._hover_texts):
            line.hide()
            text.hide()

    def hover_at_turn(self, turn: int) -> None:
        """Show the values at `turn` in every plot (what moving the pointer there does)."""
        cache = self.cache
        if not cache.count:
            return
        t = max(0, min(int(turn), cache.count - 1))
        self._hover_turn = t
        texts = readouts(cache, t, self._selected_index(), self._shown, self._slots)
        x_mid = self._x_max / 2
        for plot, line, text, content in zip(self.plots, self._hover_lines, self._hover_texts,
                                             texts):
            line.setValue(t)
            line.show()
            text.setHtml(f"<div style='color:#111111'>{content}</div>")
            text.setAnchor((0, 0) if t <= x_mid else (1, 0))
            top = plot.getViewBox().viewRange()[1][1]
            text.setPos(t + (0.4 if t <= x_mid else -0.4) * max(1.0, self._x_max / 60), top)
            text.show()


def _main() -> None:  # pragma: no cover - manual demo
    from alliance_sandbox.ui.dock_demo import run_dock_demo

    run_dock_demo(ChartsDock, Qt.DockWidgetArea.RightDockWidgetArea, (700, 800), select="DRA", live_until=500)


if __name__ == "__main__":  # pragma: no cover
    _main()
