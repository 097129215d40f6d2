"""What the GUI tests read of a view's inner state that the app itself never asks for.

These lived on the UI classes as methods only tests called; here they keep the classes to
what the app uses, and one place says which private parts the tests depend on.
"""
from __future__ import annotations


def share_curve(charts, state_id: str):
    """The share line the charts dock draws for a state (the state must be shown)."""
    i = charts.controller.first_world.index[state_id]
    return charts.share_curves[charts._slots[i]]


def band_data(bands, kind: str) -> tuple:
    """(low, median, high) y values of an ensemble's risk band, as drawn."""
    low, high, _fill, median = bands.items[kind]
    return low.yData, median.yData, high.yData


def tie_partners(inspector) -> list[str]:
    """The partners of the inspected state, in the tie table's row order."""
    return list(inspector._tie_partners)


def shortcuts_text(window) -> str:
    """Every keyed command of the window, one "keys: command" line each."""
    return "\n".join(f"{keys}: {what}" for keys, what in window.shortcut_rows())


def is_scoring(scorecard) -> bool:
    """The Scorecard still has runs to score."""
    return bool(scorecard._queue)
