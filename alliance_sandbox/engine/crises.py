"""Crises: where abandonment and entrapment stop being risks and happen (Snyder 1984).

Each turn every state k may press the state it threatens most, with probability
crisis_rate x aggression_k^2. The target calls its partners. Partner j answers with
probability

    ally_reliability x (0.5 + 0.5 x commitment) x (0.5 + offense_dominance)

(Leeds, Long & Mitchell 2000 put the base rate at 74.5%). An answer to a fight that is not
j's own (j's threat from k below OWN_FIGHT times the target's) is entrapment; with the offence believed
dominant it is chain-ganging (Christensen & Snyder 1990). No answer is abandonment; with the
defence believed dominant it is buck-passing. The aggressor's own partners may be dragged
in too. States that fear k but have no tie with the target join it in a crisis coalition.
Honoured calls firm up the tie (+0.05), failed ones shake it (-0.1).
"""
from __future__ import annotations

import numpy as np

from .events import Event
from .perception import Perception
from .world import World

#: A partner whose own threat from the aggressor is below this share of the target's is
#: answering a call that is not its own fight: entrapment.
OWN_FIGHT = 0.5
#: Below this threat from the target, the aggressor's partner has no quarrel of its own.
NO_QUARREL = 0.1
#: Threat from the aggressor above which an untied state joins the target's coalition.
COALITION_FEAR = 0.25
#: A crisis needs a target that feels at least this much threat.
CRISIS_THRESHOLD = 0.05


def resolve_crises(world: World, seen: Perception, rng: np.random.Generator) -> list[Event]:
    s = world.settings
    od = s.offense_dominance
    draws = rng.random(world.n)  # one draw per state every turn: the stream never shifts
    pressing = np.nonzero(draws < s.crisis_rate * world.aggression**2)[0]
    events: list[Event] = []
    ids, nm = world.ids, world.names
    for k in pressing.tolist():
        exposure = seen.walt_threat[:, k].copy()
        exposure[k] = 0.0
        exposure[world.tie_kind[k] != 0] = 0.0
        i = int(np.argmax(exposure))
        if exposure[i] < CRISIS_THRESHOLD:
            continue
        events.append(
            Event("crisis", (ids[k], ids[i]), f"Crisis: {nm[k]} presses {nm[i]} (threat {exposure[i]:.2f})",
                  {"threat": exposure[i]})
        )
        events.extend(_call_partners(world, seen, rng, k, i, od))
        events.extend(_drag_aggressor_partners(world, seen, rng, k, i, od))
        events.extend(_crisis_coalition(world, seen, k, i))
    return events


def _call_partners(world, seen, rng, k, i, od) -> list[Event]:
    ids, nm, events = world.ids, world.names, []
    partners = [j for j in np.nonzero(world.tie_kind[i])[0].tolist() if j != k]
    for j in partners:
        c = float(world.commitment[i, j])
        p = min(1.0, world.settings.ally_reliability * (0.5 + 0.5 * c) * (0.5 + od))
        values = {"p_answer": p, "commitment": c, "own_threat": seen.walt_threat[j, k]}
        if rng.random() < p:
            _nudge(world, i, j, +0.05)
            if seen.walt_threat[j, k] < OWN_FIGHT * seen.walt_threat[i, k]:
                kind = "chain_gang" if od > 0.5 else "entrapped"
                events.append(Event(kind, (ids[j], ids[i], ids[k]),
                    f"{nm[j]} is dragged into {nm[i]}'s crisis with {nm[k]} though {nm[k]} threatens it only "
                    f"{seen.walt_threat[j, k]:.2f} (answer chance {p:.2f}; entrapment, Snyder 1984"
                    + ("; chain-ganging under offence dominance, Christensen & Snyder 1990)" if od > 0.5 else ")"),
                    values))
            else:
                events.append(Event("honoured", (ids[j], ids[i], ids[k]),
                    f"{nm[j]} stands by {nm[i]} against {nm[k]} (answer chance {p:.2f})", values))
        else:
            _nudge(world, i, j, -0.1)
            kind = "buck_pass" if od < 0.5 else "abandoned"
            text = (f"{nm[j]} fails to help {nm[i]} against {nm[k]} (answer chance {p:.2f}; abandonment, Snyder 1984"
                    + ("; buck-passing under defence dominance, Christensen & Snyder 1990)" if od < 0.5 else ")"))
            events.append(Event(kind, (ids[j], ids[i], ids[k]), text, values))
    return events


def _drag_aggressor_partners(world, seen, rng, k, i, od) -> list[Event]:
    ids, nm, events = world.ids, world.names, []
    for j in np.nonzero(world.tie_kind[k])[0].tolist():
        if j == i:
            continue
        p = min(1.0, float(world.commitment[k, j]) * (0.5 + od) / 1.5)
        if rng.random() < p and seen.walt_threat[j, i] < NO_QUARREL:
            kind = "chain_gang" if od > 0.5 else "entrapped"
            events.append(Event(kind, (ids[j], ids[k], ids[i]),
                f"{nm[j]} is dragged behind {nm[k]} into its crisis with {nm[i]} (chance {p:.2f}; entrapment)",
                {"p_drag": p}))
    return events


def _crisis_coalition(world, seen, k, i) -> list[Event]:
    ids, nm, events = world.ids, world.names, []
    fearful = np.nonzero((seen.walt_threat[:, k] >= COALITION_FEAR) & (world.tie_kind[i] == 0))[0].tolist()
    for j in fearful:
        if j in (i, k) or world.tie_kind[j, k]:
            continue
        world.set_tie(i, j, "coalition", 0.5, since=world.now())
        events.append(Event("coalition", (ids[j], ids[i], ids[k]),
            f"{nm[j]} joins {nm[i]} in a crisis coalition against {nm[k]} (its threat from {nm[k]} "
            f"{seen.walt_threat[j, k]:.2f})", {"threat": seen.walt_threat[j, k]}))
    return events


def _nudge(world: World, i: int, j: int, delta: float) -> None:
    value = min(1.0, max(0.05, float(world.commitment[i, j]) + delta))
    world.commitment[i, j] = world.commitment[j, i] = value

