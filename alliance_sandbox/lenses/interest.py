"""Balance of interests (Schweller 1994): compatible goals decide, a threat is not needed.

What the theory predicts, and so what this lens does (docs/predictions.md):
* Status-quo states balance for self-preservation against revisionist power: a state's
  threat is a revisionist's capability next to its own, weighted by how revisionist that
  state is, and aimed: a fellow revisionist fears it less, and so does a friend (positive
  affinity), whose holdings it does not covet (Schweller 1994: 100-104; `COMPATIBLE_AIMS`).
  Without the aims Austria-Hungary's worst threat in 1914 was Bulgaria, whom it had backed
  against Serbia in 1913.
* Revisionists bandwagon for profit: a revisionist joins a stronger revisionist that is
  rising, to share in the gains of revision ("jackal" bandwagoning: Italy in 1940, the
  USSR in 1939 in Schweller's reading), and the rising revisionist welcomes an accomplice.
* Status-quo states pile on: they join the stronger status-quo side, for the spoils of
  an order that holds, and the stronger side takes them in.
* The lion guards its order: with two poles (or one) the strongest status-quo state counts its
  allies' danger from a revisionist as its own (`lion_threat`), so the United States of 1955
  keeps South Korea and Taiwan against China (row 25).
* Goals clash between a status-quo state and a revisionist, and between states with claims
  on each other (negative affinity: Serbia and Bulgaria after 1913), however revisionist both are.
The labels follow from the numbers: who gains from revision (revisionism x the partner's
strength), who is rising (the trend, World.trend: from the scenario at first, then each
run's own changes), and which term drives the desire. Why not a product of satisfactions:
two status-quo-leaning allies on either side of zero (France +0.1 and Russia -0.1 in 1914) are not "incompatible"; what
joined them was the German threat to both.

On the cases (docs/predictions.md): in 1914 Germany (-0.3) and Austria-Hungary (-0.2, revising the
Balkan order of 1913: Williamson 1991) are revisionists of compatible aims, and the Dual Alliance
holds in 5 seeds of 5 (2 of 5 with Austria-Hungary read as status quo, +0.2, and the aims unread). In 1936 the USSR is a
revisionist (-0.5, Schweller 1993, 1998) but no Nazi-Soviet pact forms: the fascist-communist
affinity (-0.6) reads as clashing claims, and by CINC the stronger of the two, the USSR, is not rising.
"""
from __future__ import annotations

import numpy as np

from alliance_sandbox.engine.events import Text
from alliance_sandbox.engine.polarity import poles_of

from .base import ENMITY, TIE_COST, Decision, Lens, arming, common_threat, extended_threat, helpfulness, urgency

#: Weight of the gain a revisionist expects from joining a stronger, rising revisionist.
JACKAL_WEIGHT = 0.6
#: Weight of piling on with a stronger status-quo state.
PILE_ON_WEIGHT = 0.3
#: How much a revisionist's hostility to the order counts against a tie with a status-quo state.
CLASH_WEIGHT = 0.3
#: How much less a revisionist fears a fellow revisionist (times its own revisionism): both gain
#: from revision, so each reads the other's power as a partner's, not a predator's (Schweller
#: 1994: 100-104, revisionists of compatible aims combine; 1998: the wolf and its jackals).
FELLOW_REVISIONIST = 1.0
#: How much friendship (positive affinity) takes from a revisionist's threat: a revisionist
#: threatens those whose holdings it covets, not a friend whose aims lie elsewhere (Schweller
#: 1994: 100-104, the balance of interests: what a state values, and at whose expense). Vienna
#: had backed Sofia against Serbia in 1913 (affinity +0.3): without it Austria-Hungary's worst
#: threat in 1914 was Bulgaria, and Germany's fellow-revisionist Ottoman ally (+0.4) a danger.
COMPATIBLE_AIMS = 1.0
#: Ablation switch: True, a bipolar world's status-quo pole (the lion) feels the danger to its
#: allies as its own (`lion_threat`); False, only its own, as before December 2026.
LION_GUARDS_CLIENTS = True
#: How fast a leader must rise (trend, change of log share a turn) for a jackal's full pull; a
#: leader holding its own (trend 0) pulls half, one declining by RISING_SPAN / 2 none
#: (`interest_terms`). 0 restores the step (a pull only while trend > 0), the rule before December 2026.
RISING_SPAN = 0.02


def revisionism(world) -> np.ndarray:
    """(n,) r = max(0, -satisfaction): how much a state wants the order overturned."""
    return np.clip(-world.satisfaction, 0.0, 1.0)


