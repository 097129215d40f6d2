"""What a lens is, and the realist balancing rule several lenses share.

A lens only decides (Mesa's split: the engine owns the clock). Configure it in
`__init__`, call it once a turn with the world and what the states perceive; it returns
a `Decision`: whom each state perceives as a threat, how much each state wants a tie with
each other state, and how much each state arms. The engine turns that into ties,
explanations and history. Every matrix is (n, n) with row i = the deciding state.
"""
from __future__ import annotations

import numpy as np

from alliance_sandbox.engine.decision import Decision
from alliance_sandbox.engine.dynamics import ENTENTE_FROM, ally_cover
from alliance_sandbox.engine.events import Text
from alliance_sandbox.engine.perception import GREAT_POWER_SHARE, Perception
from alliance_sandbox.engine.polarity import poles_of
from alliance_sandbox.engine.world import World

#: What any tie costs a state per turn (diplomatic effort, lost freedom of action).
TIE_COST = 0.04
#: How much of a partner's own threat counts against allying with it. Below 1: a state
#: allies with the lesser threat against the greater one (Walt: against the most threatening).
PARTNER_THREAT = 0.5
#: How much hostility (negative affinity) counts against a tie under the realist lenses.
ENMITY = 0.8
#: How much of a partner's threat a state feels as its own (times its stake in the partner, `stake`).
EXTENDED = 0.8
#: Ablation switch: True weighs a partner's danger by the trust the tie has built, False by the
#: pledge (the rule before December 2026). Why trust: an interest in an ally's security is made
#: by the alliance and does not lapse because a state eases its pledge (Snyder 1997: ch. 6);
#: weighed by the pledge, easing a tie lowered the worry that justified it, and the worry the next
#: pledge, so ties spiralled apart (China and North Korea by 2019-21, when both endured) -- the
#: reasoning behind `perception.ALLY_TRUST`.
STAKE_BY_TRUST = True
#: What a client's territory is worth to a pole, whatever its capability (`helpfulness`).
POSITION = 0.5
#: Ablation switch for bandwagoning under threat (`bandwagon_under_threat`): a weak state next
#: to a great power it can neither resist nor escape, with no protector to turn to, keeps or
#: seeks a tie with that power (Walt 1987: 29-31, 173-178; Finland after 1948). False: the rule
#: before December 2026, under which a weak state only ever balanced a threat.
BANDWAGON_UNDER_THREAT = True
#: Weak: at most this share of the threatening great power's capability (Walt 1987: 29-30: the
#: weaker the state, the likelier it bandwagons, above all when the threat is a great power;
#: Finland 1955 holds 0.007 of the USSR's).
WEAK = 0.1
#: The threat the tie keeps off: the great power's threat to the weak state without the trust a
#: tie has built (`perception.ALLY_TRUST`), at least this much (proximate power: Finland 0.41
#: from the USSR in 1955; Western Europe's NATO states 0.33-0.47, with allies in hand).
SUBMIT_FEAR = 0.3
#: Proximate: the great power's own reach at the weak state (`perception.reach`, from its capital,
#: not its allies' bases) at least this: the neighbour a weak state can neither resist nor escape
#: (Walt 1987: 30-31, weak states are the most sensitive to proximate power). Finland from
#: Moscow 0.89 (1955); Portugal from Berlin 0.74 (1936), Yugoslavia from Moscow 0.79 (1955).
NEIGHBOUR = 0.85
#: Affinity at or below which the great power's intentions towards the weak state read as
#: unalterably hostile: then appeasement cannot divert the threat and the state balances or
#: stands alone (Walt 1987: 25-26, 30: bandwagoning presumes the threat can be appeased).
IMPLACABLE = -0.3


class Lens:
    """Base class (it satisfies engine.decision.Lens): subclasses set the class attributes and
    implement `decide`."""

    id: str = ""
    name: str = ""
    claim: str = ""
    citation: str = ""
    #: The rule in one or two sentences with its formula, for the docs and the app.
    rule: str = ""

    def threat(self, world: World, seen: Perception) -> np.ndarray:
        """[i, k] the threat i perceives from k under this lens; default: Walt's four factors."""
        return seen.walt_threat

    def decide(self, world: World, seen: Perception) -> Decision:
        raise NotImplementedError

    def __call__(self, world: World, seen: Perception) -> Decision:
        return self.decide(world, seen)

    def reason(self, world: World, seen: Perception, decision: Decision, i: int, j: int) -> str | Text:
        """Why i wants (or not) a tie with j, with the numbers; default: the common threat.

        A `Text` (engine/events.py) is written only when read: quote values, not arrays."""
        return common_threat_reason(world, seen, decision, i, j)


