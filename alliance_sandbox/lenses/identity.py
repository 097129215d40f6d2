"""Constructivism: shared identity and values, a "we-feeling", make alliances durable.

What the theory predicts, and so what this lens does (docs/predictions.md):
* Allies who share values and cooperate grow a collective identity, and a security
  community of such states outlasts the threat that founded it (Risse-Kappen 1996 on NATO
  as a community of democracies; Adler & Barnett 1998; Wendt 1999).
* Identity grows only where values are shared (affinity > 0) and the cooperation is
  chosen: a pact held by force builds no we-feeling, and estrangement erodes what there
  was (engine/dynamics.grow_bonds). So the Warsaw Pact has no community to fall back on
  once Moscow cannot hold it.
* The community's boundary is identity: a state that becomes a democracy is drawn to the
  democratic community, which welcomes it (as institutions.enlargement, with shared
  identity as the depth).
"""
from __future__ import annotations

from alliance_sandbox.engine.events import Text

from .base import Decision, Lens, arming, balancing_desire, common_threat_reason
from .institutions import depth_of, enlargement

#: What affinity plus full shared identity add to the wish for a tie.
IDENTITY_WEIGHT = 0.3
#: What belonging to a community of full shared identity is worth to a kindred newcomer.
COMMUNITY_WEIGHT = 0.5


class IdentityLens(Lens):
    id = "identity"
    name = "Constructivism"
    claim = (
        "Identities and values matter as much as threats: allies who grow a shared identity "
        "(a we-feeling) stay together after the threat is gone."
    )
    citation = "Risse-Kappen (1996), Collective Identity in a Democratic Community: The Case of NATO; Wendt (1999)"
    rule = (
        "desire = realist balancing (as balance of threat) + 0.3 x (affinity + shared identity); "
        "shared identity grows with chosen cooperation among kindred states (+4% x commitment x "
        "max(0, affinity) a turn), erodes when values diverge, and a pact held by force builds "
        "none; a state whose regime changed is drawn to a kindred community (+0.5 x its shared "
        "identity x affinity), which pays no crowding for it."
    )

    def decide(self, world, seen):
        threat = self.threat(world, seen)
        keep = IDENTITY_WEIGHT * (world.affinity + world.identity)
        pull, waived = enlargement(world, depth_of(world, world.identity), COMMUNITY_WEIGHT)
        extra = keep + pull + waived
        parts = {"keep": keep, "pull": pull, "waived": waived}
        desire = balancing_desire(world, seen, threat, parts=parts) + extra
        return Decision(threat, desire, arming(world, seen, threat), extra, parts=parts)

    def reason(self, world, seen, decision, i, j):
        parts = decision.parts
        pull = parts["pull"][i, j]
        newcomer = (i if world.regime_changed[i] >= 0 else j) if pull > 0 else None
        return common_threat_reason(world, seen, decision, i, j) + Text(
            _community_text, world.affinity[i, j], world.identity[i, j], parts["keep"][i, j], pull,
            None if newcomer is None else world.names[newcomer],
            None if newcomer is None else world.regimes[newcomer], parts["waived"][i, j])


def _community_text(affinity: float, identity: float, keep: float, pull: float, newcomer: str | None,
                    regime: str | None, waived: float) -> str:
    text = f"; affinity {affinity:+.2f} + shared identity {identity:.2f} add {keep:+.2f}"
    if pull > 0:
        text += f"; {newcomer}, a new {regime}, is drawn to the community: {pull:+.2f}"
    if waived > 0:
        text += f" (one more member costs no crowding: {waived:+.2f})"
    return text
