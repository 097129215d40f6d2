"""Constructivism: shared identity and values, a "we-feeling", make alliances durable."""
from __future__ import annotations

from .base import Decision, Lens, arming, balancing_desire, common_threat_reason

#: What affinity plus full shared identity add to the wish for a tie.
IDENTITY_WEIGHT = 0.3


class Constructivism(Lens):
    id = "identity"
    name = "Constructivism"
    claim = (
        "Identities and values matter as much as threats: allies who grow a shared identity "
        "(a we-feeling) stay together after the threat is gone."
    )
    citation = "Risse-Kappen (1996), Collective Identity in a Democratic Community: The Case of NATO; Wendt (1999)"
    rule = (
        "desire = realist balancing (as balance of threat) + 0.3 x (affinity + shared identity); "
        "shared identity grows with cooperation (+4% x commitment x (1 + affinity)/2 a turn)."
    )

    def decide(self, world, seen):
        threat = self.threat(world, seen)
        extra = IDENTITY_WEIGHT * (world.affinity + world.identity)
        desire = balancing_desire(world, seen, threat) + extra
        return Decision(threat, desire, arming(world, seen, threat), extra)

    def reason(self, world, seen, decision, i, j):
        return (
            common_threat_reason(world, seen, decision, i, j)
            + f"; affinity {world.affinity[i, j]:+.2f} + shared identity {world.identity[i, j]:.2f}"
            f" add {decision.extra[i, j]:+.2f}"
        )