def helpfulness(world: World, seen: Perception, threat: np.ndarray, strength: np.ndarray | None = None) -> np.ndarray:
    """[i, j] how much j's support is worth to i, 0..1: what j can bring against what i fears
    and, for a pole, the position j offers: strength + position x (1 - strength).

    `strength`, when given, is the lens's own measure of what j brings (the power lens's
    `partner_strength`); by default:

    strength[i, j] = min(1, 2 x C_j / (C_j + s_k)), where k is the state i fears most and
    C_j = s_j + sum over j's other partners p of commitment[p, j] x s_p (p's pledge to j):
    j's coalition (without i), because an ally brings its own allies' help along (Snyder 1997: 44-46: an
    ally's value is its power, and its other commitments, next to the adversary's).
    position[i] = POSITION for a pole (`engine.polarity`), 0 for any other state: a great
    power values even a tiny client for its territory and for denying it to the rival
    (bases, buffer states: Waltz 1979: 170-171 on the superpowers' reach), while two small
    states gain little from each other against a great power (Walt 1987: 29-30: weak states
    seek a strong protector). Without it Taiwan and Indonesia ally against China.
    """
    if strength is None:
        strength = strength_against_threat(world, seen, threat)
    position = np.where(poles_of(seen.share), POSITION, 0.0)
    return strength + position[:, None] * (1.0 - strength)


def strength_against_threat(world: World, seen: Perception, threat: np.ndarray) -> np.ndarray:
    """[i, j] = min(1, 2 x C_j / (C_j + s_k)): what j and its other partners (C_j, times
    commitment) can bring against k, the state i fears most (or i itself if it fears none)."""
    s = seen.share
    backing = world.commitment.T * s[None, :]  # [j, p] what partner p, by its commitment to j, brings j
    coalition = s[:, None] + backing.sum(axis=1)[:, None] - backing  # [j, i]: j and its partners but i
    k, fears = most_feared(threat)
    return coalition_strength(coalition.T, np.where(fears, s[k], s)[:, None])


