"""Polarity: how many great powers count as poles (Waltz 1979, ch. 7).

A pole is a state holding at least POLE_SHARE of the strongest state's capability. Why a
share of the leader and not of the world: Waltz ranks states by capability and asks how many
are in the top class; a world of two giants and twenty small states is bipolar however many
small states there are. Why one half: on the bundled Correlates of War data it reads 1955
(USA .266, USSR .179, China .091) and East Asia 2016 (China .231, USA .133) as bipolar,
1914 (Germany, Russia, Britain) and 1936 (USSR, Germany, Britain) as multipolar, and the
world after the scripted Soviet collapse of 1989 (USSR .067 against the USA's .148) as
unipolar.
"""
from __future__ import annotations

import numpy as np

POLE_SHARE = 0.5


def poles_of(share: np.ndarray) -> np.ndarray:
    """Boolean (n,): which states are poles."""
    if share.size == 0:
        return np.zeros(0, dtype=bool)
    return share >= POLE_SHARE * share.max()


def polarity(share: np.ndarray) -> dict:
    """{"poles": count, "label": "unipolar" | "bipolar" | "multipolar"}."""
    count = int(poles_of(share).sum())
    label = "unipolar" if count <= 1 else "bipolar" if count == 2 else "multipolar"
    return {"poles": count, "label": label}
