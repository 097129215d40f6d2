"""History on the map: the ties that actually held, as ghost lines beside the simulated ones.

A scenario's `history` lists the real alignments at later dates. With History on (the View
menu, the toolbar, key H), the map also draws the ties of the history entry nearest the year
on view: long purple dashes, a colour no simulated tie has (they are black and grey: solid,
dashed or dotted by kind), so a class sees at a glance where the lens and history part. A
caption at the bottom-right of the map (the legend has the bottom-left) names the year shown.

The overlay takes the controller and subscribes to its signals, like every view, after the map
has drawn the turn (main_window creates it after connecting the map); it draws into the map's
scene from the discs' positions and never touches the map's own items, so the map may project
and route its ties however it likes.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QAction, QColor, QPainterPath, QPen
from PySide6.QtWidgets import QApplication, QGraphicsPathItem, QLabel

from alliance_sandbox.scenario.model import HistoryEntry

from .map_items import Z_STATES, Z_TIES_DRAG, line_short_way

#: Above every simulated tie, below the states (discs stay clickable and on top).
Z_HISTORY = (Z_TIES_DRAG + Z_STATES) / 2
GHOST_COLOR = QColor(123, 44, 191, 210)  # purple, slightly see-through
GHOST_WIDTH = 2.5
#: Above this many actual ties (NATO's 200 pairs) the dashes thin out, so the map stays legible.
DENSE_TIES = 60
DENSE_WIDTH = 1.5
#: Long dashes: unlike the simulated entente (short dashes) or coalition (dots).
GHOST_DASHES = [5.0, 3.0]


def nearest_entry(history: list[HistoryEntry], year: int | None) -> HistoryEntry | None:
    """The entry whose year is closest to `year` (the earlier one on a tie); None without a year."""
    if year is None or not history:
        return None
    return min(history, key=lambda e: (abs(e.year - year), e.year))


def ghost_pen() -> QPen:
    pen = QPen(GHOST_COLOR, GHOST_WIDTH)
    pen.setCosmetic(True)  # pixels at any zoom, like the simulated ties
    pen.setDashPattern(GHOST_DASHES)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


def add_line(path: QPainterPath, x1: float, y1: float, x2: float, y2: float) -> None:
    """A straight ghost line, the short way round, as the map's ties are drawn."""
    path.moveTo(x1, y1)
    line_short_way(path, x1, y1, x2, y2)


def ghost_path(entry: HistoryEntry, at: dict[str, QPointF]) -> QPainterPath:
    """One path holding every actual tie of `entry` between states on the map, from the
    discs' scene positions `at` (id -> point), so it follows however the map projects."""
    path = QPainterPath()
    for tie in entry.ties:
        if tie.a in at and tie.b in at:
            a, b = at[tie.a], at[tie.b]
            add_line(path, a.x(), a.y(), b.x(), b.y())
    return path


class HistoryOverlay(QObject):
    """The ghost lines and their caption; `action` (checkable) turns them on and off and is
    enabled only when the open scenario has a history."""

    def __init__(self, map_view, controller, action: QAction) -> None:
        super().__init__(map_view)
        self.map, self.controller, self.action = map_view, controller, action
        self.item = QGraphicsPathItem()
        self.item.setPen(ghost_pen())
        self.item.setZValue(Z_HISTORY)
        self.item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.item.setVisible(False)
        map_view.scene().addItem(self.item)
        self.caption = QLabel(map_view)
        self.caption.setObjectName("historyCaption")
        self.caption.setStyleSheet(
            f"QLabel {{ background: rgba(255, 255, 255, 230); color: {GHOST_COLOR.name()};"
            " border: 2px dashed " + GHOST_COLOR.name() + "; padding: 3px 8px; }")
        self.caption.setTextFormat(Qt.TextFormat.RichText)
        self.caption.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.caption.hide()
        self.entry: HistoryEntry | None = None
        map_view.installEventFilter(self)
        action.setCheckable(True)
        action.toggled.connect(self.refresh)
        controller.changed.connect(self.refresh)
        controller.scenarioLoaded.connect(self._on_loaded)
        self._on_loaded()

    def _on_loaded(self) -> None:
        has = bool(self.controller.scenario.history) and self.controller.scenario.start_year is not None
        self.action.setEnabled(has)
        if not has and self.action.isChecked():
            self.action.setChecked(False)  # refresh follows through `toggled`
        self.refresh()

    def refresh(self, *_) -> None:
        record = self.controller.record
        entry = nearest_entry(self.controller.scenario.history, record.year) if self.action.isChecked() else None
        self.entry = entry
        if entry is None:
            self.item.setVisible(False)
            self.caption.hide()
            return
        at = {sid: self.map.state_item(sid).scenePos() for sid in record.world.ids}
        self.item.setPath(ghost_path(entry, at))
        pen = self.item.pen()
        pen.setWidthF(GHOST_WIDTH if len(entry.ties) <= DENSE_TIES else DENSE_WIDTH)
        self.item.setPen(pen)
        self.item.setVisible(True)
        offset = "" if entry.year == record.year else f" (nearest to {record.year})"
        # the application font, which presentation mode enlarges (a style sheet would pin it)
        self.caption.setFont(QApplication.font())
        self.caption.setText(f"<b>- - -  What happened:</b> the actual ties of <b>{entry.year}</b>{offset}")
        self.caption.adjustSize()
        self._place_caption()
        self.caption.show()
        self.caption.raise_()

    def _place_caption(self) -> None:
        margin = 10
        self.caption.move(self.map.width() - self.caption.width() - margin,
                          self.map.height() - self.caption.height() - margin)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.map and event.type() == QEvent.Type.Resize and self.caption.isVisible():
            self._place_caption()
        return False