def most_feared(threat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(k, fears): k[i] the state i fears most, and whether i fears anyone (threat > 0); where it
    fears no one, the helpfulness measures strength against i itself."""
    if not threat.size:
        return np.zeros(threat.shape[0], dtype=int), np.zeros(threat.shape[0], dtype=bool)
    return np.argmax(threat, axis=1), threat.max(axis=1) > 0


def coalition_strength(coalition, feared):
    """min(1, 2 x C / (C + s_feared)): 1 for a coalition at least as strong as the feared state."""
    total = coalition + feared
    return np.minimum(1.0, np.divide(2.0 * coalition, total, out=np.ones_like(total * 1.0), where=total > 0))


def threat_similarity(threat: np.ndarray) -> np.ndarray:
    """[i, j] = cosine of the two threat profiles: 1 when i and j fear the same states in the
    same proportions, 0 when they fear different ones. One matrix product, no Python loop."""
    shared = threat @ threat.T
    norms = np.sqrt(np.diag(shared))
    denom = np.outer(norms, norms)
    cosine = np.divide(shared, denom, out=np.zeros_like(shared), where=denom > 0)
    np.fill_diagonal(cosine, 0.0)
    return cosine


def common_threat(threat: np.ndarray) -> np.ndarray:
    """[i, j] = similarity[i, j] x sqrt(worst_i x worst_j): fearing the same states, and fearing them much.

    Unlike a plain sum over all states it does not grow with the size of the world.
    """
    worst = threat.max(axis=1) if threat.size else np.zeros(0)
    return threat_similarity(threat) * np.sqrt(np.outer(worst, worst))


def stake(world: World) -> np.ndarray:
    """[i, j] how much j's security is i's own concern: the trust the tie has built (0 without a tie).

    Trust, not i's pledge (`STAKE_BY_TRUST`): an alliance creates an interest in the partner's
    security (Snyder 1997, Alliance Politics, ch. 6) that outlasts a loosening; it grows while
    a tie lasts (`perception.TRUST_BUILD`), so a new partner's danger weighs less at first.
    Only with fewer than three poles (`engine.polarity`): in multipolarity commitments are
    ambiguous and alignments flexible (Snyder 1984: 484; Waltz 1979: 165-170), so the stake
    follows the pledge; by trust there the power lens's multipolar realignments halved (C4).
    """
    if not STAKE_BY_TRUST or poles_of(world.share).sum() >= 3:
        return world.commitment  # multipolar: commitments are ambiguous and follow the pledge (Snyder 1984: 484)
    return np.where(world.tied(), world.trust, 0.0)


def extended_threat(world: World, threat: np.ndarray) -> np.ndarray:
    """[i, k] = max(threat[i, k], EXTENDED x max over i's partners j of stake[i, j] x threat[j, k]).

    An ally's danger is one's own worry: the United States in 2016 fears China little from
    Washington, but it has promised to defend Japan, which fears it much; China fears the US
    less than North Korea does, but North Korea is its buffer. Why: an alliance creates an
    interest in the partner's security (Snyder 1997, Alliance Politics, ch. 6), and without
    it a distant guarantor (the US in Asia, Britain for Belgium) would see no common threat
    and drop its clients. The weight is the trust the tie has built (`stake`), not the
    pledge: weighed by the pledge, each easing lowered the worry and so the next pledge, and
    China's treaty with North Korea spiralled away by turn 3-5 (China's extended threat fell
    from 0.10 to 0.05 as its pledge eased from 0.75 to 0.35). One hop only: the ally's
    own fears, not its allies' allies'. One numpy pass per state over its partners' rows (the
    partners of state i are a slice of the tie list, which np.nonzero gives row by row), so the
    cost is the number of ties x n, not n^3; per state, not per partner rank (the first partner
    of every state, then the second...) as before, because a state with many partners made as
    many passes (under the power lens at 200 states, up to 150).
    """
    out = threat.copy()
    weight = stake(world)
    rows, cols = np.nonzero(world.tied())
    scaled = EXTENDED * weight[rows, cols]
    bounds = np.searchsorted(rows, np.arange(world.n + 1)).tolist()  # state i's ties: bounds[i]:bounds[i + 1]
    for i in range(world.n):
        first, end = bounds[i], bounds[i + 1]
        if first == end:
            continue
        felt = threat[cols[first:end]]  # [partner, k]: each partner's threat from k ...
        felt *= scaled[first:end, None]  # ... times EXTENDED x i's stake in it
        np.maximum(out[i], felt.max(axis=0), out=out[i])
    np.fill_diagonal(out, 0.0)
    return out


def bandwagon_under_threat(world: World, seen: Perception, desire: np.ndarray) -> np.ndarray:
    """(n,) for each state the great power it bandwagons with under threat, or -1.

    Walt (1987: 29-31; 173-178) on when bandwagoning happens: weak states, which add little to
    a coalition and suffer first, are tempted to bandwagon when the threat is a great power,
    above all a proximate one, and any state may when allies are unavailable; but not with a
    state whose aggression is read as unalterable, since appeasement cannot divert it (25-26).
    State i bandwagons with k when

    - k is a great power (share >= GREAT_POWER_SHARE) and i holds at most WEAK of k's capability;
    - k is proximate: its own reach at i is at least NEIGHBOUR;
    - k is the state i would fear most without the trust a tie has built, at least SUBMIT_FEAR
      (threat / ally_discount: what the tie keeps off; Finland's 0.08 is 0.41 without the treaty);
    - their affinity is above IMPLACABLE (k can be appeased);
    - no protector is to be had: i has no partner but k, and no state j != k would make an
      entente with it (mutual balancing desire >= ENTENTE_FROM, the engine's line between a
      loose alignment and an entente: `dynamics.apply_ties`).

    Why the undiscounted threat: bandwagoning is appeasement, a tie that keeps a threat at bay
    (Walt 1987: 19-21), so what counts is the danger the weak state would face without it, not
    the danger left while the tie stands. Why "no protector" read from the balancing desire: a
    protector is available when balancing would find one that commits (an entente, not a loose
    alignment); the weak state falls back on bandwagoning only when it would not. Belgium in
    1913 (Britain 0.23) and Serbia (Russia 0.20) have one; Finland in 1955 (Turkey 0.09-0.10,
    an alignment at most) has none. The desire given is the lens's balancing desire.
    """
    n = world.n
    out = np.full(n, -1, dtype=int)
    if not BANDWAGON_UNDER_THREAT or n < 2:
        return out
    raw = np.divide(seen.walt_threat, seen.ally_discount, out=np.zeros_like(seen.walt_threat),
                    where=seen.ally_discount > 0)
    k = np.argmax(raw, axis=1)
    rows = np.arange(n)
    s = seen.share
    tied = world.tied()
    would_commit = np.minimum(desire, desire.T) >= ENTENTE_FROM
    others = np.ones((n, n), dtype=bool)
    others[rows, k] = False
    np.fill_diagonal(others, False)
    protector = ((tied | would_commit) & others).any(axis=1)
    weak = (s[k] >= GREAT_POWER_SHARE) & (s <= WEAK * s[k])
    near = (seen.reach[rows, k] >= NEIGHBOUR) & (raw[rows, k] >= SUBMIT_FEAR)
    bandwagons = weak & near & (world.affinity[rows, k] > IMPLACABLE) & ~protector
    out[bandwagons] = k[bandwagons]
    return out


def urgency(world: World) -> float:
    """How pressing balancing feels: above 1 when the offence is believed dominant.

    With defence dominant states expect to hold on alone, balance less and pass the buck;
    with offence dominant they rush into alliances (Christensen & Snyder 1990).
    """
    return 0.5 + world.settings.offense_dominance


def balancing_desire(world: World, seen: Perception, threat: np.ndarray, enmity: bool = True,
                     parts: dict | None = None, strength: np.ndarray | None = None) -> np.ndarray:
    """Realist external balancing: ally with those who fear what you fear, not with your threat.

    desire[i, j] = urgency x common_threat[i, j] x helpfulness[i, j] - 0.5 x threat[i, j]
                   - ENMITY x max(0, -affinity[i, j]) - TIE_COST

    with the common threat computed on the extended threat (`extended_threat`: the
    threats to one's committed partners count too).

    The enmity term: a state does not ally with one whose intentions towards it it reads as
    hostile, however weak that state is (Walt 1987: perceived intentions are a source of
    threat of their own). Without it two small enemies who fear the same great power ally
    (Bulgaria and Serbia in 1914, a year after the Second Balkan War). The power lens turns it
    off: to Waltz (1979) states are alike units and only capability counts.

    `parts`, when given, receives the helpfulness as "help" and the extended threat as
    "extended": what `common_threat_reason` quotes, the numbers the decision used (not ones read
    later, after the turn's ties moved).
    `strength`, when given, replaces `helpfulness`'s default measure of what a partner brings.
    """
    help_ = helpfulness(world, seen, threat, strength)
    extended = extended_threat(world, threat)
    if parts is not None:
        parts["help"] = help_
        parts["extended"] = extended
    desire = urgency(world) * common_threat(extended) * help_ - PARTNER_THREAT * threat - TIE_COST
    if enmity:
        desire = desire - ENMITY * np.maximum(0.0, -world.affinity)
    np.fill_diagonal(desire, -1.0)
    return desire


def arming(world: World, seen: Perception, threat: np.ndarray) -> np.ndarray:
    """Internal balancing: arm against the worst threat that allies do not cover.

    arm_i = clip(max_k threat[i, k] - reliability x sum_j commitment[i, j] x relative[i, j], 0, 1)
    """
    worst = threat.max(axis=1) if threat.size else np.zeros(world.n)
    return np.clip(worst - ally_cover(world, seen), 0.0, 1.0)


def common_threat_reason(world: World, seen: Perception, decision: Decision, i: int, j: int) -> Text:
    """Name the state that i and j both fear most, and each one's threat from it."""
    t = decision.threat
    k = int((t[i] * t[j]).argmax())
    if t[i, k] * t[j, k] <= 0:
        return Text(no_common_threat_text, decision.desire[i, j])
    names = world.names
    help_ = float(decision.parts["help"][i, j])  # as the decision weighed it (balancing_desire)
    return (Text(_common_threat_text, names[k], names[i], t[i, k], names[j], t[j, k], help_, decision.desire[i, j])
            + allies_danger_reason(world, decision, i, k))


def allies_danger_reason(world: World, decision: Decision, i: int, k: int) -> str | Text:
    """What i's allies' danger from k adds to i's own fear, when it adds (`extended_threat`)."""
    extended = decision.parts.get("extended") if decision.parts else None
    if extended is None or extended[i, k] <= decision.threat[i, k] + 0.005:
        return ""
    return Text(_allies_danger_text, world.names[i], world.names[k], float(extended[i, k]))


def _allies_danger_text(name_i: str, name_k: str, extended: float) -> str:
    return (f" (counting its allies' danger, {EXTENDED:g} x trust x their threat: "
            f"{name_i} fears {name_k} {extended:.2f})")


def no_common_threat_text(desire: float) -> str:
    return f"no common threat; desire {desire:+.2f}"


def _common_threat_text(name_k: str, name_i: str, threat_i: float, name_j: str, threat_j: float,
                        help_: float, desire: float) -> str:
    return (
        f"common threat {name_k}: to {name_i} {threat_i:.2f}, to {name_j} {threat_j:.2f}; "
        f"{name_j}'s help {help_:.2f}; "
        f"desire {desire:+.2f}"
    )
