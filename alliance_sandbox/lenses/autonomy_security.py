"""The autonomy-security trade-off (Morrow 1991): unequal partners exchange different goods.

What the theory predicts, and so what this lens does: in an asymmetric alliance the minor
partner buys security with autonomy, the major partner buys autonomy (bases, policy
concessions) by providing security; each values what it gets more than what it gives, which
is why the exchange happens. The goods are the risk model's (`engine.risk.morrow_exchange`,
one definition for the charts, the crises and this lens), weighed for a tie at full
commitment: security is worth as much as the state is threatened by what its partner also
fears; providing it costs as much as the partner is threatened.
"""
from __future__ import annotations

import numpy as np

from alliance_sandbox.engine.events import Text
from alliance_sandbox.engine.risk import morrow_exchange

from .base import (
    ENMITY,
    PARTNER_THREAT,
    TIE_COST,
    Decision,
    Lens,
    arming,
    strength_against_threat,
    threat_similarity,
    urgency,
)

#: How much the major partner values a unit of autonomy gained, and the minor partner a unit
#: given up: the minor, under threat, values autonomy less than the major gains from it.
AUTONOMY_WEIGHT = 1.0
AUTONOMY_GIVEN = 0.2
#: The share of the concessions it asks that a major partner forgoes, out of its own surplus
#: from the tie, to keep a minor partner that would not take the tie on full terms
#: (`bargained_terms`). 0 switches the bargaining off (the ablation).
TERMS = 1.0
#: Whether the major partner of a standing alliance may, besides waiving the concessions, carry
#: the minor partner's running cost of the tie (`TIE_COST`) out of its own surplus
#: (`bargained_terms`). False: it waives only the concessions, the rule before December 2026
#: (the ablation: every tie of the 1989 case ends with the Soviet threat).
CARRY_COST = True


def exchange(world, seen, threat) -> dict[str, np.ndarray]:
    """[i, j] each good of the tie as i values it: security, the cost of providing it, autonomy."""
    goods = morrow_exchange(seen.relative, seen.relative.T, 1.0, 1.0)
    worst = threat.max(axis=1) if threat.size else np.zeros(world.n)
    need = urgency(world) * worst[:, None] * threat_similarity(threat)  # j fears what i fears
    autonomy = goods["autonomy_gain"]
    return {
        # what j adds to i's defence, and what j's camp can do against what i fears: two small
        # states gain little security from each other against a great power (Morrow 1991: 908)
        "security": need * np.minimum(np.minimum(1.0, 2.0 * goods["security_gain"]),
                                      strength_against_threat(world, seen, threat)),
        "provision": -urgency(world) * worst[None, :] * goods["provision_cost"],
        "autonomy": np.where(autonomy > 0, AUTONOMY_WEIGHT, AUTONOMY_GIVEN) * autonomy,
    }


def bargained_terms(desire: np.ndarray, autonomy: np.ndarray, tied: np.ndarray | None = None) -> np.ndarray:
    """[i, j] what the major partner j pays, out of its surplus, to keep the minor partner i.

    relief[i, j] = TERMS x min(the autonomy i gives up + TIE_COST if i and j are tied,
    max(0, j's desire for the tie)), for i the minor partner, and only when i would not want
    the tie on full terms (desire < 0).

    Why: the terms of an asymmetric alliance are bargained (Morrow 1991: 908-914). The major
    partner wants the tie for the autonomy it gains and can ask fewer concessions to keep a
    client whose need for security has fallen, so a change in the threat upsets an
    asymmetric exchange less than a symmetric one, where each side gains only security and
    there is nothing to give back: why Morrow (1991: 921-927) finds asymmetric alliances the
    more durable. The major pays at most its own surplus (it never pays to lose) and at most
    the concessions it asks and the running cost of a standing alliance (the goods exchanged
    are security and autonomy, nothing else): Australia, threatened by China only 0.12 from
    afar, would leave the United States on full terms (-0.04) and keeps the tie on bargained
    ones (+0.09).

    The running cost (`CARRY_COST`): the major partner pays for the security it provides
    (Morrow 1991: 909-914), and in a standing alliance that includes the tie's upkeep, the
    forces, bases and commands it maintains on the minor's soil; so when the minor's need falls
    it can carry that too. Without it a minor partner with all concessions waived still paid
    TIE_COST, so whenever its security gain fell below 0.04 it left, however much autonomy the
    major still gained: with the Soviet threat gone (1989 case, turn 3) West Germany gained 0.025
    of security and left the United States (-0.025 with the concessions waived), and every NATO
    tie ended by 2004, the symmetric and the asymmetric alike, against Morrow's (1991: 914-915)
    central claim that the asymmetric ones outlast a change in threat. With it West Germany
    keeps the tie at +0.015, while a tie between allies of comparable capability, with no
    autonomy surplus to pay from, still fades (prediction row 24). Only for standing ties: a new
    one has no upkeep to carry, and a major paying a new client's costs formed India-Indonesia and
    South Korea-Singapore in East Asia 2016.
    """
    carried = TIE_COST * tied if CARRY_COST and tied is not None else 0.0
    given_up = np.maximum(0.0, -autonomy) + carried
    relief = TERMS * np.minimum(given_up, np.maximum(0.0, desire.T))
    return np.where((autonomy < 0) & (desire < 0), relief, 0.0)


