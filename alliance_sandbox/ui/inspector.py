"""The inspector dock: the selected state's numbers and ties, and the controls that edit them.

The dock only reads `controller.record` (the turn on view) and only writes through the
controller (`edit_state`, `add_tie`, `set_commitment`, `remove_tie`); it redraws itself on
the controller's signals. While it copies model values into its widgets it blocks their
signals, so a refresh never turns into an edit (no feedback loop).

Undo: one slider drag is one undo step. While a slider is held down its edits are sent with
`merge=True` (the controller folds them into one command) inside an undo macro that starts
with the drag's first change and ends when the slider is released. The macro is what keeps
two separate drags of the same slider apart: without it the second drag's first edit would
merge into the first drag's command. Typing a value and Enter, an arrow key or a click on
the slider's groove is one plain step each.

Run alone on a demo scenario: `python -m alliance_sandbox.ui.inspector [--presentation]`.
"""
from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDockWidget,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from alliance_sandbox.engine.world import DEFAULT_COMMITMENT, STATE_FIELDS, TIE_KINDS
from alliance_sandbox.scenario.fields import STATE_RECORD, FieldSpec

#: Tie kinds as the user picks them, firmest first.
KIND_CHOICES: tuple[str, ...] = tuple(reversed(TIE_KINDS))

#: Font scale of the whole dock on the projector, and of the state's name over the dock font.
PRESENTATION_SCALE = 1.6
NAME_SCALE = 1.7

#: The rows of the Attributes box: the state fields the field table marks editable, in its
#: order (scenario/fields.py). Label, tooltip and range come from there; capability's range
#: is set per world (see `_capability_max`).
EDITABLE_FIELDS: dict[str, FieldSpec] = {spec.name: spec for spec in STATE_RECORD.fields if spec.editable}

#: Slider resolution: ticks per unit of a field's range, and capability's (its range is per world).
TICKS_PER_UNIT = 100
CAPABILITY_TICKS = 1000


def field_tip(spec: FieldSpec) -> str:
    """A row's tooltip: the field's description, and its range where it is fixed."""
    return spec.description if spec.name == "capability" else f"{spec.description} Range {spec.range_text()}."

#: Read-only figures: key -> (label, tooltip).
STANDING_INFO: dict[str, tuple[str, str]] = {
    "share": ("Share of world capability", "Its capability over the world's total."),
    "abandonment": (
        "Abandonment risk",
        "Risk that its allies leave it when it needs them, 0..1: mean over its ties, weighted by how much "
        "it depends on each partner (Snyder 1984).",
    ),
    "entrapment": (
        "Entrapment risk",
        "Risk that its allies drag it into their conflicts, 0..1 (Snyder 1984).",
    ),
    "security": ("Security from allies", "Security gained from its ties, 0..1 (Morrow 1991)."),
    "autonomy": (
        "Autonomy gained",
        "Above 0: it gains autonomy (the major partner); below 0: it gives autonomy up for security "
        "(the minor partner) (Morrow 1991).",
    ),
}

TIE_COLUMNS = ("Partner", "Kind", "Commit-\nment", "Abandon\nrisk", "Entrap\nrisk", "")
TIE_COLUMN_TIPS = (
    "",
    "alliance > entente > coalition > alignment, firmest first",
    "0..1: how firmly the selected state is bound to this partner (its own side; the partner sets its "
    "own). More commitment: less risk of being abandoned by it (a firm pledge reassures it), more risk of "
    "being entrapped by it (Snyder 1984).",
    "Risk that this partner abandons the selected state (Snyder 1984).",
    "Risk that this partner drags the selected state into its conflicts (Snyder 1984).",
    "",
)


def _muted(label: QLabel) -> None:
    """Grey secondary text (by palette: a style sheet would block the dock's font)."""
    pal = label.palette()
    pal.setColor(QPalette.ColorRole.WindowText, QColor("#555555"))
    label.setPalette(pal)


class _WheelGuard(QObject):
    """Sliders and spin boxes ignore the mouse wheel unless focused.

    Why: the inspector scrolls, and a wheel turn passing over a slider would silently edit
    the model (and push undo steps) while the user only meant to scroll.
    """

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Wheel and not obj.hasFocus():
            event.ignore()
            return True
        return False