def status_quo(world) -> np.ndarray:
    """(n,) max(0, satisfaction): how much a state wants the order kept."""
    return np.clip(world.satisfaction, 0.0, 1.0)


def interest_threat(world, seen) -> np.ndarray:
    """[i, k] = r_k x (1 - COMPATIBLE_AIMS x max(0, affinity[i, k])) x relative[i, k] x presence[i, k]
    x (1 - FELLOW_REVISIONIST x r_i) x ally_discount: revisionist power next to i, aimed at i.

    Self-preservation: what threatens a state is a revisionist strong enough, and near enough
    (its own reach or its allies' territory: `perception.forward_presence`), to take from it;
    a revisionist fears another revisionist less, since both gain from revision, and a friend
    (positive affinity) less, since its aims lie elsewhere. Without the reach, North Korea was
    Thailand's worst threat; without the aims, Bulgaria was Austria-Hungary's in 1914.
    """
    r = revisionism(world)
    aimed = r[None, :] * (1.0 - COMPATIBLE_AIMS * np.clip(world.affinity, 0.0, 1.0))
    threat = aimed * seen.relative * seen.presence * (1.0 - FELLOW_REVISIONIST * r[:, None]) * seen.ally_discount
    np.fill_diagonal(threat, 0.0)
    return threat


def interest_terms(world, seen, threat) -> dict[str, np.ndarray]:
    """The parts of each desire, by name, so the decision and its explanation agree."""
    r, q = revisionism(world), status_quo(world)
    stronger = seen.relative > 0.5
    # both terms are the pair's: the stronger side gains a follower, the weaker a patron
    # the pair's leader (the stronger of the two) is rising: a jackal follows it, and it
    # welcomes the jackal, an accomplice in revision. Graded, not a step at trend 0: the
    # jackal's expected share of the spoils grows with the leader's prospects (Schweller 1994:
    # 88, 93-95, "an ascending revisionist state"), and a turn's trend is a year's noisy change,
    # so a step made the pull flicker: China's trend crossed zero by turn 4 of East Asia 2016 and
    # its 1961 treaty with North Korea ended in 4 seeds of 5 (`RISING_SPAN`).
    leader_trend = np.where(stronger, world.trend[None, :], world.trend[:, None])
    leader_rising = (np.clip(0.5 + leader_trend / RISING_SPAN, 0.0, 1.0) if RISING_SPAN > 0
                     else leader_trend > 0)
    return {
        "balance": urgency(world) * common_threat(lion_threat(world, threat))
        * helpfulness(world, seen, threat) - 0.5 * threat,
        "jackal": JACKAL_WEIGHT * np.outer(r, r) * leader_weight(world, seen.share, r) * leader_rising,
        "pile_on": PILE_ON_WEIGHT * np.outer(q, q) * leader_weight(world, seen.share, q),
        "clash": -CLASH_WEIGHT * (np.outer(q, r) + np.outer(r, q)) - ENMITY * np.maximum(0.0, -world.affinity),
    }


def lion_threat(world, threat: np.ndarray) -> np.ndarray:
    """threat, with the lion's row extended to its allies' danger (`base.extended_threat`): what
    the status-quo pole of a bipolar world balances against.

    The lion is the strongest status-quo state. Why: a lion pays high costs to protect what it
    possesses (Schweller 1994: 101-102), and what the leader of a status-quo order possesses is
    that order, its allies in it too; with two poles each has a stake in everything that happens
    anywhere (Waltz 1979: 170-171), and the interest the balance of interests reads is the
    system-level one, which order a state wants (Schweller 1994: 99-100). Without it the United
    States of 1955 feared China from Washington only (0.02), shared no threat with South Korea
    and Taiwan, and left both (5 seeds of 5, with their satisfaction corrected). Only with fewer
    than three poles: in multipolarity a great power's commitments are ambiguous and its
    alignments flexible (Snyder 1984: 484), and Britain in 1936 would guard Portugal's and so
    take up the Eastern Europeans it kept at arm's length (the 1936 score .147 to .128).
    """
    k = lion(world)
    if not LION_GUARDS_CLIENTS or k is None or poles_of(world.share).sum() >= 3:
        return threat
    out = threat.copy()
    out[k] = extended_threat(world, threat)[k]
    return out


def lion(world) -> int | None:
    """The strongest status-quo state (satisfaction > 0), the order's defender; None without one."""
    q = status_quo(world)
    return int(np.argmax(np.where(q > 0, world.share, -1.0))) if (q > 0).any() else None


