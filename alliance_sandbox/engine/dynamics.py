"""How decisions become ties, arms, institutions and shared identity: the engine's rules.

A lens says how much each state wants each tie (`desire[i, j]`). Forming a tie needs both
partners, so formation and realignment work on the mutual desire min(desire[i, j],
desire[j, i]); each side then sets its own commitment (`World.commitment[i, j]` is i's) by
its own desire:

* no tie and mutual >= FORM, after each partner pays CROWDING for every tie it already
  has: the pair forms a tie (commitment 0.3): an entente, or a loose alignment when
  mutual < ENTENTE_FROM; each state forms at most one new tie a turn, its most wanted;
* a state whose weakest tie is worth (by its own desire) SWITCH_MARGIN less than its best untied option
  (counting the crowding it would save) leaves that tie: a realignment; unless it could
  simply add that option and its weakest tie is still worth forming (>= FORM). The more
  plausible partners a world offers, the more often this happens (Snyder 1984: the
  dilemma is sharper in multipolarity);
* a tie, desire[i, j] >= FORM and the partner's desire > 0: i's commitment rises by
  TIGHTEN_STEP up to 0.3 + 3 x desire[i, j]; once both sides reach ALLIANCE_AT the tie is
  formalised as an alliance (a treaty needs both signatures);
* a tie, desire[i, j] > 0 but i's commitment above that ceiling by more than EASE_STEP: it
  eases by EASE_STEP (Snyder: loosening to reduce entrapment);
* a tie and desire[i, j] <= 0: i's commitment falls by LOOSEN_STEP; when either side's
  falls below DISSOLVE the tie ends; an alliance with either side below ENTENTE_BELOW
  falls back to an entente;
* in between nothing changes: ties have inertia.
A coalition (formed in a crisis) also fades by COALITION_FADE a turn unless tightened.
"""
from __future__ import annotations

import numpy as np

from .events import Event, possessive
from .world import NO_TIE, World, tie_code

FORM = 0.08
#: What each tie a state already has adds to the cost of a new one: each extra ally adds
#: less security and more obligations, so states stop short of allying with everyone.
CROWDING = 0.08
#: How much better an untied option must be before a state drops its weakest tie for it.
SWITCH_MARGIN = 0.1
#: Below this mutual desire a new tie is a loose alignment; above it, an entente.
ENTENTE_FROM = 0.15
TIGHTEN_STEP = 0.1
LOOSEN_STEP = 0.2
#: A tie still worth having but held more firmly than its worth (above the ceiling
#: 0.3 + 3 x mutual) is eased by this much a turn: commitment follows value.
EASE_STEP = 0.1
DISSOLVE = 0.1
NEW_TIE_COMMITMENT = 0.3
ALLIANCE_AT = 0.6
ENTENTE_BELOW = 0.35
COALITION_FADE = 0.15
#: A hegemon holds a coerced tie while relative capability x reach x aggression over each
#: member is at least this (the USSR over Poland: about 0.4 in 1989, 0.15 after 1991).
COERCION_FLOOR = 0.25
#: The desire a coerced tie keeps: inside the zone of inertia (0 < mutual < FORM).
COERCED_HOLD = 0.04
#: Ablation switch for the claims tests: False moves both sides of a tie together, by the
#: mutual desire (the rule before commitment belonged to each side).
PER_SIDE = True
#: Ablation switch: False weighs a state's weakest tie by the mutual desire (the lesser of the two
#: sides') when it weighs leaving it for a better partner, the rule before each side set its own.
OWN_WORTH = True
#: Ablation switch: False sets the commitment ceiling from the misread desire of the turn.
STEADY_CEILING = True
#: Standard deviation of the noise in each state's reading of each tie's worth: why seeds matter.
PERCEPTION_NOISE = 0.02
#: Institutional assets and shared identity grow this much a turn per unit of commitment.
INSTITUTION_GROWTH = 0.05
IDENTITY_GROWTH = 0.04
#: Without a tie, assets and identity fade by this factor a turn.
INSTITUTION_FADE = 0.9
IDENTITY_FADE = 0.97
#: On a tie whose partners' values diverge, identity erodes by this share times -affinity a turn.
IDENTITY_EROSION = 0.2
#: Arming: the share of the spending lost now (the cost), and what is delivered later per
#: unit spent, times (1 - share): diminishing returns (apply_arming).
ARMING_COST_NOW = 1.0
ARMING_RETURN = 1.5
#: Weight of the latest turn in each state's growth trend (settle_capabilities).
GROWTH_MEMORY = 0.3
#: Arming intensity from which a state is said to arm.
ARMING_LOGGED = 0.15

