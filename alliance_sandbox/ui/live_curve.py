"""A pyqtgraph curve that redraws only its last few points each turn (`LiveCurve`).

Why: after 1,000 turns, redrawing every curve in full each turn cost more than the 16 ms a
frame has; thick lines are what costs (about 0.7 ms per 1,000-point curve at 2.5 px,
against 0.1 ms at 1 px, benchmarks/bench_charts.py). The charts set every axis range
explicitly and only in coarse steps, so the pixels of past turns do not move from one turn
to the next: a curve is drawn as a body, cached as a pixmap and redrawn only every CHUNK
turns (or when a range or style changes), and a short live tail, the only part redrawn
each turn.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QGraphicsItem

#: Turns per cached curve body; the live tail holds fewer than this.
CHUNK = 64


class LiveCurve:
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
        self.split = -1  # the first row of the tail; rows before it are in the cached body
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
        if key != self._key or split != self.split:
            self._key, self.split = key, split
            if split:
                end = split + 1
                self.body.setData(x[:end], y[:split] if self.step else y[:end])
            self.body.setVisible(self._visible and split > 0)
        self.tail.setData(x[split:], y[split:])
        self.xData, self.yData = x, y

    def clear(self) -> None:
        self._key, self.split = None, -1
        self.xData = self.yData = None
        self.body.setVisible(False)
        self.tail.setVisible(False)

    def setPen(self, pen) -> None:
        if pen == self.tail.opts["pen"]:
            return  # a new pen, even an equal one, would throw the cached body away
        self.body.setPen(pen)
        self.tail.setPen(pen)

    def setBrush(self, brush) -> None:
        self.body.setBrush(brush)
        self.tail.setBrush(brush)

    def setZValue(self, z: float) -> None:
        self.body.setZValue(z)
        self.tail.setZValue(z)

    def setVisible(self, on: bool) -> None:
        self._visible = on
        self.body.setVisible(on and self.split > 0)
        self.tail.setVisible(on)

    def show(self) -> None:
        self.setVisible(True)

    def hide(self) -> None:
        self.setVisible(False)

    def isVisible(self) -> bool:
        return self._visible
