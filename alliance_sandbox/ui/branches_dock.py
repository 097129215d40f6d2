"""Simulation > Branch Here (key B) and the Branches dock: "what if?" runs as a small tree.

"Branch here" copies the run as it stood at the turn on view (alliance_sandbox/branches.py) and
makes the copy the run on screen: edit it (a drag, the inspector, a tie) and step on; the run it
came from stays as it was. The dock lists the runs as a tree (each under the one it came from,
with its turns); one click on a run shows it. File > Save Current Turn As saves the turn on view
of the run on screen as a new scenario (that turn becomes turn 0).
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from alliance_sandbox.branches import Branch

from .side_docks import open_side_dock


class BranchesDock(QDockWidget):
    """Public: `tree` (QTreeWidget), `branch_button`, `branches` (list of Branch, first = the
    first run), `current` (the Branch on screen), `branch_here()`, `switch(branch)`."""

    def __init__(self, controller, window) -> None:
        super().__init__("Branches", window)
        self.setObjectName("BranchesDock")
        self.window, self.controller = window, controller  # the window: pause and the status bar
        body = QWidget()
        column = QVBoxLayout(body)
        self.branch_button = QPushButton("Branch here")
        self.branch_button.setToolTip("Copy the run at the turn on view and continue the copy (B)")
        self.branch_button.clicked.connect(self.branch_here)
        column.addWidget(self.branch_button)
        note = QLabel("Click a run to show it. Save Current Turn As (File menu) saves the turn on view "
                      "of the run shown as a new scenario.")
        note.setWordWrap(True)
        column.addWidget(note)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["run", "turns"])
        self.tree.itemClicked.connect(lambda item, _col: self.switch(item.data(0, Qt.ItemDataRole.UserRole)))
        column.addWidget(self.tree, 1)
        self.setWidget(body)
        self.controller.scenarioLoaded.connect(self._restart)
        self.controller.historyChanged.connect(self._write)
        self._restart()

    def _restart(self) -> None:
        """A newly loaded scenario: one run, no branches."""
        self.branches = [Branch("First run", self.controller.run)]
        self.current = self.branches[0]
        self._write()

    def branch_here(self) -> Branch:
        self.window.pause()
        c = self.controller
        turn = c.view_turn
        branch = Branch(f"Branch {len(self.branches)}", c.fork(turn), self.current, turn)
        self.current.children.append(branch)
        self.branches.append(branch)
        self.switch(branch)
        self.window.statusBar().showMessage(f"{branch.name}: a copy of the run at turn {turn}; "
                                            "edit and step on, the other runs stay as they were", 6000)
        return branch

    def switch(self, branch: Branch) -> None:
        if branch is None or branch is self.current and self.controller.run is branch.sim:
            return
        self.window.pause()
        self.current = branch
        self.controller.use_simulation(branch.sim)
        self._write()

    def _write(self) -> None:
        if self.controller.run is not self.current.sim:  # a load replaced the run: start again
            if not any(b.sim is self.controller.run for b in self.branches):
                self._restart()
                return
        self.tree.clear()
        items = {}
        for branch in self.branches:
            last = len(branch.sim.history) - 1
            since = f"from turn {branch.from_turn}: " if branch.parent is not None else ""
            item = QTreeWidgetItem([branch.name, f"{since}0-{last}"])
            item.setData(0, Qt.ItemDataRole.UserRole, branch)
            if branch is self.current:
                font = item.font(0)
                font.setBold(True)
                item.setFont(0, font)
                item.setFont(1, font)
            parent = items.get(id(branch.parent))
            (parent.addChild(item) if parent is not None else self.tree.addTopLevelItem(item))
            items[id(branch)] = item
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)


def open_branches(window) -> BranchesDock:
    """The window's Branches dock (made on first use, as a tab by the inspector), shown."""
    return open_side_dock(window, "branches_dock", BranchesDock)


def branch_here(window) -> Branch:
    return open_branches(window).branch_here()
