"""The pieces of the charts dock that hold no state of their own: colours and fonts, the
axes, titles that fit their plot, legends as tables, the hover readout, and where
everything goes.

Why apart from `charts.py`: the dock follows the model (signals, the cache, the curves);
these decide how it looks for a given size, and are easier to read, and to test, alone.
`arrange` is plain arithmetic on pixel sizes: the dock measures its legends and plots,
and this says side by side or stacked, legends right or below, all charts or one.
"""
from __future__ import annotations

import html
import math
from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextDocument
from PySide6.QtWidgets import QGraphicsItem

#: Paul Tol's "bright" colour-blind-safe scheme (Tol 2021), grey left out, then black.
#: Why not Okabe & Ito: the map gives those to blocs (palette.BLOC_COLORS), and a chart line
#: in "NATO blue" would read as NATO. No chart colour is a bloc colour (tests check it).
TOL_BRIGHT = ("#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377", "#000000")
#: Lines of the share chart: Tol bright, then a dark brown (a distinct eighth colour).
SHARE_COLORS = TOL_BRIGHT + ("#8A5A2B",)
OTHERS_COLOR = "#8C8C8C"
ABANDON_COLOR = "#EE6677"  # red
ENTRAP_COLOR = "#4477AA"  # blue
BLOCS_COLOR = "#000000"
REALIGN_COLOR = "#CCBB44"  # yellow
#: Grid lines (opaque: alpha-blended grid lines cost more).
GRID_COLOR = {False: "#E3E3E3", True: "#C8C8C8"}
#: Legend marks: a solid and a dashed line, and a filled bar.
SOLID, DASHED, BAR = "━━", "╍╍", "██"
#: Space after each legend column, in pixels.
LEGEND_GAP = 10


class ChartTheme:
    """Line widths and fonts for the desk or the projector, and the smallest useful plot."""

    def __init__(self, presentation: bool):
        self.presentation = presentation
        self.line = 5.0 if presentation else 2.5
        self.font_pt = 15 if presentation else 9
        self.title_pt = 17 if presentation else 10
        self.axis_color = "#000000" if presentation else "#3A3A3A"
        self.axis_width = 2.0 if presentation else 1.0
        self.background = "#FFFFFF"
        #: a plot smaller than this (axes and title included) is not worth showing: the
        #: dock then shows fewer charts at a time (in pixels, width and height)
        self.plot_min = (300, 170) if presentation else (200, 110)


class EdgeAxis(pg.AxisItem):
    """An axis that labels its end ticks (0 and 1.0 of the risk plot, the last turn).

    Why: with the grid on, pyqtgraph drops a tick label that pokes out of the axis's own
    rectangle, so the labels of ticks on the plot's edges, the ones a reader looks for
    first, went missing (in a narrow projector column, the x axis stopped at 8 of 10).
    The plot leaves room for the overflow (`label_overflow`).
    """

    def boundingRect(self):
        font = self.style["tickFont"] or QFont()
        cached = getattr(self, "_overflow", None)
        if cached is None or cached[0] != font.key():  # asked for at every paint: measure once
            cached = self._overflow = (font.key(), label_overflow(font))
        over = cached[1]
        if self.orientation in ("left", "right"):
            return super().boundingRect().adjusted(0, -over, 0, over)
        return super().boundingRect().adjusted(-over, 0, over, 0)


def label_overflow(font: QFont) -> float:
    """How far an end tick's label may reach past its axis: half a four-digit number, or
    a line's height (in pixels)."""
    metrics = QFontMetrics(font)
    return max(metrics.height(), metrics.horizontalAdvance("0000") / 2)


def relax(label: pg.LabelItem, width: bool = False, height: bool = False) -> None:
    """Let a LabelItem be narrower or lower than its text (the text is clipped instead).

    Why: a LabelItem asks for its whole text as its minimum size. A nine-line legend in
    projector fonts would squash the other plots, and a long title would widen the plot
    past the dock. The dock sizes titles (`fit_title`) and legends (`arrange`) to fit, so
    the clip is a last resort for a dock smaller than any arrangement.
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


def short(name: str, limit: int) -> str:
    """A state's name cut to `limit` characters (legends and titles must not be clipped)."""
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


