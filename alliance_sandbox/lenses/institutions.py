"""Liberal institutionalism: an alliance is an institution that outlives its first purpose."""
from __future__ import annotations

import numpy as np

from .base import Decision, Lens, arming, balancing_desire, common_threat_reason

#: What a fully built institution (assets 1.0) adds to the wish to keep a tie.
INSTITUTION_WEIGHT = 0.35


def legitimacy(world) -> np.ndarray:
    """(1 + affinity) / 2: an institution imposed on unwilling members (affinity < 0) is brittle."""
    return np.clip(0.5 + 0.5 * world.affinity, 0.0, 1.0)


class Institutionalism(Lens):
    id = "institutions"
    name = "Liberal institutionalism"
    claim = (
        "An alliance is an institution: it persists, adapts to a new environment and takes on "
        "new missions, thanks to the institutional assets it built."
    )
    citation = "Keohane (1984); Wallander (2000), Institutional Assets and Adaptability: NATO after the Cold War"
    rule = (
        "desire = realist balancing (as balance of threat) + 0.35 x institutional assets x "
        "legitimacy; assets grow while a tie lasts (+5% x commitment a turn) and stay after the threat."
    )

    def decide(self, world, seen):
        threat = self.threat(world, seen)
        extra = INSTITUTION_WEIGHT * world.institution * legitimacy(world) * world.tied()
        desire = balancing_desire(world, seen, threat) + extra
        return Decision(threat, desire, arming(world, seen, threat), extra)

    def reason(self, world, seen, decision, i, j):
        text = common_threat_reason(world, seen, decision, i, j)
        if decision.extra[i, j] > 0:
            text += (
                f"; institutional assets {world.institution[i, j]:.2f} x legitimacy "
                f"{min(1.0, max(0.0, 0.5 + 0.5 * world.affinity[i, j])):.2f} add {decision.extra[i, j]:+.2f}"
            )
        return text
