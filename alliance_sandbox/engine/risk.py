"""The alliance security dilemma (Snyder 1984, 1997) and the autonomy-security trade-off (Morrow 1991).

The risks are probabilities, per crisis, and the crisis model draws from exactly these numbers
(`engine/crises.py`): what the charts show is what happens.

Notation, for a tie between i and j: s = capability share; rel[i, j] = s_j / (s_i + s_j), how
strong j is next to i (how much i needs j); c[i, j] = i's commitment to j; r = `ally_reliability`
(Leeds, Long & Mitchell 2000: 74.5% of calls honoured, 1816-1944); od = `offense_dominance`;
M = 1 in a multipolar world, else 0 (`engine/polarity.py`).

    temptation[i, j] = alternatives[j|i] x (1 - rel[j, i])
        alternatives[j|i] = sum_{k != i, j} s_k (1 - threat[j, k]) / (1 - s_j): friendly capability
        j could turn to instead of i; 1 - rel[j, i]: how little j needs i
    plain abandonment[i, j] = clip((1 - r) x 2 (1 - c[j, i]) x (0.5 + temptation[i, j]), 0, 1)
        so a partner at commitment 0.5 with middling temptation (0.5) fails a call with
        probability 1 - r: 25.5% by default, Leeds et al.'s figure
    chain-ganging[i, j] = CHAIN_GANG x od x M x c[j, i] x min(1, 2 rel[j, i])
        j follows i into i's crisis unconditionally: under multipolarity with the offence
        believed dominant, an ally's loss would be decisive (Christensen & Snyder 1990); more
        for an ally of comparable size; never in bipolarity, where a superpower can restrain an
        ally (Waltz 1979)
    buck-passing[i, j] = BUCK_PASS x (1 - od) x M x [j is a pole, and another pole m, not i, j
        nor i's worst threat w_i, feels w_i's threat >= BALANCER_FEAR]
        j leaves i's defence to another great power (Christensen & Snyder 1990)
    abandonment[i, j] = (1 - chain[i, j]) x (1 - (1 - plain abandonment[i, j]) x (1 - buck[i, j]))
        the risk that j fails i's call: plainly or by passing the buck
    plain entrapment[i, j] = aggression_j x (1 - plain abandonment[j, i])
        the chance that j's crisis is of j's making and i stands by j anyway
    entrapment[i, j] = chain[j, i] + (1 - chain[j, i]) x plain entrapment[i, j]
        the risk that i is dragged in behind j when j presses a crisis

So more commitment lowers abandonment and raises entrapment, for both partners (C7), both
stay in [0, 1], and more friendly alternatives, as in a multipolar world, mean more
abandonment. A state's risk is the mean over its ties weighted by its need of each partner.

Morrow's trade-off (1991), per tie and then summed per state:

    security gain[i, j]  = c[j, i] x rel[i, j]        capability j adds to i's defence
    provision cost[i, j] = PROVISION x c[i, j] x rel[j, i]
        the defence of j that i takes on, carried in proportion to i's share of the pair
        (the larger ally carries the larger share: Olson & Zeckhauser 1966)
    autonomy gain[i, j]  = (c[i, j] + c[j, i]) / 2 x (rel[j, i] - rel[i, j]) / 2
        policy concessions (bases, a say in the minor's policy) flow to the major partner
    security_i = clip(sum_j security gain - provision cost, -1, 1); autonomy_i = sum_j autonomy gain

In an asymmetric alliance the minor partner gains security and gives up autonomy; the major
partner gains autonomy and its net security from the tie is negative once the partner has less
than half its capability (rel < PROVISION / (1 + PROVISION) = 1/3); equal partners both gain
security (capability aggregation) and trade no autonomy.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .perception import Perception
from .polarity import Polarity, pole_mask, polarity
from .world import World

#: Highest chance, with the offence believed wholly dominant, that a partner follows an
#: equal-sized ally it is fully committed to into its crisis, whatever the stakes for itself.
CHAIN_GANG = 0.8
#: Highest chance, with the defence believed wholly dominant, that a great power leaves an
#: ally's defence to another great power that feels the same threat.
BUCK_PASS = 0.6
#: Least threat from i's worst enemy at which another pole counts as a balancer j can pass to.
BALANCER_FEAR = 0.05
#: What defending a partner costs, per unit of own share of the pair, next to what the
#: partner's capability adds: half, so a state allied to one less than half its size pays net.
PROVISION = 0.5

#: Ablation switches for the claims tests: with one off, that behaviour never happens.
CHAIN_GANGING = True
BUCK_PASSING = True


@dataclass
class Risks:
    tie_abandonment: np.ndarray  # (n, n) [i, j]: risk that j fails i's call (plainly or by buck-passing)
    tie_entrapment: np.ndarray  # (n, n) [i, j]: risk that i is dragged in behind j into j's crisis
    abandonment: np.ndarray  # (n,) per state
    entrapment: np.ndarray  # (n,)
    security: np.ndarray  # (n,) net security from allies (Morrow)
    autonomy: np.ndarray  # (n,) autonomy gained (> 0) or given up (< 0)
    tie_plain_abandonment: np.ndarray = None  # (n, n) [i, j]: j fails i for its own reasons
    tie_plain_entrapment: np.ndarray = None  # (n, n) [i, j]: i stands by j's crisis of j's making
    tie_chain_gang: np.ndarray = None  # (n, n) [i, j]: j follows i into i's crisis unconditionally
    tie_buck_pass: np.ndarray = None  # (n, n) [i, j]: j leaves i's defence to another pole
    worst_threat: np.ndarray = None  # (n,) index of each state's worst threat under the lens
    polarity: Polarity = None


def alliance_risks(world: World, perception: Perception, threat: np.ndarray) -> Risks:
    """Both risks for every tie; `threat` is the active lens's threat matrix."""
    s = perception.share
    tied = world.tied()
    commitment = world.commitment
    rel = perception.relative
    od = world.settings.offense_dominance
    structure = polarity(s)
    multipolar = 1.0 if structure.multipolar else 0.0

    friendly = s[None, :] * (1.0 - np.clip(threat, 0.0, 1.0))
    np.fill_diagonal(friendly, 0.0)
    others = np.maximum(1.0 - s, 1e-12)
    # alternatives[j, i]: j's friendly capability apart from i, as a share of all but j
    alternatives = np.clip((friendly.sum(axis=1)[:, None] - friendly) / others[:, None], 0.0, 1.0)
    temptation = alternatives.T * (1.0 - rel.T)
    unreliability = 1.0 - world.settings.ally_reliability
    plain_abandonment = np.where(tied, np.clip(unreliability * 2.0 * (1.0 - commitment.T) * (0.5 + temptation),
                                               0.0, 1.0), 0.0)
    chain = chain_gang_odds(world, perception, od, multipolar)
    worst = np.argmax(threat, axis=1) if world.n else np.zeros(0, dtype=int)
    buck = buck_pass_odds(world, perception, threat, worst, od, multipolar)
    abandonment = (1.0 - chain) * (1.0 - (1.0 - plain_abandonment) * (1.0 - buck))
    plain_entrapment = np.where(tied, world.aggression[None, :] * (1.0 - plain_abandonment.T), 0.0)
    entrapment = np.where(tied, chain.T + (1.0 - chain.T) * plain_entrapment, 0.0)

    weights = np.where(tied, rel, 0.0)
    weight_sum = weights.sum(axis=1)
    safe = np.where(weight_sum > 0, weight_sum, 1.0)
    state_abandonment = np.where(weight_sum > 0, (weights * abandonment).sum(axis=1) / safe, 0.0)
    state_entrapment = np.where(weight_sum > 0, (weights * entrapment).sum(axis=1) / safe, 0.0)
    security = np.clip((security_gain(world, perception) - provision_cost(world, perception)).sum(axis=1), -1.0, 1.0)
    autonomy = autonomy_gain(world, perception).sum(axis=1)
    return Risks(abandonment, entrapment, state_abandonment, state_entrapment, security, autonomy,
                 plain_abandonment, plain_entrapment, chain, buck, worst, structure)


