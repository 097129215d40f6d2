"""The charts dock: alliance risks, capability shares and blocs over the turns (pyqtgraph).

Series are kept per turn in numpy arrays (`SeriesCache`, after Mesa's DataCollector) and
grown one turn at a time: a live run appends one row per turn instead of re-reading 1,000
records. Back, Reset and Load shrink the history, and an edit replaces the latest record;
the cache notices by comparing record identities from the end and recomputes only the tail.

Drawing is kept cheap. Every axis range is set explicitly and changes only in coarse steps
(auto-range is slow, docs/qt-notes), and mouse zoom is off, so the pixels of past turns do
not move from one turn to the next. Each curve is therefore drawn as a body, cached as a
pixmap and redrawn only every CHUNK turns (or when a range or style changes), and a short
live tail that alone is redrawn each turn (`_LiveCurve`). Measured with 1,000 turns: thick
lines are what costs (about 0.7 ms per 1,000-point curve at 2.5 px, against 0.1 ms at
1 px), and pyqtgraph's minor and sub-minor grid lines cost more than all the curves
together, so the grid has major lines only (benchmarks/bench_charts.py).

Run alone on a demo scenario: `python -m alliance_sandbox.ui.charts [--presentation]`.
"""
from __future__ import annotations

import html
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QFontMetrics
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

#: Okabe & Ito (2008) colour-blind-safe colours, yellow left out (unreadable on white).
OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
#: Lines of the share chart: Okabe-Ito, then Paul Tol's muted wine (a distinct eighth colour).
SHARE_COLORS = OKABE_ITO + ("#882255",)
OTHERS_COLOR = "#8C8C8C"
ABANDON_COLOR = "#D55E00"  # vermillion
ENTRAP_COLOR = "#0072B2"  # blue
BLOCS_COLOR = "#000000"
REALIGN_COLOR = "#E69F00"  # orange

#: How many states get a line of their own in the share chart (the rest are "others").
TOP_STATES = 8
#: Turns per cached curve body; the live tail holds fewer than this.
CHUNK = 64
#: Grid lines (opaque: alpha-blended grid lines cost more).
GRID_COLOR = {False: "#E3E3E3", True: "#C8C8C8"}