class _FieldKeys(QObject):
    """Enter commits a typed value and Escape cancels it; either way the keyboard goes back to
    the window, so Space, P and Backspace step, run and go back again.

    Why: a spin box keeps the focus after Enter, and swallows Space, P and Backspace as text,
    so a teacher who typed a value found the clicker keys dead until clicking the map.
    """

    done = Signal()

    def __init__(self, parent, revert) -> None:
        super().__init__(parent)
        self._revert = revert

    def eventFilter(self, obj, event):
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride and event.key() == Qt.Key.Key_Escape:
            event.accept()  # Escape is ours here, not "leave presentation"
            return True
        if kind != QEvent.Type.KeyPress:
            return False
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QTimer.singleShot(0, self.done.emit)  # after the spin box has taken the value
            return False
        if event.key() == Qt.Key.Key_Escape:
            self._revert()
            self.done.emit()
            return True
        return False


class _FieldRow:
    """A slider and a spin box showing one state field; `set` updates both silently."""

    def __init__(self, spec: FieldSpec, low: float, high: float, guard: QObject):
        name = self.name = spec.name
        self.ticks = CAPABILITY_TICKS if name == "capability" else round(TICKS_PER_UNIT * (high - low))
        self.low, self.high = low, high
        tip = field_tip(spec)
        self.label = QLabel(spec.label)
        self.label.setToolTip(tip)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, self.ticks)
        self.slider.setPageStep(self.ticks // 20)
        self.slider.setMinimumWidth(120)
        self.slider.setToolTip(tip)
        self.spin = QDoubleSpinBox()
        self.spin.setKeyboardTracking(False)  # typing edits on Enter (or leaving), not per key
        self.spin.setAccelerated(True)
        self.spin.setToolTip(tip)
        self.spin.setObjectName(f"{name}_spin")
        self.slider.setObjectName(f"{name}_slider")
        for widget in (self.slider, self.spin):
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            widget.installEventFilter(guard)
        if name == "capability":
            self.spin.setStepType(QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
            self.spin.setDecimals(3)
        else:
            self.spin.setDecimals(2)
            self.spin.setSingleStep(0.05)
        self.set_range(low, high)

    def set_range(self, low: float, high: float) -> None:
        self.low, self.high = low, high
        blocked = self.spin.blockSignals(True)
        self.spin.setRange(low, high)
        self.spin.blockSignals(blocked)

    def to_slider(self, value: float) -> int:
        span = self.high - self.low
        if span <= 0:
            return 0
        fraction = min(1.0, max(0.0, (value - self.low) / span))
        if self.name == "capability":
            # slider position ~ sqrt(capability) ~ the map's disc radius: small states stay usable
            fraction = math.sqrt(fraction)
        return int(round(fraction * self.ticks))

    def from_slider(self, tick: int) -> float:
        fraction = tick / self.ticks
        if self.name == "capability":
            fraction = fraction * fraction
        return self.low + fraction * (self.high - self.low)

    def set(self, value: float, slider_too: bool = True) -> None:
        """Show a model value without emitting anything."""
        blocked = self.spin.blockSignals(True)
        self.spin.setValue(value)
        self.spin.blockSignals(blocked)
        if slider_too:
            blocked = self.slider.blockSignals(True)
            self.slider.setValue(self.to_slider(value))
            self.slider.blockSignals(blocked)

    def set_enabled(self, on: bool) -> None:
        self.slider.setEnabled(on)
        self.spin.setEnabled(on)


class InspectorDock(QDockWidget):
    """The selected state's figures and ties, editable at the latest turn.

    `editingDone` is emitted when Enter or Escape ends typing in a field (the window gives
    the keyboard back to the map).

    Public: `set_presentation(on)`, `presentation`, `state_id` (shown state, "" for none),
    `tie_table`, `partner_combo`, `kind_combo`, `add_button`, `name_label`, `hint_label`,
    `history_note`, `editable`. (What tests read beyond that: tests/ui/peek.py.)
    """

    editingDone = Signal()

    def __init__(self, controller, parent: QWidget | None = None):
        super().__init__("Inspector", parent)
        self.setObjectName("InspectorDock")
        self.controller = controller
        self._presentation = False
        self._refreshing = False
        self._state = ""
        self._cap_max = 1.0
        self._tie_partners: list[str] = []
        self._tie_owner = ""  # the state the tie rows were made for
        self._drag_macro_open = False
        self._wheel_guard = _WheelGuard(self)
        self._field_keys = _FieldKeys(self, self.refresh)
        self._field_keys.done.connect(self.editingDone)
        self._build()
        controller.changed.connect(self.refresh)
        controller.selectionChanged.connect(self._selection_changed)
        controller.scenarioLoaded.connect(self._scenario_loaded)
        self._scenario_loaded()

    # --- construction ----------------------------------------------------------------------
    def _build(self) -> None:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        scroll.setWidget(body)
        self.setWidget(scroll)
        outer = QVBoxLayout(body)

        self.hint_label = QLabel("Click a state on the map to inspect and edit it.")
        self.hint_label.setWordWrap(True)
        self.hint_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint_label.setMinimumHeight(80)
        _muted(self.hint_label)
        outer.addWidget(self.hint_label)

        self.content = QWidget()
        outer.addWidget(self.content)
        outer.addStretch(1)
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(0, 0, 0, 0)

        self.name_label = QLabel()
        self.name_label.setWordWrap(True)
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)  # a name from a file is never HTML
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.name_label)

        note_row = QHBoxLayout()
        self.history_note = QLabel()
        self.history_note.setWordWrap(True)
        # colours by palette, not style sheet: a style sheet would stop the presentation font
        self.history_note.setFrameShape(QFrame.Shape.Box)
        self.history_note.setMargin(4)
        self.history_note.setAutoFillBackground(True)
        pal = self.history_note.palette()
        pal.setColor(QPalette.ColorRole.Window, QColor("#FFF4D6"))
        pal.setColor(QPalette.ColorRole.WindowText, QColor("#4A3B00"))
        self.history_note.setPalette(pal)
        self.latest_button = QPushButton("Go to latest turn")
        self.latest_button.clicked.connect(self._go_latest)
        note_row.addWidget(self.history_note, 1)
        note_row.addWidget(self.latest_button)
        self.history_box = QWidget()
        self.history_box.setLayout(note_row)
        note_row.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.history_box)

        layout.addWidget(self._build_fields())
        layout.addWidget(self._build_standing())
        layout.addWidget(self._build_ties())

    def _build_fields(self) -> QGroupBox:
        box = QGroupBox("Attributes")
        grid = QGridLayout(box)
        grid.setColumnStretch(1, 1)
        self._rows: dict[str, _FieldRow] = {}
        r = 0
        for name, spec in EDITABLE_FIELDS.items():
            low, high = STATE_FIELDS[name]
            row = _FieldRow(spec, low, min(high, 1.0), self._wheel_guard)
            row.spin.installEventFilter(self._field_keys)
            self._rows[name] = row
            grid.addWidget(row.label, r, 0)
            grid.addWidget(row.slider, r, 1)
            grid.addWidget(row.spin, r, 2)
            row.slider.valueChanged.connect(lambda tick, n=name: self._slider_changed(n, tick))
            row.slider.sliderReleased.connect(self._end_drag)
            row.spin.valueChanged.connect(lambda value, n=name: self._spin_changed(n, value))
            r += 1
            if name == "satisfaction":
                hint = QWidget()
                hint_row = QHBoxLayout(hint)
                hint_row.setContentsMargins(0, 0, 0, 0)
                left, right = QLabel("◂ revisionist"), QLabel("status quo ▸")
                right.setAlignment(Qt.AlignmentFlag.AlignRight)
                for lab in (left, right):
                    _muted(lab)
                hint_row.addWidget(left)
                hint_row.addStretch(1)
                hint_row.addWidget(right)
                grid.addWidget(hint, r, 1)
                r += 1
        return box

    def _build_standing(self) -> QGroupBox:
        box = QGroupBox("Standing (this turn)")
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._standing: dict[str, QLabel] = {}
        for key, (label, tip) in STANDING_INFO.items():
            name = QLabel(label)
            value = QLabel("–")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setObjectName(f"standing_{key}")
            for widget in (name, value):
                widget.setToolTip(tip)
            form.addRow(name, value)
            self._standing[key] = value
        return box

    def _build_ties(self) -> QGroupBox:
        box = QGroupBox("Ties")
        layout = QVBoxLayout(box)
        self.no_ties_label = QLabel("No ties: add one below.")
        _muted(self.no_ties_label)
        layout.addWidget(self.no_ties_label)
        self.tie_table = QTableWidget(0, len(TIE_COLUMNS))
        self.tie_table.setHorizontalHeaderLabels(list(TIE_COLUMNS))
        for c, tip in enumerate(TIE_COLUMN_TIPS):
            self.tie_table.horizontalHeaderItem(c).setToolTip(tip)
        self.tie_table.verticalHeader().setVisible(False)
        self.tie_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tie_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.tie_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tie_table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.tie_table.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
        header = self.tie_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(24)
        layout.addWidget(self.tie_table)

        add_row = QHBoxLayout()
        self.partner_combo = QComboBox()
        self.partner_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.partner_combo.setToolTip("The state to tie the selected one to")
        self.partner_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.kind_combo = QComboBox()
        self.kind_combo.addItems(list(KIND_CHOICES))
        self.kind_combo.setToolTip("alliance: formal and firm; entente: flexible; coalition: for one crisis; "
                                   "alignment: broad cooperation")
        self.add_button = QPushButton("Add tie")
        self.add_button.clicked.connect(self._add_tie)
        add_row.addWidget(QLabel("With"))
        add_row.addWidget(self.partner_combo, 1)
        add_row.addWidget(self.kind_combo)
        add_row.addWidget(self.add_button)
        layout.addLayout(add_row)
        return box

    # --- public ------------------------------------------------------------------------------
    @property
    def state_id(self) -> str:
        return self._state

    @property
    def presentation(self) -> bool:
        return self._presentation

    @property
    def editable(self) -> bool:
        return bool(self._state) and self.controller.at_latest

    def set_presentation(self, on: bool) -> None:
        """Projector mode: every font in the dock PRESENTATION_SCALE times larger."""
        self._presentation = bool(on)
        font = QFont(QApplication.font())
        if on:
            font.setPointSizeF(font.pointSizeF() * PRESENTATION_SCALE)
        self.setFont(font)
        self._style_name()
        self._fit_table()

    # --- model -> widgets ------------------------------------------------------------------------
    def _scenario_loaded(self) -> None:
        self._end_drag()
        self._cap_max = 0.0
        self._state = ""
        self.refresh()

    def _selection_changed(self, state_id: str) -> None:
        self._end_drag()
        self.refresh()

    def _capability_max(self, world) -> float:
        """10 x the world's largest capability; it only grows while a scenario is open, so
        the slider does not jump under the user after an edit."""
        largest = float(np.max(world.capability)) if world.n else 0.0
        wanted = 10.0 * largest if largest > 0 else 10.0
        if wanted > self._cap_max:
            self._cap_max = wanted
        return self._cap_max

    def refresh(self) -> None:
        record = self.controller.record
        world = record.world
        selected = self.controller.selected
        self._state = selected if selected in world.index else ""
        self.hint_label.setVisible(not self._state)
        self.content.setVisible(bool(self._state))
        if not self._state:
            return
        self._refreshing = True
        try:
            self._refresh_state(record)
        finally:
            self._refreshing = False

    def _refresh_state(self, record) -> None:
        world, risks = record.world, record.risks
        i = world.index[self._state]
        self.name_label.setText(world.names[i])
        self.name_label.setToolTip(f"id {self._state}")
        self._style_name()

        editable = self.controller.at_latest
        if not editable:
            self._end_drag()
        self.history_box.setVisible(not editable)
        if not editable:
            latest = self.controller.latest_turn
            self.history_note.setText(
                f"Viewing turn {record.turn} of {latest}: editing works on the latest turn only.")

        dragging = any(row.slider.isSliderDown() for row in self._rows.values())
        if not dragging:
            self._rows["capability"].set_range(0.0, self._capability_max(world))
        for name, row in self._rows.items():
            row.set(float(getattr(world, name)[i]), slider_too=not row.slider.isSliderDown())
            row.set_enabled(editable)

        share = float(world.share[i])
        self._standing["share"].setText(f"{100 * share:.1f} %")
        self._standing["abandonment"].setText(f"{float(risks.abandonment[i]):.2f}")
        self._standing["entrapment"].setText(f"{float(risks.entrapment[i]):.2f}")
        self._standing["security"].setText(f"{float(risks.security[i]):.2f}")
        self._standing["autonomy"].setText(f"{float(risks.autonomy[i]):+.2f}")

        self._refresh_ties(world, risks, i, editable)

    def _refresh_ties(self, world, risks, i: int, editable: bool) -> None:
        partners = [int(j) for j in np.nonzero(world.tie_kind[i])[0] if j != i]
        partners.sort(key=lambda j: (-int(world.tie_kind[i, j]), world.names[j]))
        ids = [world.ids[j] for j in partners]
        table = self.tie_table
        if ids != self._tie_partners or self._state != self._tie_owner:  # rows capture their state
            self._tie_partners, self._tie_owner = ids, self._state
            table.setRowCount(len(ids))
            for r, j in enumerate(partners):
                self._make_tie_row(r, world.ids[j])
        for r, j in enumerate(partners):
            # The short name in a narrow column ("Neth.", not "Neth…"); the full one on hover.
            short = world.short_names[j] if world.short_names else ""
            fits = table.fontMetrics().horizontalAdvance(world.names[j]) + 18 <= table.columnWidth(0)
            table.item(r, 0).setText(world.names[j] if fits or not short else short)
            table.item(r, 0).setToolTip(world.names[j])
            table.item(r, 1).setText(TIE_KINDS[int(world.tie_kind[i, j]) - 1])
            table.item(r, 3).setText(f"{float(risks.tie_abandonment[i, j]):.2f}")
            table.item(r, 4).setText(f"{float(risks.tie_entrapment[i, j]):.2f}")
            spin = table.cellWidget(r, 2)
            if not spin.hasFocus():  # never overwrite what the user is typing
                blocked = spin.blockSignals(True)
                spin.setValue(float(world.commitment[i, j]))
                spin.blockSignals(blocked)
            spin.setToolTip(f"{world.names[i]}'s commitment to {world.names[j]}; "
                            f"{world.names[j]}'s to {world.names[i]}: {float(world.commitment[j, i]):.2f}")
            spin.setEnabled(editable)
            table.cellWidget(r, 5).setEnabled(editable)
        table.setVisible(bool(ids))
        self.no_ties_label.setVisible(not ids)
        self._fit_table()

        free = [j for j in range(world.n) if j != i and not world.tie_kind[i, j]]
        free.sort(key=lambda j: world.names[j])
        wanted = [(world.names[j], world.ids[j]) for j in free]
        combo = self.partner_combo
        have = [(combo.itemText(k), combo.itemData(k)) for k in range(combo.count())]
        if have != wanted:
            current = combo.currentData()
            blocked = combo.blockSignals(True)
            combo.clear()
            for name, sid in wanted:
                combo.addItem(name, sid)
            k = combo.findData(current)
            combo.setCurrentIndex(k if k >= 0 else 0)
            combo.blockSignals(blocked)
        for widget in (self.partner_combo, self.kind_combo, self.add_button):
            widget.setEnabled(editable and bool(wanted))

    def _make_tie_row(self, r: int, partner: str) -> None:
        table = self.tie_table
        for c in (0, 1, 3, 4):
            item = QTableWidgetItem()
            if c >= 3:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setToolTip(TIE_COLUMN_TIPS[c])
            table.setItem(r, c, item)
        spin = QDoubleSpinBox()
        spin.setRange(0.0, 1.0)
        spin.setDecimals(2)
        spin.setSingleStep(0.05)
        spin.setKeyboardTracking(False)
        spin.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        spin.installEventFilter(self._wheel_guard)
        spin.installEventFilter(self._field_keys)
        spin.setToolTip(TIE_COLUMN_TIPS[2])
        spin.setObjectName(f"commitment_{partner}")
        spin.valueChanged.connect(lambda value, p=partner, a=self._state: self._commitment_changed(p, value, a))
        table.setCellWidget(r, 2, spin)
        button = QToolButton()
        button.setText("✕")
        button.setToolTip("Remove this tie")
        button.setObjectName(f"remove_{partner}")
        button.clicked.connect(lambda _=False, p=partner: self._remove_tie(p))
        table.setCellWidget(r, 5, button)

    def _fit_table(self) -> None:
        """Size the tie table to its rows: the dock scrolls as a whole, not the table."""
        table = self.tie_table
        for r in range(table.rowCount()):
            spin = table.cellWidget(r, 2)
            if spin is not None:  # room for "0.00" and the arrows in the current font, no more
                spin.setMaximumWidth(spin.fontMetrics().horizontalAdvance("0.000") + 36)
        table.resizeRowsToContents()
        height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
        height += sum(table.rowHeight(r) for r in range(table.rowCount()))
        table.setFixedHeight(height)

    def _style_name(self) -> None:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * NAME_SCALE)
        font.setBold(True)
        self.name_label.setFont(font)

    # --- widgets -> controller ------------------------------------------------------------------
    def _slider_changed(self, name: str, tick: int) -> None:
        if self._refreshing or not self.editable:
            return
        row = self._rows[name]
        value = row.from_slider(tick)
        row.set(value, slider_too=False)
        if row.slider.isSliderDown():
            self._begin_drag(name)
            self.controller.edit_state(self._state, merge=True, **{name: value})
        else:
            self.controller.edit_state(self._state, **{name: value})

    def _spin_changed(self, name: str, value: float) -> None:
        if self._refreshing or not self.editable:
            return
        self.controller.edit_state(self._state, **{name: value})

    def _begin_drag(self, name: str) -> None:
        stack = self.controller.undo_stack
        if self._drag_macro_open and self._macro_alive():
            return
        label = self._rows[name].label.text().lower()
        state_name = self.controller.record.world.names[self.controller.record.world.index[self._state]]
        stack.beginMacro(f"Drag {label} of {state_name}")
        self._drag_macro_open = True

    def _macro_alive(self) -> bool:
        # QUndoStack has no "in a macro" query. An open macro is on the stack (count() is
        # index() + 1: the index moves past it at endMacro) and canUndo() is False meanwhile.
        # A clear() (a step during the drag) drops it: count() is then 0.
        stack = self.controller.undo_stack
        return not stack.canUndo() and stack.count() == stack.index() + 1

    def _end_drag(self) -> None:
        if self._drag_macro_open and self._macro_alive():
            self.controller.undo_stack.endMacro()
        self._drag_macro_open = False

    def _commitment_changed(self, partner: str, value: float, owner: str | None = None) -> None:
        # `owner`: the state whose row this is. A spin box being typed in commits its text when it
        # loses the focus, which can be after another state was selected (the GUI monkey found a
        # tie of a state with itself); that value belongs to a row no longer shown, and is dropped
        # (applying it would edit the model while the rows are being rebuilt).
        if self._refreshing or not self.editable or (owner is not None and owner != self._state):
            return
        self.controller.set_commitment(self._state, partner, value)

    def _remove_tie(self, partner: str) -> None:
        if self.editable:
            self.controller.remove_tie(self._state, partner)

    def _add_tie(self) -> None:
        partner = self.partner_combo.currentData()
        if not self.editable or not partner:
            return
        kind = self.kind_combo.currentText()
        self.controller.add_tie(self._state, partner, kind, DEFAULT_COMMITMENT[kind])

    def _go_latest(self) -> None:
        self.controller.view(self.controller.latest_turn)


# --- running alone -------------------------------------------------------------------------------
def _main() -> None:  # pragma: no cover - manual demo
    from alliance_sandbox.ui.dock_demo import run_dock_demo

    run_dock_demo(InspectorDock, Qt.DockWidgetArea.RightDockWidgetArea, (560, 800), steps=5, select="AUR")


if __name__ == "__main__":  # pragma: no cover
    _main()
