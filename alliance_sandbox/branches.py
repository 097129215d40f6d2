"""Branches: "what if?" runs that share their past with the run they came from (no Qt).

A branch is a whole `Simulation` of its own: the turns up to the branch point, exactly as they
were (worlds, lenses, the random generator's state), then whatever the class does next. Made by
copying the run one turn past the branch point and stepping the copy back, so the engine's own
Back guarantees the copy continues exactly as the original would have; nothing here knows the
engine's fields.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field


def fork(sim, turn: int):
    """An independent copy of `sim` as it stood at `turn` (0 <= turn < len(sim.history))."""
    if not 0 <= turn < len(sim.history):
        raise ValueError(f"turn {turn} is not in the history (0..{len(sim.history) - 1})")
    # Turn records are snapshots the engine never changes (an edit replaces the record): the
    # branch shares those of its past instead of copying them, and so costs the same at turn
    # 10 or 1,000. The rest of the run (its live world, generator, lens) is copied.
    memo = {id(record): record for record in sim.history[: turn + 1]}
    kept, sim.history = sim.history, sim.history[: turn + 2]
    try:
        branch = copy.deepcopy(sim, memo)
    finally:
        sim.history = kept
    while len(branch.history) > turn + 1:
        branch.back()  # the engine's exact Back: world, lens and random state of that turn
    return branch


@dataclass(eq=False)
class Branch:
    """One run in the tree: `parent` is the branch it came from (None for the first run)."""

    name: str
    sim: object
    parent: Branch | None = None
    from_turn: int = 0
    children: list[Branch] = field(default_factory=list)

    def depth(self) -> int:
        return 0 if self.parent is None else self.parent.depth() + 1
