"""What the GUI tests read of a view's inner state that the app itself never asks for.

These lived on the UI classes as methods only tests called; here they keep the classes to
what the app uses, and one place says which private parts the tests depend on.
"""
from __future__ import annotations

from PySide6.QtGui import QTextCursor


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


def point_count(charts) -> int:
    """Turns plotted (the x data of the risk curves)."""
    x = charts.abandonment_curve.xData
    return 0 if x is None else len(x)


def curve_point_counts(charts) -> dict[str, int]:
    """Points of every visible curve, by name (share lines by state id)."""
    def points(curve) -> int:
        return 0 if curve.yData is None else len(curve.yData)

    counts = {name: points(curve) for name, curve in (
        ("abandonment", charts.abandonment_curve), ("entrapment", charts.entrapment_curve),
        ("blocs", charts.bloc_curve), ("realignments", charts.realign_curve))}
    if charts.others_curve.isVisible():
        counts["others"] = points(charts.others_curve)
    world = charts.controller.first_world
    for i in charts._shown:
        counts[world.ids[i]] = points(charts.share_curves[charts._slots[i]])
    return counts


def risk_title(charts) -> str:
    """The risk chart's title as shown (rich text)."""
    return charts.risk_plot.titleLabel.text


def risk_series(charts):
    """(abandonment, entrapment) y values as plotted."""
    return charts.abandonment_curve.yData, charts.entrapment_curve.yData


def shown_states(charts) -> list[str]:
    """The ids of the states with a share line."""
    ids = charts.controller.first_world.ids
    return [ids[i] for i in charts._shown]


def hover_text(charts) -> str:
    """The readouts now shown (plain text; empty when the pointer is not over a plot)."""
    return "\n".join(t.textItem.toPlainText() for t in charts._hover_texts if t.isVisible())


def plain_text(info) -> str:
    """The Info dock's scenario texts as plain text."""
    return info.text.toPlainText()


def field_row(inspector, name: str):
    """The Attributes row of a field (its `.label`, `.slider`, `.spin`)."""
    return inspector._rows[name]


def standing_text(inspector, key: str) -> str:
    """A read-only figure as shown (share, risks, security, autonomy)."""
    return inspector._standing[key].text()


def commitment_spin(inspector, partner: str):
    """The commitment box of the tie with `partner`."""
    return inspector.tie_table.cellWidget(inspector._tie_partners.index(partner), 2)


def remove_button(inspector, partner: str):
    """The remove button of the tie with `partner`."""
    return inspector.tie_table.cellWidget(inspector._tie_partners.index(partner), 5)


def turns_shown(log) -> list[int]:
    """The turns whose headings the log shows, top to bottom."""
    turns = []
    block = log.text.document().firstBlock()
    while block.isValid():
        row = block.userState()
        if row >= 0 and log._rows[row][1] is None:
            turns.append(log._rows[row][0])
        block = block.next()
    return turns


def entry_rect(log, index: int):
    """Viewport rectangle of the index-th event shown (scrolls it into view first)."""
    k = -1
    block = log.text.document().firstBlock()
    while block.isValid():
        row = block.userState()
        if row >= 0 and log._rows[row][1] is not None:
            k += 1
            if k == index:
                cursor = QTextCursor(block)
                log.text.setTextCursor(cursor)
                log.text.ensureCursorVisible()
                return log.text.blockBoundingGeometry(block).translated(log.text.contentOffset())
        block = block.next()
    raise IndexError(index)
