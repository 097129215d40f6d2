"""What the map shows and offers about one state: the hover text and the right-click menu.

Why apart from the view: these are words and choices for the user (which numbers a
teacher points at, which partners the menu offers), not the mechanics of a map; the view
(map_view.py) calls them with the state under the pointer and connects what they return.
"""
from __future__ import annotations

import html
from collections.abc import Callable

import numpy as np
from PySide6.QtWidgets import QMenu, QWidget

from alliance_sandbox.ui.map_items import TIE_KIND_NAMES

#: States offered in the "Ally with" and "Entente with" menus: the nearest ones.
ALLY_MENU_SIZE = 15


def partners(world, i: int) -> list[tuple[int, str]]:
    """State i's partners and the kind of each tie: [(j, "alliance"), ...]."""
    row = world.tie_kind[i]
    return [(int(j), TIE_KIND_NAMES[int(row[j]) - 1]) for j in np.flatnonzero(row)]


def state_tooltip(world, i: int, risks: dict | None, presentation: bool) -> str:
    """State i's numbers, its two alliance risks when known, and its ties (HTML)."""
    state_id = world.ids[i]
    sat = float(world.satisfaction[i])
    stance = "status quo" if sat >= 0 else "revisionist"
    rows = [
        f"<b>{html.escape(world.names[i] or state_id)}</b> ({html.escape(state_id)})",
        f"Capability: {world.capability[i]:.3g} ({100 * world.share[i]:.1f}% of world)",
        f"Offense: {world.offense[i]:.2f} &nbsp; Aggression: {world.aggression[i]:.2f}",
        f"Satisfaction: {sat:+.2f} ({stance})",
    ]
    for key, title in (("abandonment", "Abandonment risk"), ("entrapment", "Entrapment risk")):
        values = (risks or {}).get(key)
        if values is not None and i < len(values) and np.isfinite(values[i]):
            rows.append(f"{title}: {100 * float(values[i]):.0f}%")
    ties = partners(world, i)
    if ties:
        text = ", ".join(f"{html.escape(world.names[j] or world.ids[j])} ({kind})"
                         for j, kind in ties[:6])
        more = f" +{len(ties) - 6}" if len(ties) > 6 else ""
        rows.append(f"Ties: {text}{more}")
    size = 18 if presentation else 13
    return f"<div style='font-size:{size}px'>" + "<br>".join(rows) + "</div>"


def _div(rows: list[str], presentation: bool) -> str:
    size = 18 if presentation else 13
    return f"<div style='font-size:{size}px'>" + "<br>".join(rows) + "</div>"


def _name(world, j: int) -> str:
    return html.escape(world.names[j] or world.ids[j])


def tie_tooltip(world, i: int, j: int, risks: dict | None, presentation: bool) -> str:
    """A tie's kind, commitment, since when, and each side's risks of it (HTML)."""
    kind = TIE_KIND_NAMES[int(world.tie_kind[i, j]) - 1]
    since = int(world.tie_since[i, j])
    rows = [f"<b>{_name(world, i)} – {_name(world, j)}</b>: {kind}",
            f"Commitment: {_name(world, i)} {float(world.commitment[i, j]):.2f}, "
            f"{_name(world, j)} {float(world.commitment[j, i]):.2f}"
            + (f" &nbsp; since {since}" if since >= 0 else "")]
    ab, en = (risks or {}).get("tie_abandonment"), (risks or {}).get("tie_entrapment")
    if ab is not None and en is not None:
        for a, b in ((i, j), (j, i)):
            rows.append(f"{_name(world, a)}: abandonment risk {100 * float(ab[a, b]):.0f}%, "
                        f"entrapment risk {100 * float(en[a, b]):.0f}%")
    return _div(rows, presentation)


def treaty_tooltip(world, members: list[str], presentation: bool) -> str:
    """What a treaty hub stands for: these states, each allied with every other (HTML)."""
    idx = [world.index[s] for s in members if s in world.index]
    names = ", ".join(_name(world, j) for j in idx)
    strength = world.tie_strength()
    mean = np.mean([strength[a, b] for k, a in enumerate(idx) for b in idx[k + 1:]])
    rows = [f"<b>A treaty of {len(idx)} states</b>, each allied with every other",
            f"(one spoke per member instead of {len(idx) * (len(idx) - 1) // 2} lines)",
            f"Mean commitment: {mean:.2f}", names]
    return _div(rows, presentation)


def state_menu(parent: QWidget, world, i: int, near: list[int], presentation: bool,
               tie: Callable[[str, str, str], None], untie: Callable[[str, str], None],
               select: Callable[[str], None]) -> QMenu:
    """State i's right-click menu: ally or entente with one of the states `near` it (those
    not already tied that way; at most ALLY_MENU_SIZE), break a tie, select it.
    `tie(a, b, kind)`, `untie(a, b)` and `select(id)` are called with state ids."""
    state_id = world.ids[i]
    menu = QMenu(parent)
    font = menu.font()
    if presentation:
        font.setPixelSize(18)
    menu.setFont(font)

    def name(j: int) -> str:
        return world.names[j] or world.ids[j]

    for title, kind in (("Ally with", "alliance"), ("Entente with", "entente")):
        code = TIE_KIND_NAMES.index(kind) + 1
        others = [j for j in near if world.tie_kind[i, j] != code][:ALLY_MENU_SIZE]
        sub = menu.addMenu(title)
        sub.setFont(font)  # submenus are windows of their own: no inherited font
        sub.setEnabled(bool(others))
        for j in sorted(others, key=name):
            act = sub.addAction(name(j))
            act.triggered.connect(lambda _=False, b=world.ids[j], k=kind: tie(state_id, b, k))
    ties = partners(world, i)
    sub = menu.addMenu("Break tie with")
    sub.setFont(font)
    sub.setEnabled(bool(ties))
    for j, kind in sorted(ties, key=lambda p: name(p[0])):
        act = sub.addAction(f"{name(j)} ({kind})")
        act.triggered.connect(lambda _=False, b=world.ids[j]: untie(state_id, b))
    menu.addSeparator()
    menu.addAction("Select").triggered.connect(lambda: select(state_id))
    return menu