class AutonomySecurityLens(Lens):
    id = "autonomy_security"
    name = "Autonomy-security trade-off"
    claim = (
        "Minor states get security from major partners at the cost of autonomy; "
        "major partners gain autonomy at the cost of providing security."
    )
    citation = "Morrow (1991), Alliances and Asymmetry, AJPS 35(4): 904-933"
    rule = (
        "desire[i,j] = urgency x i's worst threat x similarity of i's and j's threats x min(1, 2 x "
        "j's relative capability, what j and its partners can bring against i's worst threat) "
        "(security gained) - urgency x j's worst threat x 0.5 x i's relative capability (the security i "
        "provides) + 1.0 x autonomy gained if i is the major partner, "
        "or 0.2 x autonomy given up (negative) if the minor one, autonomy = (rel_ji - rel_ij)/2 "
        "(engine.risk.morrow_exchange) - 0.5 x j's own threat - 0.8 x max(0, -affinity) - tie cost; "
        "a minor partner that would refuse these terms is spared up to the autonomy it gives up "
        "(and, in a standing alliance, the tie cost), out of the major partner's surplus (bargained terms)."
    )

    def decide(self, world, seen):
        threat = self.threat(world, seen)
        goods = exchange(world, seen, threat)
        hostility = ENMITY * np.maximum(0.0, -world.affinity)  # no exchange with an enemy (base.balancing_desire)
        desire = sum(goods.values()) - PARTNER_THREAT * threat - hostility - TIE_COST
        relief = bargained_terms(desire, goods["autonomy"], world.tied())
        goods["terms"] = relief - relief.T  # + for the minor partner spared, - for the major paying
        desire = desire + goods["terms"]
        np.fill_diagonal(desire, -1.0)
        return Decision(threat, desire, arming(world, seen, threat), goods["autonomy"], parts=goods)

    def reason(self, world, seen, decision, i, j):
        parts = decision.parts
        return Text(_exchange_text, world.names[i], world.names[j], float(parts["security"][i, j]),
                    float(parts["provision"][i, j]), float(parts["autonomy"][i, j]), float(parts["terms"][i, j]),
                    decision.desire[i, j])


def _exchange_text(name_i: str, name_j: str, security: float, provision: float, autonomy: float,
                   terms: float, desire: float) -> str:
    role = "major" if autonomy > 0 else "minor"
    bargained = ""
    if terms >= 0.005:
        bargained = f", terms eased {terms:+.2f} (concessions waived, upkeep carried: Morrow's bargained terms)"
    elif terms <= -0.005:
        bargained = f", terms it eases {terms:+.2f} (Morrow's bargained terms)"
    return (
        f"{name_i} is the {role} partner: security {security:+.2f}, providing "
        f"{name_j}'s security {provision:+.2f}, autonomy {autonomy:+.2f}{bargained}; "
        f"desire {desire:+.2f}"
    )
