"""The log dock: every turn's events with their explanations, newest at the bottom.

Why a read-only QPlainTextEdit and not a list view: a log of thousands of word-wrapped
entries of different heights is what QPlainTextEdit is built for. Appending a block lays
out only that block, where a QListView with word wrap re-measures every row on each insert.
It also gives selection and copying for free.

Each entry is one text block whose `userState` is its index in `_rows`, so a click maps
back to its event whatever the cap has trimmed at the top. A live run appends only the
new turns; Back, Reset and Load remove the trailing turns (or all). A click that selects
no text is a click on the entry: the controller highlights its states and selects the first.

Run alone on a demo scenario: `python -m alliance_sandbox.ui.log_dock [--presentation]`.
"""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QFont, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

#: Lines shown at most, events and turn headers (about 2,000 events; older ones leave the
#: top: the engine keeps them all, and Back brings them back).
MAX_LINES = 2400

PRESENTATION_SCALE = 1.6
#: Band behind each turn's header line.
HEADER_BACKGROUND = "#E3EAF0"

#: kind -> (tag, badge colour, text colour on the badge, group)
#: Colours: Okabe & Ito (2008) where they fit, Paul Tol's purple for the risks that came true.
KIND_STYLE: dict[str, tuple[str, str, str, str]] = {
    "form": ("FORM", "#009E73", "#FFFFFF", "Ties formed or tightened"),
    "tighten": ("TIGHTEN", "#009E73", "#FFFFFF", "Ties formed or tightened"),
    "switch": ("SWITCH", "#009E73", "#FFFFFF", "Ties formed or tightened"),
    "loosen": ("LOOSEN", "#E69F00", "#000000", "Ties loosened or left"),
    "leave": ("LEAVE", "#E69F00", "#000000", "Ties loosened or left"),
    "crisis": ("CRISIS", "#C62828", "#FFFFFF", "Crises"),
    "honoured": ("HONOURED", "#C62828", "#FFFFFF", "Crises"),
    "coalition": ("COALITION", "#C62828", "#FFFFFF", "Crises"),
    "abandoned": ("ABANDONED", "#AA4499", "#FFFFFF", "Abandonment, entrapment, chain-ganging, buck-passing"),
    "entrapped": ("ENTRAPPED", "#AA4499", "#FFFFFF", "Abandonment, entrapment, chain-ganging, buck-passing"),
    "chain_gang": ("CHAIN-GANG", "#AA4499", "#FFFFFF", "Abandonment, entrapment, chain-ganging, buck-passing"),
    "buck_pass": ("BUCK-PASS", "#AA4499", "#FFFFFF", "Abandonment, entrapment, chain-ganging, buck-passing"),
    "arm": ("ARM", "#0072B2", "#FFFFFF", "Arming"),
    "shock": ("SHOCK", "#000000", "#FFFFFF", "Shocks"),
    "lens": ("LENS", "#757575", "#FFFFFF", "Lens switches"),
}
OTHER_GROUP = "Other"
GROUPS: tuple[str, ...] = tuple(dict.fromkeys(style[3] for style in KIND_STYLE.values())) + (OTHER_GROUP,)


def kind_style(kind: str) -> tuple[str, str, str, str]:
    return KIND_STYLE.get(kind, (kind.upper().replace("_", "-"), "#757575", "#FFFFFF", OTHER_GROUP))


def _char_format(color: str, background: str | None = None, bold: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(color))
    if background:
        fmt.setBackground(QColor(background))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    return fmt


_FORMATS = {
    "header": _char_format("#1A1A1A", bold=True),
    "note": _char_format("#666666"),
    "text": _char_format("#1A1A1A"),
}
_BADGES: dict[str, QTextCharFormat] = {}


def _badge_format(kind: str) -> QTextCharFormat:
    fmt = _BADGES.get(kind)
    if fmt is None:
        _tag, badge, ink, _group = kind_style(kind)
        fmt = _BADGES[kind] = _char_format(ink, badge, bold=True)
    return fmt


def header_text(record) -> str:
    """'Turn 3 · 1916 · Balance of threat'."""
    parts = [f"Turn {record.turn}"]
    if record.year is not None:
        parts.append(str(record.year))
    parts.append(getattr(record.lens, "name", str(record.lens)))
    return " · ".join(parts)


