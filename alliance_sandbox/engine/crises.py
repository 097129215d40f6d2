"""Crises: where abandonment and entrapment stop being risks and happen (Snyder 1984).

Each turn every state k may press the state it threatens most, with probability
crisis_rate x aggression_k^2. The risks of `engine/risk.py` are computed for the world as it
stands when the turn's crises break, with the active lens's threat, and every outcome is
drawn from exactly those numbers, so what the charts show is what happens:

- the target i calls each partner j against the aggressor k. With the tie's chain-ganging odds j follows i in
  unconditionally (Christensen & Snyder 1990); otherwise it fails plainly with the plain
  abandonment risk (Snyder 1984), or, a great power that can leave the fight to another
  great power, passes the buck with the buck-passing odds; otherwise it honours the call. So j
  fails i with probability risks.tie_abandonment[i, j], the displayed abandonment risk (shown
  for a crisis with i's worst threat; against another aggressor only the buck-passing test
  changes: another great power must fear that aggressor).
- each partner j of the aggressor k chain-gangs in behind it, or is entrapped (dragged into
  a crisis of k's making), with total probability risks.tie_entrapment[j, k], the displayed
  entrapment risk; joining when it has a quarrel of its own with i is standing by k.
- states that fear k (under the lens's threat) but have no tie with the target join it in a
  crisis coalition, each with probability offence_dominance: believing the offence dominant,
  states rush to stop an aggressor early; believing the defence dominant, they expect the
  victim to hold and leave the fight to others (Christensen & Snyder 1990: 1914's rush,
  1938's buck-passing). The crisis line says how many stayed out.
What a crisis teaches each side, its own commitment only (`World.commitment[i, j]` is i's):
- an honoured call (or a partner chain-ganging in) firms both pledges, each from its own
  value (+HONOURED_FIRMS): the target is reassured, the partner has a new stake in it;
- a failed call (abandonment, a passed buck) shakes the let-down target's pledge most
  (-FAILED_SHAKES: its fear of abandonment came true, so it hedges, Snyder 1984: 467) and the
  defector's by DEFECTOR_SHAKES (its pledge has shown it binds little);
- a partner dragged into a quarrel not its own (entrapment) loosens its own pledge to the
  aggressor by ENTRAPPED_LOOSENS (Snyder 1984: loosening is the remedy for entrapment); the
  aggressor's pledge to it is untouched.
PER_SIDE_LESSONS = False restores the old rule (both sides set to the target's value moved
by the same amount), for the ablation.

RISK_DRIVEN = False restores the old fixed-rate rule (answer chance ally_reliability x
(0.5 + 0.5 x commitment) x (0.5 + offense_dominance), labels by offence dominance above or
below 0.5), kept only so the claims tests can show that it does not follow the risks.
"""
from __future__ import annotations

import numpy as np

from .events import Event, Text
from .perception import Perception
from .risk import RiskModel, risk_model
from .world import World

#: Below this threat from the target, the aggressor's partner has no quarrel of its own.
NO_QUARREL = 0.1
#: Threat from the aggressor above which an untied state joins the target's coalition.
COALITION_FEAR = 0.25
#: A crisis needs a target that feels at least this much threat.
CRISIS_THRESHOLD = 0.05
#: How much an honoured call firms each side's pledge, and a failed one shakes the let-down side's.
HONOURED_FIRMS = 0.05
FAILED_SHAKES = 0.1
#: How much a failed call lowers the defector's own pledge (less than the let-down side's).
DEFECTOR_SHAKES = 0.05
#: How much a partner entrapped in a quarrel not its own loosens its pledge to the aggressor.
ENTRAPPED_LOOSENS = 0.05
#: Ablation switch: False moves both sides together, by the target's lesson (the old rule).
PER_SIDE_LESSONS = True
#: Ablation switch for the claims tests (see the module docstring).
RISK_DRIVEN = True
#: Ablation switch: False lets every untied state that fears the aggressor join (the old rule).
COALITION_BY_OFFENCE = True
CITE_CS = "Christensen & Snyder 1990"


