"""The widgets over the map's corners: the legend (tie kinds, disc size; and the blocs' colours)
and the hint naming the view shown and what R switches to."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPaintEngine, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QLabel, QWidget

from alliance_sandbox.ui.map_items import tie_pen
from alliance_sandbox.ui.palette import UNALIGNED_COLOR as UNALIGNED
from alliance_sandbox.ui.palette import Theme, qcolor


class LegendWidget(QWidget):
    """Tie styles and what disc size means, over a corner of the map.

    A child of the view (not of its viewport, which scrolls its children when the map pans),
    transparent to the mouse.
    """

    #: The legend never takes more than this share of the map's width or height.
    MAX_SHARE = 0.3
    MIN_PX = 11

    def __init__(self, parent: QWidget, theme: Theme, part: str = "ties") -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.part = part  # "ties": tie kinds and disc size; "blocs": the blocs' colours
        self.theme = theme
        self.px = theme.legend_px
        self._room = (0, 0)
        self._blocs: list[tuple[str, str]] = []
        self._picture: QPixmap | None = None
        self._picture_key: tuple = ()
        self._layout()

    #: At most this many blocs get a row; the rest are counted on one more row.
    MAX_BLOC_ROWS = 6

    def set_blocs(self, blocs: list[tuple[str, str]]) -> None:
        """The blocs to explain: (colour, name) each, strongest first."""
        if blocs == self._blocs:
            return
        self._blocs = list(blocs)
        self.fit_to(*self._room)

    def bloc_rows(self) -> list[tuple[str | None, str]]:
        """The bloc rows as drawn: (colour, text); colour None for the "more" row."""
        rows: list[tuple[str | None, str]] = list(self._blocs[:self.MAX_BLOC_ROWS])
        if len(self._blocs) > self.MAX_BLOC_ROWS:
            rows.append((None, f"+ {len(self._blocs) - self.MAX_BLOC_ROWS} more blocs"))
        if self._blocs:
            rows.append((UNALIGNED, "in no bloc"))
        return rows

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.fit_to(*self._room)

    def fit_to(self, width: int, height: int) -> None:
        """Size the legend for a map of width x height: smaller text on a small map."""
        self._room = (width, height)
        self.px = self.theme.legend_px
        self._layout()
        if width > 0 and height > 0:
            share = max(self.width() / width, self.height() / height)
            if share > self.MAX_SHARE:
                self.px = max(self.MIN_PX, int(self.px * self.MAX_SHARE / share))
                self._layout()
        self.update()

    def _font(self) -> QFont:
        font = QFont("DejaVu Sans")
        font.setPixelSize(self.px)
        return font

    _ROWS = ("alliance", "entente", "coalition", "alignment")
    _SIZE_TEXT = "area = capability"

    def _layout(self) -> None:
        px = self.px
        self._pad = round(px * 0.7)
        self._row_h = round(px * 1.6)
        self._sample_w = round(px * 3.2)
        self._disc_row_h = round(px * 2.2)
        fm = QFontMetrics(self._font())
        if self.part == "blocs":
            rows = self.bloc_rows()
            text_w = max((fm.horizontalAdvance(t) for _, t in rows), default=0)
            self._sample_w = round(px * 1.2)
            self.setFixedSize(self._pad * 3 + self._sample_w + text_w + 2,
                              self._pad * 2 + self._row_h * len(rows))
            return
        text_w = max(fm.horizontalAdvance(t) for t in (*self._ROWS, self._SIZE_TEXT))
        width = self._pad * 3 + self._sample_w + text_w + 2
        height = self._pad * 2 + self._row_h * len(self._ROWS) + self._disc_row_h
        self.setFixedSize(width, height)

    def paintEvent(self, _event) -> None:
        # Painted once into a picture, then blitted: the legend is over the map, so every
        # repaint of the map repainted it (about 1 ms of rounded rectangle and text, a frame).
        # Into a vector file (an SVG or PDF export) it is painted as itself: text stays text.
        painter = QPainter(self)
        if painter.paintEngine().type() != QPaintEngine.Type.Raster:
            self._paint(painter)
            return
        ratio = self.devicePixelRatioF()
        key = (self.width(), self.height(), ratio, self.px, self.theme.name, tuple(self._blocs))
        if self._picture is None or self._picture_key != key:
            picture = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
            picture.setDevicePixelRatio(ratio)
            picture.fill(Qt.GlobalColor.transparent)
            self._paint(QPainter(picture))
            self._picture, self._picture_key = picture, key
        painter.drawPixmap(0, 0, self._picture)
        painter.end()

    def _paint(self, painter: QPainter) -> None:
        theme = self.theme
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(0, 0, 0, 90), 1))
        painter.setBrush(QBrush(qcolor(theme.legend_bg)))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        painter.setFont(self._font())
        text_x = self._pad * 2 + self._sample_w
        align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        y = self._pad
        outline = theme.disc_outline if theme.name != "desk" else "#666666"
        if self.part == "blocs":
            self._paint_blocs(painter, y, text_x, align, outline)
            painter.end()
            return
        for kind in self._ROWS:
            mid = y + self._row_h / 2
            painter.setPen(tie_pen(theme, kind, 1))
            painter.drawLine(QPointF(self._pad, mid), QPointF(self._pad + self._sample_w, mid))
            painter.setPen(qcolor(theme.legend_fg))
            painter.drawText(QRectF(text_x, y, self.width() - text_x, self._row_h), align, kind)
            y += self._row_h
        # Disc size: a small and a big disc standing on one line, then the rule.
        h = self._disc_row_h
        big = h * 0.42
        small = big * 0.45
        base = y + h / 2 + big
        outline = theme.disc_outline if theme.name != "desk" else "#666666"
        painter.setPen(QPen(qcolor(outline), 1.2))
        painter.setBrush(QBrush(qcolor("#A8A8A8")))
        painter.drawEllipse(QPointF(self._pad + small, base - small), small, small)
        painter.drawEllipse(QPointF(self._pad + self._sample_w - big, base - big), big, big)
        painter.setPen(qcolor(theme.legend_fg))
        painter.drawText(QRectF(text_x, y, self.width() - text_x, h), align, self._SIZE_TEXT)
        painter.end()

    def _paint_blocs(self, painter: QPainter, y: float, text_x: float, align, outline: str) -> None:
        """A disc in each bloc's colour and its name ("Germany's bloc")."""
        theme = self.theme
        r = self._row_h * 0.3
        for color, text in self.bloc_rows():
            mid = y + self._row_h / 2
            if color is not None:
                painter.setPen(QPen(qcolor(outline), 1.2))
                painter.setBrush(QBrush(qcolor(color)))
                painter.drawEllipse(QPointF(self._pad + self._sample_w / 2, mid), r, r)
            painter.setPen(qcolor(theme.legend_fg))
            painter.drawText(QRectF(text_x, y, self.width() - text_x, self._row_h), align, text)
            y += self._row_h


class ViewHint(QLabel):
    """Which view the map shows ("Europe") and what the R key switches to, in a map corner.

    Why: a regional view leaves states off the map; the class (and the teacher) must see that
    this is a zoom on a region, and how to get the whole world back.
    """

    def __init__(self, parent: QWidget, theme: Theme) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.set_theme(theme)
        self.hide()

    def set_theme(self, theme: Theme) -> None:
        font = QFont("DejaVu Sans")
        font.setPixelSize(theme.legend_px)
        font.setBold(True)
        self.setFont(font)
        self.setStyleSheet(f"QLabel {{ background: {qcolor(theme.legend_bg).name(QColor.NameFormat.HexArgb)};"
                           f" color: {theme.legend_fg}; border: 1px solid rgba(0,0,0,90);"
                           " border-radius: 6px; padding: 3px 8px; }")
        self.adjustSize()
