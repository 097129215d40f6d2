"""The alliance security dilemma (Snyder 1984): commitment trades abandonment for entrapment."""
from __future__ import annotations

import numpy as np

from alliance_sandbox.engine.events import Text
from alliance_sandbox.engine.risk import alliance_risks

from .base import Decision, Lens, arming, balancing_desire, common_threat_reason

#: How strongly a state tightens a tie when abandonment is the larger fear (and loosens it
#: when entrapment is).
FEAR_WEIGHT = 0.6
#: The least a useful tie is still worth to a state that fears entrapment: it eases the
#: commitment down to about 0.3 instead of leaving.
STAY = 0.01


class SecurityDilemmaLens(Lens):
    id = "security_dilemma"
    name = "Alliance security dilemma"
    claim = (
        "More commitment lowers the risk of abandonment and raises the risk of entrapment; "
        "the dilemma is sharper in a multipolar world."
    )
    citation = "Snyder (1984), The Security Dilemma in Alliance Politics, World Politics 36(4)"
    rule = (
        "threat as in balance of threat; on an existing tie a state tightens when its "
        "abandonment risk exceeds its entrapment risk and loosens in the opposite case: "
        "desire += 0.6 x (abandonment - entrapment), but a tie still worth having is eased, not left."
    )

    def decide(self, world, seen):
        threat = self.threat(world, seen)
        parts: dict = {}
        desire = balancing_desire(world, seen, threat, parts=parts)
        risks = alliance_risks(world, seen, threat)
        extra = np.where(world.tied(), FEAR_WEIGHT * (risks.tie_abandonment - risks.tie_entrapment), 0.0)
        # fear of entrapment loosens a useful alliance, it does not end it (Snyder 1984)
        adjusted = np.where(world.tied() & (desire > 0), np.maximum(desire + extra, STAY), desire + extra)
        return Decision(threat, adjusted, arming(world, seen, threat), extra, parts=parts)

    def reason(self, world, seen, decision, i, j):
        text = common_threat_reason(world, seen, decision, i, j)
        if world.tie_kind[i, j]:
            text += Text(_fear_text, decision.extra[i, j])
        return text


def _fear_text(weight: float) -> str:
    fear = "abandonment" if weight > 0 else "entrapment"
    return f"; fear of {fear} weighs {weight:+.2f}"
