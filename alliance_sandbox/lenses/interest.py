"""Balance of interests (Schweller 1994): compatible goals decide, a threat is not needed."""
from __future__ import annotations

import numpy as np

from .base import TIE_COST, Decision, Lens, arming


def interest_threat(world, seen) -> np.ndarray:
    """[i, k] = max(0, -q_i x q_k) x relative[i, k] x (1 - commitment): opposed goals and strength.

    A status-quo state fears a strong revisionist; a revisionist resents a strong defender
    of the order. q is satisfaction: below 0 revisionist, above 0 status quo.
    """
    q = world.satisfaction
    threat = np.maximum(0.0, -np.outer(q, q)) * seen.relative * seen.ally_discount
    np.fill_diagonal(threat, 0.0)
    return threat


class BalanceOfInterests(Lens):
    id = "interest"
    name = "Balance of interests"
    claim = (
        "Balancing is for self-preservation, bandwagoning for gain: status-quo states pile on "
        "to the status-quo side, revisionists bandwagon with a rising revisionist (jackals)."
    )
    citation = "Schweller (1994), Bandwagoning for Profit, International Security 19(1)"
    rule = (
        "desire[i,j] = q_i x q_j x (0.25 + 0.75 x relative capability of j) - tie cost, with q "
        "the satisfaction: like-minded states attract, the stronger the more; opposed ones repel."
    )

    def threat(self, world, seen):
        return interest_threat(world, seen)

    def decide(self, world, seen):
        q = world.satisfaction
        threat = self.threat(world, seen)
        desire = np.outer(q, q) * (0.25 + 0.75 * seen.relative) - TIE_COST
        np.fill_diagonal(desire, -1.0)
        return Decision(threat, desire, arming(world, seen, threat))

    def reason(self, world, seen, decision, i, j):
        names, q, s = world.names, world.satisfaction, seen.share
        kind = bandwagon_kind(q[i], q[j], s[i], s[j])
        return (
            f"{kind}: satisfaction {names[i]} {q[i]:+.2f}, {names[j]} {q[j]:+.2f}; "
            f"{names[j]}'s relative capability {seen.relative[i, j]:.2f}; desire {decision.desire[i, j]:+.2f}"
        )


def bandwagon_kind(q_i: float, q_j: float, s_i: float, s_j: float) -> str:
    """Schweller's names for joining j: jackal, piling-on, or plain balancing."""
    if q_i < 0 and q_j < 0:
        return "jackal bandwagoning with a rising revisionist" if s_j > s_i else "revisionists combine"
    if q_i > 0 and q_j > 0:
        return "piling-on with the stronger status-quo side" if s_j > s_i else "status-quo states combine"
    return "incompatible goals"
