"""The alliance security dilemma (Snyder 1984) and the autonomy-security trade-off (Morrow 1991).

For every tie, in both directions, every turn and under every lens:

    dependence[i, j]  = s_j / (s_i + s_j)                      how much i needs j
    alternatives[j|i] = sum_{k != i, j} s_k (1 - threat[j, k]) / (1 - s_j)
                        how much friendly capability j could turn to instead of i
    abandonment[i, j] = alternatives[j|i] x (1 - dependence[j, i]) x (1 - commitment)
    entrapment[i, j]  = aggression_j x (1 - (1 - commitment) x (1 - dependence[i, j]))

So raising a tie's commitment lowers both partners' abandonment risk and raises both
partners' entrapment risk (C7), and more friendly alternatives, as in a multipolar
world, mean more abandonment risk. A state's risk is the mean over its ties weighted by
its dependence on each partner; a state with no ties has neither risk.

Morrow's trade-off, per state: security gained = sum over ties of commitment x
dependence (capped at 1); autonomy change = sum over ties of commitment x
(dependence[j, i] - dependence[i, j]) / 2, positive for the major partner (it gains
autonomy), negative for the minor one (it gives autonomy for security).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .perception import Perception
from .world import World


@dataclass
class Risks:
    tie_abandonment: np.ndarray  # (n, n) [i, j]: risk that j abandons i; 0 where no tie
    tie_entrapment: np.ndarray  # (n, n) [i, j]: risk that j drags i into its conflict
    abandonment: np.ndarray  # (n,) per state
    entrapment: np.ndarray  # (n,)
    security: np.ndarray  # (n,) security gained from allies (Morrow)
    autonomy: np.ndarray  # (n,) autonomy gained (> 0) or given up (< 0)


def alliance_risks(world: World, perception: Perception, threat: np.ndarray) -> Risks:
    """Both risks for every tie; `threat` is the active lens's threat matrix."""
    s = perception.share
    tied = world.tied()
    commitment = world.commitment
    dependence = perception.relative
    friendly = s[None, :] * (1.0 - np.clip(threat, 0.0, 1.0))
    np.fill_diagonal(friendly, 0.0)
    others = np.maximum(1.0 - s, 1e-12)
    # alternatives[j, i]: j's friendly capability apart from i, as a share of all but j
    alternatives = np.clip((friendly.sum(axis=1)[:, None] - friendly) / others[:, None], 0.0, 1.0)
    loose = 1.0 - commitment
    abandonment = np.where(tied, alternatives.T * (1.0 - dependence.T) * loose, 0.0)
    entrapment = np.where(tied, world.aggression[None, :] * (1.0 - loose * (1.0 - dependence)), 0.0)
    weights = np.where(tied, dependence, 0.0)
    weight_sum = weights.sum(axis=1)
    safe = np.where(weight_sum > 0, weight_sum, 1.0)
    state_abandonment = np.where(weight_sum > 0, (weights * abandonment).sum(axis=1) / safe, 0.0)
    state_entrapment = np.where(weight_sum > 0, (weights * entrapment).sum(axis=1) / safe, 0.0)
    held = np.where(tied, commitment, 0.0)
    security = np.minimum(1.0, (held * dependence).sum(axis=1))
    autonomy = (held * (dependence.T - dependence)).sum(axis=1) / 2.0
    return Risks(abandonment, entrapment, state_abandonment, state_entrapment, security, autonomy)
