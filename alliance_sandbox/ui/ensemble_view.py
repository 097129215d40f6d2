"""Simulation > Run 50 Seeds: the current world and lens from 50 seeds, shown over the one run.

Why: a class that watches one run takes it for the prediction. The ensemble shows the
spread: on the risk chart, the median (dotted) and the 10-90% band across seeds of the
plotted risk (the selected state's, or the mean over allied states); on the map, every tie
that exists in any seed at the turn on view as a wide purple band under the run's own tie
lines, its opacity the share of seeds that have it; in the inspector, the selected state's
risks and ties across the seeds at the turn on view.

The seeds run in worker processes (`sweep.ensemble.BackgroundEnsemble`); a timer polls them,
so the window stays responsive; the progress dialog's Cancel ends the workers at once.
The ensemble starts from turn 0 as it is now (edits included); loading another scenario
clears it, and so does Simulation > Clear Ensemble.
"""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QLineF, QObject, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QFormLayout, QGraphicsItem, QGroupBox, QLabel, QProgressDialog

from alliance_sandbox.sweep.ensemble import HIGH, LOW, SEEDS, BackgroundEnsemble, Ensemble

from .chart_parts import ABANDON_COLOR, ENTRAP_COLOR
from .map_items import Z_TIES

#: Ensemble ties: wide purple bands under the run's own tie lines, so both stay readable.
TIE_COLOR = "#7B3FA6"
TIE_WIDTH = 7.0
#: How many turns an ensemble runs at least (more if the run on screen is longer).
MIN_TURNS = 20


class RiskBands:
    """The band and median of each risk on the charts' risk plot."""

    def __init__(self, charts, controller) -> None:
        self.charts, self.controller = charts, controller
        self.ensemble: Ensemble | None = None
        self.items: dict[str, tuple] = {}
        plot = charts.risk_plot
        for kind, color in (("abandonment", ABANDON_COLOR), ("entrapment", ENTRAP_COLOR)):
            low, high = pg.PlotCurveItem(), pg.PlotCurveItem()
            fill_color = QColor(color)
            fill_color.setAlpha(70)
            fill = pg.FillBetweenItem(low, high, brush=pg.mkBrush(fill_color))
            median = pg.PlotCurveItem(pen=pg.mkPen(color, width=2, style=Qt.PenStyle.DotLine))
            for item in (fill, median):
                item.setZValue(-5)
                item.hide()
                plot.addItem(item, ignoreBounds=True)
            self.items[kind] = (low, high, fill, median)
        controller.selectionChanged.connect(lambda _id: self.redraw())

    def set(self, ensemble: Ensemble | None) -> None:
        self.ensemble = ensemble
        self.redraw()

    def redraw(self) -> None:
        for kind, (low, high, fill, median) in self.items.items():
            if self.ensemble is None:
                fill.hide()
                median.hide()
                continue
            state = self.ensemble.ids.index(self.controller.selected) if self.controller.selected in \
                self.ensemble.ids else None
            p_low, p_mid, p_high = self.ensemble.band(kind, state)
            x = list(range(len(p_mid)))
            low.setData(x, p_low)
            high.setData(x, p_high)
            median.setData(x, p_mid)
            fill.show()
            median.show()


class TieFrequencyItem(QGraphicsItem):
    """Lines between states on the map, each as opaque as the share of seeds with that tie."""

    def __init__(self, map_view) -> None:
        super().__init__()
        self.map_view = map_view
        self.lines: list[tuple[QLineF, float, str, str]] = []
        self._rect = QRectF()
        self.setZValue(Z_TIES - 1.0)  # under the run's ties (and the states), over the backdrop
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        map_view.scene().addItem(self)

    def set_lines(self, lines: list[tuple[QLineF, float, str, str]]) -> None:
        self.prepareGeometryChange()
        self.lines = lines
        rect = QRectF()
        for line, *_ in lines:
            rect = rect.united(QRectF(line.p1(), line.p2()).normalized())
        self._rect = rect.adjusted(-1, -1, 1, 1)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter, _option, _widget=None) -> None:
        for line, frequency, _a, _b in self.lines:
            color = QColor(TIE_COLOR)
            color.setAlphaF(0.75 * max(0.08, min(1.0, frequency)))
            pen = QPen(color, TIE_WIDTH)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawLine(line)