ALLIANCE = tie_code("alliance")
ENTENTE = tie_code("entente")
COALITION = tie_code("coalition")


def coercion(world: World, seen, i: int, h: int) -> float:
    """How hard hegemon h can coerce state i: relative capability x reach x aggression of h."""
    return float(seen.relative[i, h] * seen.reach[i, h] * world.aggression[h])


def release_coerced(world: World, seen) -> list[Event]:
    """A tie held by force ends when its enforcer can no longer coerce a member of it.

    For a tie held by state h (World.held_by), a member i other than h is coerced while
    coercion(i, h) >= COERCION_FLOOR. When that fails for a member, the tie ends at once,
    under every lens: a pact held by a hegemon's coercion dissolves when the hegemon's
    capacity collapses (Walt 1987 ch. 8 on the Soviet bloc; Wallander 2000 on the Warsaw
    Pact's specific, coercive assets; Risse-Kappen 1996 on its missing we-feeling). The
    former members may then form new, voluntary ties by their lens's logic.
    """
    events = []
    rows, cols = np.nonzero(np.triu(world.tied() & (world.held_by >= 0), 1))
    for i, j in zip(rows.tolist(), cols.tolist()):
        h = int(world.held_by[i, j])
        weakest = min((coercion(world, seen, m, h), m) for m in (i, j) if m != h)
        if weakest[0] >= COERCION_FLOOR:
            continue
        m = weakest[1]
        other = j if m == i else i
        events.append(Event("leave", (world.ids[m], world.ids[other]),
            f"{world.names[m]} leaves its tie with {world.names[other]}: it was held by {world.names[h]}'s "
            f"force, which can no longer coerce it (coercion {weakest[0]:.2f} < {COERCION_FLOOR}: capability "
            f"{seen.relative[m, h]:.2f} x reach {seen.reach[m, h]:.2f} x aggression {world.aggression[h]:.2f})",
            {"coercion": weakest[0]}))
        world.remove_tie(i, j)
    return events


def coerced_desire(world: World, desire: np.ndarray) -> np.ndarray:
    """Members of a tie held by force keep wanting it (what release_coerced left in place).

    Neither member's desire falls below the value at which the tie's commitment is its
    worth (at least COERCED_HOLD, inside the zone of inertia): the tie neither tightens,
    eases nor loosens. Applied after the perception noise, so a held tie never slips by chance.
    """
    rows, cols = np.nonzero(world.tied() & (world.held_by >= 0))
    if rows.size == 0:
        return desire
    desire = desire.copy()
    hold = np.maximum(COERCED_HOLD, (world.commitment[rows, cols] - 0.3) / 3.0)
    desire[rows, cols] = np.maximum(desire[rows, cols], hold)
    return desire


def noisy_desire(desire: np.ndarray, rng: np.random.Generator, poles: int = 2) -> np.ndarray:
    """Each state's own reading of each tie's worth: why seeds matter.

    The noise grows with the number of poles beyond two: PERCEPTION_NOISE x max(1, poles - 1).
    Why: in a multipolar system "dangers are diffused, responsibilities unclear, and
    definitions of vital interests easily obscured" (Waltz 1979: 165), so states misread
    what a tie is worth, and alignments shift more (C4); with two poles each knows whom it
    faces.
    """
    return desire + rng.normal(0.0, misreading(poles), desire.shape)


def misreading(poles: int) -> float:
    """The standard deviation of a turn's misreading of each tie's worth (`noisy_desire`)."""
    return PERCEPTION_NOISE * max(1, poles - 1)


