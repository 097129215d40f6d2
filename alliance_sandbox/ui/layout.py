"""The main window's layout numbers, named: where the docks go and how big they start.

Used for the first layout (later ones come from the saved settings) and on entering
presentation mode. The sizes are shares of the window with floors and ceilings in pixels,
chosen on a 1366x768 laptop, a 1024x768 projector and a 1920x1080 screen.
"""
from __future__ import annotations

#: The smallest window (pixels): the map and one dock still usable.
MIN_WINDOW = (640, 480)

#: Below this height (pixels), or narrower than this width/height ratio, the window is
#: "compact" (a short or 4:3 screen): height is what is missing, so the docks go to the right
#: and the map keeps the full height.
COMPACT_HEIGHT = 900
COMPACT_RATIO = 1.45

#: Compact: the right-hand column's width, a share of the window's within (min, max) pixels,
#: and the charts' and the inspector's shares of its height.
COLUMN_SHARE, COLUMN_MIN, COLUMN_MAX = 0.36, 340, 560
COLUMN_SPLIT = (0.45, 0.55)

#: Wide: the inspector's width on the right, and the bottom row (charts, log) under the map:
#: its height and the charts' and the log's shares of its width.
INSPECTOR_SHARE, INSPECTOR_MIN, INSPECTOR_MAX = 0.22, 300, 420
BOTTOM_SHARE, BOTTOM_MIN = 0.34, 240
BOTTOM_SPLIT = (0.55, 0.45)

#: Presenting: the map keeps two thirds of a 4:3 screen's width (the charts on the right) or
#: about two thirds of a wide one's height (the charts below). A strip under the map at 4:3
#: was tried: the map lost more height than it gained width, and a chart 150 px high was unreadable.
PRESENT_SIDE_SHARE, PRESENT_SIDE_MIN = 1 / 3, 300
PRESENT_BOTTOM_SHARE, PRESENT_BOTTOM_MIN = 0.36, 240

#: Lines of headlines in the presentation band: two on a short screen keep the map tall.
CAPTION_LINES_SHORT, CAPTION_LINES = 2, 3


def is_compact(width: int, height: int) -> bool:
    """A short or 4:3 screen (a 1366x768 laptop, a 1024x768 projector)."""
    return height < COMPACT_HEIGHT or width / max(height, 1) < COMPACT_RATIO


def share(total: int, part: float, low: int, high: int | None = None) -> int:
    """`part` of `total` pixels, at least `low` and at most `high`."""
    size = max(low, int(part * total))
    return size if high is None else min(high, size)


def caption_lines(height: int) -> int:
    return CAPTION_LINES_SHORT if height < COMPACT_HEIGHT else CAPTION_LINES
