"""Simulation > Predict, then Reveal: the class predicts the ties of a later turn on the map,
then the app runs the turns one by one and scores the prediction (alliance_sandbox/prediction_score.py).

While predicting, two clicks on the map (one state, then another) add a tie the class expects
at the target turn, or take away one it expects to break; the prediction is drawn over the map
(green dashes: expected to form; red: expected to break). Nothing is computed ahead, so
nothing can leak: Reveal runs the turns from the one predicted on, at a pace the class can
follow, and the same seed makes them the turns the model would have run anyway.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QPainterPath, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QGraphicsPathItem,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from alliance_sandbox.prediction_score import Pair, pair, score_ties, tie_pairs

from .side_docks import open_side_dock

REVEAL_MS = 350
FORM_COLOR, BREAK_COLOR = "#009E73", "#C62828"
Z_PREDICTION = 5.0  # over the ties (0), under the discs (10)


def _overlay(scene, color: str, style: Qt.PenStyle) -> QGraphicsPathItem:
    item = QGraphicsPathItem()
    pen = QPen(QColor(color), 5)
    pen.setCosmetic(True)
    pen.setStyle(style)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    item.setPen(pen)
    item.setZValue(Z_PREDICTION)
    item.setOpacity(0.85)
    item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    scene.addItem(item)
    return item


class PredictDock(QDockWidget):
    """Public: `turns_box`, `start_button`, `reveal_button`, `cancel_button`, `changes` (list),
    `result` (QLabel), `predicted` (set of pairs), `score` (TieScore after a reveal), `state`
    ("idle", "predicting", "revealing", "revealed")."""

    def __init__(self, controller, window) -> None:
        super().__init__("Predict", window)
        self.setObjectName("PredictDock")
        # the window: pause; its map: the clicks that predict and the overlay drawn on it
        self.window, self.controller, self.map = window, controller, window.map
        self.state = "idle"
        self.predicted: set[Pair] = set()
        self.now: set[Pair] = set()
        self.start_turn = self.target_turn = 0
        self.first = ""
        self.score = None
        body = QWidget()
        column = QVBoxLayout(body)
        self.questions = QComboBox()  # the scenario's ready questions (its `questions` field)
        self.questions.setObjectName("readyQuestions")
        self.questions.setToolTip("Ready questions from the scenario file; or ask your own")
        self.questions.activated.connect(self.choose_question)
        column.addWidget(self.questions)
        self.question_text = QLabel()
        self.question_text.setWordWrap(True)
        self.question_text.setStyleSheet("font-weight: bold;")
        column.addWidget(self.question_text)
        column.addWidget(QLabel("Which ties will there be in"))
        row = QHBoxLayout()
        self.turns_box = QSpinBox()
        self.turns_box.setRange(1, 100)
        self.turns_box.setValue(5)
        self.turns_box.setSuffix(" turns")
        row.addWidget(self.turns_box)
        row.addStretch(1)
        column.addLayout(row)
        self.start_button = QPushButton("Start predicting")
        self.reveal_button = QPushButton("Reveal")
        self.cancel_button = QPushButton("Cancel")
        for button in (self.start_button, self.reveal_button, self.cancel_button):
            column.addWidget(button)
        self.help = QLabel()
        self.help.setWordWrap(True)
        column.addWidget(self.help)
        self.changes = QListWidget()
        column.addWidget(self.changes, 1)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setObjectName("predictResult")
        column.addWidget(self.result)
        self.setWidget(body)
        self.form_item = _overlay(self.map.scene(), FORM_COLOR, Qt.PenStyle.DashLine)
        self.break_item = _overlay(self.map.scene(), BREAK_COLOR, Qt.PenStyle.SolidLine)
        self.timer = QTimer(self, interval=REVEAL_MS)
        self.timer.timeout.connect(self._reveal_step)
        self.start_button.clicked.connect(self.start)
        self.reveal_button.clicked.connect(self.reveal)
        self.cancel_button.clicked.connect(self.cancel)
        self.map.stateSelected.connect(self._clicked)
        self.controller.scenarioLoaded.connect(self.cancel)
        self.controller.scenarioLoaded.connect(self._list_questions)
        self.controller.changed.connect(self._show)  # the overlay follows the states on the map
        self._list_questions()
        self._show()

    # --- ready questions ----------------------------------------------------------------------
    def _list_questions(self) -> None:
        self.questions.clear()
        self.questions.addItem("Your own question", None)
        for question in self.controller.scenario.questions:
            self.questions.addItem(f"Turn {question.turn}: {question.ask}", question)
        self.questions.setEnabled(self.questions.count() > 1)
        self.question_text.setText("")

    def choose_question(self, index: int) -> None:
        """A ready question: asked from turn 0 about its turn (the prediction starts from there)."""
        question = self.questions.itemData(index)
        if question is None or self.state in ("predicting", "revealing"):
            self.question_text.setText("")
            return
        self.window.pause()
        self.controller.view(0)
        self.turns_box.setValue(question.turn)
        self.question_text.setText(question.ask)

    # --- the three steps ----------------------------------------------------------------------
    def start(self) -> None:
        self.window.pause()
        record = self.controller.record
        self.start_turn = self.controller.view_turn
        self.target_turn = self.start_turn + self.turns_box.value()
        self.now = tie_pairs(record.world)
        self.predicted = set(self.now)
        self.first, self.score = "", None
        self.state = "predicting"
        self._show()

    def reveal(self) -> None:
        if self.state != "predicting":
            return
        self.controller.view(self.start_turn)
        self.state = "revealing"
        self._show()
        self.timer.start()

    def cancel(self) -> None:
        self.timer.stop()
        self.state = "idle"
        self.predicted, self.now, self.score = set(), set(), None
        self._show()

    def _reveal_step(self) -> None:
        if self.controller.view_turn >= self.target_turn:
            self.timer.stop()
            actual = tie_pairs(self.controller.record.world)
            self.score = score_ties(self.now, self.predicted, actual)
            self.state = "revealed"
            self._show()
            return
        self.controller.step()

    # --- the class's clicks -------------------------------------------------------------------
    def _clicked(self, state_id: str) -> None:
        if self.state != "predicting" or not state_id:
            return
        if not self.first or self.first == state_id:
            self.first = state_id
            self.controller.highlight([state_id])
            return
        p = pair(self.first, state_id)
        self.first = ""
        self.controller.highlight([])
        self.predicted.symmetric_difference_update({p})
        self._show()

    # --- showing it -----------------------------------------------------------------------------
    def _name(self, p: Pair) -> str:
        world = self.controller.record.world
        return " – ".join(world.names[world.index[s]] if s in world.index else s for s in p)

    def _show(self) -> None:
        state = self.state
        self.turns_box.setEnabled(state in ("idle", "revealed"))
        self.start_button.setEnabled(state in ("idle", "revealed"))
        self.reveal_button.setEnabled(state == "predicting")
        self.cancel_button.setEnabled(state in ("predicting", "revealed"))
        forms, breaks = sorted(self.predicted - self.now), sorted(self.now - self.predicted)
        self.changes.clear()
        self.changes.addItems([f"+ {self._name(p)}" for p in forms] + [f"− {self._name(p)}" for p in breaks])
        self.help.setText({
            "idle": "Pick how many turns ahead, then Start: the class predicts on the map.",
            "predicting": f"Turn {self.target_turn}: click a state, then another, to add a tie you expect "
                          "(or remove one you expect to break). Today's ties stay unless removed.",
            "revealing": "Revealing, turn by turn…",
            "revealed": f"Turn {self.target_turn}, as the model ran it.",
        }[state])
        if self.score is not None:
            s = self.score
            lines = [s.summary() + "."]
            if s.expected_not_there:
                lines.append("Expected but not there: " + ", ".join(self._name(p) for p in s.expected_not_there))
            if s.missed:
                lines.append("There but not expected: " + ", ".join(self._name(p) for p in s.missed))
            self.result.setText("\n".join(lines))
        else:
            self.result.setText("")
        self._draw(forms, breaks)

    def _draw(self, forms: list[Pair], breaks: list[Pair]) -> None:
        ids = set(self.controller.record.world.ids)
        for item, pairs in ((self.form_item, forms), (self.break_item, breaks)):
            path = QPainterPath()
            for a, b in pairs if self.state != "idle" else ():
                if a in ids and b in ids:  # from disc to disc, where the map put them
                    path.moveTo(self.map.state_item(a).scenePos())
                    path.lineTo(self.map.state_item(b).scenePos())
            item.setPath(path)


def open_predict(window) -> PredictDock:
    """Show the window's Predict dock (made on first use, as a tab by the inspector)."""
    return open_side_dock(window, "predict_dock", PredictDock)