class SeriesCache:
    """Per-turn series, row t = turn t, grown in place (no Qt here).

    abandonment, entrapment, share: (turns, states); mean_abandonment, mean_entrapment
    (mean over the states that have at least one tie: a state without ties has neither
    risk, so counting it as 0 would only dilute the mean), blocs (alliance groups of two
    or more), realignments (ties formed or left that turn): (turns,).
    """

    PER_STATE = ("abandonment", "entrapment", "share")
    PER_TURN = ("mean_abandonment", "mean_entrapment", "blocs", "realignments")

    def __init__(self) -> None:
        self.n_states = -1
        self.clear(0)

    def clear(self, n_states: int) -> None:
        self.n_states = n_states
        self.count = 0
        self._records: list = []
        self._allocate(64)

    def _allocate(self, capacity: int) -> None:
        old = {name: getattr(self, name, None) for name in self.PER_STATE + self.PER_TURN}
        self.capacity = capacity
        for name in self.PER_STATE:
            setattr(self, name, np.zeros((capacity, self.n_states)))
        for name in self.PER_TURN:
            setattr(self, name, np.zeros(capacity))
        for name, array in old.items():
            if array is not None and self.count and array.shape[1:] == getattr(self, name).shape[1:]:
                getattr(self, name)[: self.count] = array[: self.count]

    def sync(self, history: list) -> int | None:
        """Follow `history` (a list of TurnRecord); the first row that changed, or None."""
        n = history[0].world.n if history else 0
        if n != self.n_states:
            self.clear(n)
        keep = min(self.count, len(history))
        # histories change at their tail (Back, an edit of the latest turn, a new run)
        while keep and history[keep - 1] is not self._records[keep - 1]:
            keep -= 1
        if keep == self.count == len(history):
            return None
        self.count = keep
        del self._records[keep:]
        if len(history) > self.capacity:
            self._allocate(max(len(history), 2 * self.capacity))
        for record in history[keep:]:
            self._append(record)
        return keep

    def _append(self, record) -> None:
        t = self.count
        world, risks = record.world, record.risks
        self.abandonment[t] = risks.abandonment
        self.entrapment[t] = risks.entrapment
        self.share[t] = world.share
        tied = (world.tie_kind != 0).any(axis=1)
        if tied.any():
            self.mean_abandonment[t] = float(risks.abandonment[tied].mean())
            self.mean_entrapment[t] = float(risks.entrapment[tied].mean())
        else:
            self.mean_abandonment[t] = self.mean_entrapment[t] = 0.0
        self.blocs[t] = sum(1 for group in world.blocs() if len(group) > 1)
        self.realignments[t] = record.realignments
        self._records.append(record)
        self.count = t + 1

    def record(self, t: int):
        return self._records[t]


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 x 10^k at or above `value`.

    Why: axis ranges change only in these coarse steps, so a live run re-lays its axes
    now and then, not every turn, and at most about a fifth of the plot stays empty.
    """
    if value <= 0:
        return 1.0
    scale = 10.0 ** math.floor(math.log10(value))
    for step in (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0):
        if step * scale >= value * (1 - 1e-9):
            return step * scale
    return 10.0 * scale


class _LiveCurve:
    """A curve drawn as a cached body (turns before the last CHUNK boundary) and a live tail.

    `set_data(x, y, key)` redraws the body only when its split point or `key` changes; the
    caller changes `key` when the series shown or any of the body's rows changed. The body
    is cached in device coordinates, so Qt re-renders it by itself when the view's
    transform (a range) or its pen changes. Plain PlotCurveItems, not PlotDataItems: a
    third of the cost of `setData`, and nothing here needs what PlotDataItem adds.
    """

    def __init__(self, plot, step: bool = False, phase: int = 0, name: str | None = None, **opts):
        self.step = step
        self.phase = phase % CHUNK  # curves split at different turns: one body redraw per turn
        self._name = name
        # a step curve needs one more x than y, even empty
        mode = {"stepMode": "center", "x": np.zeros(2), "y": np.zeros(1)} if step else {}
        self.body = pg.PlotCurveItem(**mode, **opts)
        self.tail = pg.PlotCurveItem(**mode, **opts)
        for item in (self.body, self.tail):
            item.setSkipFiniteCheck(True)
            plot.addItem(item)
        self.body.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._visible = True
        self._key = None
        self._split = -1
        self.xData: np.ndarray | None = None
        self.yData: np.ndarray | None = None

    @property
    def opts(self) -> dict:
        return self.tail.opts

    def name(self) -> str | None:
        return self._name

    def set_data(self, x: np.ndarray, y: np.ndarray, key=None) -> None:
        n = len(y)
        # the latest turn is always in the tail
        split = (n - 2 - self.phase) // CHUNK * CHUNK + self.phase if n - 2 >= self.phase else 0
        if key != self._key or split != self._split:
            self._key, self._split = key, split
            if split:
                end = split + 1
                self.body.setData(x[:end], y[:split] if self.step else y[:end])
            self.body.setVisible(self._visible and split > 0)
        self.tail.setData(x[split:], y[split:])
        self.xData, self.yData = x, y

    def clear(self) -> None:
        self._key, self._split = None, -1
        self.xData = self.yData = None
        self.body.setVisible(False)
        self.tail.setVisible(False)

    def setPen(self, pen) -> None:  # noqa: N802 - pyqtgraph's name
        if pen == self.tail.opts["pen"]:
            return  # a new pen, even an equal one, would throw the cached body away
        self.body.setPen(pen)
        self.tail.setPen(pen)

    def setBrush(self, brush) -> None:  # noqa: N802
        self.body.setBrush(brush)
        self.tail.setBrush(brush)

    def setZValue(self, z: float) -> None:  # noqa: N802
        self.body.setZValue(z)
        self.tail.setZValue(z)

    def setVisible(self, on: bool) -> None:  # noqa: N802
        self._visible = on
        self.body.setVisible(on and self._split > 0)
        self.tail.setVisible(on)

    def show(self) -> None:
        self.setVisible(True)

    def hide(self) -> None:
        self.setVisible(False)

    def isVisible(self) -> bool:  # noqa: N802
        return self._visible


class _Theme:
    def __init__(self, presentation: bool):
        self.presentation = presentation
        self.line = 5.0 if presentation else 2.5
        self.font_pt = 15 if presentation else 9
        self.title_pt = 17 if presentation else 10
        self.axis_color = "#000000" if presentation else "#3A3A3A"
        self.axis_width = 2.0 if presentation else 1.0
        self.background = "#FFFFFF"


class _LeftAxis(pg.AxisItem):
    """A left axis that labels its end ticks (0 and 1.0 of the risk plot).

    Why: with the grid on, pyqtgraph clips tick labels to the plot's own rectangle, so the
    labels of ticks on the plot's edges, the ones a reader looks for first, were dropped.
    """

    def __init__(self):
        super().__init__("left")

    def boundingRect(self):  # noqa: N802 - Qt's name
        margin = QFontMetrics(self.style["tickFont"] or QFont()).height()
        return super().boundingRect().adjusted(0, -margin, 0, margin)


def _relax(label: pg.LabelItem, width: bool = False, height: bool = False) -> None:
    """Let a LabelItem be narrower or lower than its text (the text is clipped instead).

    Why: a LabelItem asks for its whole text as its minimum size. A nine-line legend in
    projector fonts would squash the other two plots, and a long title would widen the
    plot past the dock. Legends are clipped at the bottom (their least important lines:
    entries are sorted by share); titles at their ends.
    """
    label.setFlag(QGraphicsItem.GraphicsItemFlag.ItemClipsChildrenToShape)
    label.relaxed = (width, height)
    original = getattr(label, "_original_update_min", label.updateMin)
    label._original_update_min = original  # LabelItem calls updateMin after text changes and resizes

    def update_min() -> None:
        original()
        rect = label.itemRect()
        free_w, free_h = label.relaxed
        w, h = (0.0 if free_w else rect.width()), (0.0 if free_h else rect.height())
        label.setMinimumSize(w, h)
        label._sizeHint[Qt.SizeHint.MinimumSize] = (w, h)
        label._sizeHint[Qt.SizeHint.PreferredSize] = (w, h)
        label.updateGeometry()

    label.updateMin = update_min
    update_min()


def _short(name: str, limit: int) -> str:
    """A state's name cut to `limit` characters (legends and titles must not be clipped)."""
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