# --- measuring text ---------------------------------------------------------------------------

def _document(font: QFont, points: float, margin: float) -> QTextDocument:
    doc = QTextDocument()
    sized = QFont(font)
    sized.setPointSizeF(points)
    doc.setDefaultFont(sized)
    doc.setDocumentMargin(margin)
    return doc


def html_size(text: str, font: QFont, points: float, margin: float = 4.0) -> tuple[float, float]:
    """Width and height of rich text as a pyqtgraph LabelItem lays it out (its margins too)."""
    doc = _document(font, points, margin)
    doc.setHtml(text)
    size = doc.size()
    return size.width(), size.height()


# --- titles -----------------------------------------------------------------------------------

#: A title is a list of runs: (text, bold).
Runs = list[tuple[str, bool]]


def runs_html(runs: Runs) -> str:
    return "".join(f"<b>{html.escape(t)}</b>" if bold else html.escape(t) for t, bold in runs)


def fit_title(candidates: list[Runs], width: float, font: QFont, points: float) -> str:
    """The first wording of a title (longest first) that fits `width` pixels, as HTML;
    when none does, the last one cut with "…" (at least its first letter stays).

    Why: a plot's title row is as wide as the plot, and the dock can be anything from a
    strip beside the map to a third of a wide screen; a clipped title ("Alliance risks:
    mea") reads as broken, a shorter one does not.
    """
    def fits(runs: Runs) -> bool:
        return html_size(runs_html(runs), font, points)[0] <= width

    for runs in candidates:
        if fits(runs):
            return runs_html(runs)
    runs = list(candidates[-1])
    text, bold = runs[-1]
    lo, hi = 1, len(text)  # the longest cut that fits, by bisection
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(runs[:-1] + [(text[:mid].rstrip() + "…", bold)]):
            lo = mid
        else:
            hi = mid - 1
    return runs_html(runs[:-1] + [(text[:lo].rstrip() + "…", bold)])


# --- legends ----------------------------------------------------------------------------------

def legend_entry(color: str, mark: str, text: str, bold: bool = False) -> str:
    text = html.escape(text)
    if bold:
        text = f"<b>{text}</b>"
    return f"<span style='color:{color}'>{mark}</span>&nbsp;{text}"


def legend_table(entries: list[str], columns: int) -> str:
    """Entries in rows of `columns`, filled row by row (one column: one entry a line)."""
    if columns <= 1:
        return "<br>".join(entries) or " "
    rows = ["".join(f"<td style='padding-right:{LEGEND_GAP}px'>{e}</td>" for e in entries[k:k + columns])
            for k in range(0, len(entries), columns)]
    return "<table cellspacing='0' cellpadding='0'>" + "".join(f"<tr>{r}</tr>" for r in rows) + "</table>"


@dataclass(frozen=True)
class LegendSize:
    """How big a legend is in any number of columns, from its entries' measured widths."""

    widths: tuple[float, ...]
    line: float  # height of one row
    margin: float = 4.0  # the text item's margin on each side

    def size(self, columns: int) -> tuple[float, float]:
        n = max(1, len(self.widths))
        columns = max(1, min(columns, n))
        rows = math.ceil(n / columns)
        if columns == 1:
            width = max(self.widths, default=0.0)
        else:
            width = sum(max(self.widths[c::columns]) + LEGEND_GAP for c in range(columns))
        return width + 2 * self.margin, rows * self.line + 2 * self.margin

    def columns_for_width(self, width: float) -> int:
        """The most columns (the fewest rows) that fit `width`; 1 if even one does not."""
        n = max(1, len(self.widths))
        for columns in range(n, 1, -1):
            if self.size(columns)[0] <= width:
                return columns
        return 1

    def columns_for_height(self, height: float, width: float) -> int | None:
        """The fewest columns whose rows fit `height` within `width`; None if none do."""
        n = max(1, len(self.widths))
        for columns in range(1, n + 1):
            w, h = self.size(columns)
            if w > width:
                return None
            if h <= height:
                return columns
        return None


