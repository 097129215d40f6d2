"""Balance of power (Waltz 1979): states balance against power itself.

What Waltz's lens predicts, and so what this lens does:
* Power is aggregated by alliances: a state weighs the power each other state can bring to
  bear with its allies (its coalition), not that state's alone. Balancing is between
  coalitions, so secondary states join the weaker side (Waltz 1979: 127) and do not pile
  on to the stronger: in 1914 Austria-Hungary stays with Germany against the larger
  Franco-Russian-British combination.
* Only capability counts: distance, intentions and ideology do not.
* The structure is made by the great powers (Waltz 1979: 72-73), and a secondary state
  joins a great power's coalition, "provided, of course, that the coalition they join
  achieves enough defensive or deterrent strength to dissuade adversaries from attacking"
  (p. 127). Two small states achieve none against a great power's coalition: a secondary
  state values another, unless the two are already one coalition's members, by what it adds
  alone against the coalition it fears (SECONDARY_ALONE). In 1914 the lens used to weave
  16-18 new ties in five turns, most between small states (Belgium-Bulgaria, Turkey-Serbia);
  now 0-2, each inside a great power's coalition (docs/predictions.md, row 21). Not in a
  bipolar world, where no new ties are sought (below).
* With one pole, its power is unbalanced, and "unbalanced power, whoever wields it, is a
  potential danger to others" (Waltz 2000: 28): its partners weigh its power without the
  trust discount (UNIPOLE_TRUST), so NATO fades after the Soviet collapse, as Waltz (1993:
  75-76) expected: "NATO's days are not numbered, but its years are" (row 11). Where Russia
  recovers half the United States' capability the world is bipolar again and NATO holds.
* In a bipolar world the two poles balance each other mainly by their own efforts
  (Waltz 1979: 168-170): they arm whatever their allies offer and do not court new allies;
  third states cannot change the balance, so the alignments the poles already lead persist
  and no new ones form. The lens is then expected to show stability, not realignment (C4):
  existing ties are judged as always and may still end if no longer worth it.
"""
from __future__ import annotations

import numpy as np

from alliance_sandbox.engine.events import Text
from alliance_sandbox.engine.perception import GREAT_POWER_SHARE
from alliance_sandbox.engine.polarity import poles_of
from alliance_sandbox.engine.world import tie_code

from .base import (
    Decision,
    Lens,
    arming,
    balancing_desire,
    coalition_strength,
    most_feared,
    strength_against_threat,
)

#: How much of a partner's power a tie takes away under this lens, times the share of the
#: world the partner does not hold: less than the other lenses (perception.ALLY_TRUST),
#: because to Waltz an ally's power is still power, and a partner that comes to dominate the
#: system is balanced like anyone else.
POWER_ALLY_TRUST = 0.5
#: How much of that discount the partners of a sole pole keep: none. In a unipolar world
#: "international politics abhors unbalanced power", and the unipole's power, "whoever
#: wields it, is a potential danger to others" (Waltz 2000: 28), its allies included: so
#: "NATO's days are not numbered, but its years are" (Waltz 1993: 75-76). 1 is the ablation.
UNIPOLE_TRUST = 0.0
#: Whether, between two secondary states (below GREAT_POWER_SHARE of world capability) not
#: BOUND into one coalition, the partner is worth what it adds alone against the coalition
#: the state fears (True), or, as under the other lenses, its partners' pledges too,
#: against the feared state alone (False: the ablation). Why: Waltz's structure is made by
#: the great powers (1979: 72-73), and secondary states join the weaker side "provided, of
#: course, that the coalition they join achieves enough defensive or deterrent strength to
#: dissuade adversaries from attacking" (p. 127); two small states achieve none against a
#: great power's coalition, and the great powers behind a small partner are open to a state
#: directly. 1914, turn 0: Belgium (share .024) is worth 2 x .024 / (.024 + .42) = 0.11 to
#: Bulgaria against Italy's coalition (.42), 0.59 against Italy alone (.058). Ties already
#: made (an entente or alliance: BOUND) keep the other lenses' worth: they are part of the
#: coalition the two joined.
SECONDARY_ALONE = True
#: The tie kinds that bind two states into one coalition (SECONDARY_ALONE): a treaty or an
#: entente; not a loose alignment, nor a crisis coalition, which is judged as a new tie would
#: be. In a bipolar world the rule does not apply: no new ties are sought there
#: (BIPOLAR_NEW_TIE), and existing ones are judged as under the other lenses.
BOUND = (tie_code("entente"), tie_code("alliance"))
#: In a bipolar world, the most any state wants a new tie (below the engine's FORM, so none
#: forms; existing ties are judged as before).
BIPOLAR_NEW_TIE = 0.0