class _LeaveWatcher(QObject):
    """Hides the hover readout when the pointer leaves the charts."""

    def __init__(self, dock: "ChartsDock"):
        super().__init__(dock)
        self.dock = dock

    def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Leave:
            self.dock.clear_hover()
        return False


class ChartsDock(QDockWidget):
    """Risks, shares and blocs over the turns, live.

    Public: `set_presentation(on)`, `presentation`, `point_count()` (turns plotted),
    `curve_point_counts()`, `risk_title()`, `risk_series()` ((abandonment, entrapment) as
    plotted), `shown_states()` (ids with a share line), `hover_at_turn(t)`, `hover_text()`,
    `clear_hover()`, `cache` (the SeriesCache), `view` (the GraphicsLayoutWidget) and the
    plots `risk_plot`, `share_plot`, `bloc_plot`.
    """

    def __init__(self, controller, parent: QWidget | None = None):
        super().__init__("Charts", parent)
        self.setObjectName("ChartsDock")
        self.controller = controller
        self.cache = SeriesCache()
        self._theme = _Theme(False)
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
        #: the charts the user asked for; `_single`: the dock is too small for them all, so
        #: only `_current` is shown (the buttons then work like tabs)
        self._wanted: list[str] = list(self.plot_buttons)
        self._single = False
        self._current = "risks"

        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground("w")
        self.view.setMinimumSize(260, 240)
        # a few dozen items, some changing every turn: a BSP index costs more than it saves
        self.view.scene().setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        column.addWidget(self.view, 1)
        self.setWidget(body)
        layout = self.view.ci
        layout.setSpacing(4)
        self.risk_plot = layout.addPlot(row=0, col=0, axisItems={"left": _LeftAxis()})
        self.share_plot = layout.addPlot(row=1, col=0, axisItems={"left": _LeftAxis()})
        self.bloc_plot = layout.addPlot(row=2, col=0, axisItems={"left": _LeftAxis()})
        self._legends = []
        for row in range(3):
            legend = pg.LabelItem(justify="left")
            _relax(legend, height=True)
            layout.addItem(legend, row=row, col=1)
            self._legends.append(legend)
        self._horizontal = False
        self._arranged: list[str] = []
        self.view.installEventFilter(self)  # its resizes choose the arrangement
        self.plots = (self.risk_plot, self.share_plot, self.bloc_plot)
        for plot in self.plots:
            _relax(plot.titleLabel, width=True)
            plot.titleLabel.setAttr("justify", "left")  # when too long, its end is cut, not both ends
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
        self.abandonment_curve = _LiveCurve(self.risk_plot, phase=next(phases), name="abandonment")
        self.entrapment_curve = _LiveCurve(self.risk_plot, phase=next(phases), name="entrapment")
        self.share_curves = [_LiveCurve(self.share_plot, phase=next(phases)) for _ in range(TOP_STATES)]
        self.others_curve = _LiveCurve(self.share_plot, phase=next(phases), name="others")
        self.realign_curve = _LiveCurve(self.bloc_plot, step=True, phase=next(phases), fillLevel=0.0,
                                        name="realignments")
        self.bloc_curve = _LiveCurve(self.bloc_plot, step=True, phase=next(phases), name="blocs")
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

    # --- public ------------------------------------------------------------------------------
    @property
    def presentation(self) -> bool:
        return self._theme.presentation

    def point_count(self) -> int:
        """Turns plotted (the x data of the risk curves)."""
        x = self.abandonment_curve.xData
        return 0 if x is None else len(x)

    def curve_point_counts(self) -> dict[str, int]:
        """Points of every visible curve, by name (share lines by state id)."""
        def points(curve) -> int:
            return 0 if curve.yData is None else len(curve.yData)

        counts = {name: points(curve) for name, curve in (
            ("abandonment", self.abandonment_curve), ("entrapment", self.entrapment_curve),
            ("blocs", self.bloc_curve), ("realignments", self.realign_curve))}
        if self.others_curve.isVisible():
            counts["others"] = points(self.others_curve)
        world = self.controller.sim.history[0].world
        for i in self._shown:
            counts[world.ids[i]] = points(self.share_curves[self._slots[i]])
        return counts

    def risk_title(self) -> str:
        return self.risk_plot.titleLabel.text

    def risk_series(self) -> tuple[np.ndarray, np.ndarray]:
        return self.abandonment_curve.yData, self.entrapment_curve.yData

    def share_curve(self, state_id: str) -> "_LiveCurve":
        """The share line of a state (it must be shown)."""
        i = self.controller.sim.history[0].world.index[state_id]
        return self.share_curves[self._slots[i]]

    def shown_states(self) -> list[str]:
        ids = self.controller.sim.history[0].world.ids
        return [ids[i] for i in self._shown]

    def hover_text(self) -> str:
        """The readouts now shown (plain text; empty when the pointer is not over a plot)."""
        return "\n".join(t.textItem.toPlainText() for t in self._hover_texts if t.isVisible())

    def set_presentation(self, on: bool) -> None:
        """Projector mode: thicker lines, larger fonts, black axes on white."""
        self._theme = theme = _Theme(bool(on))
        font = QFont(QApplication.font())
        font.setPointSizeF(theme.font_pt)
        self.setFont(font)  # the dock's title bar
        self.view.setBackground(theme.background)
        tick_font = QFont(font)
        for plot in self.plots:
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
        self._arrange()  # the "turn" label, on the lowest chart shown
        self._update_display()  # projector fonts need more room per chart
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
        self._write_legends()
        self._redraw()

    # --- model -> plots ------------------------------------------------------------------------
    def _scenario_loaded(self) -> None:
        self.cache.clear(self.controller.sim.history[0].world.n)
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
        first = self.cache.sync(self.controller.sim.history)
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
        return max(curve._split for curve in curves)

    def _selected_index(self) -> int | None:
        world = self.controller.sim.history[0].world
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

    def _write_titles(self) -> None:
        theme = self._theme
        style = {"color": theme.axis_color, "size": f"{theme.title_pt}pt"}
        selected = self.controller.selected
        world = self.controller.sim.history[0].world
        if selected and selected in world.index:
            name = world.names[world.index[selected]]
            title = f"Alliance risks: <b>{html.escape(_short(name, 18 if theme.presentation else 26))}</b>"
        else:
            title = "Alliance risks: <b>mean of allied states</b> (click a state for its own)"
        self.risk_plot.setTitle(title, **style)
        self.share_plot.setTitle("Share of world capability", **style)
        self.bloc_plot.setTitle("Blocs and realignments", **style)


    def _write_legends(self) -> None:
        theme = self._theme
        size = f"{theme.font_pt}pt"
        solid, dashed = "━━", "╍╍"

        def entry(color: str, mark: str, text: str, bold: bool = False) -> str:
            text = html.escape(text)
            if bold:
                text = f"<b>{text}</b>"
            return f"<span style='color:{color}'>{mark}</span>&nbsp;{text}"

        def table(entries: list[str], columns: int) -> str:
            """Entries in rows of `columns` (beside a plot: one a row; under it: several)."""
            if columns == 1:
                return "<br>".join(entries) or " "
            rows = ["".join(f"<td style='padding-right:10px'>{e}</td>" for e in entries[k:k + columns])
                    for k in range(0, len(entries), columns)]
            return "<table cellspacing='0' cellpadding='0'>" + "".join(f"<tr>{r}</tr>" for r in rows) + "</table>"

        wide = self._horizontal
        world = self.controller.sim.history[0].world
        selected = self._selected_index()
        shares = [entry(SHARE_COLORS[self._slots[i]], solid, _short(world.names[i], 16), bold=i == selected)
                  for i in self._shown]
        if len(self._shown) < world.n:
            shares.append(entry(OTHERS_COLOR, dashed, f"{world.n - len(self._shown)} others"))
        texts = (
            table([entry(ABANDON_COLOR, solid, "abandonment"), entry(ENTRAP_COLOR, dashed, "entrapment")],
                  2 if wide else 1),
            table(shares, 3 if wide else 1),
            table([entry(BLOCS_COLOR, solid, "blocs"), entry(REALIGN_COLOR, "██", "realignments")],
                  2 if wide else 1),
        )
        for legend, text in zip(self._legends, texts):
            legend.setText(text, size=size, color=theme.axis_color)
        if wide:
            self.view.setMinimumWidth(3 * (320 if theme.presentation else 240))
        else:  # as narrow as the dock may get without clipping the legends
            widest = max(legend.itemRect().width() for legend in self._legends)
            self.view.setMinimumWidth(int(widest) + (320 if theme.presentation else 240))

    def _plot_clicked(self, key: str) -> None:
        if self._single:
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

    def show_plots(self, risks: bool = True, shares: bool = True, blocs: bool = True) -> None:
        """Which charts are shown (at least one); one alone fills the dock (for the projector)."""
        wanted = [k for k, on in (("risks", risks), ("shares", shares), ("blocs", blocs)) if on]
        self._wanted = wanted or ["risks"]
        if self._current not in self._wanted:
            self._current = self._wanted[0]
        self._update_display()

    def shown_plots(self) -> list[str]:
        """The charts on screen now ("risks", "shares", "blocs")."""
        return [self._current] if self._single else [k for k in self.plot_buttons if k in self._wanted]

    def _update_display(self, size=None) -> None:
        """Choose side by side or stacked, and all wanted charts or one, for the view's size."""
        size = size if size is not None else self.view.size()
        w, h = size.width(), max(1, size.height())
        wide = w >= 1.6 * h  # a wide, low dock (the bottom of a wide window): side by side
        n = len(self._wanted)
        min_h, min_w = (170, 380) if self._theme.presentation else (110, 250)
        single = n > 1 and (w / n < min_w if wide else h / n < min_h)
        if (wide, single) != (self._horizontal, self._single) or self._arranged != self.shown_plots():
            legends = wide != self._horizontal
            self._horizontal, self._single = wide, single
            if legends:
                self._write_legends()
            self._arrange()
        shown = self.shown_plots()
        for key, button in self.plot_buttons.items():
            button.setChecked(key in shown)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if obj is self.view and event.type() == QEvent.Type.Resize:
            self._update_display(event.size())
        return False

    @property
    def horizontal(self) -> bool:
        """True when the charts stand side by side (legends under them), False when stacked."""
        return self._horizontal

    def _arrange(self) -> None:
        """Put the charts that are switched on in the layout: stacked, legends to the right;
        or side by side, legends underneath. Charts switched off leave the layout."""
        grid = self.view.ci.layout
        ours = (*self.plots, *self._legends)
        for index in reversed(range(grid.count())):
            if any(grid.itemAt(index) is item for item in ours):
                grid.removeAt(index)
        for k in range(4):
            grid.setRowStretchFactor(k, 0)
            grid.setColumnStretchFactor(k, 0)
        self._arranged = self.shown_plots()
        shown = [k for k, key in enumerate(self.plot_buttons) if key in self._arranged]
        for k in range(3):
            on = k in shown
            self.plots[k].setVisible(on)
            self._legends[k].setVisible(on)
            self._legends[k].relaxed = (self._horizontal, not self._horizontal)
            self._legends[k].updateMin()
        for pos, k in enumerate(shown):
            if self._horizontal:
                grid.addItem(self.plots[k], 0, pos)
                grid.addItem(self._legends[k], 1, pos)
                grid.setColumnStretchFactor(pos, 1)
            else:
                grid.addItem(self.plots[k], pos, 0)
                grid.addItem(self._legends[k], pos, 1)
                grid.setRowStretchFactor(pos, 1)
        if self._horizontal:
            grid.setRowStretchFactor(0, 1)
        else:
            grid.setColumnStretchFactor(0, 1)
        # "turn" under the lowest chart when stacked, under each when side by side
        lowest = self.plots[shown[-1]]
        style = {"color": self._theme.axis_color, "font-size": f"{self._theme.font_pt}pt"}
        for plot in self.plots:
            labelled = self._horizontal or plot is lowest
            plot.getAxis("bottom").setLabel("turn" if labelled else None, **style)
            plot.getAxis("bottom").showLabel(labelled)
        grid.invalidate()


    def _place_marker(self) -> None:
        turn = self.controller.view_turn
        show = not self.controller.at_latest
        for marker in self._markers:
            marker.setVisible(show)
            if show:
                marker.setValue(turn)
        if show:
            self._marker_label.setFormat(f"turn {turn}")

    # --- hover -------------------------------------------------------------------------------
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
        record = cache.record(t)
        year = f" · {record.year}" if record.year is not None else ""
        head = f"<b>Turn {t}{year}</b>"
        selected = self._selected_index()
        if selected is None:
            abandon, entrap = cache.mean_abandonment[t], cache.mean_entrapment[t]
        else:
            abandon, entrap = cache.abandonment[t, selected], cache.entrapment[t, selected]
        risk = (f"{head}<br><span style='color:{ABANDON_COLOR}'>■</span> abandonment {abandon:.2f}"
                f"<br><span style='color:{ENTRAP_COLOR}'>■</span> entrapment {entrap:.2f}")
        world = record.world
        shares = cache.share[t]
        rows = sorted(self._shown, key=lambda i: -shares[i])
        keep = rows[:5]
        if selected is not None and selected in rows and selected not in keep:
            keep.append(selected)
        parts = [f"<span style='color:{SHARE_COLORS[self._slots[i]]}'>■</span> "
                 f"{html.escape(world.names[i])} {100 * shares[i]:.1f} %" for i in keep]
        rest = 1.0 - float(shares[keep].sum()) if keep else 1.0
        if rest > 5e-4:
            parts.append(f"<span style='color:{OTHERS_COLOR}'>■</span> the rest {100 * rest:.1f} %")
        share = head + "<br>" + "<br>".join(parts)
        n_blocs, n_moves = int(cache.blocs[t]), int(cache.realignments[t])
        blocs = (f"{head}<br>{n_blocs} bloc{'' if n_blocs == 1 else 's'} · "
                 f"{n_moves} realignment{'' if n_moves == 1 else 's'}")
        x_mid = self._x_max / 2
        for plot, line, text, content in zip(self.plots, self._hover_lines, self._hover_texts,
                                             (risk, share, blocs)):
            line.setValue(t)
            line.show()
            text.setHtml(f"<div style='color:#111111'>{content}</div>")
            text.setAnchor((0, 0) if t <= x_mid else (1, 0))
            top = plot.getViewBox().viewRange()[1][1]
            text.setPos(t + (0.4 if t <= x_mid else -0.4) * max(1.0, self._x_max / 60), top)
            text.show()


def _main() -> None:  # pragma: no cover - manual demo
    import sys

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMainWindow

    from alliance_sandbox.ui.inspector import demo_controller

    app = QApplication.instance() or QApplication(sys.argv)
    controller = demo_controller()
    controller.select("DRA")
    window = QMainWindow()
    dock = ChartsDock(controller)
    dock.set_presentation("--presentation" in sys.argv)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.resize(700, 800)
    window.show()
    timer = QTimer(window)
    timer.timeout.connect(lambda: controller.step(1) if len(controller.sim.history) < 500 else timer.stop())
    timer.start(50)
    app.exec()


if __name__ == "__main__":  # pragma: no cover
    _main()