def chain_gang_odds(world: World, perception: Perception, od: float, multipolar: float) -> np.ndarray:
    """[i, j]: the chance that j follows i into i's crisis unconditionally (0 where no tie)."""
    if not CHAIN_GANGING:
        return np.zeros((world.n, world.n))
    decisive = np.minimum(1.0, 2.0 * perception.relative.T)  # [i, j]: i's size next to j's
    return np.where(world.tied(), CHAIN_GANG * od * multipolar * world.commitment.T * decisive, 0.0)


def buck_pass_odds(world: World, perception: Perception, threat: np.ndarray, worst: np.ndarray,
                   od: float, multipolar: float) -> np.ndarray:
    """[i, j]: the chance that j, a pole, leaves i's defence to another pole (0 where no tie)."""
    n = world.n
    if not BUCK_PASSING or not multipolar or n == 0:
        return np.zeros((n, n))
    balancers = balancer_mask(perception.share, threat, worst)  # [i, m]
    count = balancers.sum(axis=1)
    # another balancer than j itself
    passable = pole_mask(perception.share)[None, :] & ((count[:, None] - balancers) >= 1)
    return np.where(world.tied() & passable, BUCK_PASS * (1.0 - od), 0.0)


def balancer_mask(share: np.ndarray, threat: np.ndarray, worst: np.ndarray) -> np.ndarray:
    """[i, m]: m is a pole, neither i nor i's worst threat, that feels that threat enough to balance it."""
    n = share.size
    poles = pole_mask(share)
    fear_of_worst = threat[:, worst].T  # [i, m] = threat[m, worst_i]
    mask = poles[None, :] & (fear_of_worst >= BALANCER_FEAR)
    rows = np.arange(n)
    mask[rows, rows] = False
    mask[rows, worst] = False
    return mask


def security_gain(world: World, perception: Perception) -> np.ndarray:
    """[i, j]: security i gains from j's commitment: the capability j adds (Morrow 1991)."""
    return np.where(world.tied(), world.commitment.T * perception.relative, 0.0)


def provision_cost(world: World, perception: Perception) -> np.ndarray:
    """[i, j]: what providing j's security costs i: its share of the pair's defence (Morrow 1991)."""
    return np.where(world.tied(), PROVISION * world.commitment * perception.relative.T, 0.0)


def autonomy_gain(world: World, perception: Perception) -> np.ndarray:
    """[i, j]: autonomy i gains from the tie (> 0 major partner) or gives up (< 0 minor one)."""
    held = (world.commitment + world.commitment.T) / 2.0
    return np.where(world.tied(), held * (perception.relative.T - perception.relative) / 2.0, 0.0)