class OutcomeBox(QGroupBox):
    """In the inspector: the selected state's spread across the seeds at the turn on view."""

    def __init__(self, inspector) -> None:
        super().__init__(f"Across {SEEDS} seeds (this turn)")
        grid = QFormLayout(self)
        self.values: dict[str, QLabel] = {}
        for key, text in (("abandonment", "Abandonment risk"), ("entrapment", "Entrapment risk"),
                          ("ties", "Ties"), ("partners", "Tied in most seeds to")):
            label = QLabel()
            label.setWordWrap(True)
            grid.addRow(text, label)
            self.values[key] = label
        self.hide()
        layout = inspector.content.layout()
        boxes = [k for k in range(layout.count()) if isinstance(layout.itemAt(k).widget(), QGroupBox)
                 and layout.itemAt(k).widget().title().startswith("Standing")]
        # right under the state's standing this turn, where a teacher compares the two
        layout.insertWidget(boxes[0] + 1 if boxes else layout.count(), self)

    def show_state(self, ensemble: Ensemble | None, turn: int, state_id: str, names: dict[str, str]) -> None:
        if ensemble is None or state_id not in ensemble.ids or turn > ensemble.turns:
            self.hide()
            return
        i = ensemble.ids.index(state_id)
        for key in ("abandonment", "entrapment"):
            low, middle, high = ensemble.spread(getattr(ensemble, key), turn, i)
            self.values[key].setText(f"{middle:.2f} (10-90%: {low:.2f} to {high:.2f})")
        low, middle, high = ensemble.spread(ensemble.degree, turn, i)
        self.values["ties"].setText(f"{middle:g} (10-90%: {low:g} to {high:g})")
        frequency = ensemble.tie_frequency[turn, i]
        partners = sorted((j for j in range(len(ensemble.ids)) if frequency[j] >= 0.5), key=lambda j: -frequency[j])
        text = ", ".join(f"{names.get(ensemble.ids[j], ensemble.ids[j])} {100 * frequency[j]:.0f}%" for j in partners)
        self.values["partners"].setText(text or "no state in half the seeds")
        self.setTitle(f"Across {len(ensemble.seeds)} seeds (turn {turn})")
        self.show()


class EnsembleView(QObject):
    """The two Simulation menu actions, the background run, its progress, and what it shows."""

    def __init__(self, controller, window) -> None:
        super().__init__(window)
        # the window: its charts, map and inspector to draw on, its status bar and its closing
        self.window, self.controller = window, controller
        self.job: BackgroundEnsemble | None = None
        self.dialog: QProgressDialog | None = None
        self.ensemble: Ensemble | None = None
        self.timer = QTimer(self, interval=100)
        self.timer.timeout.connect(self._poll)
        charts = window.docks.get("charts")
        self.bands = RiskBands(charts, self.controller) if charts is not None else None
        self.ties = TieFrequencyItem(window.map)
        inspector = window.docks.get("inspector")
        self.outcomes = OutcomeBox(inspector) if inspector is not None else None
        self.controller.selectionChanged.connect(lambda _id: self._show_turn())
        self.controller.changed.connect(self._show_turn)
        self.controller.scenarioLoaded.connect(self.clear)
        window.installEventFilter(self)  # closing the window ends a running ensemble

    def eventFilter(self, obj, event) -> bool:
        if obj is self.window and event.type() == QEvent.Type.Close:
            self.cancel()
        return False

    def run(self) -> None:
        """Start 50 seeds of turn 0 as it is now under the current lens (ignored while running)."""
        if self.job is not None:
            return
        c = self.controller
        turns = max(MIN_TURNS, c.latest_turn)
        self.job = BackgroundEnsemble(c.first_world, c.lens.id, turns, shocks=c.shocks)
        self.job.start()
        self.dialog = QProgressDialog(f"Running {SEEDS} seeds of {turns} turns under {c.lens.name}…", "Cancel",
                                      0, self.job.total, self.window)
        self.dialog.setWindowTitle("Ensemble")
        self.dialog.setWindowModality(Qt.WindowModality.NonModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self.dialog.setValue(0)
        self.dialog.show()
        self.timer.start()

    def cancel(self) -> None:
        if self.job is None:
            return
        self.timer.stop()
        self.job.cancel()
        self.job = None
        self._close_dialog()
        self.window.statusBar().showMessage("Ensemble cancelled", 5000)

    def clear(self) -> None:
        self.cancel()
        self.ensemble = None
        if self.bands is not None:
            self.bands.set(None)
        self.ties.set_lines([])
        if self.outcomes is not None:
            self.outcomes.hide()

    def _poll(self) -> None:
        if self.job is None:
            return
        if self.dialog is not None:
            self.dialog.setValue(self.job.done)
        if not self.job.finished:
            return
        self.timer.stop()
        job, self.job = self.job, None
        self._close_dialog()
        try:
            self.ensemble = job.result()
        except Exception as error:  # a worker died (out of memory, killed): say so, keep the window
            job.cancel()
            self.window.statusBar().showMessage(f"Ensemble failed: {error}", 10000)
            return
        if self.bands is not None:
            self.bands.set(self.ensemble)
        self._show_turn()
        self.window.statusBar().showMessage(
            f"Ensemble of {len(self.ensemble.seeds)} seeds: risk bands span the {LOW}th to {HIGH}th percentile, "
            "dotted lines are medians; purple bands on the map: the darker, the more seeds have that tie")

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def _show_turn(self) -> None:
        ensemble = self.ensemble
        turn = self.controller.view_turn
        if self.outcomes is not None:
            world = self.controller.first_world
            self.outcomes.show_state(ensemble, turn, self.controller.selected, dict(zip(world.ids, world.names)))
        if ensemble is None or turn > ensemble.turns:
            self.ties.set_lines([])
            return
        frequency = ensemble.tie_frequency[turn]
        items = {sid: self.window.map.state_item(sid) for sid in ensemble.ids}
        lines = []
        n = len(ensemble.ids)
        for i in range(n):
            for j in range(i + 1, n):
                if frequency[i, j] > 0:
                    a, b = ensemble.ids[i], ensemble.ids[j]
                    lines.append((QLineF(items[a].pos(), items[b].pos()), float(frequency[i, j]), a, b))
        self.ties.set_lines(lines)
