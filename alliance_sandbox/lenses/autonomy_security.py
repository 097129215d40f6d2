"""The autonomy-security trade-off (Morrow 1991): unequal partners exchange different goods."""
from __future__ import annotations

import numpy as np

from .base import ENMITY, PARTNER_THREAT, TIE_COST, Decision, Lens, arming, threat_similarity, urgency

#: Weight of autonomy (bases, policy concessions) gained by the major partner per unit of
#: capability asymmetry, and the smaller weight of what the minor partner gives up: the
#: exchange pays for both when the minor partner is under threat.
AUTONOMY_WEIGHT = 0.3
AUTONOMY_GIVEN = 0.1


class AutonomySecurity(Lens):
    id = "autonomy_security"
    name = "Autonomy-security trade-off"
    claim = (
        "Minor states get security from major partners at the cost of autonomy; "
        "major partners gain autonomy at the cost of providing security."
    )
    citation = "Morrow (1991), Alliances and Asymmetry, AJPS 35(4): 904-933"
    rule = (
        "desire[i,j] = urgency x i's worst threat x similarity of i's and j's threats x min(1, 2 x "
        "j's relative capability) (security) + 0.3 x the capability asymmetry if i is the major "
        "partner, or - 0.1 x it if i is the minor one (autonomy) - 0.5 x j's own threat - 0.8 x "
        "max(0, -affinity) (no exchange with an enemy) - tie cost."
    )

    def decide(self, world, seen):
        threat = self.threat(world, seen)
        worst = threat.max(axis=1)
        # security only from a partner that faces the same threats (not from a stranger to them)
        security = urgency(world) * worst[:, None] * threat_similarity(threat) * np.minimum(1.0, 2.0 * seen.relative)
        asymmetry = seen.relative.T - seen.relative  # > 0 when i is the major partner
        autonomy = np.where(asymmetry > 0, AUTONOMY_WEIGHT, AUTONOMY_GIVEN) * asymmetry
        hostility = ENMITY * np.maximum(0.0, -world.affinity)  # no exchange with an enemy (base.balancing_desire)
        desire = security + autonomy - PARTNER_THREAT * threat - hostility - TIE_COST
        np.fill_diagonal(desire, -1.0)
        return Decision(threat, desire, arming(world, seen, threat), autonomy)

    def reason(self, world, seen, decision, i, j):
        names = world.names
        hostility = ENMITY * max(0.0, -float(world.affinity[i, j]))
        gain = decision.desire[i, j] - decision.extra[i, j] + TIE_COST + PARTNER_THREAT * decision.threat[i, j] + hostility
        role = "major" if decision.extra[i, j] > 0 else "minor"
        return (
            f"{names[i]} is the {role} partner: security {gain:+.2f}, "
            f"autonomy {decision.extra[i, j]:+.2f}; desire {decision.desire[i, j]:+.2f}"
        )
