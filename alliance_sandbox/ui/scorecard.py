"""The Scorecard dock: the lenses ranked by how well their runs agree with what happened.

For the open scenario (turn 0 with the user's edits) each lens runs SEEDS seeds to each
history year and is scored as `alliance-sandbox score` scores it (docs/scoring.md). Scoring
starts when the dock is shown (or Score again is pressed) and runs one seed of one lens per
event-loop pass, with a progress bar: a whole card takes 0.2 to 2 s on the bundled cases
(benchmarks/bench_score.py), and the window never waits more than one run (at most 0.14 s
measured, 2 busy cores).
A new scenario, or an edit, marks the card out of date.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from alliance_sandbox.engine.scoring import LensScore, score_lens
from alliance_sandbox.lenses import LENS_IDS, LENSES, get_lens
from alliance_sandbox.scenario import build_world
from alliance_sandbox.score import history_dates, no_change

#: Seeds per lens in the app: three keep a full card under a second on the bundled cases.
SEEDS = range(0, 3)
TOGGLE_KEY = "S"


class ScorecardDock(QDockWidget):
    """Hidden at start (`starts_hidden`); the View menu or key S shows it."""

    starts_hidden = True

    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__("Scorecard", parent)
        self.setObjectName("scorecardDock")
        self.controller = controller
        self.results: list[LensScore] = []
        self.baseline: float | None = None  # the no-change model's score
        self._queue: list[tuple[str, int]] = []  # (lens id, seed) runs still to do
        self._job = None  # (scenario, world, dates) being scored
        self._stale = True
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._score_next)

        body = QWidget(self)
        box = QVBoxLayout(body)
        self.heading = QLabel()
        self.heading.setObjectName("scorecardHeading")
        self.heading.setWordWrap(True)
        box.addWidget(self.heading)
        self.table = QTableWidget(0, 0, body)
        self.table.setObjectName("scorecardTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        # compact rows: every lens fits in a dock sharing the column with the charts
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        box.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.progress = QProgressBar(body)
        self.progress.setRange(0, len(LENS_IDS) * len(SEEDS))
        self.progress.setFormat("Scoring the lenses: %p%")
        row.addWidget(self.progress, 1)
        self.again = QPushButton("Score again", body)
        self.again.setToolTip("Score the scenario as it is now (with your edits)")
        self.again.clicked.connect(self.start)
        row.addWidget(self.again)
        box.addLayout(row)
        self.note = QLabel(
            "Score: agreement with history over all pairs of states (tied or not, same bloc or "
            "not), Cohen's kappa, 0 = no better than chance, 1 = what happened. "
            f"Seeds {SEEDS.start}-{SEEDS.stop - 1}; see docs/scoring.md.")
        self.note.setWordWrap(True)
        self.note.setObjectName("scorecardNote")
        box.addWidget(self.note)
        self.setWidget(body)

        toggle = self.toggleViewAction()
        toggle.setShortcut(QKeySequence(TOGGLE_KEY))
        toggle.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        toggle.setToolTip(f"Rank the lenses by agreement with history ({TOGGLE_KEY})")
        # shown from the menu or the key: to the front of its tab group (beside the inspector)
        toggle.triggered.connect(lambda checked: checked and self.raise_())
        self.visibilityChanged.connect(self._on_visibility)
        controller.scenarioLoaded.connect(self._mark_stale)
        controller.undo_stack.indexChanged.connect(self._mark_stale)
        self._show_heading()

    # --- when to score ------------------------------------------------------------------------
    def _mark_stale(self, *_) -> None:
        self._stale = True
        self._queue, self._job = [], None
        if self.isVisible():
            self.start()
        else:
            self._show_heading()

    def _on_visibility(self, visible: bool) -> None:
        if visible:
            self.raise_()  # the front tab when it shares a place with the inspector
        if visible and self._stale and self._job is None:
            self.start()

    def start(self) -> None:
        """Score every lens on the scenario as it is now, one lens per event-loop pass."""
        scenario = self.controller.current_scenario(0)
        self._stale = False
        self.results = []
        if not scenario.history or scenario.start_year is None:
            self._queue, self._job, self.baseline = [], None, None
            self._show_heading()
            self._fill_table()
            return
        world, dates = build_world(scenario), history_dates(scenario)
        self._job = (scenario, world, dates)
        kept = no_change(world, dates)
        self.baseline = sum(c.score for c in kept) / len(kept)
        self._queue = [(lens_id, seed) for lens_id in LENS_IDS for seed in SEEDS]
        self.progress.setValue(0)
        self.progress.show()
        self.again.setEnabled(False)
        self._show_heading()
        self._fill_table()
        self._timer.start()

    def _score_next(self) -> None:
        if not self._queue or self._job is None:
            return
        scenario, world, dates = self._job
        lens_id, seed = self._queue.pop(0)
        run = score_lens(world, get_lens(lens_id), dates, [seed], shocks=scenario.shocks)
        done = self.results[-1] if self.results and self.results[-1].lens == lens_id else None
        if done is None:
            self.results.append(run)
        else:
            for year, comparisons in run.comparisons.items():
                done.comparisons[year].extend(comparisons)
        self.progress.setValue(self.progress.value() + 1)
        if not self._queue or self._queue[0][0] != lens_id:  # a lens complete: show it
            self._fill_table()
        if self._queue:
            self._timer.start()
        else:
            self._job = None
            self.progress.hide()
            self.again.setEnabled(True)
            self._show_heading()

    # --- what it shows ------------------------------------------------------------------------
    def _show_heading(self) -> None:
        scenario = self.controller.scenario
        if not scenario.history:
            self.heading.setText(f"<b>{scenario.name}</b> has no history to score against: a "
                                 "scenario file's <code>history</code> lists what actually happened.")
            self.progress.hide()
            self.again.setEnabled(False)
            return
        years = ", ".join(str(e.year) for e in scenario.history)
        state = " (scoring…)" if self._queue else ""
        base = ("" if self.baseline is None else
                f"<br>No change (the turn-0 ties kept) scores <b>{self.baseline:.2f}</b>: a lens below "
                "it predicts change that did not happen, or misses what did.")
        self.heading.setText(f"<b>{scenario.name}</b>: which lens comes closest to what happened in "
                             f"{years}{state}{base}")
        if not self._queue:
            self.again.setEnabled(True)

    def ranked(self) -> list[LensScore]:
        return sorted(self.results, key=lambda s: -s.score)

    def _fill_table(self) -> None:
        years = sorted(self.results[0].comparisons) if self.results else []
        headers = ["#", "Lens", "Score"] + [str(y) for y in years]
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        ranked = self.ranked()
        self.table.setRowCount(len(ranked))
        for row, result in enumerate(ranked):
            cells = [str(row + 1), LENSES[result.lens].name, f"{result.score:.2f}"]
            cells += [f"{result.year_score(y):.2f}" for y in years]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col != 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setData(Qt.ItemDataRole.UserRole, result.lens)
                self.table.setItem(row, col, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if len(headers) > 1:
            header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
