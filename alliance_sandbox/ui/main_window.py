"""The main window: the map in the centre, the docks around it, the bars, menus and keys.

No simulation logic here: every command calls the controller, and every view redraws from
the controller's signals. Keys are QActions with the application shortcut context, so Space
steps whatever widget has the focus (text fields and spin boxes keep their keys: Qt asks
the focus widget first, through ShortcutOverride).
"""
from __future__ import annotations

import html

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSlider,
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from alliance_sandbox.engine.polarity import polarity
from alliance_sandbox.lenses import LENS_IDS, LENSES
from alliance_sandbox.scenario import Scenario
from alliance_sandbox.sweep.ensemble import SEEDS

from . import layout
from .about import credits_html, version_html
from .autosave import Autosave
from .bindings import BarsBinding, MapBinding
from .branches_dock import branch_here, open_branches
from .caption_band import CaptionBand
from .charts import ChartsDock
from .compare_view import open_compare
from .controller import Controller
from .desktop import app_icon
from .ensemble_view import EnsembleView
from .export_menu import ExportMenu
from .file_actions import FileActions, app_settings, json_path_from_mime
from .help_browser import help_actions
from .history_overlay import HistoryOverlay
from .info_dock import InfoDock
from .inspector import InspectorDock
from .log_dock import LogDock
from .map_view import MapView
from .predict_dock import open_predict
from .scorecard import ScorecardDock
from .style import AppLook
from .toolbars import LENS_KEYS, LensBar, PastBanner, TurnBar

APP_TITLE = "Alliance Sandbox"
HINTS = f"Space: step · P: run · ←: back · {LENS_KEYS}: lens · F11: present"
PRESENTING_HINTS = f"Space: step · P: run · ←: back · {LENS_KEYS}: lens · L: log · I: inspector · Esc: leave"

#: (key, class, object name, area) of the docks built with the window; each takes the controller.
DOCKS = (
    ("inspector", InspectorDock, "inspectorDock", Qt.DockWidgetArea.RightDockWidgetArea),
    ("charts", ChartsDock, "chartsDock", Qt.DockWidgetArea.BottomDockWidgetArea),
    ("log_dock", LogDock, "logDock", Qt.DockWidgetArea.BottomDockWidgetArea),
    ("info_dock", InfoDock, "infoDock", Qt.DockWidgetArea.RightDockWidgetArea),
    ("scorecard", ScorecardDock, "scorecardDock", Qt.DockWidgetArea.RightDockWidgetArea),
)


class NavigationKeyGuard(QObject):
    """Lets a focused slider or table keep its arrow keys.

    Left/Right, Home and PgUp/PgDown are also the window's Back/Step/Reset keys, and an
    application shortcut normally wins over the focus widget. Qt first asks the focus widget
    (a ShortcutOverride event); this filter, put on sliders and tables when they get the focus,
    says "mine" for their navigation keys. Text fields and spin boxes already do that themselves.
    """

    KEYS = frozenset({Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down,
                      Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_Home, Qt.Key.Key_End})
    WIDGETS = (QAbstractSlider, QAbstractItemView)

    def watch(self, _old, widget) -> None:
        if isinstance(widget, self.WIDGETS) and not widget.property("_navigationGuarded"):
            widget.setProperty("_navigationGuarded", True)
            widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and event.key() in self.KEYS
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            event.accept()
            return True
        return False


