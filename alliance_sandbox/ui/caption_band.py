"""The caption band of presentation mode: the two or three events of the turn on view that a
class should read, in large type under the map; a click opens the full log.

Why: the projector layout hides the log to give the map room, but the log's explanations are
the teaching content. The band keeps the headline of each turn on screen ("Germany forms an
alliance with Austria-Hungary", "France is entrapped..."), and the log is one click (or L) away.
"""
from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

#: Which events go first: the alliance dilemmas and ruptures, then new and broken ties and
#: shocks, crises, the rest. A kind not listed (a new one) comes after crises.
KIND_RANK: dict[str, int] = {
    "chain_gang": 0, "entrapped": 0, "abandoned": 0, "buck_pass": 0,
    "switch": 1, "form": 1, "leave": 1, "shock": 1,
    "crisis": 2, "honoured": 3, "coalition": 3, "lens": 4,
    "tighten": 5, "loosen": 5, "arm": 6,
}
UNKNOWN_RANK = 2.5
#: Events shown at most.
HEADLINES = 3
#: Characters of one headline at most.
MAX_CHARS = 110

_CITATION = re.compile(r"\s*\([^()]*\b1[89]\d\d[a-z]?\)\s*$|\s*\([^()]*\b20\d\d[a-z]?\)\s*$")


def headline(explanation: str) -> str:
    """The first clause of an explanation, without its citation: what a class reads at a glance."""
    text = _CITATION.sub("", explanation.strip())
    text = text.split("; ")[0]
    head, sep, _rest = text.partition(": ")
    if sep and len(head.split()) >= 3:
        text = head
    if len(text) > MAX_CHARS:
        text = without_numbers(text)
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return text


def without_numbers(text: str) -> str:
    """A headline without its bracketed numbers, for a line too narrow for them: "United States
    eases its commitment to West Germany" reads whole where "... commitment (0.6…" does not."""
    return re.sub(r"\s*\([^()]*\)", "", text)


def headline_events(events, count: int = HEADLINES) -> list:
    """The `count` events to show, most important first (ties keep the log's order)."""
    ranked = sorted(enumerate(events), key=lambda pair: (KIND_RANK.get(pair[1].kind, UNKNOWN_RANK),
                                                         pair[0]))
    return [event for _, event in ranked[:count]]


class CaptionBand(QLabel):
    """A band of large text under the map; `clicked` when the reader asks for the full log."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("captionBand")
        self.setWordWrap(False)  # one line per event, elided to the band's width
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Click (or press L) for the full log")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setStyleSheet("QLabel#captionBand { background: #FFFFFF; color: #000000;"
                           " border-top: 2px solid #000000; padding: 4px 10px; }")
        font = QFont("DejaVu Sans")
        font.setPixelSize(21)
        self.setFont(font)
        self.headlines: list[str] = []
        self.hide()

    def set_turn(self, turn: int, events, rows: int = HEADLINES) -> None:
        """Show the headlines of a turn's events, one line each (`rows` at most: a short screen
        keeps the map's height); a quiet turn says so."""
        self._shown = (turn, list(events), rows)
        chosen = headline_events(events, rows)
        self.headlines = [headline(e.explanation) for e in chosen]
        if not chosen:
            body = "a quiet turn: no one changes a tie" if turn else "the world before the first turn"
            self.setText(f"<b>Turn {turn}</b>: {html.escape(body)}")
            return
        more = len(events) - len(chosen)
        bold = QFont(self.font())
        bold.setBold(True)
        plain, strong = QFontMetrics(self.font()), QFontMetrics(bold)
        room = max(200, self.width() - 24)
        lines = []
        for k, (event, text) in enumerate(zip(chosen, self.headlines)):
            turn_part = f"Turn {turn} · " if k == 0 else ""
            lead = turn_part + event.kind.replace("_", " ").upper() + " "
            tail = f" (+{more} more: L)" if more > 0 and k == len(chosen) - 1 else ""
            width = room - strong.horizontalAdvance(lead) - plain.horizontalAdvance(tail)
            if plain.horizontalAdvance(text) > width:
                text = without_numbers(text)
            if plain.horizontalAdvance(text) > width:  # the verb says what the kind word says:
                lead = turn_part  # "Italy formalises an alliance with United Kingdom" reads whole
                width = room - strong.horizontalAdvance(lead) - plain.horizontalAdvance(tail)
            fit = plain.elidedText(text, Qt.TextElideMode.ElideRight, width)
            lines.append(f"<b>{html.escape(lead)}</b>{html.escape(fit)}<i>{html.escape(tail)}</i>")
        self.setText("<br>".join(lines))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        shown = getattr(self, "_shown", None)
        if shown is not None and event.size().width() != event.oldSize().width():
            self.set_turn(*shown)

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)