def apply_ties(world: World, desire: np.ndarray, explain, worth: np.ndarray | None = None) -> list[Event]:
    """Change ties by the rules above. `explain(kind, i, j, verb, actor=None)` returns the Event;
    without an actor, the explainer picks the keener (or more reluctant) partner.

    `worth`, when given, is the desire before the turn's misreading (`noisy_desire`): how
    firmly a state holds a tie (the ceiling 0.3 + 3 x worth) follows it, while whether it
    forms, keeps, tightens or leaves a tie follows the misread `desire`. Why: a commitment is
    a standing policy, set on the state's judgement of the tie over time, not re-read each
    turn; with the ceiling re-drawn from each turn's noise, about a quarter of the ties eased
    in one turn tightened again the next (2,263 of 9,358 on the bundled cases), events that
    explain nothing. STEADY_CEILING = False restores the noisy ceiling (the ablation).

    Each side moves its own commitment by its own desire (World.commitment[i, j] is i's): the
    keener partner commits more, the more reluctant one holds back or lets go (Snyder 1997:
    the partner that fears abandonment more commits more). When both sides of a tie do the
    same this turn, one event tells it.
    """
    n = world.n
    upper = np.triu(np.ones((n, n), dtype=bool), 1)
    mutual = np.minimum(desire, desire.T)
    events: list[Event] = _realign(world, desire, mutual, explain)
    tied = world.tied()
    c = world.commitment
    own = desire if PER_SIDE else mutual
    reading = worth if worth is not None and STEADY_CEILING else desire  # what the ceiling reads
    held = reading if PER_SIDE else np.minimum(reading, reading.T)
    ceiling = np.clip(0.3 + 3.0 * held, 0.0, 1.0)  # [i, j]: what the tie is worth to i

    loosen = tied & (own <= 0.0)
    tighten = tied & (own >= FORM) & (mutual > 0.0) & (c < ceiling - 0.05)
    ease = tied & (own > 0.0) & (c > ceiling + EASE_STEP)
    fade = tied & (world.tie_kind == COALITION) & ~tighten & ~loosen
    reluctance = -desire  # who leads a tie that shrinks: the more reluctant side (`_actor`); once, not per event
    for i, j in _pairs(loosen, upper):
        ended = _lower(world, (i, j), loosen, LOOSEN_STEP)
        if ended is not None:
            events.append(explain("leave", i, j, "leaves its tie with", actor=ended))
            continue
        a, b = _actor(loosen, i, j, reluctance)
        events.append(explain("loosen", a, b, f"loosens its tie ({_sides(world, a, b)}) with", actor=a))
    for i, j in _pairs(ease, upper):
        if not world.tie_kind[i, j]:
            continue  # ended above
        for a, b in _sides_of(ease, i, j):
            c[a, b] -= EASE_STEP
        _set_kind(world, i, j)
        a, b = _actor(ease, i, j, reluctance)
        events.append(explain("loosen", a, b, f"eases its commitment ({_sides(world, a, b)}) to", actor=a))
    for i, j in _pairs(tighten, upper):
        if not world.tie_kind[i, j]:
            continue
        formal = world.tie_kind[i, j] == ALLIANCE
        for a, b in _sides_of(tighten, i, j):
            c[a, b] = min(ceiling[a, b], c[a, b] + TIGHTEN_STEP)
        if not formal and min(c[i, j], c[j, i]) >= ALLIANCE_AT:  # a treaty needs both signatures
            world.tie_kind[i, j] = world.tie_kind[j, i] = ALLIANCE
        verb = "formalises an alliance" if world.tie_kind[i, j] == ALLIANCE and not formal else "tightens its tie"
        a, b = _actor(tighten, i, j, desire)
        events.append(explain("tighten", a, b, f"{verb} ({_sides(world, a, b)}) with", actor=a))
    for i, j in _pairs(fade, upper):
        if not world.tie_kind[i, j]:
            continue
        ended = _lower(world, (i, j), fade, COALITION_FADE)
        if ended is not None:
            events.append(explain("leave", i, j, "ends its crisis coalition with", actor=ended))
    crowded = desire - CROWDING * world.tied().sum(axis=1)[:, None]
    events.extend(_form_new_ties(world, np.minimum(crowded, crowded.T), upper, explain))
    return events


def _pairs(mask: np.ndarray, upper: np.ndarray) -> list[tuple[int, int]]:
    """Each pair (i < j) where either side is in `mask`."""
    rows, cols = np.nonzero((mask | mask.T) & upper)
    return list(zip(rows.tolist(), cols.tolist()))


def _sides_of(mask: np.ndarray, i: int, j: int) -> list[tuple[int, int]]:
    """The sides (a, b) of the pair i, j that `mask` moves: i's commitment to j, j's to i, or both."""
    return [(a, b) for a, b in ((i, j), (j, i)) if mask[a, b]]


def _actor(mask: np.ndarray, i: int, j: int, keenness: np.ndarray) -> tuple[int, int]:
    """(actor, other): the side that moved; when both did, the keener by `keenness` (the desire
    for a tie that grows; minus the desire for one that shrinks, so the more reluctant side)."""
    if mask[i, j] and mask[j, i]:
        return (i, j) if keenness[i, j] >= keenness[j, i] else (j, i)
    return (i, j) if mask[i, j] else (j, i)


def _sides(world: World, actor: int, other: int) -> str:
    """The actor's commitment, and the other's when the two differ: "0.50" or "0.50, Russia's
    0.40" (no semicolon: the caption band cuts an explanation at its first). Written from the
    actor's side, so the number after the other's name is always the other's."""
    own, theirs = world.commitment[actor, other], world.commitment[other, actor]
    if abs(own - theirs) < 0.005:
        return f"{own:.2f}"
    return f"{own:.2f}, {possessive(world.names[other])} {theirs:.2f}"


