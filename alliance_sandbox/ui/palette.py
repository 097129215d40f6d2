"""Colours, sizes and line styles of the map, for the desk and for the projector.

Why a module of its own: the map view, its legend and (later) other views must agree on what
"alliance" looks like, and the projector theme must change all of them at once.

Bloc colours are Okabe & Ito's colour-blind-safe set (Okabe & Ito 2008, "Color Universal
Design"), without its yellow (unreadable on a pale map) and black (reserved for outlines),
followed by Paul Tol's "muted" colours for worlds with many blocs (Tol 2021, "Colour
Schemes", SRON/EPS/TN/09-002).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

#: Colours given to blocs (multi-member alliance groups), in order of preference.
BLOC_COLORS: tuple[str, ...] = (
    "#0072B2",  # Okabe-Ito blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#882255",  # Tol muted wine
    "#999933",  # Tol muted olive
    "#332288",  # Tol muted indigo
    "#44AA99",  # Tol muted teal
    "#AA4499",  # Tol muted purple
    "#117733",  # Tol muted green
)

#: States in no multi-member bloc.
UNALIGNED_COLOR = "#9A9A9A"

#: Qt pen style of each tie kind (the names of `engine.world.TIE_KINDS`).
TIE_PEN_STYLES: dict[str, Qt.PenStyle] = {
    "alliance": Qt.PenStyle.SolidLine,
    "entente": Qt.PenStyle.DashLine,
    "coalition": Qt.PenStyle.DotLine,
    "alignment": Qt.PenStyle.SolidLine,
}

#: Base width (pixels) of each kind before the commitment factor; alignment is the thin one.
TIE_BASE_WIDTHS: dict[str, float] = {
    "alliance": 3.0,
    "entente": 2.6,
    "coalition": 2.8,
    "alignment": 1.4,
}

#: Commitment is shown in three widths (one path item per kind and width keeps drawing fast).
COMMITMENT_LEVELS: tuple[float, ...] = (0.4, 0.7)  # upper bounds of the low and middle levels
COMMITMENT_WIDTH_FACTORS: tuple[float, ...] = (0.65, 1.0, 1.45)


@dataclass(frozen=True)
class Theme:
    """Everything the map draws that differs between desk and projector."""

    name: str
    sea: str
    tie_colors: dict  # kind -> colour
    tie_width_scale: float
    min_tie_width: float
    disc_outline: str
    disc_outline_width: float
    radius_per_sqrt_share: float  # disc radius (px) = this * sqrt(share of world capability)
    min_radius: float  # px: tiny states stay visible and clickable
    label_px: int  # label font size in pixels
    label_color: str
    label_halo: str
    label_halo_width: float
    label_plate: str  # "#AARRGGBB" plate behind each label ("" for none): reads over ties
    select_color: str
    highlight_color: str
    legend_px: int
    legend_bg: str
    legend_fg: str
    graticule: str
    border: str  # country borders of the map backdrop
    border_width: float

    def tie_width(self, kind: str, level: int) -> float:
        width = TIE_BASE_WIDTHS[kind] * COMMITMENT_WIDTH_FACTORS[level] * self.tie_width_scale
        return max(self.min_tie_width, width)


DESK = Theme(
    name="desk",
    sea="#DCE8F0",
    tie_colors={
        "alliance": "#2B2B2B",
        "entente": "#3C3C3C",
        "coalition": "#3C3C3C",
        "alignment": "#555555",
    },
    tie_width_scale=1.0,
    min_tie_width=1.0,
    disc_outline="#FFFFFF",
    disc_outline_width=1.5,
    radius_per_sqrt_share=58.0,
    min_radius=7.5,
    label_px=16,
    label_color="#1A1A1A",
    label_halo="#FFFFFF",
    label_halo_width=4.0,
    label_plate="",
    select_color="#000000",
    highlight_color="#FFB000",
    legend_px=13,
    legend_bg="#F2FFFFFF",
    legend_fg="#1A1A1A",
    graticule="#C4D3DE",
    border="#B9B09C",
    border_width=1.0,
)

#: For a 1024x768 projector: bigger everything, dark outlines, stronger land/sea contrast.
PRESENTATION = replace(
    DESK,
    name="presentation",
    sea="#A9CBE3",
    tie_colors={
        "alliance": "#000000",
        "entente": "#111111",
        "coalition": "#111111",
        "alignment": "#3F3F3F",
    },
    tie_width_scale=1.6,
    min_tie_width=1.8,
    disc_outline="#000000",
    disc_outline_width=2.0,
    radius_per_sqrt_share=68.0,
    min_radius=9.5,
    label_px=21,
    label_color="#000000",
    label_halo="#FFFFFF",
    label_halo_width=5.0,
    label_plate="#F5FFFFFF",
    highlight_color="#FF9500",
    legend_px=17,
    legend_bg="#F7FFFFFF",
    legend_fg="#000000",
    graticule="#93B6CF",
    border="#8F8570",
    border_width=1.2,
)


def commitment_level(commitment: float) -> int:
    """Index into COMMITMENT_WIDTH_FACTORS for a commitment in 0..1."""
    for level, bound in enumerate(COMMITMENT_LEVELS):
        if commitment < bound:
            return level
    return len(COMMITMENT_LEVELS)


def bloc_color(slot: int) -> str:
    """The colour of a bloc's colour slot (engine.bloc_tracking gives each bloc one)."""
    return BLOC_COLORS[slot % len(BLOC_COLORS)]


def bloc_colors(blocs, index: dict[str, int], n: int) -> list[str]:
    """A colour per state: its tracked bloc's, grey for the states in no bloc.

    Why by tracked slot and not "colour i for the i-th largest bloc": blocs reorder as
    capabilities change, and a classroom would see NATO turn from blue to red for no reason;
    the tracking (engine/bloc_tracking.py) keeps a bloc's slot while it keeps most members.
    """
    colors = [UNALIGNED_COLOR] * n
    for bloc in blocs:
        color = bloc_color(bloc.slot)
        for sid in bloc.members:
            if sid in index:
                colors[index[sid]] = color
    return colors


def qcolor(spec: str) -> QColor:
    """QColor from "#RRGGBB" or "#AARRGGBB"."""
    return QColor(spec)