def leader_weight(world, share: np.ndarray, side: np.ndarray) -> np.ndarray:
    """[i, j] = the stronger of i's and j's camps next to the strongest state of the side
    (side > 0), 0..1; a state's camp is its capability and its partners' (times commitment).

    Jackals follow the lion, and piling-on joins the side that is winning (Schweller 1994:
    93-99): what pulls is the side's leader and those already standing with it, not any
    stronger partner. Without it two small status-quo states with no patron (Taiwan and
    Singapore) "pile on" each other; with the camp, Poland in the 1990s piles on to NATO's
    members, not only to the United States.
    """
    members = side > 0
    top = share[members].max() if members.any() else 0.0
    if top <= 0:
        return np.zeros((share.size, share.size))
    camp = share + world.commitment.T @ share  # each state with its partners' pledges to it: its side
    return np.minimum(1.0, np.maximum(camp[:, None], camp[None, :]) / top)


class InterestLens(Lens):
    id = "interest"
    name = "Balance of interests"
    claim = (
        "Balancing is for self-preservation, bandwagoning for gain: status-quo states pile on "
        "to the status-quo side, revisionists bandwagon with a rising revisionist (jackals)."
    )
    citation = "Schweller (1994), Bandwagoning for Profit, International Security 19(1)"
    rule = (
        "threat[i,k] = revisionism_k x (1 - max(0, affinity_ik)) x relative capability x proximity x "
        "(1 - revisionism_i): revisionist power aimed at i (not at a friend, less at a fellow revisionist); desire = "
        "self-preservation balancing against that threat (as realist balancing) + 0.6 x r_i x r_j "
        "x the stronger one's camp (it and its partners) next to the strongest revisionist x how fast the "
        "stronger of the two is rising, clip(0.5 + trend / 0.02, 0, 1) (jackal) + 0.3 x q_i x q_j x the "
        "stronger one's camp next to the strongest status-quo state (piling-on) - 0.3 x (q_i r_j + r_i q_j) - 0.3 x "
        "max(0, -affinity) (clashing goals: the order, or claims on each other) - tie cost; "
        "r = max(0, -satisfaction), q = max(0, satisfaction). With fewer than three poles the strongest "
        "status-quo state (the lion) balances on its allies' danger too (extended threat)."
    )

    def threat(self, world, seen):
        return interest_threat(world, seen)

    def decide(self, world, seen):
        threat = self.threat(world, seen)
        terms = interest_terms(world, seen, threat)
        desire = sum(terms.values()) - TIE_COST
        np.fill_diagonal(desire, -1.0)
        return Decision(threat, desire, arming(world, seen, threat), parts=terms)

    def reason(self, world, seen, decision, i, j):
        names, q = world.names, world.satisfaction
        terms = {name: float(value[i, j]) for name, value in decision.parts.items()}
        leader = j if seen.relative[i, j] > 0.5 else i
        t = decision.threat
        k = int((t[i] * t[j]).argmax())  # the revisionist both fear most (aimed: `interest_threat`)
        feared = (names[k], float(t[i, k]), float(t[j, k])) if t[i, k] * t[j, k] > 0 else None
        return Text(_interest_text, terms, names[i], q[i], names[j], q[j], names[leader], world.trend[leader],
                    feared, decision.desire[i, j])


def _interest_text(terms: dict[str, float], name_i: str, satisfaction_i: float, name_j: str, satisfaction_j: float,
                   leader: str, trend: float, feared: tuple[str, float, float] | None, desire: float) -> str:
    parts = ", ".join(f"{name.replace('_', '-')} {value:+.2f}"
                      for name, value in terms.items() if abs(value) >= 0.005)
    common = (f"both fear {feared[0]} ({name_i} {feared[1]:.2f}, {name_j} {feared[2]:.2f}); "
              if feared else "no revisionist both fear; ")
    return (
        f"{motive(terms)}: satisfaction {name_i} {satisfaction_i:+.2f}, {name_j} {satisfaction_j:+.2f}; the "
        f"stronger, {leader}, {'rising' if trend > 0 else 'not rising'} (trend {trend:+.3f}); "
        f"{common}{parts or 'no pull'}; desire {desire:+.2f}"
    )


def motive(terms: dict[str, float]) -> str:
    """Schweller's name for the strongest part of a desire."""
    name, value = max(terms.items(), key=lambda item: abs(item[1]))
    if abs(value) < 0.005:
        return "no interest at stake"
    return {
        "balance": "self-preservation balancing against a revisionist",
        "jackal": "jackal bandwagoning with a rising revisionist",
        "pile_on": "piling-on with the stronger status-quo side",
        "clash": "incompatible goals",
    }[name] if value > 0 or name == "clash" else "self-preservation: the partner is the threat"