def coalition_power(world, share: np.ndarray) -> np.ndarray:
    """[i, k] = s_k + sum_j commitment[j, k] x s_j x (1 - trust[i, j]) over k's partners j other than i.

    What k can bring to bear against i with its allies (j's pledge to k). Why commitment-weighted: an entente
    partner adds less than a full ally. Why without i's own partners: Britain's coalition
    holds the United States, but to Japan, the United States' ally, that part of it is no
    threat. One matrix product.
    """
    foreign = 1.0 - np.maximum(world.trust, np.eye(world.n))  # [i, j]: j is not i nor i's partner
    backing = foreign @ (world.commitment.T * share[None, :]).T  # [i, k] what k's other partners pledge it
    return share[None, :] + backing


def power_threat(world, seen, coalition: np.ndarray | None = None) -> np.ndarray:
    """[i, k] = G/(s_i + G) x G / max_k' G[i, k'] x (1 - POWER_ALLY_TRUST x trust[i, k] x (1 - s_k)).

    G = coalition_power.

    The stronger k's coalition is next to i, and the closer it is to the strongest coalition
    i faces, the more i must balance it. Partners are feared less, but less so than under the other lenses.
    """
    s = seen.share
    g = (coalition_power(world, s) if coalition is None else coalition).copy()
    np.fill_diagonal(g, 0.0)
    relative = np.divide(g, s[:, None] + g, out=np.zeros_like(g), where=(s[:, None] + g) > 0)
    strongest = g.max(axis=1, keepdims=True)
    dominance = np.divide(g, strongest, out=np.zeros_like(g), where=strongest > 0)
    trusted = 1.0 - s  # [k]: how far k's partners trust its power
    unipole = sole_pole(s)
    if unipole >= 0:
        trusted[unipole] *= UNIPOLE_TRUST
    threat = relative * dominance * (1.0 - POWER_ALLY_TRUST * world.trust * trusted[None, :])
    np.fill_diagonal(threat, 0.0)
    return threat