def _lower(world: World, pair: tuple[int, int], mask: np.ndarray, step: float) -> int | None:
    """Lower the masked sides' commitments by `step`; when a side falls below DISSOLVE the tie
    ends and that side (the one that walks away) is returned."""
    i, j = pair
    for a, b in _sides_of(mask, i, j):
        world.commitment[a, b] -= step
        if world.commitment[a, b] < DISSOLVE:
            world.remove_tie(i, j)
            return a
    _set_kind(world, i, j)
    return None


def _set_kind(world: World, i: int, j: int) -> None:
    """An alliance whose either side falls below ENTENTE_BELOW is back to an entente (a treaty
    needs both signatures; the tightening rule formalises one once both reach ALLIANCE_AT)."""
    if world.tie_kind[i, j] == ALLIANCE and min(world.commitment[i, j], world.commitment[j, i]) < ENTENTE_BELOW:
        world.tie_kind[i, j] = world.tie_kind[j, i] = ENTENTE


def _realign(world: World, desire: np.ndarray, mutual: np.ndarray, explain) -> list[Event]:
    """Each state may drop its weakest tie when a clearly better untied partner is on offer.

    A state weighs its ties by its own desire (OWN_WORTH): South Korea in 1955 wants the United
    States' guarantee (0.19) whatever the United States' own, lower reading of the tie; a
    partner that values a tie little lowers its own commitment and ends the tie itself if it
    falls that far (the tie rules). Before, each tie was weighed by the lesser of the two
    desires, so the keener side walked out of a tie for the other's coolness: South Korea and
    Taiwan left the United States for each other under the security-dilemma lens in every seed.
    An untied option is still worth what both would give it (the mutual desire)."""
    tied = world.tied()
    degree = tied.sum(axis=1)
    valued = desire if OWN_WORTH else mutual  # what each tie is worth to i, by i's own reading
    weakest_value = np.where(tied, valued, np.inf).min(axis=1)
    weakest = np.where(tied, valued, np.inf).argmin(axis=1)
    # what each untied j is worth to i if i drops one tie (it saves one CROWDING) and j pays its own
    offer = np.minimum(desire - CROWDING * (degree[:, None] - 1), (desire - CROWDING * degree[:, None]).T)
    offer = np.where(tied | np.eye(world.n, dtype=bool), -np.inf, offer)
    best = offer.argmax(axis=1)
    best_value = offer.max(axis=1) if world.n else offer
    # the same option without dropping anything: a state that can simply add the tie does not leave one
    rows = np.arange(world.n)
    addable = np.minimum(desire[rows, best] - CROWDING * degree, desire[best, rows] - CROWDING * degree[best]) >= FORM
    # ... unless its weakest tie is no longer worth forming: then it trades it in
    movers = np.nonzero((degree > 0) & (best_value >= FORM) & (best_value > weakest_value + SWITCH_MARGIN)
                        & (~addable | (weakest_value < FORM)))[0]
    events = []
    for i in movers.tolist():
        j, k = int(weakest[i]), int(best[i])
        if world.tie_kind[i, j] == NO_TIE:
            continue  # the partner already dropped this tie this turn
        event = explain("leave", i, j, f"realigns towards {world.names[k]} (worth {best_value[i]:.2f}), "
                        f"leaving its tie (worth {weakest_value[i]:.2f}) with", actor=i)
        events.append(event)
        world.remove_tie(i, j)
    return events


def _form_new_ties(world: World, mutual: np.ndarray, upper: np.ndarray, explain) -> list[Event]:
    """Each state forms at most one new tie a turn, the most wanted pairs first."""
    candidates = upper & ~world.tied() & (mutual >= FORM)
    rows, cols = np.nonzero(candidates)
    if rows.size == 0:
        return []
    order = np.lexsort((cols, rows, -mutual[rows, cols]))
    busy = np.zeros(world.n, dtype=bool)
    events = []
    for i, j in zip(rows[order].tolist(), cols[order].tolist()):
        if busy[i] or busy[j]:
            continue
        busy[i] = busy[j] = True
        kind = "entente" if mutual[i, j] >= ENTENTE_FROM else "alignment"
        world.set_tie(i, j, kind, NEW_TIE_COMMITMENT, since=world.now())
        events.append(explain("form", i, j, f"forms an {kind} with"))
    return events


