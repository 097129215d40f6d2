"""The Info dock (NetLogo's Info tab): what the scenario is, its notes and sources, and its seed.

The scenario's texts are shown as *plain text*, whatever they contain: a file from a colleague
or the internet may hold HTML or markdown, and a viewer that rendered it could be made to load
remote images or show misleading links. Headings and bullets are this dock's own formatting,
added around the file's text with a QTextCursor (nothing of the file is parsed).

The seed: shown here and editable. Runs from turn 0 use it (the next Reset, or a step from
turn 0), Save writes it; the turns already run keep theirs (Controller.set_seed).
"""
from __future__ import annotations

from PySide6.QtGui import QFont, QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from alliance_sandbox.lenses import LENSES

MAX_SEED = 2**31 - 1


def _items(value) -> list[str]:
    """A notes or sources field as a list of strings (a file may give one string or a list)."""
    if value is None or value == "":
        return []
    if isinstance(value, (list, tuple)):
        return [v if isinstance(v, str) else str(v) for v in value]
    return [value if isinstance(value, str) else str(value)]


class InfoDock(QDockWidget):
    """Public: `text` (the QTextBrowser), `seed_box` (QSpinBox), `seed_note` (QLabel)."""

    def __init__(self, controller, parent: QWidget | None = None):
        super().__init__("Info", parent)
        self.setObjectName("InfoDock")
        self.controller = controller
        self._run_seed = controller.run_seed
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(6, 4, 6, 4)
        row = QHBoxLayout()
        row.addWidget(QLabel("Seed:"))
        self.seed_box = QSpinBox()
        self.seed_box.setRange(0, MAX_SEED)
        self.seed_box.setAccelerated(True)
        self.seed_box.setToolTip("The random seed of runs from turn 0: the same seed, lens and edits "
                                 "give the same run. Saved with the scenario.")
        self.seed_box.setKeyboardTracking(False)  # one change per number typed, not per digit
        row.addWidget(self.seed_box)
        self.seed_note = QLabel()
        self.seed_note.setWordWrap(True)
        row.addWidget(self.seed_note, 1)
        column.addLayout(row)
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)  # nothing in a scenario's text is a link
        self.text.setUndoRedoEnabled(False)
        column.addWidget(self.text, 1)
        self.setWidget(body)
        self.seed_box.valueChanged.connect(controller.set_seed)
        controller.scenarioLoaded.connect(self._loaded)
        controller.historyChanged.connect(self._history_changed)
        controller.seedChanged.connect(lambda _seed: self._show_seed())
        self._loaded()

    def set_presentation(self, on: bool) -> None:
        font = self.text.font()
        font.setPointSizeF(15 if on else QFont().pointSizeF())
        self.text.setFont(font)

    # --- following the controller ----------------------------------------------------------
    def _loaded(self) -> None:
        self._run_seed = self.controller.run_seed
        self._write()
        self._show_seed()

    def _history_changed(self) -> None:
        if len(self.controller.history) == 1:  # reset or load: the run starts from the seed now
            self._run_seed = self.controller.run_seed
        self._show_seed()

    def _show_seed(self) -> None:
        seed = self.controller.scenario.seed
        editable = seed <= MAX_SEED  # a file may hold up to 2**63 - 1; a spin box stops at 2**31 - 1
        shown = seed if editable else MAX_SEED
        if self.seed_box.value() != shown:
            self.seed_box.blockSignals(True)
            self.seed_box.setValue(shown)
            self.seed_box.blockSignals(False)
        self.seed_box.setEnabled(editable)
        if not editable:
            self.seed_note.setText(f"{seed} (the file's; too large to edit here)")
        elif seed == self._run_seed:
            self.seed_note.setText("this run's seed")
        else:
            self.seed_note.setText(f"from turn 0 on (Reset); this run used {self._run_seed}")

    def _write(self) -> None:
        scenario = self.controller.scenario
        self.text.clear()
        cursor = QTextCursor(self.text.document())
        plain, heading, title = QTextCharFormat(), QTextCharFormat(), QTextCharFormat()
        heading.setFontWeight(QFont.Weight.Bold)
        title.setFontWeight(QFont.Weight.Bold)
        title.setFontPointSize(QFont().pointSizeF() * 1.3)
        spaced = QTextBlockFormat()
        spaced.setTopMargin(8)
        bullet = QTextBlockFormat()
        bullet.setIndent(1)
        bullet.setTextIndent(-10)

        cursor.insertText(scenario.name, title)
        facts = [f"{len(scenario.states)} states", f"{len(scenario.ties)} ties at the start",
                 f"opens under {LENSES[scenario.lens].name if scenario.lens in LENSES else scenario.lens}"]
        if scenario.start_year is not None:
            facts.insert(0, f"from {scenario.start_year}")
        if scenario.shocks:
            facts.append(f"{len(scenario.shocks)} scripted shock{'s' if len(scenario.shocks) != 1 else ''}")
        cursor.insertBlock(QTextBlockFormat())
        cursor.insertText(" · ".join(facts), plain)
        if scenario.description:
            cursor.insertBlock(spaced)
            cursor.insertText(scenario.description, plain)
        for label, key in (("Notes", "notes"), ("Sources", "sources")):
            items = _items(scenario.extra.get(key))
            if not items:
                continue
            cursor.insertBlock(spaced)
            cursor.insertText(label, heading)
            for item in items:
                cursor.insertBlock(bullet)
                cursor.insertText("• " + item, plain)
        if not scenario.description and not _items(scenario.extra.get("notes")):
            cursor.insertBlock(spaced)
            cursor.insertText("This scenario has no description or notes.", plain)
        self.text.moveCursor(QTextCursor.MoveOperation.Start)