def resolve_crises(world: World, seen: Perception, rng: np.random.Generator, threat: np.ndarray) -> list[Event]:
    """This turn's crises; `threat` is the active lens's threat matrix (the one the risks use)."""
    s = world.settings
    draws = rng.random(world.n)  # one draw per state every turn: the stream never shifts
    pressing = np.nonzero(draws < s.crisis_rate * world.aggression**2)[0]
    events: list[Event] = []
    if not pressing.size:
        return events
    ids, nm = world.ids, world.names
    # the tie-independent part, once; each call reads the tie's commitment as it stands then
    model = risk_model(world, seen, threat)
    for k in pressing.tolist():
        exposure = seen.walt_threat[:, k].copy()
        exposure[k] = 0.0
        exposure[world.tie_kind[k] != 0] = 0.0
        i = int(np.argmax(exposure))
        if exposure[i] < CRISIS_THRESHOLD:
            continue
        crisis = len(events)
        if RISK_DRIVEN:
            events.extend(_call_partners(world, seen, model, rng, k, i))
            events.extend(_drag_aggressor_partners(world, seen, model, rng, k, i))
        else:
            events.extend(_fixed_rate_calls(world, seen, model, rng, k, i))
        joined, stayed_out = _crisis_coalition(world, rng, threat, k, i)
        events.extend(joined)
        text = Text(_crisis_text, nm[k], nm[i], exposure[i], stayed_out, len(joined), s.offense_dominance)
        events.insert(crisis, Event("crisis", (ids[k], ids[i]), text,
                                    {"threat": exposure[i], "stayed_out": stayed_out}))
    return events


def _polarity_words(polarity, od: float) -> str:
    return f"{polarity.label}, {polarity.poles} poles; offence dominance {od:.2f}"


def _call_partners(world, seen, model: RiskModel, rng, k, i) -> list[Event]:
    """Target i calls each of its partners j (but the aggressor k) in turn: each follows, fails or
    stands by it (module docstring), and the pair learns from it.

    Worked for all partners at once (the turn's slowest loop at 200 states, before): the odds in
    one evaluation (a nudge to one tie does not move another tie's odds), one uniform draw per
    partner in partner order (`rng.random(m)` gives the very numbers m single draws would), and
    the lessons applied together (each partner's pair of pledges is its own, so no lesson reads
    another's). Only the events are made one by one."""
    ids, nm, events = world.ids, world.names, []
    od, polarity, poles = world.settings.offense_dominance, model.polarity, model.polarity.poles
    partners = np.flatnonzero(world.tie_kind[i])
    partners = partners[partners != k]
    every = model.pair(world.commitment, np.full(partners.size, i), partners, np.full(partners.size, k))
    chain, plain, buck, fail = (every[key] for key in ("chain", "plain", "buck", "fail"))
    u = rng.random(partners.size)
    chained = u < chain
    abandoned = ~chained & (u < chain + (1.0 - chain) * plain)
    passed = ~chained & ~abandoned & (u < chain + fail)
    pledged = world.commitment[partners, i]  # j's pledge before the lesson: what the values quote
    failed = abandoned | passed
    _honoured(world, i, partners[~failed])
    _let_down(world, i, partners[failed])
    shaken = world.commitment[partners, i]  # and after it: what an abandonment's sentence quotes
    rows = zip(partners.tolist(), chained.tolist(), abandoned.tolist(), passed.tolist(), chain.tolist(),
               plain.tolist(), buck.tolist(), fail.tolist(), pledged.tolist(), shaken.tolist(),
               seen.walt_threat[partners, k].tolist())
    for j, is_chained, is_abandoned, is_passed, p_chain, p_plain, p_buck, p_fail, before, after, own in rows:
        values = {"abandonment_risk": p_fail, "p_fail": p_fail, "p_chain_gang": p_chain, "p_abandon": p_plain,
                  "p_buck_pass": p_buck, "commitment": before, "own_threat": own, "poles": poles,
                  "offense_dominance": od}
        names = (nm[j], nm[i], nm[k])
        if is_chained:
            events.append(Event("chain_gang", (ids[j], ids[i], ids[k]),
                                Text(_chain_text, *names, p_chain, polarity, od), values))
        elif is_abandoned:
            events.append(Event("abandoned", (ids[j], ids[i], ids[k]),
                                Text(_abandoned_text, *names, p_fail, after), values))
        elif is_passed:
            events.append(Event("buck_pass", (ids[j], ids[i], ids[k]),
                                Text(_buck_text, *names, _balancer_named(world, model, i, j, k), p_buck, p_fail,
                                     polarity, od), values))
        else:
            events.append(Event("honoured", (ids[j], ids[i], ids[k]), Text(_honoured_text, *names, p_fail), values))
    return events


