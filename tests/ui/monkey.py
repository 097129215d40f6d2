"""A seeded GUI monkey: random but reproducible real input to the main window.

Each action is a real event (pytest-qt / QTest): keys to the window, clicks, right-clicks,
drags and wheel turns on the map's viewport, clicks and keys on the widgets of the docks
(the inspector's sliders, spin boxes and combo boxes, the timeline, the log's filter, the
charts' buttons) and the menus' actions. Modal dialogs and popup menus it opens are answered
by `MonkeyAnswerer` (a timer inside their event loop): message boxes get their Escape button,
file dialogs are cancelled, a popup menu has one of its actions triggered or is closed.

Used by tests/ui/test_monkey.py; `Monkey.log` keeps every action, so a failure names the
seed and the steps that led to it.
"""
from __future__ import annotations

import random

import shiboken6
from modal_answerer import ModalAnswerer
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGraphicsView,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QWidget,
)

K = Qt.Key
MOD = Qt.KeyboardModifier
CTRL, SHIFT, NONE = MOD.ControlModifier, MOD.ShiftModifier, MOD.NoModifier
#: Window keys (Ctrl+Q is left out: a monkey that quits tests nothing more).
WINDOW_KEYS = [(K.Key_Space, NONE), (K.Key_Right, NONE), (K.Key_Left, NONE), (K.Key_Backspace, NONE),
               (K.Key_PageUp, NONE), (K.Key_PageDown, NONE), (K.Key_Home, NONE), (K.Key_End, NONE),
               (K.Key_P, NONE), (K.Key_F, NONE), (K.Key_Escape, NONE), (K.Key_F11, NONE),
               (K.Key_Z, CTRL), (K.Key_Z, CTRL | SHIFT), (K.Key_Y, CTRL), (K.Key_R, CTRL), (K.Key_F1, NONE),
               (K.Key_S, CTRL), (K.Key_O, CTRL), (K.Key_N, CTRL)]
WINDOW_KEYS += [(getattr(K, f"Key_{n}"), NONE) for n in range(1, 9)]  # the lenses
WIDGET_KEYS = [K.Key_Up, K.Key_Down, K.Key_PageUp, K.Key_PageDown, K.Key_Home, K.Key_End, K.Key_Return,
               K.Key_Tab, K.Key_Delete, K.Key_0, K.Key_5, K.Key_Period, K.Key_Minus, K.Key_A, K.Key_Escape]
#: Widgets a user clicks or types into; QPlainTextEdit is the log (a click highlights states),
#: QGraphicsView the charts (hover values, clicks) and the map.
INTERACTIVE = (QAbstractButton, QAbstractSlider, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QGraphicsView)
#: Menu actions left out: Quit closes the window under test.
SKIPPED_ACTIONS = {"quit"}


class MonkeyAnswerer(ModalAnswerer):
    """Also closes popups (combo lists, context menus), sometimes choosing an item."""

    def __init__(self, rng: random.Random) -> None:
        super().__init__()
        self.rng = rng

    def _answer(self) -> None:
        popup = QApplication.activePopupWidget()
        if popup is not None:
            if isinstance(popup, QMenu):
                actions = [a for a in popup.actions() if a.isEnabled() and not a.isSeparator() and a.menu() is None]
                popup.close()
                if actions and self.rng.random() < 0.6:
                    self.rng.choice(actions).trigger()
            else:
                popup.close()
            return
        super()._answer()


