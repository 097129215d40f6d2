"""The alliance security dilemma (Snyder 1984): commitment trades abandonment for entrapment."""
from __future__ import annotations

import numpy as np

from alliance_sandbox.engine.events import Text
from alliance_sandbox.engine.risk import risks_and_chains

from .base import Decision, Lens, arming, balancing_desire, common_threat_reason

#: How strongly a state tightens a tie when abandonment is the larger fear (and loosens it
#: when entrapment is).
FEAR_WEIGHT = 0.6
#: The least a useful tie is still worth to a state that fears entrapment: it eases the
#: commitment down to about 0.3 instead of leaving. Twice the perception noise of a bipolar
#: world (engine.dynamics.PERCEPTION_NOISE 0.02) and below FORM: at 0.01 the turn's
#: misreading put such a tie at or below 0 in a third of the turns, each a loosening of 0.2,
#: so the United States' 1955 guarantees to South Korea and Taiwan, held with entrapment
#: feared (the restraint of Rhee and Chiang), ended in every seed; at 0.04 they hold.
STAY = 0.04
#: Chain-ganging is the fear of abandonment at work, not an entrapment the state weighs and
#: avoids. Under multipolarity with the offence believed dominant "the loss of an ally would be
#: decisive", so a great power chains itself unconditionally to its allies (Christensen &
#: Snyder 1990: 138-140); Germany's fear of losing Austria-Hungary, its only great-power ally,
#: outweighed its fear of being dragged into its Balkan quarrel (Snyder 1984: 484-485; Snyder
#: 1997 ch. 9: the blank cheque). So the lens counts the chance of being chained to j's war
#: (`risk.risks_and_chains`) as how decisive j's loss would be, on the side of abandonment, and
#: only the rest of the entrapment risk (standing by a venture of j's making) as entrapment.
#: It is 0 in a bipolar world and small with the defence believed dominant (no chain-ganging),
#: so there the lens weighs as before. False (ablation): every chain counts as entrapment, and
#: in 1914 every tie loosens, the more the offence is believed dominant, the looser.
CHAIN_IS_ABANDONMENT_FEAR = True
#: The fear of losing an ally weighs the threat of the coalition one would face without it, not
#: only of its strongest member: it is multiplied by encirclement_i = the threat i feels from its
#: worst enemy w and w's partners (each by its pledge to w; i's own partners left out) over the
#: threat from w alone. Why: a state facing an encircling coalition depends on its ally more
#: (Snyder 1984: 471-472, dependence falls with one's alternatives; 484-485: Germany, facing
#: France, Russia and Britain, feared abandonment by its only ally), and a per-state threat sees
#: Russia (0.11 to Germany) but not the coalition behind it (Russia, France, Britain: 0.19).
#: 1 for a state whose worst enemy stands alone, and in a bipolar or unipolar world, where the
#: lesser allies have no alternative to their pole and the dilemma is muted (Snyder 1984:
#: 484-487). False (ablation): the factor is 1 everywhere.
ENCIRCLEMENT = True


class SecurityDilemmaLens(Lens):
    id = "security_dilemma"
    name = "Alliance security dilemma"
    claim = (
        "More commitment lowers the risk of abandonment and raises the risk of entrapment; "
        "the dilemma is sharper in a multipolar world."
    )
    citation = "Snyder (1984), The Security Dilemma in Alliance Politics, World Politics 36(4)"
    rule = (
        "threat as in balance of threat; on an existing tie a state tightens when its fear of "
        "abandonment exceeds its fear of entrapment and loosens in the opposite case: "
        "desire += 0.6 x (abandonment + chained - (entrapment - chained)), where chained is the "
        "chance of following the ally into its war unconditionally (chain-ganging: multipolar, "
        "offence dominant), which measures how decisive the ally's loss would be (Christensen & "
        "Snyder 1990); a tie still worth having is eased, not left."
    )

    def decide(self, world, seen):
        threat = self.threat(world, seen)
        parts: dict = {}
        desire = balancing_desire(world, seen, threat, parts=parts)
        risks, chained = risks_and_chains(world, seen, threat)
        if CHAIN_IS_ABANDONMENT_FEAR:
            # an ally that is itself one's worst threat is no ally whose loss would be decisive
            worst = threat.max(axis=1, keepdims=True) if world.n else np.zeros((0, 1))
            chained = chained * (1.0 - np.divide(threat, worst, out=np.zeros_like(threat), where=worst > 0))
        else:
            chained = np.zeros_like(chained)
        encircled = encirclement(world, threat) if ENCIRCLEMENT and risks.polarity.multipolar else np.ones(world.n)
        abandonment = (risks.tie_abandonment + chained) * encircled[:, None]  # the fear of losing the ally
        entrapment = risks.tie_entrapment - chained  # the fear of standing by its own ventures
        tied = world.tied()
        extra = FEAR_WEIGHT * (abandonment - entrapment)  # the risks are 0 off the ties
        # fear of entrapment loosens a useful alliance, it does not end it (Snyder 1984)
        adjusted = np.where(tied & (desire > 0), np.maximum(desire + extra, STAY), desire + extra)
        parts.update(abandonment=risks.tie_abandonment, entrapment=risks.tie_entrapment, chained=chained,
                     encircled=encircled)
        return Decision(threat, adjusted, arming(world, seen, threat), extra, parts=parts)

    def reason(self, world, seen, decision, i, j):
        text = common_threat_reason(world, seen, decision, i, j)
        if not world.tie_kind[i, j]:
            return text
        parts = decision.parts
        # one Text for both sentences: hundreds of tie events a turn at 200 states
        return Text(_with_fear_text, text, parts["abandonment"][i, j], parts["chained"][i, j],
                    parts["encircled"][i], parts["entrapment"][i, j], decision.extra[i, j])


def _with_fear_text(common: Text, *fear: float) -> str:
    return str(common) + _fear_text(*fear)


def _fear_text(abandonment: float, chained: float, encircled: float, entrapment: float, weight: float) -> str:
    fear = "abandonment" if weight > 0 else "entrapment"
    text = f"; abandonment risk {abandonment:.2f}"
    if chained >= 0.005:
        text += f", + {chained:.2f} chained to its wars (its loss would be decisive)"
    if encircled >= 1.005:
        text += f", x {encircled:.2f} for the coalition it faces (encircled)"
    return text + f", against entrapment {entrapment - chained:.2f}: fear of {fear} weighs {weight:+.2f}"


def encirclement(world, threat: np.ndarray) -> np.ndarray:
    """(n,) the threat of the coalition each state faces over the threat of its leader (>= 1).

    coalition_i = threat[i, w] + sum over w's partners k, other than i and i's own partners, of
    commitment[k, w] x threat[i, k], with w = i's worst threat; encirclement_i = coalition_i /
    threat[i, w], 1 when i fears no one. One n x n pass (the column of w's pledges for each i).
    """
    n = world.n
    if not n:
        return np.ones(0)
    rows = np.arange(n)
    w = np.argmax(threat, axis=1)
    worst = threat[rows, w]
    hostile = np.where(world.tied(), 0.0, threat)  # one's own partners are not the enemy's coalition
    pledged = world.commitment[:, w].T  # [i, k] = commitment[k, w_i]: k's pledge to i's worst enemy
    coalition = worst + (hostile * pledged).sum(axis=1)
    return np.divide(coalition, worst, out=np.ones(n), where=worst > 0)