def _crisis_text(aggressor: str, target: str, threat: float, stayed_out: int, joined: int, od: float) -> str:
    text = f"Crisis: {aggressor} presses {target} (threat {threat:.2f})"
    if stayed_out:
        text += (f"; {stayed_out} of {stayed_out + joined} untied states that fear {aggressor} stay out "
                 f"(each joins with chance {od:.2f} = offence dominance; {CITE_CS})")
    return text


def _chain_text(partner: str, target: str, aggressor: str, chance: float, polarity, od: float) -> str:
    return (f"{partner} follows {target} into its crisis with {aggressor} unconditionally: its loss would be "
            f"decisive (chance {chance:.2f}; {_polarity_words(polarity, od)}; chain-ganging, {CITE_CS})")


def _abandoned_text(partner: str, target: str, aggressor: str, fail: float, commitment: float) -> str:
    return (f"{partner} fails to help {target} against {aggressor} (abandonment risk {fail:.2f}: commitment "
            f"{commitment:.2f}; abandonment, Snyder 1984)")


def _buck_text(partner: str, target: str, aggressor: str, other: str, buck: float, fail: float, polarity,
               od: float) -> str:
    return (f"{partner} holds back from {target}'s crisis with {aggressor}, leaving the cost to {other} "
            f"(buck-passing chance {buck:.2f}; abandonment risk {fail:.2f}; {_polarity_words(polarity, od)}; "
            f"{CITE_CS})")


def _honoured_text(partner: str, target: str, aggressor: str, fail: float) -> str:
    return f"{partner} stands by {target} against {aggressor} (abandonment risk {fail:.2f})"


def _balancer_named(world, model: RiskModel, i, j, k) -> str:
    """The strongest other great power that feels k's threat: whom j leaves the fight to."""
    others = np.arange(world.n)
    candidates = others[model.is_balancer(i, others, k) & (others != j)]
    m = int(candidates[np.argmax(model.share[candidates])])
    return f"{world.names[m]}, which also fears {world.names[k]} (threat {model.threat[m, k]:.2f})"


def _drag_aggressor_partners(world, seen, model: RiskModel, rng, k, i) -> list[Event]:
    """Each partner j of the aggressor k (but the target i) chain-gangs in behind it, is dragged in,
    stands by it or stays out; all partners at once, as `_call_partners`."""
    ids, nm, events = world.ids, world.names, []
    od, polarity, poles = world.settings.offense_dominance, model.polarity, model.polarity.poles
    partners = np.flatnonzero(world.tie_kind[k])
    partners = partners[partners != i]
    every = model.follow(world.commitment, np.full(partners.size, k), partners)
    chain, drag, plain = every["chain"], every["entrapment"], every["plain"]
    quarrel = seen.walt_threat[partners, i]
    u = rng.random(partners.size)
    chained = u < chain
    entrapped = ~chained & (u < drag) & (quarrel < NO_QUARREL)
    standing = ~chained & ~entrapped & (u < drag)
    if PER_SIDE_LESSONS:
        _move(world, partners[entrapped], k, -ENTRAPPED_LOOSENS)
    rows = zip(partners.tolist(), chained.tolist(), entrapped.tolist(), standing.tolist(), chain.tolist(),
               drag.tolist(), plain.tolist(), quarrel.tolist())
    for j, is_chained, is_entrapped, is_standing, p_chain, p_drag, p_plain, own in rows:
        if not (is_chained or is_entrapped or is_standing):
            continue  # stays out of k's venture: nothing to log
        values = {"entrapment_risk": p_drag, "p_drag": p_drag, "p_chain_gang": p_chain, "p_entrap": p_plain,
                  "own_threat": own, "poles": poles, "offense_dominance": od}
        names = (nm[j], nm[k], nm[i])
        if is_chained:
            events.append(Event("chain_gang", (ids[j], ids[k], ids[i]),
                                Text(_follow_text, *names, p_chain, p_drag, polarity, od), values))
        elif is_entrapped:
            events.append(Event("entrapped", (ids[j], ids[k], ids[i]), Text(_dragged_text, *names, own, p_drag),
                                values))
        else:
            events.append(Event("honoured", (ids[j], ids[k], ids[i]), Text(_stands_text, *names, own, p_drag),
                                values))
    return events


def _follow_text(partner: str, aggressor: str, target: str, chance: float, drag: float, polarity, od: float) -> str:
    return (f"{partner} follows {aggressor} into its crisis with {target} unconditionally: its loss would be "
            f"decisive (chance {chance:.2f}; entrapment risk {drag:.2f}; {_polarity_words(polarity, od)}; "
            f"chain-ganging, {CITE_CS})")


