"""Predict, then reveal: how a class's prediction of the ties at a later turn is scored (no Qt).

PhET-style inquiry: the class commits to a prediction before the model runs. The prediction
starts as "nothing changes" (today's ties) and the class adds the ties it expects to form and
removes the ones it expects to break. Scored over every pair that is tied now, predicted or
tied then: a pair is right when the prediction says what happened. The "nothing changes"
baseline is scored the same way, so a class sees whether its theory beat inertia.
"""
from __future__ import annotations

from dataclasses import dataclass

Pair = tuple[str, str]


def pair(a: str, b: str) -> Pair:
    return (a, b) if a < b else (b, a)


def tie_pairs(world) -> set[Pair]:
    return {pair(world.ids[i], world.ids[j]) for i, j in world.tie_list()}


@dataclass
class TieScore:
    right: int
    total: int
    baseline_right: int  # what "nothing changes" would have scored
    expected_not_there: list[Pair]  # predicted, but not tied at the turn
    missed: list[Pair]  # tied at the turn, but not predicted

    def summary(self) -> str:
        return (f"{self.right} of {self.total} pairs right; \"nothing changes\" would have got "
                f"{self.baseline_right} of {self.total}")


def score_ties(now: set[Pair], predicted: set[Pair], actual: set[Pair]) -> TieScore:
    pairs = now | predicted | actual
    right = sum((p in predicted) == (p in actual) for p in pairs)
    baseline = sum((p in now) == (p in actual) for p in pairs)
    return TieScore(right, len(pairs), baseline, sorted(predicted - actual), sorted(actual - predicted))
