"""The Compare view (View > Compare Lenses, key C): one world, one seed, two or four theories.

The lecture's closing question (why do NATO and the US alliances in Asia endure?) is a
comparison of theories; here the class sees the runs side by side instead of from memory.

Each map is the app's own `MapView`, used as it is, driven by a `Controller` of its own (one
simulation per lens, all from the same starting scenario and seed). One turn bar drives them
all; zoom and pan are linked (what one map shows, the others show); the ties a map has and
no other map has are marked with a halo under the tie (with four maps, "not under every
other lens" would mark nearly everything as soon as one lens has few ties); one chart overlays each lens's
mean abandonment (vermillion) and entrapment (blue) risk, one dash style per lens; under each
map, for a scenario with a history, its run's agreement with the nearest history year.

Keys inside the window: Space / Right step, Backspace / Left back, Home reset, End latest,
P run, F fit, 2 / 4 maps, C or Esc close. The main window's keys do not reach its run from here
(`event` takes the keys before the application-wide shortcuts see them).
"""
from __future__ import annotations

import dataclasses
import html

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QPainterPath, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QGraphicsPathItem,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSplitter,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from alliance_sandbox.compare import MAX_LENSES, compare_records
from alliance_sandbox.engine.scoring import compare as score_against
from alliance_sandbox.lenses import LENS_IDS, LENSES
from alliance_sandbox.scenario import Scenario
from alliance_sandbox.score import history_dates

from .compare_chart import DASH_NAMES, CompareChart
from .controller import Controller
from .map_view import MapView
from .toolbars import TurnBar

#: Lenses offered first as the other side of a comparison (C9-C12 set realism against
#: institutions and identity).
PREFERRED = ("threat", "institutions", "power", "identity", "interest", "security_dilemma",
             "autonomy_security", "landscape")
#: The halo under a tie that not every compared lens has.
DIFF_COLOR = "#FFB000"
DIFF_WIDTH_PX = 8
Z_DIFF = -50.0  # above the backdrop (-100), under the ties (0)
RUN_INTERVAL_MS = 500


def default_lenses(current: str, count: int) -> list[str]:
    """`current` first, then the preferred contrasts, `count` in all."""
    ids = [current] if current in LENSES else []
    ids += [lens_id for lens_id in PREFERRED + LENS_IDS if lens_id not in ids]
    return ids[:count]


