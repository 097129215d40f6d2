"""Landscape theory (Axelrod & Bennett 1993): states move, one at a time, to the less frustrating bloc."""
from __future__ import annotations

import numpy as np

from alliance_sandbox.engine.events import Event, Text
from alliance_sandbox.engine.landscape import best_move, frustration

from .base import Decision, Lens, arming

#: The lens's own state in World.lens_state: each state's side (0 or 1) of the two blocs.
SIDES = "landscape_sides"
#: The desire for a tie with a same-side state of no propensity either way (affinity 0): inside
#: the engine's zone of inertia (0 < desire < FORM), so such a tie stays and none forms.
#: Landscape theory places states in blocs; it gives a bloc member with no quarrel and no
#: kinship no reason to leave its bloc's alliance (Portugal in NATO, 1955). Set it below 0 to
#: see the ablation: those ties end.
NEUTRAL_HOLD = 0.04


def starting_sides(world) -> np.ndarray:
    """Two sides from today's alliances: the strongest bloc is side 0; every other state, the
    strongest first, takes the side where its frustration (so far) is lower."""
    side = np.full(world.n, -1, dtype=int)
    blocs = world.blocs()
    side[blocs[0]] = 0
    for bloc in blocs[1:]:
        placed = side >= 0
        pull = [(world.capability[placed & (side == b)][:, None]
                 * world.affinity[np.ix_(placed & (side == b), bloc)]).sum() for b in (0, 1)]
        side[bloc] = 0 if pull[0] > pull[1] else 1
    return side


class LandscapeLens(Lens):
    id = "landscape"
    name = "Landscape theory"
    claim = (
        "States aggregate into the two blocs that minimise frustration: size x propensity "
        "summed over the states on the other side."
    )
    citation = "Axelrod & Bennett (1993), A Landscape Theory of Aggregation, BJPS 23(2): 211-233"
    rule = (
        "each turn the one state whose switch lowers its frustration F_i = sum_j s_j p_ij d_ij "
        "the most changes side; states tie with same-side partners of positive affinity "
        "(desire 0.1 + 0.5 x affinity), keep those of no propensity either way, and leave ties "
        "across the divide."
    )

    def threat(self, world, seen):
        """Negative propensity, weighted by relative capability, is what a state fears here."""
        threat = np.maximum(0.0, -world.affinity) * seen.relative * seen.ally_discount
        np.fill_diagonal(threat, 0.0)
        return threat

    def decide(self, world, seen):
        kept = world.lens_state.get(SIDES)
        side = kept.copy() if kept is not None else starting_sides(world)
        mover, gain = best_move(seen.share, world.affinity, side)
        events = []
        if mover is not None:
            side[mover] = 1 - side[mover]
            events.append(Event("switch", (world.ids[mover],),
                                f"{world.names[mover]} changes sides: its frustration falls by {gain:.4f} "
                                f"(Axelrod & Bennett 1993)", {"frustration_fall": float(gain)}))
        same = side[:, None] == side[None, :]
        p = world.affinity
        desire = np.where(same, np.where(p > 0, 0.1 + 0.5 * p, np.where(p == 0, NEUTRAL_HOLD, -0.05)), -0.5)
        np.fill_diagonal(desire, -1.0)
        threat = self.threat(world, seen)
        return Decision(threat, desire, arming(world, seen, threat), state={SIDES: side}, events=events,
                        parts={"frustration": frustration(seen.share, world.affinity, side), "sides": side})

    def reason(self, world, seen, decision, i, j):
        sides = decision.parts["sides"]
        return Text(_bloc_text, world.names[i], world.names[j], sides[i] == sides[j], world.affinity[i, j],
                    decision.parts["frustration"][i])


def _bloc_text(name_i: str, name_j: str, same: bool, propensity: float, frustration: float) -> str:
    where = "the same bloc" if same else "opposite blocs"
    return f"{name_i} and {name_j} in {where}; propensity {propensity:+.2f}; frustration of {name_i} {frustration:.3f}"
