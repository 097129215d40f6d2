"""The one-page handout: what a class gets on paper after a run (File > Export, `export --handout`).

Scenario and lens at the top, with the lens's claim and its citation (what the picture is
evidence for), then the map and the charts as the app draws them, then the turn's key
events in the log's words. Every word is drawn as text, so the PDF can be searched, selected
and read aloud by a screen reader.
"""
from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter

from .exports import TEXT_COLOR, _vector_ready, font, paint_map

#: Event kinds that change who stands with whom come first in "key events".
KEY_KINDS = ("shock", "switch", "form", "leave", "chain_gang", "buck_pass", "entrapped", "abandoned",
             "crisis", "honoured", "coalition", "tighten", "loosen", "arm", "lens")
MUTED = QColor("#555555")


def key_events(record) -> list:
    """The turn's events, the ones that realign first (the log's order within a kind)."""
    rank = {kind: k for k, kind in enumerate(KEY_KINDS)}
    return sorted(record.events, key=lambda e: rank.get(e.kind, len(KEY_KINDS)))


def paint_handout(painter: QPainter, page: QRectF, controller, view, dock) -> None:
    record = controller.record
    lens = record.lens
    unit = page.width() / 794.0  # layout in A4 pixels at 96 dpi, whatever the device
    margin = 40 * unit
    x, width = page.left() + margin, page.width() - 2 * margin
    y = page.top() + margin
    wrap = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop

    def text(words: str, px: float, bold=False, italic=False, color=TEXT_COLOR, gap=4.0,
             limit: float | None = None) -> bool:
        nonlocal y
        f = font(px * unit, bold)
        f.setItalic(italic)
        painter.setFont(f)
        painter.setPen(color)
        box = QFontMetricsF(f).boundingRect(QRectF(x, y, width, 10_000), wrap, words)
        if limit is not None and y + box.height() > limit:
            return False
        painter.drawText(QRectF(x, y, width, box.height() + 2), wrap, words)
        y += box.height() + gap * unit
        return True

    year = f" ({record.year})" if record.year is not None else ""
    text(controller.scenario.name, 20, bold=True, gap=2)
    text(f"Lens: {lens.name} · turn {record.turn}{year} · seed {controller.run_seed} · "
         f"{len(record.world.tie_list())} ties", 11, color=MUTED, gap=8)
    text(f"Claim: {lens.claim}", 11, gap=2)
    text(f"Source: {lens.citation}", 10, italic=True, color=MUTED, gap=10)

    map_h = 0.40 * page.height()
    paint_map(painter, view, record.world, QRectF(x, y, width, map_h))
    vp = view.viewport().rect()
    y += min(map_h, width * vp.height() / vp.width()) + 10 * unit

    charts = dock.view
    chart_h = min(0.22 * page.height(), width * charts.height() / max(1, charts.width()))
    with _vector_ready(charts.scene()):
        charts.render(painter, QRectF(x, y, width, chart_h), charts.viewport().rect(),
                      Qt.AspectRatioMode.KeepAspectRatio)
    y += chart_h + 12 * unit

    bottom = page.bottom() - margin
    text(f"Key events of turn {record.turn}", 12, bold=True, gap=4)
    events = key_events(record)
    if not events:
        text("Nothing happened this turn (turn 0 is the starting world).", 10, color=MUTED)
    for shown, event in enumerate(events):
        if not text(f"• [{event.kind}] {event.explanation}", 9, gap=3, limit=bottom - 16 * unit):
            text(f"… and {len(events) - shown} more: see the app's log.", 9, italic=True, color=MUTED)
            break
