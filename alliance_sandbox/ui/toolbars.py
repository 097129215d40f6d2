"""The lens bar (which theory is at work, and what it claims) and the turn bar (the clock).

Both only show and ask: they emit what the user chose, and the main window passes it to the
controller. The buttons are the main window's QActions, so a key, a menu entry and a button
are one and the same command.
"""
from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QRect, Qt, Signal
from PySide6.QtGui import QAction, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QToolBar,
    QToolButton,
    QWidget,
)

from alliance_sandbox.lenses import LENS_IDS, LENSES

from . import style

#: The lens keys as the hints and tooltips name them: one key per lens of the registry, in its order.
LENS_KEYS = f"1-{len(LENS_IDS)}"

#: Turns per second offered by the speed control.
SPEEDS: tuple[int, ...] = (1, 2, 5, 10, 30)
DEFAULT_SPEED = 2


def turn_text(turn: int, year: int | None) -> str:
    """ "Turn 12 · 1925"; a made-up world's small year numbers read "year 6", not "6"."""
    if year is None:
        return f"Turn {turn}"
    return f"Turn {turn} · {year}" if year >= 1000 else f"Turn {turn} · year {year}"


def short_citation(citation: str) -> str:
    """ "Walt (1987), The Origins of Alliances, p. 22" -> "Walt (1987)"; two works -> both."""
    works = [w.strip() for w in citation.split(";")]
    return "; ".join(w.split("),")[0] + (")" if ")," in w else "") for w in works)


class LensBar(QWidget):
    """The switcher over the registry's lenses by name, and the active lens's claim and citation.

    Why not a QToolBar: a claim is one or two sentences and must wrap; toolbar layouts give
    a widget one line. So the bar is a strip above the map that grows to the claim's height.
    """

    #: the lens id the user chose (by the combo box; keys go through the window's actions)
    lensChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lensBar")
        self.setAutoFillBackground(True)
        # An explicit minimum: the bar (long names, big fonts) must never push the docks
        # aside; when narrow it stacks the claim under the switcher instead.
        self.setMinimumWidth(240)
        self.caption = QLabel("Lens")
        self.combo = QComboBox()
        self.combo.setObjectName("lensCombo")
        for number, lens_id in enumerate(LENS_IDS, start=1):
            cls = LENSES[lens_id]
            self.combo.addItem(f"{number}  {cls.name}", lens_id)
            self.combo.setItemData(number - 1, f"{cls.claim}\n{cls.citation}", Qt.ItemDataRole.ToolTipRole)
        self.combo.setToolTip(f"The theory at work from the next turn (keys {LENS_KEYS})")
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.activated.connect(lambda index: self.lensChosen.emit(self.combo.itemData(index)))
        self.claim = QLabel()
        self.claim.setObjectName("lensClaim")
        self.claim.setWordWrap(True)
        self.claim.setTextFormat(Qt.TextFormat.RichText)
        self.claim.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.claim.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        head = QHBoxLayout()
        head.setSpacing(10)
        head.addWidget(self.caption, 0, Qt.AlignmentFlag.AlignVCenter)
        head.addWidget(self.combo, 0, Qt.AlignmentFlag.AlignVCenter)
        head.addStretch(1)
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(10, 6, 10, 6)
        self.box.setSpacing(12)
        self.box.addLayout(head, 0)
        self.box.addWidget(self.claim, 1)
        self._lens_id = ""
        self._pending = False
        self._presentation = False
        self.set_presentation(False)

    def lens_id(self) -> str:
        return self._lens_id

    def set_active(self, lens_id: str, pending: bool = False) -> None:
        """Show `lens_id`; `pending`: chosen, but the turn on view was made by another lens."""
        self._lens_id, self._pending = lens_id, pending
        index = self.combo.findData(lens_id)
        if index != self.combo.currentIndex():
            self.combo.setCurrentIndex(index)
        self._show_claim()

    def _show_claim(self) -> None:
        """The claim and its source. The name is already in the switcher; on the projector
        the source is shortened to author and year (the full one is in the tooltip)."""
        if not self._lens_id:
            return
        cls = LENSES[self._lens_id]
        citation = short_citation(cls.citation) if self._presentation else cls.citation
        note = (" <span style='color:#7A4F00'><b>(applies from the next turn)</b></span>"
                if self._pending else "")
        self.claim.setText(f"{html.escape(cls.claim)} <span style='color:#444'>— "
                           f"<i>{html.escape(citation)}</i></span>{note}")
        self.claim.setToolTip(f"{cls.name}: {cls.claim}\n{cls.citation}\n\n{cls.rule}".strip())

    def set_presentation(self, on: bool) -> None:
        self._presentation = on
        self._headline_fonts()
        self._show_claim()
        self.combo.setMinimumHeight(style.bar_look(on).min_control_height)
        self.combo.setStyleSheet(style.toolbar_sheet(on))

    def _headline_fonts(self) -> None:
        font = style.headline_font(self.font(), self._presentation)
        self.caption.setFont(font)
        self.combo.setFont(font)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "combo"):
            self._headline_fonts()  # the app font changed: keep the headline bigger than it

    def stacked(self) -> bool:
        return self.box.direction() == QBoxLayout.Direction.TopToBottom

    def resizeEvent(self, event) -> None:
        """Claim beside the switcher when there is room for it, under it when narrow (a
        claim squeezed into a column would take six lines)."""
        super().resizeEvent(event)
        head = self.caption.sizeHint().width() + self.combo.sizeHint().width() + 40
        want = (QBoxLayout.Direction.TopToBottom if event.size().width() < head + 520
                else QBoxLayout.Direction.LeftToRight)
        if want != self.box.direction():
            self.box.setDirection(want)


