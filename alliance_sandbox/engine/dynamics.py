"""How decisions become ties, arms, institutions and shared identity: the engine's rules.

A lens says how much each state wants each tie (`desire[i, j]`); a tie needs both
partners, so the engine works on the mutual desire min(desire[i, j], desire[j, i]):

* no tie and mutual >= FORM, after each partner pays CROWDING for every tie it already
  has: the pair forms a tie (commitment 0.3): an entente, or a loose alignment when
  mutual < ENTENTE_FROM; each state forms at most one new tie a turn, its most wanted;
* a state whose weakest tie is worth SWITCH_MARGIN less than its best untied option
  (counting the crowding it would save) leaves that tie: a realignment. The more
  plausible partners a world offers, the more often this happens (Snyder 1984: the
  dilemma is sharper in multipolarity);
* a tie and mutual >= FORM: commitment rises by TIGHTEN_STEP up to 0.3 + 3 x mutual; at
  ALLIANCE_AT it is formalised as an alliance;
* a tie and mutual > 0 but commitment above that ceiling by more than EASE_STEP: the
  commitment eases by EASE_STEP (Snyder: loosening to reduce entrapment);
* a tie and mutual <= 0: commitment falls by LOOSEN_STEP; below DISSOLVE the tie ends;
  an alliance below ENTENTE_BELOW falls back to an entente;
* in between nothing changes: ties have inertia.
A coalition (formed in a crisis) also fades by COALITION_FADE a turn unless tightened.
"""
from __future__ import annotations

import numpy as np

from .events import Event
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
#: Standard deviation of the noise in each state's reading of each tie's worth: why seeds matter.
PERCEPTION_NOISE = 0.02
#: Institutional assets and shared identity grow this much a turn per unit of commitment.
INSTITUTION_GROWTH = 0.05
IDENTITY_GROWTH = 0.04
#: Without a tie, assets and identity fade by this factor a turn.
INSTITUTION_FADE = 0.9
IDENTITY_FADE = 0.97
#: Arming: the share of the spending lost now (the cost), and what is delivered later.
ARMING_COST_NOW = 0.5
ARMING_RETURN = 1.5
#: Arming intensity from which a state is said to arm.
ARMING_LOGGED = 0.15

ALLIANCE = tie_code("alliance")
ENTENTE = tie_code("entente")
COALITION = tie_code("coalition")