def measure_legend(entries: list[str], font: QFont, points: float, cache: dict | None = None) -> LegendSize:
    """The legend's size in any number of columns. `cache`: sizes of entries measured
    before (a dict the caller keeps), so a legend that changes one entry measures one."""
    cache = {} if cache is None else cache

    def size(text: str) -> tuple[float, float]:
        key = (text, font.key(), points)
        if key not in cache:
            cache[key] = html_size(text, font, points, 0.0)
        return cache[key]

    sizes = [size(e) for e in entries] or [size("X")]
    return LegendSize(tuple(w for w, _h in sizes[:len(entries)]), max(h for _w, h in sizes))


# --- the hover readout ------------------------------------------------------------------------

def readouts(cache, t: int, selected: int | None, shown: list[int], slots: dict[int, int]) -> tuple[str, str, str]:
    """The values at turn t for the three charts' hover boxes (HTML): the risks (of the
    selected state, else the mean), the five largest shares shown (and the selected
    state's), and the blocs and realignments. `slots`: each shown state's colour slot."""
    record = cache.record(t)
    year = f" · {record.year}" if record.year is not None else ""
    head = f"<b>Turn {t}{year}</b>"
    if selected is None:
        abandon, entrap = cache.mean_abandonment[t], cache.mean_entrapment[t]
    else:
        abandon, entrap = cache.abandonment[t, selected], cache.entrapment[t, selected]
    risk = (f"{head}<br><span style='color:{ABANDON_COLOR}'>■</span> abandonment {abandon:.2f}"
            f"<br><span style='color:{ENTRAP_COLOR}'>■</span> entrapment {entrap:.2f}")
    world = record.world
    shares = cache.share[t]
    rows = sorted(shown, key=lambda i: -shares[i])
    keep = rows[:5]
    if selected is not None and selected in rows and selected not in keep:
        keep.append(selected)
    parts = [f"<span style='color:{SHARE_COLORS[slots[i]]}'>■</span> "
             f"{html.escape(world.names[i])} {100 * shares[i]:.1f} %" for i in keep]
    rest = 1.0 - float(shares[keep].sum()) if keep else 1.0
    if rest > 5e-4:
        parts.append(f"<span style='color:{OTHERS_COLOR}'>■</span> the rest {100 * rest:.1f} %")
    share = head + "<br>" + "<br>".join(parts)
    n_blocs, n_moves = int(cache.blocs[t]), int(cache.realignments[t])
    blocs = (f"{head}<br>{n_blocs} bloc{'' if n_blocs == 1 else 's'} · "
             f"{n_moves} realignment{'' if n_moves == 1 else 's'}")
    return risk, share, blocs


# --- where things go ------------------------------------------------------------------------

@dataclass(frozen=True)
class Arrangement:
    """How the dock shows its charts.

    horizontal: side by side (else stacked); single: the dock is too small for all the
    charts asked for, so one shows and the buttons work as tabs; legend_below: each legend
    under its plot (else to its right); columns: legend columns of each chart (by index).
    """

    shown: tuple[int, ...]
    horizontal: bool
    single: bool
    legend_below: bool
    columns: tuple[int, ...]


