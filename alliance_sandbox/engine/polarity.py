"""Polarity: how many poles the system has, by a documented rule (Waltz 1979).

Waltz (1979, ch. 7, pp. 129-131) ranks the units by capability and counts as poles the
great powers that stand far above the rest. The rule here: a pole is a state holding at
least POLE_SHARE (half) of the capability of the strongest state.

Why half, read on the bundled cases (COW CINC scores):
- 1955: USA .266, USSR .179, China .091 -> two poles, bipolar (China holds a third of the
  USA's score: CINC counts population and steel, not nuclear weapons);
- 1914: Germany, Russia, Britain within a factor 2 of each other -> multipolar;
- 1936: the USSR, Germany, Britain -> multipolar;
- East Asia 2016: China .231, USA .133, India .087 -> bipolar;
- after the 1989 scenario's scripted Soviet collapse: USSR .067 vs USA .148 -> unipolar.
A lower ratio (a third) would make China a pole in 1955; a higher one (two thirds) would
make the United States no pole in East Asia 2016 nor Britain in 1936.

Why a ratio to the strongest and not a share of the world (as the old 5% threshold did):
polarity is about the top of the ranking; twenty small states do not add a pole.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: A pole holds at least this fraction of the strongest state's capability.
POLE_SHARE = 0.5

LABELS = {1: "unipolar", 2: "bipolar"}


@dataclass(frozen=True)
class Polarity:
    poles: int
    label: str  # "unipolar" | "bipolar" | "multipolar"

    @property
    def multipolar(self) -> bool:
        return self.poles >= 3

    def to_dict(self) -> dict:
        """As the run output writes it: {"poles": int, "label": str}."""
        return {"poles": self.poles, "label": self.label}

    def describe(self) -> str:
        """For a status bar: "Bipolar (2 poles)"."""
        return f"{self.label.capitalize()} ({self.poles} pole{'s' if self.poles != 1 else ''})"


def poles_of(capability: np.ndarray) -> np.ndarray:
    """Boolean (n,): which states are poles (any positive scale of capability)."""
    capability = np.asarray(capability, dtype=float)
    if capability.size == 0:
        return np.zeros(0, dtype=bool)
    strongest = capability.max()
    if strongest <= 0:
        return np.ones(capability.size, dtype=bool)
    return capability >= POLE_SHARE * strongest


def polarity(capability: np.ndarray) -> Polarity:
    """Number of poles and the word for it, from capabilities or capability shares."""
    poles = int(poles_of(capability).sum())
    return Polarity(poles, LABELS.get(max(poles, 1), "multipolar"))