class MainWindow(QMainWindow):
    """One open scenario: `controller` holds it, the map and the docks show it."""

    def __init__(self, scenario: Scenario, *, persist: bool = True, look: AppLook | None = None) -> None:
        super().__init__()
        self.persist = persist  # False for screenshots: never overwrite the user's layout
        self.look = look or AppLook(QApplication.instance())
        self.controller = Controller(scenario, self)
        self._presenting = False
        self._before_presenting: dict | None = None
        self._sized_docks = False
        self.restored_geometry = False
        self.nav_guard = NavigationKeyGuard(self)
        QApplication.instance().focusChanged.connect(self.nav_guard.watch)
        self.setAcceptDrops(True)
        self.setDockNestingEnabled(True)
        self.setMinimumSize(*layout.MIN_WINDOW)

        self.map = MapView(self)
        self.map_binding = MapBinding(self.map, self.controller)  # the map follows the controller
        self.map.setAcceptDrops(False)  # a dropped file goes to the window (opens it)
        self.map.viewport().setAcceptDrops(False)
        self.lens_bar = LensBar(self)
        central = QWidget(self)
        box = QVBoxLayout(central)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.lens_bar)
        box.addWidget(self.map, 1)
        self.caption = CaptionBand(central)  # presentation: the turn's headlines under the map
        box.addWidget(self.caption)
        self.setCentralWidget(central)
        self.past_banner = PastBanner(self.map)

        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)
        self._make_actions()
        self.turn_bar = TurnBar(self.acts, self)
        self.turn_bar.addAction(self.acts["compare"])
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.turn_bar)
        self.turn_bar.speedChanged.connect(self._set_speed)
        self.turn_bar.scrubbed.connect(self._scrub)
        self.turn_bar.addAction(self.acts["history"])  # after the timeline: it keeps its room
        self.bars_binding = BarsBinding(self.lens_bar, self.turn_bar, self.past_banner, self.controller)
        self.files = FileActions(self, self.controller)
        self.docks: dict[str, QDockWidget] = {}
        self._make_docks()
        self.ensembles = EnsembleView(self.controller, self)
        self._action("ensemble", f"Run {SEEDS} See&ds", ["Ctrl+E"], self.ensembles.run,
                     tip=f"Run this world and lens from {SEEDS} seeds in the background: "
                         "risk bands and tie frequencies")
        self._action("clear_ensemble", "Clear Ensem&ble", [], self.ensembles.clear)
        self._make_menus()
        self._make_status_bar()
        self._connect()
        # after _connect: its lines follow the discs the map has just placed
        self.history_overlay = HistoryOverlay(self.map, self.controller, self.acts["history"])
        self._set_speed(self.turn_bar.speed_tps())
        self._restored_state = persist and self._restore_settings()
        self._on_loaded()
        # the session survives a crash (ui/autosave.py); not for screenshots (persist=False)
        self.autosave = Autosave(self) if persist else None

    # ------------------------------------------------------------------ building
    def _action(self, key: str, text: str, shortcuts=(), slot=None, icon=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        # Application context: the keys work when a floating dock has the focus, too.
        action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        if tip or shortcuts:
            keys = " or ".join(QKeySequence(s).toString(QKeySequence.SequenceFormat.NativeText) for s in shortcuts)
            action.setToolTip(f"{tip or text.replace('&', '')}" + (f" ({keys})" if keys else ""))
        if slot is not None:
            action.triggered.connect(slot)
        self.addAction(action)  # on the window: keys still work when the menu bar is hidden
        self.acts[key] = action
        return action

    def _make_actions(self) -> None:
        self.acts: dict[str, QAction] = {}
        sp = QStyle.StandardPixmap
        a = self._action
        a("step", "&Step", ["Space", "Right", "PgDown"], lambda: self.step(), sp.SP_MediaSkipForward,
          "One turn: every state decides under the active lens")
        a("run", "&Run", ["P"], self.toggle_run, sp.SP_MediaPlay, "Run or pause")
        a("back", "&Back", ["Backspace", "Left", "PgUp"], self.back, sp.SP_MediaSeekBackward,
          "Undo the last turn")
        a("reset", "R&eset", ["Home", "Ctrl+R"], self.reset, sp.SP_MediaSkipBackward, "Back to turn 0")
        a("latest", "&Latest Turn", ["End"], lambda: self._scrub(self.controller.latest_turn),
          tip="Back to the newest turn after looking at earlier ones")
        a("fit", "&Fit Map", ["F"], lambda: self.map.fit_all())
        a("branch", "&Branch Here", ["B"], lambda: branch_here(self),
          tip="Copy the run at the turn on view and continue the copy; the Branches dock lists the runs")
        a("branches", "Show Branc&hes", [], lambda: open_branches(self))
        a("predict", "&Predict, then Reveal…", [], lambda: open_predict(self),
          tip="The class predicts the ties of a later turn on the map; Reveal runs the turns and scores it")
        a("compare", "&Compare Lenses…", ["C"], lambda: open_compare(self), sp.SP_FileDialogDetailedView,
          "Two or four maps of this world and seed, one lens each, side by side")
        a("toggle_log", "Show or Hide the &Log", ["L"], lambda: self.toggle_dock("log_dock"),
          tip="The full log of every decision (also in presentation mode)")
        a("toggle_inspector", "Show or Hide the &Inspector", ["I"],
          lambda: self.toggle_dock("inspector"))
        a("history", "&History", ["H"], tip="Show the actual ties of the history year nearest the turn "
          "on view, as purple dashes")
        a("present", "&Presentation Mode", ["F11"], lambda: self.set_presentation(not self._presenting))
        self.acts["present"].setCheckable(True)
        a("leave_present", "Leave Presentation Mode", ["Esc"], lambda: self.set_presentation(False))
        self.acts["leave_present"].setEnabled(False)
        a("new", "&New", [QKeySequence.StandardKey.New], lambda: self.files.new())
        a("open", "&Open…", ["Ctrl+O"], lambda: self.files.open_dialog())
        a("save", "&Save", ["Ctrl+S"], lambda: self.files.save())
        a("save_as", "Save &As…", ["Ctrl+Shift+S"], lambda: self.files.save_as())
        a("save_turn", "Save Current &Turn As…", [], lambda: self.files.save_turn_as(),
          tip="Save the turn on view as a new starting scenario")
        a("quit", "&Quit", ["Ctrl+Q"], self.close)
        a("about", "&About Alliance Sandbox", [], self.show_about)
        a("keys", "&Keyboard Shortcuts", ["F1"], self.show_shortcuts)
        self.lens_group = QActionGroup(self)
        for number, lens_id in enumerate(LENS_IDS, start=1):
            act = a(f"lens:{lens_id}", LENSES[lens_id].name, [str(number)],
                    lambda _=False, lid=lens_id: self.controller.set_lens(lid))
            act.setCheckable(True)
            self.lens_group.addAction(act)
        stack = self.controller.undo_stack
        for key, make, keys in (("undo", stack.createUndoAction, ["Ctrl+Z"]),
                                ("redo", stack.createRedoAction, ["Ctrl+Shift+Z", "Ctrl+Y"])):
            action = make(self, "&" + key.capitalize())
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            self.addAction(action)
            self.acts[key] = action

    def _make_docks(self) -> None:
        for key, dock_class, name, area in DOCKS:
            dock = dock_class(self.controller)
            if not dock.objectName():
                dock.setObjectName(name)  # saveState needs it
            self.addDockWidget(area, dock)
            if getattr(dock, "starts_hidden", False):
                dock.hide()  # shown from the View menu or its key
            self.docks[key] = dock
            if hasattr(dock, "editingDone"):  # typing ended: Space, P, Backspace work again
                dock.editingDone.connect(lambda: self.map.setFocus(Qt.FocusReason.OtherFocusReason))
        charts, log = self.docks.get("charts"), self.docks.get("log_dock")
        if charts is not None and log is not None:
            self.splitDockWidget(charts, log, Qt.Orientation.Horizontal)
        self._tab_info()

    def _tab_info(self) -> None:
        """The Info dock is a tab behind the inspector, wherever the layout put the inspector."""
        inspector, info = self.docks.get("inspector"), self.docks.get("info_dock")
        if inspector is not None and info is not None:
            self.tabifyDockWidget(inspector, info)
            inspector.raise_()

    def _layout_docks(self, presenting: bool = False, size=None) -> None:
        """Place and size the docks for the window's size (the numbers: ui/layout.py).

        Wide: inspector right, charts and log side by side at the bottom. Compact: one column
        on the right, charts above the inspector and the log (as tabs). Presenting: the charts
        alone, right or bottom by the same rule. Used for the first layout (later ones come
        from the settings) and on entering presentation mode (leaving restores the old one)."""
        w, h = size.toTuple() if size is not None else (self.width(), self.height())
        compact = layout.is_compact(w, h)
        inspector, charts, log = (self.docks.get(k) for k in ("inspector", "charts", "log_dock"))
        right, bottom = Qt.DockWidgetArea.RightDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea
        vertical, horizontal = Qt.Orientation.Vertical, Qt.Orientation.Horizontal
        if presenting:
            if charts is not None:
                self.addDockWidget(right if compact else bottom, charts)
                charts.show()
                if compact:
                    self.resizeDocks([charts], [layout.share(w, layout.PRESENT_SIDE_SHARE,
                                                             layout.PRESENT_SIDE_MIN)], horizontal)
                else:
                    self.resizeDocks([charts], [layout.share(h, layout.PRESENT_BOTTOM_SHARE,
                                                             layout.PRESENT_BOTTOM_MIN)], vertical)
            return
        if compact:
            if charts is not None:
                self.addDockWidget(right, charts)
            if inspector is not None and charts is not None:
                self.splitDockWidget(charts, inspector, vertical)
            if log is not None and inspector is not None:
                self.tabifyDockWidget(inspector, log)
                inspector.raise_()
            elif log is not None and charts is not None:
                self.splitDockWidget(charts, log, vertical)
            docks = [d for d in (charts, inspector or log) if d is not None]
            if docks:
                column = layout.share(w, layout.COLUMN_SHARE, layout.COLUMN_MIN, layout.COLUMN_MAX)
                self.resizeDocks(docks[:1], [column], horizontal)
            if len(docks) == 2:
                self.resizeDocks(docks, [int(part * h) for part in layout.COLUMN_SPLIT], vertical)
            return
        if inspector is not None:
            self.resizeDocks([inspector], [layout.share(w, layout.INSPECTOR_SHARE, layout.INSPECTOR_MIN,
                                                        layout.INSPECTOR_MAX)], horizontal)
        low = [d for d in (charts, log) if d is not None]
        if low:
            self.resizeDocks(low[:1], [layout.share(h, layout.BOTTOM_SHARE, layout.BOTTOM_MIN)], vertical)
        if len(low) == 2:
            self.resizeDocks(low, [int(part * w) for part in layout.BOTTOM_SPLIT], horizontal)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._sized_docks:
            self._sized_docks = True
            if not self._restored_state:
                self._layout_docks()
                self._tab_info()
                if "inspector" in self.docks and "scorecard" in self.docks:  # a tab when shown
                    self.tabifyDockWidget(self.docks["inspector"], self.docks["scorecard"])
            # The map fitted itself to whatever size it had mid-layout: fit again once settled.
            QTimer.singleShot(0, self.map, self.map.fit_all)

    def _make_menus(self) -> None:
        bar = self.menuBar()
        acts = self.acts
        m = bar.addMenu("&File")
        m.addAction(acts["new"])
        m.addAction(acts["open"])
        examples = m.addMenu("Open &Example")
        examples.aboutToShow.connect(lambda: self.files.populate_examples(examples))
        self.files.populate_examples(examples)
        recent = m.addMenu("Open &Recent")
        recent.aboutToShow.connect(lambda: self.files.populate_recent(recent))
        self.files.populate_recent(recent)
        self.menus = {"file": m, "examples": examples, "recent": recent}
        m.addSeparator()
        for key in ("save", "save_as", "save_turn"):
            m.addAction(acts[key])
        m.addSeparator()
        self.export_menu = ExportMenu(self, self.controller)  # File > Export (export_menu.py)
        m.addMenu(self.export_menu.menu)
        m.addSeparator()
        m.addAction(acts["quit"])
        m = bar.addMenu("&Edit")
        m.addAction(acts["undo"])
        m.addAction(acts["redo"])
        m = bar.addMenu("&View")
        m.addAction(acts["fit"])
        m.addAction(acts["compare"])
        m.addAction(acts["history"])
        m.addAction(acts["present"])
        m.addSeparator()
        for dock in self.docks.values():
            m.addAction(dock.toggleViewAction())
        m = bar.addMenu("&Simulation")
        for key in ("step", "run", "back", "reset", "latest"):
            m.addAction(acts[key])
        m.addSeparator()
        m.addAction(acts["predict"])
        m.addAction(acts["branch"])
        m.addAction(acts["branches"])
        m.addAction(acts["ensemble"])
        m.addAction(acts["clear_ensemble"])
        m.addSeparator()
        lenses = m.addMenu("&Lens")
        for lens_id in LENS_IDS:
            lenses.addAction(acts[f"lens:{lens_id}"])
        m = bar.addMenu("&Help")
        for action in help_actions(self):  # our docs inside the app (help_browser.py)
            m.addAction(action)
        m.addSeparator()
        m.addAction(acts["keys"])
        m.addAction(acts["about"])

    def _make_status_bar(self) -> None:
        status = self.statusBar()
        self.hints = QLabel(HINTS)
        self.world_label = QLabel()
        self.world_label.setObjectName("worldSummary")
        status.addWidget(self.hints, 1)
        status.addPermanentWidget(self.world_label)

    def _connect(self) -> None:
        c = self.controller
        c.changed.connect(self._on_changed)
        c.historyChanged.connect(self._show_turn)
        c.scenarioLoaded.connect(self._on_loaded)
        self.caption.clicked.connect(lambda: self.toggle_dock("log_dock")
                                     if not self.docks.get("log_dock", self).isVisible() else None)
        c.undo_stack.cleanChanged.connect(self.update_modified)
        c.undo_stack.indexChanged.connect(self.update_modified)
        c.seedChanged.connect(self.update_modified)  # a new seed is saved with the scenario

    # ------------------------------------------------------------------ showing the model
    def _on_loaded(self) -> None:
        self.pause()
        self.setWindowTitle(f"{APP_TITLE} — {self.controller.scenario.name}[*]")
        self._on_changed()
        self.update_modified()

    def _on_changed(self) -> None:
        c = self.controller
        record = c.record
        # The lens the next step uses: the latest turn's switcher, or the lens of the turn on view.
        self.acts[f"lens:{c.active_lens.id}"].setChecked(True)
        self._show_turn()
        self._show_caption()
        world = record.world
        blocs = sum(1 for b in world.blocs() if len(b) > 1)
        self.world_label.setText(f"{polarity(world.capability).describe()} · "
                                 f"{blocs} bloc{'s' if blocs != 1 else ''}")

    def _show_caption(self) -> None:
        """Presentation: the turn's headlines in the band, and the charts once there is a turn
        to chart (at turn 0 empty plots took a third of the screen)."""
        record = self.controller.record
        self.caption.setVisible(self._presenting)
        if self._presenting:
            self.caption.set_turn(record.turn, record.events, layout.caption_lines(self.height()))
            charts = self.docks.get("charts")
            has_data = self.controller.has_run
            if charts is not None and charts.isVisible() != has_data:
                charts.setVisible(has_data)
                QTimer.singleShot(0, self.map, self.map.fit_all)

    def toggle_dock(self, key: str) -> None:
        """Show or hide a dock (L: the log, I: the inspector), in presentation mode too."""
        dock = self.docks.get(key)
        if dock is None:
            return
        dock.setVisible(not dock.isVisible())
        if dock.isVisible():
            dock.raise_()
        QTimer.singleShot(0, self.map, self.map.fit_all)

    def _show_turn(self) -> None:
        """The clock's actions, enabled where they can do something."""
        c = self.controller
        last = c.latest_turn
        self.acts["latest"].setEnabled(c.view_turn < last)
        self.acts["back"].setEnabled(c.view_turn > 0)
        self.acts["reset"].setEnabled(c.has_run or c.view_turn > 0)

    def update_modified(self, *_) -> None:
        self.setWindowModified(self.files.is_modified())

    # ------------------------------------------------------------------ the clock
    def step(self) -> None:
        self.controller.step()

    def back(self) -> None:
        self.pause()
        self.controller.back()

    def reset(self) -> None:
        self.pause()
        self.controller.reset()

    def is_running(self) -> bool:
        return self.timer.isActive()

    def toggle_run(self) -> None:
        if self.is_running():
            self.pause()
        else:
            self.timer.start()
            run = self.acts["run"]
            run.setText("Pause")
            run.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPause))

    def pause(self) -> None:
        self.timer.stop()
        run = self.acts["run"]
        run.setText("&Run")
        run.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPlay))

    def _tick(self) -> None:
        try:
            self.controller.step()
        except Exception:
            self.pause()  # one report, not one per tick
            raise

    def _set_speed(self, tps: float) -> None:
        self.timer.setInterval(max(1, round(1000 / tps)))

    def _scrub(self, turn: int) -> None:
        self.pause()  # running on would cut the history the user is looking at
        self.controller.view(turn)

    # ------------------------------------------------------------------ presentation
    def is_presenting(self) -> bool:
        return self._presenting

    def set_presentation(self, on: bool, fullscreen: bool = True) -> None:
        """Projector mode: the map and the charts only, big text, full screen. Leaving it
        restores the exact layout from before (window state, geometry, docks)."""
        if on == self._presenting:
            return
        self._presenting = on
        if on:
            self._before_presenting = {
                "state": self.saveState(), "geometry": self.saveGeometry(),
                "window_state": self.windowState(), "menu": self.menuBar().isVisible(),
            }
        self.look.set_presentation(on)
        self.map.set_presentation(on)
        self.lens_bar.set_presentation(on)
        self.turn_bar.set_presentation(on)
        self.past_banner.set_presentation(on)
        for dock in self.docks.values():
            if hasattr(dock, "set_presentation"):
                dock.set_presentation(on)
        self.hints.setText(PRESENTING_HINTS if on else HINTS)
        self.acts["present"].setChecked(on)
        self.acts["leave_present"].setEnabled(on)
        if on:
            for key in ("inspector", "log_dock", "info_dock"):
                if key in self.docks:
                    self.docks[key].hide()
            self.menuBar().hide()
            charts = self.docks.get("charts")
            if charts is not None:  # no title bar: nothing to close or undock by accident
                self._before_presenting["charts_features"] = charts.features()
                charts.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
                charts.setTitleBarWidget(QWidget(charts))
            if fullscreen:
                self.showFullScreen()  # the resize may come later: lay out for the screen
            self._layout_docks(presenting=True, size=self.screen().size() if fullscreen else None)
            self._show_caption()
        else:
            saved = self._before_presenting or {}
            self._before_presenting = None
            self.menuBar().setVisible(saved.get("menu", True))
            charts = self.docks.get("charts")
            if charts is not None and "charts_features" in saved:
                charts.setTitleBarWidget(None)
                charts.setFeatures(saved["charts_features"])
            if self.isFullScreen():
                self.setWindowState(saved.get("window_state", Qt.WindowState.WindowNoState))
            if "geometry" in saved:
                self.restoreGeometry(saved["geometry"])
                self.restoreState(saved["state"])
            self.caption.hide()
        QTimer.singleShot(0, self.map, self.map.fit_all)  # once the new layout has settled

    # ------------------------------------------------------------------ files and settings
    def dragEnterEvent(self, event) -> None:
        if json_path_from_mime(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        path = json_path_from_mime(event.mimeData())
        if not path:
            event.ignore()
            return
        event.acceptProposedAction()
        # Open after the drop returns: the source application is not kept waiting by a dialog.
        QTimer.singleShot(0, self, lambda: self.files.open_path(path))

    def closeEvent(self, event) -> None:
        if not self.files.maybe_save_changes():
            event.ignore()
            return
        self.pause()
        if self.persist:
            self._save_settings()
        if self._presenting:
            self.set_presentation(False)  # the app font and palette are global: give them back
        if self.autosave is not None:
            self.autosave.discard()  # a clean exit: nothing to recover
        event.accept()

    def _save_settings(self) -> None:
        settings = app_settings()
        saved = self._before_presenting if self._presenting else None
        settings.setValue("window/geometry", saved["geometry"] if saved else self.saveGeometry())
        settings.setValue("window/state", saved["state"] if saved else self.saveState())
        settings.setValue("run/speed", self.turn_bar.speed_tps())

    def _restore_settings(self) -> bool:
        """The last session's window and speed; True if a dock layout was restored."""
        settings = app_settings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restored_geometry = self.restoreGeometry(geometry)
        speed = settings.value("run/speed")
        if speed is not None:
            try:
                self.turn_bar.set_speed(float(speed))
            except (TypeError, ValueError):
                pass
        state = settings.value("window/state")
        return isinstance(state, QByteArray) and not state.isEmpty() and self.restoreState(state)

    # ------------------------------------------------------------------ questions to the user
    # Small methods so tests can answer them (monkeypatch) without a dialog blocking.
    def ask_save_changes(self) -> QMessageBox.StandardButton:
        buttons = (QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                   | QMessageBox.StandardButton.Cancel)
        return QMessageBox.question(
            self, "Unsaved changes",
            f"Save the changes to “{self.controller.scenario.name}” first?", buttons,
            QMessageBox.StandardButton.Save)

    def show_error(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)

    def ask_open_path(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self, "Open scenario", self.files.last_folder(),
                                              "Scenarios (*.json);;All files (*)")
        return path or None

    def ask_save_path(self, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, "Save scenario", suggested, "Scenarios (*.json)")
        return path or None

    def show_about(self) -> None:
        box = QMessageBox(QMessageBox.Icon.NoIcon, f"About {APP_TITLE}", self.about_text(),
                          QMessageBox.StandardButton.Ok, self)
        box.setIconPixmap(app_icon().pixmap(64, 64))
        box.setStyleSheet("QLabel#qt_msgbox_label { min-width: 640px; }")  # wide: fits a 768-px-high screen
        box.exec()

    def show_shortcuts(self) -> None:
        rows = "".join(f"<tr><td><b>{html.escape(keys)}</b>&nbsp;&nbsp;</td><td>{html.escape(what)}</td></tr>"
                       for keys, what in self.shortcut_rows())
        QMessageBox.information(self, "Keyboard shortcuts", f"<table>{rows}</table>")

    def about_text(self) -> str:
        rows = "".join(
            f"<li><b>{n}. {html.escape(cls.name)}</b>: {html.escape(cls.claim)}<br>"
            f"<i>{html.escape(cls.citation)}</i></li>"
            for n, cls in enumerate(LENSES.values(), start=1))
        return (f"<h3>{APP_TITLE}</h3>{version_html()}<p>Watch alliance theory at work: states on a map form, "
                "tighten and leave alliances as the lens you choose says they should.</p>"
                f"<p>The {len(LENSES)} lenses (keys {LENS_KEYS}):</p><ul>{rows}</ul>" + credits_html())

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """(keys, command) of every action with keys: read from the actions, so never stale."""
        rows = []
        for action in self.actions():
            keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
            if keys:
                rows.append((" or ".join(keys), action.text().replace("&", "")))
        return rows
