"""Balance of power (Waltz 1979): states balance against power itself."""
from __future__ import annotations

import numpy as np

from .base import Decision, Lens, arming, balancing_desire


#: How much of a partner's power a tie takes away under this lens: less than the other
#: lenses (perception.ALLY_TRUST), because to Waltz an ally's power is still power.
POWER_ALLY_TRUST = 0.5


def power_threat(world, seen) -> np.ndarray:
    """[i, k] = relative[i, k] x s_k / s_max x (1 - 0.5 if i and k are tied).

    Only capability counts: the stronger k is next to i, and the closer k is to being the
    strongest state of all, the more i must balance it. Allies are feared somewhat less.
    """
    s = seen.share
    dominance = s / s.max() if s.size and s.max() > 0 else s
    threat = seen.relative * dominance[None, :] * (1.0 - POWER_ALLY_TRUST * world.tied())
    np.fill_diagonal(threat, 0.0)
    return threat


class BalanceOfPower(Lens):
    id = "power"
    name = "Balance of power"
    claim = "States balance against power, so that no one state dominates."
    citation = "Waltz (1979), Theory of International Politics"
    rule = (
        "threat[i,k] = relative capability of k x k's capability / the strongest's x "
        "(1 - 0.5 for a partner); then realist balancing (model.md): ally with those who fear "
        "the same powers. Distance and intentions do not count."
    )

    def threat(self, world, seen):
        return power_threat(world, seen)

    def decide(self, world, seen):
        threat = self.threat(world, seen)
        return Decision(threat, balancing_desire(world, seen, threat), arming(world, seen, threat))

    def reason(self, world, seen, decision, i, j):
        t = decision.threat
        k = int(np.argmax(t[i] * t[j]))
        names, s = world.names, seen.share
        if t[i, k] * t[j, k] <= 0:
            return f"no common power to balance; desire {decision.desire[i, j]:+.2f}"
        return (
            f"balancing {names[k]} (share {s[k]:.2f}): power threat to {names[i]} {t[i, k]:.2f}, "
            f"to {names[j]} {t[j, k]:.2f}; desire {decision.desire[i, j]:+.2f}"
        )
