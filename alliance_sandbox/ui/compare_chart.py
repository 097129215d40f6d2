"""The Compare view's chart: each lens's mean abandonment and entrapment risk, one dash style
per lens (abandonment vermillion, entrapment blue, as in the charts dock), the turn on view marked."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from alliance_sandbox.lenses import LENSES

from .chart_parts import ABANDON_COLOR, ENTRAP_COLOR
from .series_cache import SeriesCache, nice_ceiling

#: One dash style per compared lens (abandonment and entrapment keep their colours).
DASHES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine, Qt.PenStyle.DashDotLine)
DASH_NAMES = ("solid", "dashed", "dotted", "dash-dot")


class CompareChart(pg.GraphicsLayoutWidget):
    """Each lens's mean abandonment and entrapment risk of allied states, one dash style per lens;
    the legend beside the plot, where it never covers a curve."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareChart")
        self.setBackground("w")
        self.setMinimumHeight(170)
        self.plot = plot = self.addPlot(row=0, col=0)
        plot.setMenuEnabled(False)
        plot.setMouseEnabled(False, False)
        plot.hideButtons()
        plot.showGrid(x=True, y=True, alpha=0.25)
        plot.setTitle("Mean risk of allied states, each lens", color="#222222", size="11pt")
        plot.setLabel("bottom", "turn")
        for axis in ("left", "bottom"):
            plot.getAxis(axis).setTextPen("#222222")
            plot.getAxis(axis).setPen("#888888")
        self.legend = pg.LegendItem(labelTextColor="#222222", labelTextSize="10pt")
        self.addItem(self.legend, row=0, col=1)
        self.curves: list[tuple[pg.PlotDataItem, pg.PlotDataItem]] = []
        self.marker = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#888888", width=1))
        plot.addItem(self.marker, ignoreBounds=True)
        self.caches: list[SeriesCache] = []

    def set_lenses(self, lens_ids: list[str]) -> None:
        for abandon, entrap in self.curves:
            self.plot.removeItem(abandon)
            self.plot.removeItem(entrap)
        self.legend.clear()
        self.curves, self.caches = [], []
        for k, lens_id in enumerate(lens_ids):
            name = LENSES[lens_id].name
            abandon = self.plot.plot(pen=pg.mkPen(ABANDON_COLOR, width=2.5, style=DASHES[k]))
            entrap = self.plot.plot(pen=pg.mkPen(ENTRAP_COLOR, width=2.5, style=DASHES[k]))
            self.legend.addItem(abandon, f"{name}: abandonment")
            self.legend.addItem(entrap, f"{name}: entrapment")
            self.curves.append((abandon, entrap))
            self.caches.append(SeriesCache())

    def show_histories(self, histories: list[list], view_turn: int) -> None:
        last, top = 0, 0.0
        for (abandon, entrap), cache, history in zip(self.curves, self.caches, histories):
            cache.sync(history)
            n = cache.count
            turns = np.arange(n)
            abandon.setData(turns, cache.mean_abandonment[:n])
            entrap.setData(turns, cache.mean_entrapment[:n])
            last = max(last, n - 1)
            top = max(top, float(cache.mean_abandonment[:n].max(initial=0)),
                      float(cache.mean_entrapment[:n].max(initial=0)))
        self.plot.setXRange(0, max(10, last), padding=0.02)
        self.plot.setYRange(0, min(1.0, nice_ceiling(max(top, 0.1))), padding=0.02)
        self.marker.setValue(view_turn)

    def series(self, k: int) -> tuple[list[float], list[float]]:
        """(abandonment, entrapment) plotted for the k-th lens."""
        abandon, entrap = self.curves[k]
        return list(abandon.yData), list(entrap.yData)