def arrange(width: float, height: float, wanted: list[int], current: int,
            legends: list[LegendSize], plot_min: tuple[int, int]) -> Arrangement:
    """Where the charts and their legends go in a `width` x `height` dock.

    In order of preference: a wide, low dock puts its charts side by side with their legends
    under them; a tall one stacks them, legends to the right (in a second column when
    long), or else under them. When none of these leaves every plot `plot_min`, the dock
    shows one chart (`current`), its legend where it leaves the plot the most room.
    """
    min_w, min_h = plot_min

    def below(k: int, cell_w: float, cell_h: float) -> int | None:
        """Legend columns under plot k in its cell, or None if the plot would be too small."""
        columns = legends[k].columns_for_width(cell_w)
        w, h = legends[k].size(columns)
        return columns if w <= cell_w and cell_w >= min_w and cell_h - h >= min_h else None

    def right(k: int, cell_w: float, cell_h: float) -> int | None:
        """Legend columns right of plot k in its cell, or None if the plot would be too small."""
        return legends[k].columns_for_height(cell_h, cell_w - min_w) if cell_h >= min_h else None

    def attempt(charts: list[int], horizontal: bool, legend_below: bool) -> Arrangement | None:
        n = len(charts)
        if horizontal and n < 2:
            return None
        cell_w, cell_h = (width / n, height) if horizontal else (width, height / n)
        place = below if legend_below else right
        columns = {k: place(k, cell_w, cell_h) for k in charts}
        if None in columns.values():
            return None
        return Arrangement(tuple(charts), horizontal, len(charts) < len(wanted), legend_below,
                           tuple(columns.get(k, 1) for k in range(len(legends))))

    wide = width >= 1.6 * height
    # (horizontal, legend below) in order of preference, for all the charts, then for one
    every = [(True, True), (False, False), (False, True)] if wide else [(False, False), (False, True), (True, True)]
    one = [(False, False), (False, True)] if wide else [(False, True), (False, False)]
    for charts, ways in ((wanted, every), ([current], one)):
        for horizontal, legend_below in ways:
            found = attempt(charts, horizontal, legend_below)
            if found is not None:
                return found
    # nothing fits: one chart, its legend where the plot keeps the larger area (and is clipped)
    legend = legends[current]
    right_cols = legend.columns_for_height(height, width / 2) or 1
    below_cols = legend.columns_for_width(width)
    right_area = max(0.0, width - legend.size(right_cols)[0]) * height
    below_area = width * max(0.0, height - legend.size(below_cols)[1])
    legend_below = below_area > right_area
    columns = {current: below_cols if legend_below else right_cols}
    return Arrangement((current,), False, len(wanted) > 1, legend_below,
                       tuple(columns.get(k, 1) for k in range(len(legends))))


def place_charts(grid, plots, legends, arrangement: Arrangement, axis_style: dict) -> None:
    """Put the plots and legends an arrangement shows in the dock's grid layout: side by side
    with legends under them, or stacked with legends right of or under them; the others
    leave the layout. "turn" is written under the lowest plot (under each, side by side)."""
    ours = (*plots, *legends)
    for index in reversed(range(grid.count())):
        if any(grid.itemAt(index) is item for item in ours):
            grid.removeAt(index)
    for k in range(2 * len(plots)):
        grid.setRowStretchFactor(k, 0)
        grid.setColumnStretchFactor(k, 0)
    below = arrangement.legend_below
    for k, (plot, legend) in enumerate(zip(plots, legends)):
        on = k in arrangement.shown
        plot.setVisible(on)
        legend.setVisible(on)
        legend.relaxed = (below, not below)  # a legend under a plot is as wide as it, one beside it as high
        legend.updateMin()
    for pos, k in enumerate(arrangement.shown):
        if arrangement.horizontal:
            cells, stretch = ((0, pos), (1, pos)), (grid.setColumnStretchFactor, pos)
        elif below:
            cells, stretch = ((2 * pos, 0), (2 * pos + 1, 0)), (grid.setRowStretchFactor, 2 * pos)
        else:
            cells, stretch = ((pos, 0), (pos, 1)), (grid.setRowStretchFactor, pos)
        grid.addItem(plots[k], *cells[0])
        grid.addItem(legends[k], *cells[1])
        stretch[0](stretch[1], 1)
    if arrangement.horizontal:
        grid.setRowStretchFactor(0, 1)
    else:
        grid.setColumnStretchFactor(0, 1)
    lowest = plots[arrangement.shown[-1]]
    for plot in plots:
        labelled = arrangement.horizontal or plot is lowest
        plot.getAxis("bottom").setLabel("turn" if labelled else None, **axis_style)
        plot.getAxis("bottom").showLabel(labelled)
    grid.invalidate()
