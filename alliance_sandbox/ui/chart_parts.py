"""The pieces of the charts dock that hold no state of their own: colours and fonts, the
left axis, titles that fit their plot, legends as tables, and where everything goes.

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

#: Okabe & Ito (2008) colour-blind-safe colours, yellow left out (unreadable on white).
OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
#: Lines of the share chart: Okabe-Ito, then Paul Tol's muted wine (a distinct eighth colour).
SHARE_COLORS = OKABE_ITO + ("#882255",)
OTHERS_COLOR = "#8C8C8C"
ABANDON_COLOR = "#D55E00"  # vermillion
ENTRAP_COLOR = "#0072B2"  # blue
BLOCS_COLOR = "#000000"
REALIGN_COLOR = "#E69F00"  # orange
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


class LeftAxis(pg.AxisItem):
    """A left axis that labels its end ticks (0 and 1.0 of the risk plot).

    Why: with the grid on, pyqtgraph clips tick labels to the plot's own rectangle, so the
    labels of ticks on the plot's edges, the ones a reader looks for first, were dropped.
    """

    def __init__(self):
        super().__init__("left")

    def boundingRect(self):  # noqa: N802 - Qt's name
        margin = QFontMetrics(self.style["tickFont"] or QFont()).height()
        return super().boundingRect().adjusted(0, -margin, 0, margin)


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


def measure_legend(entries: list[str], font: QFont, points: float) -> LegendSize:
    widths = tuple(html_size(e, font, points, 0.0)[0] for e in entries)
    line = html_size(entries[0] if entries else "X", font, points, 0.0)[1]
    return LegendSize(widths, line)


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
    n = len(wanted)
    wide = width >= 1.6 * height

    def columns(assign: dict[int, int]) -> tuple[int, ...]:
        return tuple(assign.get(k, 1) for k in range(len(legends)))

    def side_by_side():
        cell = width / n
        if n < 2 or cell < min_w:
            return None
        cols = {k: legends[k].columns_for_width(cell) for k in wanted}
        if any(legends[k].size(cols[k])[0] > cell or height - legends[k].size(cols[k])[1] < min_h
               for k in wanted):
            return None
        return Arrangement(tuple(wanted), True, False, True, columns(cols))

    def stacked_right(charts: list[int], single: bool):
        cell = height / len(charts)
        if cell < min_h:
            return None
        cols = {}
        for k in charts:
            c = legends[k].columns_for_height(cell, width - min_w)
            if c is None:
                return None
            cols[k] = c
        return Arrangement(tuple(charts), False, single, False, columns(cols))

    def stacked_below(charts: list[int], single: bool):
        cell = height / len(charts)
        if width < min_w:
            return None
        cols = {k: legends[k].columns_for_width(width) for k in charts}
        if any(legends[k].size(cols[k])[0] > width or cell - legends[k].size(cols[k])[1] < min_h
               for k in charts):
            return None
        return Arrangement(tuple(charts), False, single, True, columns(cols))

    tries = [side_by_side, lambda: stacked_right(wanted, False), lambda: stacked_below(wanted, False)]
    if not wide:
        tries = tries[1:] + tries[:1]
    for attempt in tries:
        found = attempt()
        if found is not None:
            return found
    # one chart: the one asked for, its legend where the plot keeps the larger area
    one = [current]
    single = n > 1
    for attempt in ((lambda: stacked_right(one, single), lambda: stacked_below(one, single)) if wide
                    else (lambda: stacked_below(one, single), lambda: stacked_right(one, single))):
        found = attempt()
        if found is not None:
            return found
    legend = legends[current]
    right_w, right_h = legend.size(legend.columns_for_height(height, width / 2) or 1)
    below_w, below_h = legend.size(legend.columns_for_width(width))
    right_area = max(0.0, width - right_w) * height
    below_area = width * max(0.0, height - below_h)
    below = below_area > right_area
    cols = legend.columns_for_width(width) if below else (legend.columns_for_height(height, width / 2) or 1)
    return Arrangement(tuple(one), False, single, below, columns({current: cols}))