class ComparePane(QWidget):
    """One lens: a caption with its lens picker, and its map."""

    lensChosen = Signal(str)

    def __init__(self, index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = index
        self.controller: Controller | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(2, 2, 2, 2)
        column.setSpacing(2)
        row = QHBoxLayout()
        self.dash = QLabel()
        self.dash.setToolTip("This lens's line style in the chart below")
        row.addWidget(self.dash)
        self.lens_box = QComboBox()
        self.lens_box.setObjectName(f"compareLens{index}")
        for lens_id in LENS_IDS:
            self.lens_box.addItem(LENSES[lens_id].name, lens_id)
        self.lens_box.activated.connect(lambda i: self.lensChosen.emit(self.lens_box.itemData(i)))
        row.addWidget(self.lens_box)
        self.caption = QLabel()
        self.caption.setObjectName(f"compareCaption{index}")
        row.addWidget(self.caption, 1)
        column.addLayout(row)
        self.claim = QLabel()
        self.claim.setWordWrap(True)
        self.claim.setStyleSheet("color: #444;")
        column.addWidget(self.claim)
        self.map = MapView(self)
        column.addWidget(self.map, 1)
        self.history_line = QLabel()  # under the map: this lens's run against what happened
        self.history_line.setObjectName(f"compareHistory{index}")
        self.history_line.setToolTip("Agreement of this map's ties and blocs with the historical ties of "
                                     "the history year nearest the turn (docs/scoring.md); 1 = the same")
        column.addWidget(self.history_line)
        self.halo = QGraphicsPathItem()
        pen = QPen(QColor(DIFF_COLOR), DIFF_WIDTH_PX)
        pen.setCosmetic(True)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        self.halo.setPen(pen)
        self.halo.setZValue(Z_DIFF)
        self.halo.setOpacity(0.6)  # a mark under the tie, never louder than the ties themselves
        self.halo.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.map.scene().addItem(self.halo)
        self.marked: list[list[str]] = []  # the pairs marked now (sorted ids)
        self.history_score: float | None = None

    @property
    def lens_id(self) -> str:
        return self.controller.record.lens.id

    def show_record(self, marked: list[list[str]], others: int, history=()) -> None:
        c = self.controller
        record = c.record
        lens = record.lens
        self.map.set_world(record.world, {"abandonment": record.risks.abandonment,
                                          "entrapment": record.risks.entrapment})
        self.lens_box.setCurrentIndex(self.lens_box.findData(lens.id))
        w = record.world
        path = QPainterPath()
        for a, b in marked:  # from disc to disc, where the map put them
            path.moveTo(self.map.state_item(a).scenePos())
            path.lineTo(self.map.state_item(b).scenePos())
        self.halo.setPath(path)
        self.marked = marked
        ties = len(w.tie_list())
        than = "the other lens" if others == 1 else "any other lens"
        self.caption.setText(f"{ties} ties · <span style='background:{DIFF_COLOR}'>&nbsp;{len(marked)}"
                             f"&nbsp;</span> not under {than}")
        self.claim.setText(f"{html.escape(lens.claim)} <i>({html.escape(lens.citation.split(',')[0])})</i>")
        self.dash.setText(f"<b>{DASH_NAMES[self.index]}</b>")
        self._show_history(record, history)

    def _show_history(self, record, history) -> None:
        """The scorecard line: this run's agreement with the nearest history year, if any."""
        self.history_line.setVisible(bool(history) and record.year is not None)
        if not history or record.year is None:
            return
        nearest = min(history, key=lambda d: (abs(d.year - record.year), d.year))
        score = score_against(record.world, nearest.year, nearest.ties)
        self.history_score = score.score
        self.history_line.setText(f"Against history ({nearest.year}): agreement {score.score:.2f} "
                                  f"(ties {score.ties.kappa:+.2f}, blocs {score.blocs.kappa:+.2f} kappa)")


class CompareWindow(QMainWindow):
    """Public: `panes` (ComparePane: `.map`, `.controller`, `.marked`), `chart`, `turn_bar`,
    `step()`, `back()`, `reset()`, `view(turn)`, `set_count(n)`, `set_lens(k, lens_id)`,
    `lens_ids()`, `comparison` (alliance_sandbox.compare.Comparison of the turn on view)."""

    def __init__(self, scenario: Scenario, lens_ids: list[str], turns: int = 0,
                 parent: QWidget | None = None, presentation: bool = False) -> None:
        super().__init__(parent)
        self.presentation = presentation  # the projector look on every map
        self.setWindowFlag(Qt.WindowType.Window)
        self.setObjectName("compareWindow")
        self.setWindowTitle(f"Compare lenses — {scenario.name}")
        self.scenario = scenario
        self.history = history_dates(scenario)  # what actually happened, when the file says
        self.panes: list[ComparePane] = []
        self.comparison = None
        self._syncing = False
        self.timer = QTimer(self, interval=RUN_INTERVAL_MS)
        self.timer.timeout.connect(self.step)

        self.acts = self._make_actions()
        self.turn_bar = TurnBar(self.acts, self)
        for action in self.turn_bar.actions():  # one speed for all: the run key's
            if self.turn_bar.widgetForAction(action) in (self.turn_bar.speed_caption, self.turn_bar.speed):
                action.setVisible(False)
        self.turn_bar.scrubbed.connect(self.view)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.turn_bar)
        self.turn_bar.addSeparator()
        self.count_buttons = {}
        for n in (2, 4):
            button = QToolButton()
            button.setText(f"{n} maps")
            button.setCheckable(True)
            button.setToolTip(f"Compare {n} lenses (key {n})")
            button.clicked.connect(lambda _=False, k=n: self.set_count(k))
            self.turn_bar.addWidget(button)
            self.count_buttons[n] = button

        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(4)
        self.chart = CompareChart()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.grid_host)
        splitter.addWidget(self.chart)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self.setCentralWidget(splitter)
        self.splitter = splitter
        note = QLabel("Same world, same seed, one lens per map. Highlighted: ties no other lens "
                      "has. Chart: vermillion abandonment, blue entrapment; dash style = lens.")
        self.statusBar().addWidget(note, 1)
        self.resize(1280, 860)
        self._sized = False
        self._build_panes(list(lens_ids), turns)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._sized:  # the maps about three quarters of the height, the chart the rest
            self._sized = True
            h = self.splitter.height() or self.height()
            self.splitter.setSizes([int(h * 0.74), int(h * 0.26)])

    # --- building --------------------------------------------------------------------------
    def _make_actions(self) -> dict[str, QAction]:
        sp = QStyle.StandardPixmap
        acts = {}
        for key, text, icon, slot, tip in (
                ("step", "&Step", sp.SP_MediaSkipForward, self.step, "One turn under every lens (Space)"),
                ("run", "&Run", sp.SP_MediaPlay, self.toggle_run, "Run or pause (P)"),
                ("back", "&Back", sp.SP_MediaSeekBackward, self.back, "Undo the last turn (Backspace)"),
                ("reset", "R&eset", sp.SP_MediaSkipBackward, self.reset, "Back to turn 0 (Home)")):
            action = QAction(self.style().standardIcon(icon), text, self)
            action.setToolTip(tip)
            action.triggered.connect(slot)
            acts[key] = action
        return acts

    def _build_panes(self, lens_ids: list[str], turns: int) -> None:
        for pane in self.panes:
            self.grid.removeWidget(pane)
            pane.deleteLater()
        self.panes = []
        columns = 2
        for k, lens_id in enumerate(lens_ids[:MAX_LENSES]):
            pane = ComparePane(k, self.grid_host)
            pane.controller = self._controller(lens_id, turns)
            pane.lensChosen.connect(lambda lid, p=pane: self.set_lens(p.index, lid))
            pane.map.set_legend_visible(k == 0)
            pane.map.set_presentation(self.presentation)
            self.grid.addWidget(pane, k // columns, k % columns)
            self._link(pane.map)
            self.panes.append(pane)
        for n, button in self.count_buttons.items():
            button.setChecked(n == len(self.panes))
        self.chart.set_lenses(self.lens_ids())
        self._refresh()
        for pane in self.panes:
            pane.map.fit_all()
        QTimer.singleShot(0, self, self.fit_all)

    def _controller(self, lens_id: str, turns: int) -> Controller:
        controller = Controller(dataclasses.replace(self.scenario, lens=lens_id), self)
        if turns:
            controller.step(turns)
        return controller

    # --- what it shows ----------------------------------------------------------------------
    def lens_ids(self) -> list[str]:
        return [pane.controller.history[0].lens.id for pane in self.panes]

    def _refresh(self) -> None:
        records = [pane.controller.record for pane in self.panes]
        self.comparison = compare_records([r.lens.id for r in records], records)
        for pane, record in zip(self.panes, records):
            pane.show_record(self.comparison.only[record.lens.id], len(self.panes) - 1, self.history)
        first = self.panes[0].controller
        last = first.latest_turn
        self.turn_bar.show_turn(first.record.turn, first.record.year, first.view_turn, last)
        self.acts["back"].setEnabled(first.view_turn > 0)
        self.acts["reset"].setEnabled(last > 0)
        self.chart.show_histories([pane.controller.history for pane in self.panes], first.view_turn)

    # --- the one turn control -------------------------------------------------------------
    def step(self) -> None:
        for pane in self.panes:
            pane.controller.step()
        self._refresh()

    def back(self) -> None:
        self.pause()
        for pane in self.panes:
            pane.controller.back()
        self._refresh()

    def reset(self) -> None:
        self.pause()
        for pane in self.panes:
            pane.controller.reset()
        self._refresh()

    def view(self, turn: int) -> None:
        self.pause()
        for pane in self.panes:
            pane.controller.view(turn)
        self._refresh()

    def toggle_run(self) -> None:
        if self.timer.isActive():
            self.pause()
        else:
            self.timer.start()
            self.acts["run"].setText("Pause")

    def pause(self) -> None:
        self.timer.stop()
        self.acts["run"].setText("&Run")

    def set_count(self, count: int) -> None:
        """Two or four maps; the lenses shown so far stay, new maps get the next contrasts."""
        current = self.lens_ids()
        if count == len(current):
            self.count_buttons[count].setChecked(True)
            return
        ids = current[:count] if count < len(current) else (
            current + [lid for lid in default_lenses(current[0], MAX_LENSES) if lid not in current])[:count]
        first = self.panes[0].controller
        turns, view = first.latest_turn, first.view_turn
        self._build_panes(ids, turns)
        if view != turns:
            self.view(view)

    def set_lens(self, index: int, lens_id: str) -> None:
        """Put another lens on one map: its run is redone from turn 0 to the same turn."""
        pane = self.panes[index]
        if lens_id == self.lens_ids()[index]:
            return
        first = self.panes[0].controller
        turns, view = first.latest_turn, first.view_turn
        old = pane.controller
        pane.controller = self._controller(lens_id, turns)
        pane.controller.view(view)
        old.deleteLater()
        self.chart.set_lenses(self.lens_ids())
        self._refresh()

    # --- linked zoom and pan ------------------------------------------------------------------
    def _link(self, view: MapView) -> None:
        view.horizontalScrollBar().valueChanged.connect(lambda _v, v=view: self._sync_from(v))
        view.verticalScrollBar().valueChanged.connect(lambda _v, v=view: self._sync_from(v))
        view.viewport().installEventFilter(self)
        view.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress and self._handle_key(event):
            return True  # the turn keys, before the map uses them to pan
        if kind in (QEvent.Type.Wheel, QEvent.Type.KeyPress, QEvent.Type.Resize):
            for pane in self.panes:
                if obj in (pane.map, pane.map.viewport()):
                    QTimer.singleShot(0, self, lambda v=pane.map: self._sync_from(v))
        return False

    def _sync_from(self, source: MapView) -> None:
        """Every other map shows what `source` shows: the same scale, the same centre."""
        if self._syncing:
            return
        self._syncing = True
        try:
            centre = source.mapToScene(source.viewport().rect().center())
            for pane in self.panes:
                view = pane.map
                if view is source:
                    continue
                if view.transform() != source.transform():
                    view.setTransform(source.transform())
                view.centerOn(centre)
        finally:
            self._syncing = False

    def fit_all(self) -> None:
        if self.panes:
            self.panes[0].map.fit_all()
            self._sync_from(self.panes[0].map)

    # --- keys: this window's, never the main window's ------------------------------------------
    KEYS_WITH_CTRL = frozenset({Qt.Key.Key_R})

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            ctrl_r = mods == Qt.KeyboardModifier.ControlModifier and event.key() in self.KEYS_WITH_CTRL
            if not mods & ~Qt.KeyboardModifier.ShiftModifier or ctrl_r:
                event.accept()  # comes back as a key press: the app-wide shortcuts stay out
                return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        if not self._handle_key(event):
            super().keyPressEvent(event)

    def _handle_key(self, event) -> bool:
        """Do what a key means here; False for keys this window leaves to the focused widget."""
        key, mods = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        k = Qt.Key
        if key in (k.Key_Space, k.Key_Right, k.Key_PageDown):
            self.step()
        elif key in (k.Key_Backspace, k.Key_Left, k.Key_PageUp):
            self.back()
        elif key == k.Key_Home or (key == k.Key_R and mods == Qt.KeyboardModifier.ControlModifier):
            self.reset()
        elif key == k.Key_End:
            self.view(self.panes[0].controller.latest_turn)
        elif key == k.Key_P:
            self.toggle_run()
        elif key == k.Key_F and not mods:
            self.fit_all()
        elif key in (k.Key_2, k.Key_4):
            self.set_count(2 if key == k.Key_2 else 4)
        elif key in (k.Key_C, k.Key_Escape):
            self.close()
        else:
            return False
        event.accept()
        return True

    def closeEvent(self, event) -> None:
        self.pause()
        super().closeEvent(event)


def open_compare(window, lens_ids: list[str] | None = None) -> CompareWindow:
    """The Compare view of a main window: its scenario at turn 0 (with its edits, as Save would
    write it), run to the turn on view under each lens; one per main window, raised if open."""
    existing = getattr(window, "compare_window", None)
    if existing is not None and existing.isVisible() and lens_ids is None:
        existing.raise_()
        existing.activateWindow()
        return existing
    c = window.controller
    active = c.active_lens
    compare = CompareWindow(c.current_scenario(0), lens_ids or default_lenses(active.id, 2),
                            turns=c.view_turn, parent=window, presentation=window.is_presenting())
    if existing is not None:
        existing.close()
        existing.deleteLater()
    window.compare_window = compare
    compare.resize(window.size())
    if compare.presentation:
        compare.showFullScreen()
    else:
        compare.show()
    compare.activateWindow()
    return compare
