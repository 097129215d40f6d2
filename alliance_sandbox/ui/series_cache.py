"""The charts' data: per-turn series in numpy arrays, grown one turn at a time (no Qt here).

Why a module of its own: it is the part of the charts with no drawing in it, so it is
tested without a widget (and could feed another front end). After Mesa's DataCollector,
but incremental: a live run appends one row per turn instead of re-reading 1,000 records.
Back, Reset and Load shrink the history, and an edit replaces the latest record; the cache
notices by comparing record identities from the end and recomputes only the tail.
"""
from __future__ import annotations

import math

import numpy as np

from alliance_sandbox.engine.report import allied_mean


class SeriesCache:
    """Per-turn series, row t = turn t, grown in place.

    abandonment, entrapment, share: (turns, states); mean_abandonment, mean_entrapment
    (mean over the states that have at least one tie: a state without ties has neither
    risk, so counting it as 0 would only dilute the mean), blocs (alliance groups of two
    or more), realignments (ties formed or left that turn): (turns,).
    """

    PER_STATE = ("abandonment", "entrapment", "share")
    PER_TURN = ("mean_abandonment", "mean_entrapment", "blocs", "realignments")

    def __init__(self) -> None:
        self.n_states = -1
        self.clear(0)

    def clear(self, n_states: int) -> None:
        self.n_states = n_states
        self.count = 0
        self._records: list = []
        self._allocate(64)

    def _allocate(self, capacity: int) -> None:
        old = {name: getattr(self, name, None) for name in self.PER_STATE + self.PER_TURN}
        self.capacity = capacity
        for name in self.PER_STATE:
            setattr(self, name, np.zeros((capacity, self.n_states)))
        for name in self.PER_TURN:
            setattr(self, name, np.zeros(capacity))
        for name, array in old.items():
            if array is not None and self.count and array.shape[1:] == getattr(self, name).shape[1:]:
                getattr(self, name)[: self.count] = array[: self.count]

    def sync(self, history: list) -> int | None:
        """Follow `history` (a list of TurnRecord); the first row that changed, or None."""
        n = history[0].world.n if history else 0
        if n != self.n_states:
            self.clear(n)
        keep = min(self.count, len(history))
        # histories change at their tail (Back, an edit of the latest turn, a new run)
        while keep and history[keep - 1] is not self._records[keep - 1]:
            keep -= 1
        if keep == self.count == len(history):
            return None
        self.count = keep
        del self._records[keep:]
        if len(history) > self.capacity:
            self._allocate(max(len(history), 2 * self.capacity))
        for record in history[keep:]:
            self._append(record)
        return keep

    def _append(self, record) -> None:
        t = self.count
        world, risks = record.world, record.risks
        self.abandonment[t] = risks.abandonment
        self.entrapment[t] = risks.entrapment
        self.share[t] = world.share
        self.mean_abandonment[t] = allied_mean(risks.abandonment, world)
        self.mean_entrapment[t] = allied_mean(risks.entrapment, world)
        self.blocs[t] = sum(1 for group in world.blocs() if len(group) > 1)
        self.realignments[t] = record.realignments
        self._records.append(record)
        self.count = t + 1

    def record(self, t: int):
        return self._records[t]


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 x 10^k at or above `value`.

    Why: axis ranges change only in these coarse steps, so a live run re-lays its axes
    now and then, not every turn, and at most about a fifth of the plot stays empty.
    """
    if value <= 0:
        return 1.0
    scale = 10.0 ** math.floor(math.log10(value))
    for step in (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0):
        if step * scale >= value * (1 - 1e-9):
            return step * scale
    return 10.0 * scale
