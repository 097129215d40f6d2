"""How the application looks at a desk and on a classroom projector.

Why one module: presentation mode must change the whole application at once (fonts,
palette, toolbar sizes), and leaving it must restore exactly what was there before. The
map and the docks have their own `set_presentation`; this module handles what is shared:
the application font and palette, and the toolbars' sizes.

Sizes were chosen for a 1024x768 projector seen from the back of a classroom: body text of
about 18 px (1.5x a 12 px desk font) and buttons of at least 44 px.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

#: Application font scale in presentation mode.
PRESENTATION_FONT_SCALE = 1.5
#: Smallest application font in presentation mode, in points (some desktops default to 8 pt).
PRESENTATION_MIN_POINTS = 13.0


@dataclass(frozen=True)
class BarLook:
    """Sizes of the toolbars (turns and lens) for one mode."""

    icon: QSize
    button_padding: str
    min_control_height: int
    #: The turn counter and the lens name: the two things a class reads most.
    headline_scale: float


DESK_BAR = BarLook(QSize(22, 22), "4px 8px", 30, 1.25)
PRESENTATION_BAR = BarLook(QSize(36, 36), "6px 14px", 48, 1.35)

#: Colours of the "you are looking at an earlier turn" indicator (dark text on amber:
#: readable on a washed-out projector, and not red, which would read as an error).
PAST_FG = "#000000"
PAST_BG = "#FFC107"


def bar_look(presentation: bool) -> BarLook:
    return PRESENTATION_BAR if presentation else DESK_BAR


def toolbar_sheet(presentation: bool) -> str:
    """Style sheet for the toolbars only (never application-wide: it would restyle the docks)."""
    look = bar_look(presentation)
    return (
        f"QToolButton {{ padding: {look.button_padding}; }}"
        f"QComboBox {{ min-height: {look.min_control_height - 8}px; padding: 2px 8px; }}"
    )


def headline_font(base: QFont, presentation: bool) -> QFont:
    """A bold font a little larger than `base`, for the turn counter and the lens switcher."""
    font = QFont(base)
    font.setPointSizeF(base.pointSizeF() * bar_look(presentation).headline_scale)
    font.setBold(True)
    return font


def install_base_style(app: QApplication) -> None:
    """Fusion everywhere: the same look on every machine, so a lesson prepared at home
    looks the same on the school's computer. Called once, before any window is built."""
    fusion = QStyleFactory.create("Fusion")
    if fusion is not None and app.style().name().lower() != "fusion":
        app.setStyle(fusion)


def high_contrast_palette(base: QPalette) -> QPalette:
    """Black on white with a dark-blue selection: what survives a dim projector."""
    pal = QPalette(base)
    white, black = QColor("#FFFFFF"), QColor("#000000")
    for role, color in (
        (QPalette.ColorRole.Window, QColor("#F4F4F4")),
        (QPalette.ColorRole.WindowText, black),
        (QPalette.ColorRole.Base, white),
        (QPalette.ColorRole.AlternateBase, QColor("#EDEDED")),
        (QPalette.ColorRole.Text, black),
        (QPalette.ColorRole.Button, QColor("#E6E6E6")),
        (QPalette.ColorRole.ButtonText, black),
        (QPalette.ColorRole.Highlight, QColor("#0B3D91")),
        (QPalette.ColorRole.HighlightedText, white),
        (QPalette.ColorRole.ToolTipBase, white),
        (QPalette.ColorRole.ToolTipText, black),
    ):
        pal.setColor(QPalette.ColorGroup.Active, role, color)
        pal.setColor(QPalette.ColorGroup.Inactive, role, color)
    return pal


class AppLook:
    """Switches the application font and palette, remembering the desk ones to restore."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self._desk_font: QFont | None = None
        self._desk_palette: QPalette | None = None

    @property
    def presentation(self) -> bool:
        return self._desk_font is not None

    def set_presentation(self, on: bool) -> None:
        if on == self.presentation:
            return
        if on:
            self._desk_font = QFont(self.app.font())
            self._desk_palette = QPalette(self.app.palette())
            font = QFont(self._desk_font)
            points = self._desk_font.pointSizeF()
            if points <= 0:  # a pixel-sized font: scale the pixels instead
                font.setPixelSize(round(self._desk_font.pixelSize() * PRESENTATION_FONT_SCALE))
            else:
                font.setPointSizeF(max(PRESENTATION_MIN_POINTS, points * PRESENTATION_FONT_SCALE))
            self.app.setFont(font)
            self.app.setPalette(high_contrast_palette(self._desk_palette))
        else:
            self.app.setFont(self._desk_font)
            self.app.setPalette(self._desk_palette)
            self._desk_font = self._desk_palette = None