def noisy_desire(desire: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Each state's own reading of each tie's worth: why seeds matter."""
    return desire + rng.normal(0.0, PERCEPTION_NOISE, desire.shape)


def apply_ties(world: World, desire: np.ndarray, explain) -> list[Event]:
    """Change ties by the rules above. `explain(kind, i, j, verb, actor=None)` returns the Event;
    without an actor, the explainer picks the keener (or more reluctant) partner."""
    n = world.n
    upper = np.triu(np.ones((n, n), dtype=bool), 1)
    mutual = np.minimum(desire, desire.T)
    events: list[Event] = _realign(world, desire, mutual, explain)
    tied = world.tied() & upper
    c = world.commitment
    ceiling = np.clip(0.3 + 3.0 * mutual, 0.0, 1.0)

    loosen = tied & (mutual <= 0.0)
    tighten = tied & (mutual >= FORM) & (c < ceiling - 0.05)
    ease = tied & (mutual > 0.0) & (c > ceiling + EASE_STEP)
    fade = tied & (world.tie_kind == COALITION) & ~tighten & ~loosen
    for i, j in zip(*np.nonzero(loosen)):
        event = _lower(world, i, j, LOOSEN_STEP, explain, "leaves its tie with")
        events.append(event or explain("loosen", i, j, f"loosens its tie ({c[i, j]:.2f}) with"))
    for i, j in zip(*np.nonzero(ease)):
        _set_commitment(world, i, j, c[i, j] - EASE_STEP)
        events.append(explain("loosen", i, j, f"eases its commitment ({c[i, j]:.2f}) to"))
    for i, j in zip(*np.nonzero(tighten)):
        new = min(ceiling[i, j], c[i, j] + TIGHTEN_STEP)
        _set_commitment(world, i, j, new)
        verb = f"tightens its tie ({new:.2f}) with"
        if world.tie_kind[i, j] != ALLIANCE and new >= ALLIANCE_AT:
            world.tie_kind[i, j] = world.tie_kind[j, i] = ALLIANCE
            verb = f"formalises an alliance ({new:.2f}) with"
        events.append(explain("tighten", i, j, verb))
    for i, j in zip(*np.nonzero(fade)):
        event = _lower(world, i, j, COALITION_FADE, explain, "ends its crisis coalition with")
        if event:
            events.append(event)
    crowded = desire - CROWDING * world.tied().sum(axis=1)[:, None]
    events.extend(_form_new_ties(world, np.minimum(crowded, crowded.T), upper, explain))
    return events


def _realign(world: World, desire: np.ndarray, mutual: np.ndarray, explain) -> list[Event]:
    """Each state may drop its weakest tie when a clearly better untied partner is on offer."""
    tied = world.tied()
    degree = tied.sum(axis=1)
    weakest_value = np.where(tied, mutual, np.inf).min(axis=1)
    weakest = np.where(tied, mutual, np.inf).argmin(axis=1)
    # what each untied j is worth to i if i drops one tie (it saves one CROWDING) and j pays its own
    offer = np.minimum(desire - CROWDING * (degree[:, None] - 1), (desire - CROWDING * degree[:, None]).T)
    offer = np.where(tied | np.eye(world.n, dtype=bool), -np.inf, offer)
    best = offer.argmax(axis=1)
    best_value = offer.max(axis=1) if world.n else offer
    movers = np.nonzero((degree > 0) & (best_value >= FORM) & (best_value > weakest_value + SWITCH_MARGIN))[0]
    events = []
    for i in movers.tolist():
        j, k = int(weakest[i]), int(best[i])
        if not world.tied()[i, j]:
            continue  # the partner already dropped this tie this turn
        event = explain("leave", i, j, f"realigns towards {world.names[k]} (worth {best_value[i]:.2f}), "
                        f"leaving its tie (worth {weakest_value[i]:.2f}) with", actor=i)
        events.append(event)
        world.remove_tie(i, j)
    return events


def _lower(world: World, i: int, j: int, step: float, explain, leave_verb: str) -> Event | None:
    """Lower a tie's commitment by `step`; below DISSOLVE it ends, and the "leave" event is returned."""
    new = world.commitment[i, j] - step
    if new < DISSOLVE:
        event = explain("leave", i, j, leave_verb)
        world.remove_tie(i, j)
        return event
    _set_commitment(world, i, j, new)
    return None


def _set_commitment(world: World, i: int, j: int, value: float) -> None:
    world.commitment[i, j] = world.commitment[j, i] = value
    if world.tie_kind[i, j] == ALLIANCE and value < ENTENTE_BELOW:
        world.tie_kind[i, j] = world.tie_kind[j, i] = ENTENTE


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


def apply_arming(world: World, arm: np.ndarray, before: np.ndarray) -> list[tuple[int, float, float]]:
    """Internal balancing: pay now, receive later (Settings.arming_lag turns).

    Returns (state, spending now, capability delivered later) for the states that start
    arming this turn, so the caller can log them; `before` is last turn's intensity.
    """
    s = world.settings
    delivered = world.arming[:, 0].copy()
    world.arming[:, :-1] = world.arming[:, 1:]
    world.arming[:, -1] = 0.0
    spend = s.arming_rate * arm * world.capability
    world.capability = world.capability + delivered - ARMING_COST_NOW * spend
    if s.arming_lag <= 0:
        world.capability += ARMING_RETURN * spend
    else:
        world.arming[:, -1] += ARMING_RETURN * spend
    starting = np.nonzero((arm >= ARMING_LOGGED) & (before < ARMING_LOGGED))[0]
    return [(int(i), float(spend[i]), float(ARMING_RETURN * spend[i])) for i in starting]


def grow_bonds(world: World) -> None:
    """Institutional assets and shared identity accumulate while ties last, fade without."""
    tied = world.tied()
    c = world.commitment
    warmth = np.clip(0.5 + 0.5 * world.affinity, 0.0, 1.0)
    world.institution = np.where(
        tied, world.institution + INSTITUTION_GROWTH * c * (1 - world.institution), world.institution * INSTITUTION_FADE
    )
    world.identity = np.where(
        tied, world.identity + IDENTITY_GROWTH * c * warmth * (1 - world.identity), world.identity * IDENTITY_FADE
    )


def bonds_from_history(world: World) -> None:
    """Before turn 1: the assets and identity that ties already `since` years old have built.

    Why: NATO in 1989 is forty years old; its institutions did not start from zero.
    """
    if world.start_year is None:
        return
    since = world.tie_since
    age = np.where(world.tied() & (since >= 0), np.maximum(world.start_year - since, 0), 0)
    c = world.commitment
    warmth = np.clip(0.5 + 0.5 * world.affinity, 0.0, 1.0)
    world.institution = np.maximum(world.institution, 1 - np.exp(-INSTITUTION_GROWTH * c * age))
    world.identity = np.maximum(world.identity, 1 - np.exp(-IDENTITY_GROWTH * c * warmth * age))
    np.fill_diagonal(world.institution, 0.0)
    np.fill_diagonal(world.identity, 0.0)


__all__ = ["apply_ties", "apply_arming", "grow_bonds", "bonds_from_history", "noisy_desire", "NO_TIE"]