def partner_strength(world, seen, threat: np.ndarray, coalition: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """([i, j] what j brings against what i fears, [i, j] whether j counts alone).

    As `base.strength_against_threat` (j and its partners against the state i fears most),
    except between two secondary states not BOUND into one coalition (SECONDARY_ALONE), in a
    world that is not bipolar: there j alone against the coalition i fears most,
    min(1, 2 x s_j / (s_j + G[i, k])), G = coalition_power, k the state i fears most.
    """
    strength = strength_against_threat(world, seen, threat)
    if not SECONDARY_ALONE or not world.n or poles_of(seen.share).sum() == 2:
        return strength, np.zeros(strength.shape, dtype=bool)
    s = seen.share
    k, fears = most_feared(threat)
    feared = np.where(fears, coalition[np.arange(world.n), k], s)
    alone = coalition_strength(np.broadcast_to(s[None, :], strength.shape), feared[:, None])
    secondary = s < GREAT_POWER_SHARE
    counts_alone = np.outer(secondary, secondary) & ~np.isin(world.tie_kind, BOUND)
    return np.where(counts_alone, alone, strength), counts_alone


def sole_pole(share: np.ndarray) -> int:
    """The index of the only pole (`engine.polarity`), or -1 if the world has more than one."""
    pole = poles_of(share)
    return int(np.argmax(pole)) if pole.sum() == 1 else -1


class PowerLens(Lens):
    id = "power"
    name = "Balance of power"
    claim = "States balance against power, so that no one state dominates."
    citation = "Waltz (1979), Theory of International Politics"
    rule = (
        "threat[i,k] = relative capability of k's coalition (k plus its partners' capability "
        "weighted by commitment) x that coalition next to the strongest i faces x (1 - 0.5 x "
        "trust x the share of the world k does not hold, for a partner); then realist balancing "
        "(model.md) without the enmity term: ally "
        "with those who fear the same coalitions. Two secondary states (below "
        f"{GREAT_POWER_SHARE:.0%} of world capability) not yet one coalition's members value each "
        "other by what each adds alone against the coalition feared: min(1, 2 x s_j / (s_j + "
        "that coalition)). A sole pole's partners weigh its power without the trust discount. "
        "Distance, intentions and ideology do not count. With two poles, the poles arm whatever "
        "their allies offer and no new ties are sought."
    )

    def threat(self, world, seen):
        return power_threat(world, seen)

    def decide(self, world, seen):
        coalition = coalition_power(world, seen.share)
        threat = power_threat(world, seen, coalition)
        strength, alone = partner_strength(world, seen, threat, coalition)
        parts = {"coalition": coalition, "alone": alone, "unipole": sole_pole(seen.share)}
        desire = balancing_desire(world, seen, threat, enmity=False, parts=parts, strength=strength)
        arm = arming(world, seen, threat)
        pole = poles_of(seen.share)
        if pole.sum() == 2:
            # Waltz: the two poles rely on themselves; third states cannot change the balance
            desire = np.where(world.tied(), desire, np.minimum(desire, BIPOLAR_NEW_TIE))
            np.fill_diagonal(desire, -1.0)
            arm = np.where(pole, np.clip(threat.max(axis=1), 0.0, 1.0), arm)
        return Decision(threat, desire, arm, parts=parts)

    def reason(self, world, seen, decision, i, j):
        t = decision.threat
        k = int((t[i] * t[j]).argmax())
        names = world.names
        if t[i, k] * t[j, k] <= 0:
            return Text(_no_common_power_text, decision.desire[i, j])
        parts = decision.parts
        unipole = world.names[j] if parts["unipole"] == j else ""
        return Text(_power_reason_text, names[k], parts["coalition"][i, k], names[i], t[i, k], names[j],
                    t[j, k], float(parts["help"][i, j]), bool(parts["alone"][i, j]), unipole, t[i, j],
                    decision.desire[i, j])


def _no_common_power_text(desire: float) -> str:
    return f"no common power to balance; desire {desire:+.2f}"


def _power_reason_text(name_k: str, coalition: float, name_i: str, threat_i: float, name_j: str, threat_j: float,
                       help_: float, alone: bool, unipole: str, threat_ij: float, desire: float) -> str:
    help_text = (f"{name_j}, a secondary state like {name_i}, adds only its own power against the coalition "
                 f"{name_i} fears: help {help_:.2f} (Waltz 1979: 127)" if alone else f"{name_j}'s help {help_:.2f}")
    unipole_text = (f"; {unipole} is the sole pole, and even its partners weigh its power undiscounted: "
                    f"threat to {name_i} {threat_ij:.2f} (Waltz 2000: 28)" if unipole else "")
    return (
        f"balancing {name_k}'s coalition (share {coalition:.2f} with its partners): power threat to "
        f"{name_i} {threat_i:.2f}, to {name_j} {threat_j:.2f}; {help_text}{unipole_text}; desire {desire:+.2f}"
    )