class PastBanner(QLabel):
    """A banner over the top of the map while an earlier turn is on view.

    Why over the map and not in the turn bar: on a 1024-pixel projector the bar is full, and
    a toolbar hides what does not fit behind its » button. Why not a strip above the map: the
    map would jump down each time the user scrubs into the past. The banner lets clicks and
    drags through to the map.
    """

    MARGIN = 10

    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self.setObjectName("pastBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet(f"QLabel {{ color: {style.PAST_FG}; background: {style.PAST_BG};"
                           " border: 1px solid #8A6D00; border-radius: 6px; padding: 4px 12px; }")
        # Bold through the text, not the style sheet: a style-sheet font would stop following
        # the application font into presentation mode.
        self.setTextFormat(Qt.TextFormat.RichText)
        self._plain = ""
        host.installEventFilter(self)
        self.hide()

    def show_turn(self, view: int, last: int) -> None:
        if view >= last:
            self.hide()
            return
        later = last - view
        self._plain = (f"Looking back: turn {view} of {last} · Step continues from here, dropping the "
                       f"{later} later turns · End: back to turn {last}")
        self.setText(f"<b>Looking back: turn {view} of {last}</b> · Step continues from here, "
                     f"dropping the {later} later turn{'s' if later != 1 else ''} · End: back to turn {last}")
        self._place()
        self.show()
        self.raise_()

    def set_presentation(self, on: bool) -> None:
        """Follow the application font (a widget with a style sheet does not by itself)."""
        self.setFont(QApplication.font())
        if self.isVisible():
            self._place()

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False

    def _place(self) -> None:
        host = self.parentWidget()
        room = max(120, host.width() - 2 * self.MARGIN)
        bold = QFont(self.font())
        bold.setBold(True)
        # as wide as the text on one line (a word-wrapped label's own hint would wrap it early)
        metrics = QFontMetrics(bold)
        pad_x, pad_y = 34, 12  # the style sheet's padding and border, both sides
        width = min(metrics.horizontalAdvance(self._plain) + pad_x, room)
        text = metrics.boundingRect(QRect(0, 0, width - pad_x, 10_000), Qt.TextFlag.TextWordWrap, self._plain)
        self.setGeometry((host.width() - width) // 2, self.MARGIN, width, text.height() + pad_y)


class TurnBar(QToolBar):
    """Step, Run/Pause, speed, Back, Reset, the turn and year, and the timeline."""

    #: turns per second chosen
    speedChanged = Signal(float)
    #: a turn chosen on the timeline by the user
    scrubbed = Signal(int)

    def __init__(self, actions: dict[str, QAction], parent: QWidget | None = None) -> None:
        super().__init__("Turns", parent)
        self.setObjectName("turnBar")
        self.setMovable(False)  # nothing a teacher can drag off by accident
        self.setFloatable(False)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for key in ("step", "run", "back", "reset"):
            self.addAction(actions[key])
        self.addSeparator()
        self.speed_caption = QLabel(" Speed ")
        self.addWidget(self.speed_caption)
        self.speed = QComboBox()
        self.speed.setObjectName("speedCombo")
        self.speed.setToolTip("Turns per second while running")
        for tps in SPEEDS:
            self.speed.addItem(f"{tps} / s", float(tps))
        self.speed.setCurrentIndex(SPEEDS.index(DEFAULT_SPEED))
        self.speed.currentIndexChanged.connect(lambda i: self.speedChanged.emit(self.speed.itemData(i)))
        self.addWidget(self.speed)
        self.addSeparator()
        self.turn_label = QLabel()
        self.turn_label.setObjectName("turnLabel")
        self.turn_label.setContentsMargins(8, 0, 8, 0)
        self.addWidget(self.turn_label)
        self.timeline = QSlider(Qt.Orientation.Horizontal)
        self.timeline.setObjectName("timeline")
        self.timeline.setToolTip("History: drag or click to look at an earlier turn")
        self.timeline.setMinimumWidth(120)
        self.timeline.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.timeline.setPageStep(5)
        self.timeline.setTracking(True)
        self.timeline.valueChanged.connect(self.scrubbed)
        self.addWidget(self.timeline)
        self._presentation = False
        self.set_presentation(False)

    def speed_tps(self) -> float:
        return float(self.speed.currentData())

    def set_speed(self, tps: float) -> None:
        index = self.speed.findData(float(tps))
        if index >= 0:
            self.speed.setCurrentIndex(index)

    def show_turn(self, turn: int, year: int | None, view: int, last: int) -> None:
        """Show the turn on view (`view` of 0..`last`) and keep the timeline in step."""
        self.turn_label.setText(turn_text(turn, year))
        slider = self.timeline
        slider.blockSignals(True)  # only the user's moves are scrubs
        slider.setRange(0, last)
        slider.setValue(view)
        slider.blockSignals(False)
        slider.setEnabled(last > 0)

    def set_presentation(self, on: bool) -> None:
        self._presentation = on
        look = style.bar_look(on)
        self.setIconSize(look.icon)
        self.setStyleSheet(style.toolbar_sheet(on))
        self.turn_label.setFont(style.headline_font(self.font(), on))
        self.speed.setMinimumHeight(look.min_control_height)
        self.timeline.setMinimumHeight(look.min_control_height)
        for button in self.findChildren(QToolButton):
            button.setMinimumHeight(look.min_control_height)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "turn_label"):
            self.turn_label.setFont(style.headline_font(self.font(), self._presentation))