def ally_cover(world: World, seen) -> np.ndarray:
    """(n,) how much of a threat each state expects its allies to cover: reliability x
    sum over ties of the partner's commitment to it x the partner's relative capability (Leeds et al. 2000's rate)."""
    return world.settings.ally_reliability * (world.commitment.T * seen.relative).sum(axis=1)


def apply_arming(world: World, arm: np.ndarray, before: np.ndarray) -> list[tuple[int, float, float]]:
    """Internal balancing: pay now, receive later (Settings.arming_lag turns).

    A state arming at intensity a spends arming_rate x a x capability now, all of it lost
    to its capability this turn (the cost), and receives ARMING_RETURN x (1 - share) times
    that spending after the lag: diminishing returns, so the strongest gain least from more
    arms and no state arms its way to unbounded power. Returns (state, spending now,
    capability delivered later) for the states that start arming this turn, so the caller
    can log them; `before` is last turn's intensity.
    """
    s = world.settings
    delivered = world.arming[:, 0].copy()
    world.arming[:, :-1] = world.arming[:, 1:]
    world.arming[:, -1] = 0.0
    spend = s.arming_rate * arm * world.capability
    later = ARMING_RETURN * (1.0 - world.share) * spend
    world.capability = world.capability + delivered - ARMING_COST_NOW * spend
    if s.arming_lag <= 0:
        world.capability += later
    else:
        world.arming[:, -1] += later
    starting = np.nonzero((arm >= ARMING_LOGGED) & (before < ARMING_LOGGED))[0]
    return [(int(i), float(spend[i]), float(later[i])) for i in starting]


def settle_capabilities(world: World, total: float, share_before: np.ndarray) -> None:
    """Keep the world's total capability at `total` and update each state's growth trend.

    Why a fixed total: capability is a share of the world's (CINC), so growth, decline and
    arming move shares; without it arming compounds and capabilities diverge over long runs.
    The trend (World.trend) is an exponential average, GROWTH_MEMORY a turn, of the change
    in log share: who is rising and who declining (the interest lens reads it).
    """
    current = world.capability.sum()
    if current > 0 and total > 0:
        world.capability = world.capability * (total / current)
    with np.errstate(divide="ignore", invalid="ignore"):
        change = np.where(share_before > 0, np.log(np.maximum(world.share, 1e-300) / share_before), 0.0)
    world.trend = (1.0 - GROWTH_MEMORY) * world.trend + GROWTH_MEMORY * change


def warmth(world: World) -> np.ndarray:
    """[i, j] how far cooperation between i and j can build a shared identity: their shared
    values, max(0, affinity), and nothing for a tie held by force (Risse-Kappen 1996: a
    we-feeling grows among kindred states that choose to cooperate)."""
    return np.clip(world.affinity, 0.0, 1.0) * (world.held_by < 0)


def grow_bonds(world: World) -> None:
    """Institutional assets and shared identity accumulate while ties last, fade without;
    identity also erodes while the pair's values diverge (affinity < 0)."""
    tied = world.tied()
    c = world.tie_strength()
    world.institution = np.where(
        tied, world.institution + INSTITUTION_GROWTH * c * (1 - world.institution), world.institution * INSTITUTION_FADE
    )
    grown = world.identity + IDENTITY_GROWTH * c * warmth(world) * (1 - world.identity)
    eroded = grown * (1.0 - IDENTITY_EROSION * np.clip(-world.affinity, 0.0, 1.0))
    world.identity = np.where(tied, eroded, world.identity * IDENTITY_FADE)


def bonds_from_history(world: World) -> None:
    """Before turn 1: the assets and identity that ties already `since` years old have built.

    Why: NATO in 1989 is forty years old; its institutions did not start from zero. Every
    tie a world starts with is fully trusted (ties set after the World was built count too).
    """
    world.trust = np.maximum(world.trust, world.tied())
    if world.start_year is None:
        return
    since = world.tie_since
    age = np.where(world.tied() & (since >= 0), np.maximum(world.start_year - since, 0), 0)
    c = world.tie_strength()
    world.institution = np.maximum(world.institution, 1 - np.exp(-INSTITUTION_GROWTH * c * age))
    world.identity = np.maximum(world.identity, 1 - np.exp(-IDENTITY_GROWTH * c * warmth(world) * age))
    np.fill_diagonal(world.institution, 0.0)
    np.fill_diagonal(world.identity, 0.0)


__all__ = ["apply_ties", "apply_arming", "misreading", "settle_capabilities", "grow_bonds", "bonds_from_history",
           "noisy_desire", "NO_TIE", "release_coerced", "coerced_desire"]