class Monkey:
    def __init__(self, qtbot, window, seed: int) -> None:
        self.qtbot, self.window = qtbot, window
        self.rng = random.Random(seed)
        self.seed = seed
        self.log: list[str] = []

    # --- what there is to act on -----------------------------------------------------------
    def _widgets(self) -> list[QWidget]:
        found = []
        for widget in self.window.findChildren(QWidget):
            if isinstance(widget, INTERACTIVE) and widget.isVisible() and widget.isEnabled() \
                    and widget.window() is self.window and not widget.objectName().startswith("qt_dockwidget"):
                found.append(widget)
        return found

    def _actions(self):
        return [(key, action) for key, action in self.window.acts.items()
                if key not in SKIPPED_ACTIONS and action.isEnabled()]

    def _map_point(self) -> QPoint:
        vp = self.window.map.viewport()
        return QPoint(self.rng.randrange(max(1, vp.width())), self.rng.randrange(max(1, vp.height())))

    def _state_point(self) -> QPoint | None:
        view = self.window.map
        ids = self.window.controller.history[-1].world.ids
        item = view.state_item(self.rng.choice(ids)) if ids else None
        return view.mapFromScene(item.scenePos()) if item is not None else None

    # --- actions ---------------------------------------------------------------------------
    def key(self) -> None:
        key, mods = self.rng.choice(WINDOW_KEYS)
        self.log.append(f"key {key.name} {mods}")
        self.qtbot.keyClick(self.window, key, mods)

    def steps(self) -> None:
        key = self.rng.choice([K.Key_Space, K.Key_Right, K.Key_PageDown])
        count = self.rng.randint(1, 4)
        self.log.append(f"step {key.name} x{count}")
        for _ in range(count):
            self.qtbot.keyClick(self.window, key)

    def click_map(self) -> None:
        vp, pos = self.window.map.viewport(), self._state_point() if self.rng.random() < 0.6 else self._map_point()
        pos = pos or self._map_point()
        button = Qt.MouseButton.RightButton if self.rng.random() < 0.3 else Qt.MouseButton.LeftButton
        self.log.append(f"click map {button.name} {pos.toTuple()}")
        self.qtbot.mouseClick(vp, button, pos=pos)

    def drag_map(self) -> None:
        vp = self.window.map.viewport()
        start = (self._state_point() if self.rng.random() < 0.7 else None) or self._map_point()
        end = start + QPoint(self.rng.randint(-300, 300), self.rng.randint(-200, 200))
        self.log.append(f"drag map {start.toTuple()} -> {end.toTuple()}")
        self.qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
        steps = self.rng.randint(1, 6)
        for k in range(1, steps + 1):
            self.qtbot.mouseMove(vp, start + (end - start) * (k / steps))
        self.qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=end)

    def wheel_map(self) -> None:
        vp, pos = self.window.map.viewport(), self._map_point()
        delta = self.rng.choice([-360, -120, -30, 30, 120, 360])
        self.log.append(f"wheel map {delta} at {pos.toTuple()}")
        event = QWheelEvent(QPointF(pos), QPointF(vp.mapToGlobal(pos)), QPoint(0, 0), QPoint(0, delta),
                            Qt.MouseButton.NoButton, NONE, Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(vp, event)

    def widget(self) -> None:
        widgets = self._widgets()
        if not widgets:
            return
        widget = self.rng.choice(widgets)
        name = f"{type(widget).__name__} {widget.objectName() or widget.toolTip()[:30]!r}"
        if isinstance(widget, (QPlainTextEdit, QGraphicsView)):
            widget = widget.viewport()  # where their mouse events go
        if self.rng.random() < 0.5:
            rect = widget.rect()
            pos = QPoint(self.rng.randrange(max(1, rect.width())), self.rng.randrange(max(1, rect.height())))
            self.log.append(f"hover and click {name} at {pos.toTuple()}")
            self.qtbot.mouseMove(widget, pos)
            if shiboken6.isValid(widget):  # the move may have rebuilt the panel it was on
                self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)
        else:
            key = self.rng.choice(WIDGET_KEYS)
            self.log.append(f"key {key.name} on {name}")
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            if shiboken6.isValid(widget):  # taking the focus commits another box: rows rebuilt
                self.qtbot.keyClick(widget, key)

    def menu_action(self) -> None:
        key, action = self.rng.choice(self._actions())
        self.log.append(f"menu {key}")
        action.trigger()

    ACTIONS = (("key", 4), ("steps", 2), ("click_map", 2), ("drag_map", 2), ("wheel_map", 1), ("widget", 4),
               ("menu_action", 1))

    def run(self, count: int) -> None:
        names = [name for name, _ in self.ACTIONS]
        weights = [w for _, w in self.ACTIONS]
        with MonkeyAnswerer(self.rng):
            for _ in range(count):
                getattr(self, self.rng.choices(names, weights)[0])()
                QApplication.processEvents()
                history = self.window.controller.history
                if len(history) > 80:  # keep runs short: back to turn 0 now and then
                    self.window.reset()
        self.window.pause()
