"""What every state sees of every other at the start of a turn.

Computed once per turn and shared by the lens, the risk model and the crisis model, so
the numbers a decision quotes are the numbers the risks were computed from.
All matrices are (n, n) with row i = the perceiving state, column j = the state perceived.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .geometry import distances_km
from .world import World, without_joined

#: How far a great power projects power: the strongest state's threat reaches 1 + REACH
#: times as far as a small state's. Why: Walt's proximity matters less for a superpower.
REACH = 3.0
#: How much affinity shapes perceived intentions: at 1, a friend of affinity +0.5 reads an
#: aggressive state's intentions as half as hostile, an enemy of -0.5 as half again as hostile.
#: Why so strong: aggression is one number per state, but intentions are aimed (Walt 1987:
#: Germany's in 1914 at France and Russia, not at Bulgaria or the Ottomans).
IDEOLOGY = 1.0
#: A great power holds at least this share of world capability (used for polarity, and by
#: the power lens: to Waltz the system is made by its great powers).
GREAT_POWER_SHARE = 0.05
#: How much of a fully trusted partner's threat is taken away. Why trust and not the tie's
#: commitment level: if loosening a tie made the partner look more threatening, every
#: loosening would feed on itself and allies would spiral apart.
ALLY_TRUST = 0.8
#: Trust in a partner grows by this share of what is missing each turn a tie lasts, and is
#: kept at this factor each turn after it ends. Why a fade: an ally of yesterday does not
#: become a stranger overnight; if its threat came back at once, ending any tie would make
#: the ex-ally loom large and push the pair apart for good (the "trust snap").
TRUST_BUILD = 0.5
TRUST_FADE = 0.7
#: How much of a state's power reaches from the territory of a partner, times the tie's
#: commitment: an alliance's bases bring the patron's power near the partner's neighbours.
FORWARD = 0.8


class Perception:
    """What every state sees of every other: share, relative, reach and ally_discount, and Walt's
    presence and threat.

    share: (n,) capability share, sums to 1
    relative: [i, j] = s_j / (s_i + s_j): how strong j is next to i
    reach: [i, j] = exp(-distance / (proximity_km x (1 + REACH x s_j / s_max)))
    presence: [i, j] = reach of j at i, from j's capital or a partner's territory
    walt_threat: [i, j] = relative x presence x offense_j x aggression_j (Walt 1987)
    ally_discount: [i, j] = 1 - ALLY_TRUST x trust[i, j]: a (former) partner is feared less

    presence and walt_threat are computed in `perceive` (the turn's perception: the lens and
    the crises read them after the ties have moved, so they must be the turn's start), or, for
    `perceive(world, lazy=True)`, when first read, from the world as it is then. Why: forward
    presence is the costliest part (2-3 ms a call at 200 states), and the turn record's second
    perception (`Simulation._record`) needs it only for a lens whose threat is Walt's; the
    power and landscape lenses never read it there.
    """

    __slots__ = ("share", "relative", "reach", "ally_discount", "_parts", "_later")

    def __init__(self, share: np.ndarray, relative: np.ndarray, reach: np.ndarray, ally_discount: np.ndarray,
                 parts: tuple[np.ndarray, np.ndarray] | None = None,
                 later: Callable[[], tuple[np.ndarray, np.ndarray]] | None = None) -> None:
        """`parts`: (presence, walt_threat); or `later`, the function that computes them."""
        self.share, self.relative, self.reach, self.ally_discount = share, relative, reach, ally_discount
        self._parts, self._later = parts, later

    @property
    def presence(self) -> np.ndarray:
        return self._threat_parts()[0]

    @property
    def walt_threat(self) -> np.ndarray:
        return self._threat_parts()[1]

    def _threat_parts(self) -> tuple[np.ndarray, np.ndarray]:
        if self._parts is None:
            assert self._later is not None, "a Perception needs its parts or the function computing them"
            self._parts, self._later = self._later(), None
        return self._parts


def perceive(world: World, lazy: bool = False) -> Perception:
    """What every state sees now. `lazy`: presence and Walt's threat are computed when first
    read, from the world as it is then: only for a caller that reads them before the world
    changes (the turn record)."""
    s = world.share
    total = s[:, None] + s[None, :]
    relative = np.divide(s[None, :], total, out=np.full_like(total, 0.5), where=total > 0)
    np.fill_diagonal(relative, 0.0)
    km = distances_km(world.lon, world.lat)
    scale = world.settings.proximity_km
    s_max = s.max() if s.size else 1.0
    span = scale * (1.0 + REACH * s / s_max)
    log_reach = -km / span[None, :]  # [i, j]: reach in log space, what forward presence works in
    reach = np.exp(log_reach)
    ally_discount = 1.0 - ALLY_TRUST * world.trust

    def threat_parts() -> tuple[np.ndarray, np.ndarray]:
        presence = forward_presence(world, km, span, log_reach)
        intentions = perceived_intentions(world)
        walt = relative * presence * world.offense[None, :] * intentions * ally_discount
        np.fill_diagonal(walt, 0.0)
        walt = without_joined(world, walt, 0.0)  # a state that joined another is no one's target
        return presence, walt

    if lazy:
        return Perception(s, relative, reach, ally_discount, later=threat_parts)
    return Perception(s, relative, reach, ally_discount, parts=threat_parts())


def forward_presence(world: World, km: np.ndarray, span: np.ndarray, log_reach: np.ndarray) -> np.ndarray:
    """[i, j] = max(reach[i, j], FORWARD x max over j's weaker partners p of commitment[j, p]
    x exp(-km[i, p] / span_j)): how near j's power stands to i.

    Walt's proximity is the ability to project power, which falls with distance (Walt 1987:
    23); an ally's territory and bases bring it near. Beijing is 11,000 km from Washington,
    but the US stands in Japan and Korea, which is why China reads the US-Japan alliance as
    a threat (Christensen 1999, International Security 23(4)); Moscow in 1955 faced US power
    from West Germany and Turkey. Without it a distant patron threatens no one near its
    clients, and the rival it contains sees no reason to keep its own allies. Only weaker
    partners: a patron stations forces in its clients, not they in it. Only the
    threat uses it: a hegemon's coercion (`dynamics.coercion`) needs its own reach, or a
    pact would hold itself up. `log_reach` is -km / span_j (the log of `Perception.reach`).
    """
    j, p = np.nonzero(world.tie_kind)  # every tie in both directions, grouped by j (row order)
    client = world.capability[p] < world.capability[j]  # bases stand in a weaker partner's land
    j, p = j[client], p[client]
    if j.size == 0:
        return np.exp(log_reach)
    # log reach of j at every i from each partner p's territory, a row per tie, reduced per j;
    # in log space, so one exp at the end (at 200 states and 2,000 ties, 40,000 exps instead of
    # 800,000). Rows, not columns (km is read along rows), in place, one patron j at a time:
    # its block of rows (its weaker partners x n) stays in the cache while it is worked on
    # (2.1-3.1 ms against 2.9-4.4 ms for one pass over all ties, 200 states, busy machine),
    # and no array is larger than the most partners a state has x n.
    with np.errstate(divide="ignore"):  # FORWARD = 0 (an ablation) reads as log 0 = -inf: no reach
        log_weight = np.log(FORWARD * world.commitment[j, p])
    best = log_reach.T.copy()  # [j, i], from j's own capital
    far = np.ascontiguousarray(km.T)  # [p, i] = km[i, p]
    bounds = np.searchsorted(j, np.arange(world.n + 1)).tolist()  # patron j's ties: bounds[j]:bounds[j + 1]
    spans = span.tolist()
    for patron in range(world.n):
        first, end = bounds[patron], bounds[patron + 1]
        if first == end:
            continue
        via = far[p[first:end]]  # [partner, i]: km from each partner's land to i ...
        via /= spans[patron]
        np.subtract(log_weight[first:end, None], via, out=via)  # ... as log reach, times the pledge
        np.maximum(best[patron], via.max(axis=0), out=best[patron])
    np.exp(best, out=best)
    return np.ascontiguousarray(best.T)


def perceived_intentions(world: World) -> np.ndarray:
    """[i, j] = aggression_j x (1 - IDEOLOGY x affinity_ij), within 0..1.

    Intentions are perceived, not read off (Walt 1987: ideology shapes who looks
    aggressive): kindred states see each other's aggression as less threatening,
    estranged ones as more.
    """
    return np.clip(world.aggression[None, :] * (1.0 - IDEOLOGY * world.affinity), 0.0, 1.0)


def perceived_intention(world: World, i: int, j: int) -> float:
    """One element of `perceived_intentions`, for an explanation (no n x n work per event)."""
    return float(min(1.0, max(0.0, world.aggression[j] * (1.0 - IDEOLOGY * world.affinity[i, j]))))


def update_trust(world: World) -> None:
    """After the turn's tie changes: trust builds towards 1 on a tie and fades without one."""
    world.trust = np.where(world.tied(), world.trust + TRUST_BUILD * (1.0 - world.trust),
                           world.trust * TRUST_FADE)