def _dragged_text(partner: str, aggressor: str, target: str, quarrel: float, drag: float) -> str:
    return (f"{partner} is dragged behind {aggressor} into its crisis with {target}, though {target} threatens it "
            f"only {quarrel:.2f} (entrapment risk {drag:.2f}; entrapment, Snyder 1984)")


def _stands_text(partner: str, aggressor: str, target: str, quarrel: float, drag: float) -> str:
    return (f"{partner} stands by {aggressor} against {target}, a quarrel of its own (threat {quarrel:.2f}; "
            f"entrapment risk {drag:.2f})")


def _fixed_rate_calls(world, seen, model: RiskModel, rng, k, i) -> list[Event]:
    """The old rule, for the ablation only: a fixed answer rate and labels by offence dominance."""
    ids, od, events = world.ids, world.settings.offense_dominance, []
    for j in np.nonzero(world.tie_kind[i])[0].tolist():
        if j == k:
            continue
        c = float(world.commitment[i, j])
        p = min(1.0, world.settings.ally_reliability * (0.5 + 0.5 * c) * (0.5 + od))
        answered = rng.random() < p
        if answered:
            _honoured(world, i, j)
        else:
            _let_down(world, i, j)
        kind = ("chain_gang" if od > 0.5 else "honoured") if answered else ("buck_pass" if od < 0.5 else "abandoned")
        events.append(Event(kind, (ids[j], ids[i], ids[k]), f"fixed-rate rule (answer chance {p:.2f})",
                            {"abandonment_risk": float(model.pair(world.commitment, np.asarray(i),
                                                                  np.asarray(j))["fail"]),
                             "p_fail": 1.0 - p}))
    return events


def _crisis_coalition(world, rng, threat, k, i) -> tuple[list[Event], int]:
    """The untied states that fear k join i, each with chance offence_dominance; and how many stayed out."""
    ids, nm, events = world.ids, world.names, []
    join = world.settings.offense_dominance if COALITION_BY_OFFENCE else 1.0
    fearful = np.nonzero((threat[:, k] >= COALITION_FEAR) & (world.tie_kind[i] == 0))[0].tolist()
    stayed_out = 0
    for j in fearful:
        if j in (i, k) or world.tie_kind[j, k]:
            continue
        if rng.random() >= join:
            stayed_out += 1
            continue
        world.set_tie(i, j, "coalition", 0.5, since=world.now())
        events.append(Event("coalition", (ids[j], ids[i], ids[k]),
                            Text(_coalition_text, nm[j], nm[i], nm[k], threat[j, k], join),
                            {"threat": threat[j, k], "p_join": join}))
    return events, stayed_out


def _coalition_text(joiner: str, target: str, aggressor: str, threat: float, join: float) -> str:
    return (f"{joiner} joins {target} in a crisis coalition against {aggressor} (its threat from {aggressor} "
            f"{threat:.2f}; chance {join:.2f} = offence dominance, {CITE_CS})")


def _honoured(world: World, target: int, partner) -> None:
    """An answered call firms both pledges, each from its own value (`partner`: one state or an
    index array of them, each answering the same target)."""
    if not PER_SIDE_LESSONS:
        return _both_as_target(world, target, partner, +HONOURED_FIRMS)
    _move(world, target, partner, +HONOURED_FIRMS)
    _move(world, partner, target, +HONOURED_FIRMS)


def _let_down(world: World, target: int, partner) -> None:
    """A failed call: the let-down target hedges most, the defector's pledge sags."""
    if not PER_SIDE_LESSONS:
        return _both_as_target(world, target, partner, -FAILED_SHAKES)
    _move(world, target, partner, -FAILED_SHAKES)
    _move(world, partner, target, -DEFECTOR_SHAKES)


def _move(world: World, a, b, delta: float) -> None:
    """a's own pledge to b moves by delta, kept in [0.05, 1] (a, b: states, or index arrays of
    distinct pairs)."""
    world.commitment[a, b] = np.minimum(1.0, np.maximum(0.05, world.commitment[a, b] + delta))


def _both_as_target(world: World, i: int, j, delta: float) -> None:
    """The old rule (ablation only): both sides set to the target's pledge moved by delta."""
    value = np.minimum(1.0, np.maximum(0.05, world.commitment[i, j] + delta))
    world.commitment[i, j] = value
    world.commitment[j, i] = value