class _LogText(QPlainTextEdit):
    """The text area; a plain click (no text selected) reports the block under the pointer."""

    blockClicked = Signal(int)  # the block's userState (row index), -1 for none

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._press: QPoint | None = None

    def mousePressEvent(self, event) -> None:
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        pos = event.position().toPoint()
        press, self._press = self._press, None
        if event.button() != Qt.MouseButton.LeftButton or press is None:
            return
        if self.textCursor().hasSelection() or (pos - press).manhattanLength() > 4:
            return  # the user is selecting text to copy
        block = self.cursorForPosition(pos).block()
        rect = self.blockBoundingGeometry(block).translated(self.contentOffset())
        self.blockClicked.emit(block.userState() if block.isValid() and rect.contains(pos.toPointF()) else -1)


class LogDock(QDockWidget):
    """Events of every turn, grouped under turn headers, newest at the bottom.

    Public: `set_presentation(on)`, `presentation`, `text` (the QPlainTextEdit), `filter_edit`,
    `kind_button` (menu of event groups), `set_group_visible(group, on)`, `entries()` ((turn,
    kind, explanation) of the events shown, oldest first), `clicked_row`.
    Signals: `entryActivated(list)` (the states of a clicked event).
    """

    entryActivated = Signal(list)

    def __init__(self, controller, parent: QWidget | None = None):
        super().__init__("Log", parent)
        self.setObjectName("LogDock")
        self.controller = controller
        self._presentation = False
        #: (turn, event or None for the turn header), for every turn of the history
        self._rows: list[tuple[int, object]] = []
        #: per turn: the record's events list (identity tells an edit from a new turn) and its first row
        self._turns: list[tuple[object, int]] = []
        self._hidden_groups: set[str] = set()
        self._filter = ""
        self.clicked_row = -1
        self._build()
        controller.historyChanged.connect(self._sync)
        controller.changed.connect(self._changed)
        controller.scenarioLoaded.connect(self._reload)
        self._reload()

    # --- construction ----------------------------------------------------------------------
    def _build(self) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(2, 2, 2, 2)
        bar = QHBoxLayout()
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter: a state, a word…")
        self.filter_edit.setClearButtonEnabled(True)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(200)
        self._filter_timer.timeout.connect(self._apply_filter)
        self.filter_edit.textChanged.connect(lambda _t: self._filter_timer.start())
        self.filter_edit.returnPressed.connect(self._apply_filter)
        self.kind_button = QToolButton()
        self.kind_button.setText("Kinds")
        self.kind_button.setToolTip("Show or hide kinds of events")
        self.kind_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.kind_button)
        self._group_actions: dict[str, QAction] = {}
        for group in GROUPS:
            action = menu.addAction(group)
            action.setCheckable(True)
            action.setChecked(True)
            action.toggled.connect(lambda on, g=group: self.set_group_visible(g, on))
            self._group_actions[group] = action
        self.kind_button.setMenu(menu)
        self.count_label = QLabel()
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.kind_button)
        layout.addLayout(bar)

        self.text = _LogText()
        self.text.setReadOnly(True)
        self.text.setUndoRedoEnabled(False)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.text.setCenterOnScroll(False)
        self.text.document().setMaximumBlockCount(0)  # the cap is ours (see _trim_top)
        self.text.document().setDocumentMargin(6)
        self.text.blockClicked.connect(self._block_clicked)
        self.text.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        self.text.setToolTip("Click an entry to show its states on the map")
        layout.addWidget(self.text, 1)
        layout.addWidget(self.count_label)
        self.setWidget(body)
        self._apply_font()

    # --- public ------------------------------------------------------------------------------
    @property
    def presentation(self) -> bool:
        return self._presentation

    def set_presentation(self, on: bool) -> None:
        self._presentation = bool(on)
        self._apply_font()

    def set_group_visible(self, group: str, on: bool) -> None:
        action = self._group_actions[group]
        if action.isChecked() != on:
            action.setChecked(on)  # comes back here through `toggled`
            return
        (self._hidden_groups.discard if on else self._hidden_groups.add)(group)
        self._rebuild()

    def entries(self) -> list[tuple[int, str, str]]:
        out = []
        block = self.text.document().firstBlock()
        while block.isValid():
            row = block.userState()
            if row >= 0 and self._rows[row][1] is not None:
                turn, event = self._rows[row]
                out.append((turn, event.kind, event.explanation))
            block = block.next()
        return out

    # --- model -> text --------------------------------------------------------------------------
    def _reload(self) -> None:
        self._rows.clear()
        self._turns.clear()
        self.text.clear()
        self._sync()

    def _changed(self) -> None:
        self._sync()

    def _sync(self) -> None:
        history = self.controller.history
        keep = min(len(self._turns), len(history))
        # a turn stays when its record still holds the same events list (an edit re-records
        # the latest turn with the same events; Back and a new run replace it)
        while keep and (history[keep - 1].events is not self._turns[keep - 1][0]
                        or history[keep - 1].turn != keep - 1):
            keep -= 1
        if keep == len(self._turns) == len(history):
            return
        if keep < len(self._turns):
            self._truncate(keep)
        self._append(history[keep:])

    def _truncate(self, turns: int) -> None:
        """Drop every row of turn >= `turns`, from the model and from the text."""
        first_row = self._turns[turns][1]
        del self._turns[turns:]
        del self._rows[first_row:]
        doc = self.text.document()
        block = doc.lastBlock()
        while block.isValid() and block.userState() >= first_row:
            block = block.previous()
        cursor = QTextCursor(doc)
        if not block.isValid():
            self.text.clear()
            return
        state = block.userState()
        cursor.setPosition(block.position() + block.length() - 1)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        # the merged block takes the removed last block's state: give it back its own
        doc.lastBlock().setUserState(state)
        if self.clicked_row >= first_row:
            self._mark_clicked(-1)

    def _append(self, records) -> None:
        new_rows = []
        for record in records:
            self._turns.append((record.events, len(self._rows)))
            self._rows.append((record.turn, None))
            new_rows.append(len(self._rows) - 1)
            for event in record.events:
                self._rows.append((record.turn, event))
                new_rows.append(len(self._rows) - 1)
        self._write(new_rows)

    def _write(self, rows: list[int]) -> None:
        """Append these rows (as far as the filters let them through) at the bottom."""
        rows = self._last_entries(self._visible(rows))
        if not rows:
            self._update_count()
            return
        bar = self.text.verticalScrollBar()
        follow = bar.value() >= bar.maximum() - 4  # keep following only if at the bottom
        doc = self.text.document()
        cursor = QTextCursor(doc)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.beginEditBlock()
        empty = doc.isEmpty()
        plain, header = QTextBlockFormat(), QTextBlockFormat()
        header.setBackground(QColor(HEADER_BACKGROUND))
        for row in rows:
            if empty:
                empty = False
            else:
                cursor.insertBlock()
            cursor.setBlockFormat(header if self._rows[row][1] is None else plain)
            for text, fmt in self._pieces(row):
                cursor.insertText(text, fmt)
            cursor.block().setUserState(row)
        cursor.endEditBlock()
        self._trim_top()
        self._update_count()
        if follow:
            bar.setValue(bar.maximum())

    def _trim_top(self) -> None:
        """Keep at most MAX_LINES lines in the text."""
        doc = self.text.document()
        if doc.blockCount() <= int(MAX_LINES * 1.1):  # trim in batches, not every turn
            return
        extra = doc.blockCount() - MAX_LINES
        first_kept = doc.findBlockByNumber(extra)
        state = first_kept.userState()
        cursor = QTextCursor(doc)  # at the start; select up to the first block kept
        cursor.setPosition(first_kept.position(), QTextCursor.MoveMode.KeepAnchor)  # (moving block by block is slow)
        cursor.removeSelectedText()
        doc.firstBlock().setUserState(state)

    def _visible(self, rows: list[int]) -> list[int]:
        if not self._hidden_groups and not self._filter:
            return rows
        out, header = [], None
        for row in rows:
            turn, event = self._rows[row]
            if event is None:
                header = row
                continue
            if kind_style(event.kind)[3] in self._hidden_groups:
                continue
            if self._filter and self._filter not in self._search_text(event):
                continue
            if header is not None:
                out.append(header)
                header = None
            out.append(row)
        return out

    def _search_text(self, event) -> str:
        world = self.controller.first_world
        names = [world.names[world.index[s]] for s in event.states if s in world.index]
        return " ".join([event.kind, event.explanation, *event.states, *names]).lower()

    def _rebuild(self) -> None:
        """Rewrite the text from the rows (after a filter change): the last MAX_LINES that pass."""
        self._mark_clicked(-1)
        self.text.clear()
        self._write(list(range(len(self._rows))))
        bar = self.text.verticalScrollBar()
        bar.setValue(bar.maximum())

    def _last_entries(self, rows: list[int]) -> list[int]:
        """The last MAX_LINES rows: a long run caught up at once, or a filter change, writes
        no more than the text would keep (with the header of the first turn, if cut)."""
        if len(rows) <= MAX_LINES:
            return rows
        kept = rows[-MAX_LINES:]
        turn, event = self._rows[kept[0]]
        if event is not None:
            kept = kept[1:]  # make room for its turn's header
            kept.insert(0, self._turns[turn][1])
        return kept

    def _apply_filter(self) -> None:
        self._filter_timer.stop()
        text = self.filter_edit.text().strip().lower()
        if text != self._filter:
            self._filter = text
            self._rebuild()

    def _pieces(self, row: int) -> list[tuple[str, QTextCharFormat]]:
        """The text of a row as (text, format) runs (formats, not HTML: no parsing per entry)."""
        turn, event = self._rows[row]
        if event is None:
            record = self.controller.history[turn]
            count = len(record.events)
            note = f"{count} event{'' if count == 1 else 's'}" if count else "nothing happened"
            return [(header_text(record), _FORMATS["header"]), (f"  — {note}", _FORMATS["note"])]
        tag = kind_style(event.kind)[0]
        return [(f"\u00a0{tag}\u00a0", _badge_format(event.kind)), ("\u00a0" + event.explanation, _FORMATS["text"])]

    def _update_count(self) -> None:
        events = len(self._rows) - len(self._turns)  # every row that is not a turn header
        shown = self.text.document().blockCount()
        filtered = bool(self._filter or self._hidden_groups)
        text = f"{len(self._turns)} turns · {events} events"
        if filtered:
            text += " · filtered"
        if len(self._rows) > shown and shown >= MAX_LINES:
            text += " · older entries scrolled away"
        self.count_label.setText(text)

    def _apply_font(self) -> None:
        font = QFont(QApplication.font())
        if self._presentation:
            font.setPointSizeF(font.pointSizeF() * PRESENTATION_SCALE)
        else:
            font.setPointSizeF(font.pointSizeF() * 1.1)
        self.setFont(font)
        self.text.setFont(font)
        self.text.document().setDefaultFont(font)

    # --- text -> controller ---------------------------------------------------------------------
    def _block_clicked(self, row: int) -> None:
        if row < 0 or row >= len(self._rows):
            return
        self._mark_clicked(row)
        _turn, event = self._rows[row]
        if event is None:
            return
        states = list(event.states)
        world = self.controller.record.world
        self.controller.highlight(states)
        self.entryActivated.emit(states)
        if states and states[0] in world.index:
            self.controller.select(states[0])

    def _mark_clicked(self, row: int) -> None:
        """A pale band behind the clicked entry, so the reader sees which one the map shows."""
        self.clicked_row = row
        selections = []
        if row >= 0:
            block = self.text.document().lastBlock()
            while block.isValid() and block.userState() != row:
                block = block.previous()
            if block.isValid():
                selection = QTextEdit.ExtraSelection()
                selection.format.setBackground(QColor("#FFE8A3"))
                selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
                selection.cursor = QTextCursor(block)
                selections.append(selection)
        self.text.setExtraSelections(selections)


def _main() -> None:  # pragma: no cover - manual demo
    from alliance_sandbox.ui.dock_demo import run_dock_demo

    run_dock_demo(LogDock, Qt.DockWidgetArea.BottomDockWidgetArea, (900, 600), steps=20)


if __name__ == "__main__":  # pragma: no cover
    _main()
