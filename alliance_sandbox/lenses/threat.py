"""Balance of threat (Walt 1987): states balance against threats, not power alone."""
from __future__ import annotations

import numpy as np

from alliance_sandbox.engine.events import Text
from alliance_sandbox.engine.perception import ALLY_TRUST, perceived_intention
from alliance_sandbox.engine.world import tie_code

from .base import (
    Decision,
    Lens,
    allies_danger_reason,
    arming,
    balancing_desire,
    bandwagon_under_threat,
    no_common_threat_text,
    stake,
)

#: Below this worst threat (to itself and, weighted by commitment, to its allies) a state
#: feels safe and may bandwagon with the strongest state.
SAFE = 0.05
#: Only states smaller than this share of the strongest state's capability bandwagon.
FOLLOWER_SHARE = 0.5
#: How much a safe state wants to join the strongest state, and the strongest to accept it.
BANDWAGON_PULL = 0.12
#: What keeps a bandwagon alignment in place without tightening it (between 0 and FORM).
BANDWAGON_HOLD = 0.05
#: How much a weak state with no protector wants a tie with the great power that threatens it,
#: and that power its submission (`base.bandwagon_under_threat`): above FORM, so the tie forms,
#: and it holds an alliance at 0.66 (ceiling 0.3 + 3 x 0.12): Finland's treaty of 1948 stands.
SUBMIT_PULL = 0.12


class ThreatLens(Lens):
    id = "threat"
    name = "Balance of threat"
    claim = (
        "Threat = aggregate capability x geographic proximity x offensive capability x "
        "perceived aggressive intentions; balancing is far more common than bandwagoning."
    )
    citation = "Walt (1987), The Origins of Alliances, p. 22"
    rule = (
        "threat[i,k] = relative capability x proximity (reach grows with power) x offense_k "
        "x aggression_k x (1 - 0.8 for a partner); then realist balancing (model.md): ally with "
        "those who fear the same states, an ally's danger counting as one's own (0.8 x the trust "
        "the tie has built x its threat, not x the pledge: easing a pledge leaves the worry); "
        "a small state (under half the strongest's capability) "
        "that fears no one, for itself or its allies (worst threat < 0.05), bandwagons with the "
        "strongest in a loose alignment; a weak state (at most 0.1 of a great power's capability) "
        "next to that power (its reach >= 0.85), which it would fear most without the tie (>= 0.3), "
        "whose intentions are not implacable (affinity > -0.3) and with no protector (no other "
        "partner, no entente to be had) bandwagons with it (desire 0.12 both ways: Finland and the "
        "USSR, Walt 1987: 29-31)."
    )

    def decide(self, world, seen):
        threat = self.threat(world, seen)
        parts: dict = {}
        desire = balancing_desire(world, seen, threat, parts=parts)
        pull = np.zeros_like(desire)
        strongest = int(np.argmax(seen.share))
        worst = threat.max(axis=1)
        allies_worst = (stake(world) * worst[None, :]).max(axis=1)  # a threatened ally is one's own worry (base.stake)
        # small states bandwagon; a great power does not follow another
        small = seen.share < FOLLOWER_SHARE * seen.share[strongest]
        safe = (worst < SAFE) & (allies_worst < SAFE) & small
        pull[safe, strongest] = BANDWAGON_PULL
        pull[strongest, safe] = BANDWAGON_PULL
        # a bandwagon is a loose alignment: it forms where there is no tie and holds as an
        # alignment, but never props up an alliance whose threat has gone (C9)
        alignment = world.tie_kind == tie_code("alignment")
        extra = np.where(~world.tied(), pull, np.where(alignment, np.minimum(pull, BANDWAGON_HOLD), 0.0))
        # a weak state with no protector, under a great power's threat, bandwagons with it (Walt 1987: 29-31)
        submits = bandwagon_under_threat(world, seen, desire)
        weak = np.nonzero(submits >= 0)[0]
        submit = np.zeros_like(desire)
        submit[weak, submits[weak]] = SUBMIT_PULL
        submit[submits[weak], weak] = SUBMIT_PULL
        parts["submits"] = submits
        extra = np.maximum(extra, submit)
        desire = np.where(extra > 0, np.maximum(desire, extra), desire)
        return Decision(threat, desire, arming(world, seen, threat), extra, parts=parts)

    def reason(self, world, seen, decision, i, j):
        t, names = decision.threat, world.names
        submits = decision.parts.get("submits") if decision.parts else None
        if submits is not None and (submits[i] == j or submits[j] == i):
            weak, great = (i, j) if submits[i] == j else (j, i)
            raw = seen.walt_threat[weak, great] / max(seen.ally_discount[weak, great], 1e-9)
            ratio = float(seen.share[weak] / seen.share[great])
            return Text(_submit_text, names[weak], names[great], float(raw), ratio)
        if decision.extra is not None and decision.extra[i, j] > 0:
            follower, leader = (j, i) if seen.share[i] > seen.share[j] else (i, j)
            return Text(_bandwagon_text, names[follower], t[follower].max(), names[leader], seen.share[leader])
        k = int((t[i] * t[j]).argmax())
        if t[i, k] * t[j, k] <= 0:
            return Text(no_common_threat_text, decision.desire[i, j])
        return (Text(_threat_reason_text, threat_formula(world, seen, i, k), names[j], t[j, k], decision.desire[i, j])
                + allies_danger_reason(world, decision, i, k))


def _bandwagon_text(follower: str, worst: float, leader: str, share: float) -> str:
    return (
        f"{follower} fears no one (worst threat {worst:.2f} < {SAFE}) and "
        f"bandwagons with the strongest, {leader} (share {share:.2f})"
    )


def _submit_text(weak: str, great: str, raw: float, ratio: float) -> str:
    return (
        f"{weak}, weak ({ratio:.3f} of {great}'s capability) and with no protector to turn to, "
        f"bandwagons with {great}, whose threat without the tie would be {raw:.2f}"
    )


def _threat_reason_text(formula: Text, name_j: str, threat_j: float, desire: float) -> str:
    return f"{formula}; to {name_j} {threat_j:.2f}; desire {desire:+.2f}"


def threat_formula(world, seen, i: int, k: int) -> Text:
    """Walt's four factors as numbers: the line a teacher reads aloud."""
    names = world.names
    trust = world.trust[i, k]
    partner = ("a partner" if world.tie_kind[i, k] else "a former partner") if trust > 0.005 else None
    return Text(_threat_formula_text, names[k], names[i], seen.walt_threat[i, k], seen.relative[i, k],
                seen.presence[i, k], world.offense[k], perceived_intention(world, i, k), trust, partner)


def _threat_formula_text(name_k: str, name_i: str, threat: float, capability: float, proximity: float,
                         offense: float, intentions: float, trust: float, partner: str | None) -> str:
    text = (
        f"threat from {name_k} to {name_i} {threat:.2f} = capability "
        f"{capability:.2f} x proximity {proximity:.2f} x offense "
        f"{offense:.2f} x intentions {intentions:.2f}"
    )
    if partner is not None:
        text += f" x (1 - {ALLY_TRUST:g} x trust {trust:.2f} in {partner})"
    return text
