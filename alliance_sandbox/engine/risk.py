"""The alliance security dilemma (Snyder 1984, 1997) and the autonomy-security trade-off (Morrow 1991).

The risks are probabilities, per crisis, and the crisis model draws from exactly these numbers
(`engine/crises.py`): what the charts show is what happens.

Notation, for a tie between i and j: s = capability share; rel[i, j] = s_j / (s_i + s_j), how
strong j is next to i (how much i needs j); c[i, j] = i's commitment to j; r = `ally_reliability`
(Leeds, Long & Mitchell 2000: 74.5% of calls honoured, 1816-1944); od = `offense_dominance`;
M = 1 in a multipolar world, else 0 (`engine/polarity.py`).

    temptation[i, j] = alternatives[j|i] x (1 - rel[j, i]) x reassured[i, j]
        alternatives[j|i] = sum_{k != i, j} s_k (1 - threat[j, k]) / (1 - s_j): friendly capability
        j could turn to instead of i; 1 - rel[j, i]: how little j needs i;
        reassured[i, j] = (1 - REASSURANCE x c[i, j]) / (1 - REASSURANCE x 0.5): i's own firm
        commitment reassures j and gives it less reason to defect (Snyder 1984: 467), 1 at 0.5
    plain abandonment[i, j] = clip((1 - r) x (1 - c[j, i]) / 0.5 x temptation[i, j] / 0.5, 0, 1)
        so a partner at commitment 0.5 with middling temptation (0.5) fails a call with
        probability 1 - r: 25.5% by default, Leeds et al.'s figure; a partner with nowhere else
        to go, or that needs i badly, hardly ever fails it
    chain-ganging[i, j] = CHAIN_GANG x od x M x c[j, i] x min(1, 2 rel[j, i]) x [i is a great power]
        j follows i into i's crisis unconditionally: under multipolarity with the offence
        believed dominant, the loss of a great-power ally would be decisive (Christensen & Snyder
        1990); more for an ally of comparable size; never in bipolarity, where a superpower can
        restrain an ally (Waltz 1979)
    buck-passing[i, j] = BUCK_PASS x (1 - od) x M x [j is a great power, and another great power m,
        not i, j nor the aggressor w, feels w's threat >= BALANCER_FEAR]; w is the state pressing
        i in a crisis, and for the charts i's worst threat (the crisis i expects)
        j leaves i's defence to another great power (Christensen & Snyder 1990: France, Britain
        and the USSR in the 1930s); a great power holds GREAT_POWER_SHARE (5%) of world capability
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

from .perception import GREAT_POWER_SHARE, Perception
from .polarity import Polarity, polarity
from .world import World

#: Highest chance, with the offence believed wholly dominant, that a partner follows an
#: equal-sized ally it is fully committed to into its crisis, whatever the stakes for itself.
CHAIN_GANG = 0.8
#: Highest chance, with the defence believed wholly dominant, that a great power leaves an
#: ally's defence to another great power that feels the same threat (only in multipolarity).
BUCK_PASS = 0.6
#: Least threat from i's worst enemy at which another great power counts as a balancer j can pass to.
BALANCER_FEAR = 0.05
#: What defending a partner costs, per unit of own share of the pair, next to what the
#: partner's capability adds: half, so a state allied to one less than half its size pays net.
PROVISION = 0.5
#: How far i's own commitment to j lowers j's temptation to abandon it (the reassurance of a firm
#: commitment, Snyder 1984: 467); normalised so that a commitment of 0.5 leaves it as it was.
REASSURANCE = 0.5

#: Ablation switches for the claims tests: with one off, that behaviour never happens.
CHAIN_GANGING = True
BUCK_PASSING = True


def morrow_exchange(rel_ij, rel_ji, c_ij, c_ji) -> dict[str, np.ndarray]:
    """What a tie gives and costs i (Morrow 1991), for i's and j's commitments c_ij, c_ji.

    security_gain  = c_ji x rel_ij: the capability j's commitment adds to i's defence;
    provision_cost = PROVISION x c_ij x rel_ji: i's share of the pair's defence taken on;
    autonomy_gain  = (c_ij + c_ji)/2 x (rel_ji - rel_ij)/2: policy concessions, > 0 for the
    major partner, < 0 for the minor one. One definition for the risk charts, the crises
    and the autonomy-security lens (which weighs a prospective tie at full commitment).
    """
    return {"security_gain": c_ji * rel_ij, "provision_cost": PROVISION * c_ij * rel_ji,
            "autonomy_gain": (c_ij + c_ji) / 2.0 * (rel_ji - rel_ij) / 2.0}


@dataclass
class Risks:
    tie_abandonment: np.ndarray  # (n, n) [i, j]: risk that j fails i's call (plainly or by buck-passing)
    tie_entrapment: np.ndarray  # (n, n) [i, j]: risk that i is dragged in behind j into j's crisis
    abandonment: np.ndarray  # (n,) per state
    entrapment: np.ndarray  # (n,)
    security: np.ndarray  # (n,) net security from allies (Morrow)
    autonomy: np.ndarray  # (n,) autonomy gained (> 0) or given up (< 0)
    polarity: Polarity | None = None


@dataclass
class RiskModel:
    """What the risks depend on apart from the ties: fixed for a turn once the lens has spoken.

    Why a separate object: the crisis model evaluates single ties as commitments move during
    the turn's crises, with the very formulas the charts use (`pair`), without recomputing
    every tie each time.
    """

    share: np.ndarray
    relative: np.ndarray
    threat: np.ndarray
    aggression: np.ndarray
    friendly_sum: np.ndarray  # (n,) sum_k s_k (1 - threat[j, k]), k != j
    others: np.ndarray  # (n,) 1 - s_j
    unreliability: float
    chain_scale: float  # CHAIN_GANG x od x M, or 0
    buck_scale: float  # BUCK_PASS x (1 - od) x M, or 0
    great: np.ndarray  # (n,) bool: great powers, who can pass the buck and have it passed to them
    great_ids: np.ndarray  # their indices
    worst: np.ndarray  # (n,) index of each state's worst threat under the lens
    polarity: Polarity

    def is_balancer(self, i, m, w) -> np.ndarray:
        """m is a great power, neither i nor the aggressor w, that feels w's threat >= BALANCER_FEAR:
        one that could balance w in i's defence."""
        return self.great[m] & (m != i) & (m != w) & (self.threat[m, w] >= BALANCER_FEAR)

    def balancers(self, i, w) -> np.ndarray:
        """How many great powers could balance w in i's defence (i, w: index arrays or indices)."""
        g = self.great_ids.reshape((-1,) + (1,) * np.ndim(w))
        return ((self.threat[g, w] >= BALANCER_FEAR) & (g != i) & (g != w)).sum(axis=0)

    def pair(self, commitment: np.ndarray, i: np.ndarray, j: np.ndarray, against=None) -> dict[str, np.ndarray]:
        """For i calling its partner j (index arrays) against `against` (i's worst threat when
        None): the chance j follows i in unconditionally (chain), fails it plainly (plain), passes
        the buck (buck), fails it in all (fail); and what j's commitment buys and costs i (Morrow)."""
        w = self.worst[i] if against is None else against
        c_ji, c_ij = commitment[j, i], commitment[i, j]
        rel_ij, rel_ji = self.relative[i, j], self.relative[j, i]
        friendly_ji = self.share[i] * (1.0 - np.clip(self.threat[j, i], 0.0, 1.0))
        alternatives = np.clip((self.friendly_sum[j] - friendly_ji) / self.others[j], 0.0, 1.0)
        reassured = (1.0 - REASSURANCE * c_ij) / (1.0 - REASSURANCE * 0.5)
        temptation = alternatives * (1.0 - rel_ji) * reassured
        plain = np.clip(self.unreliability * 4.0 * (1.0 - c_ji) * temptation, 0.0, 1.0)
        chain = self.chain_scale * c_ji * np.minimum(1.0, 2.0 * rel_ji) * self.great[i]
        passable = self.great[j] & ((self.balancers(i, w) - self.is_balancer(i, j, w)) >= 1)
        buck = self.buck_scale * passable
        fail = (1.0 - chain) * (1.0 - (1.0 - plain) * (1.0 - buck))
        return {"chain": chain, "plain": plain, "buck": buck, "fail": fail,
                **morrow_exchange(rel_ij, rel_ji, c_ij, c_ji)}

    def follow(self, commitment: np.ndarray, k: np.ndarray, j: np.ndarray) -> dict[str, np.ndarray]:
        """For j, a partner of k, when k presses a crisis: the chance it chain-gangs in behind k
        (chain), stands by k's venture anyway (plain entrapment) and follows in all (entrapment).
        Neither depends on buck-passing, so not on whom k presses."""
        odds = self.pair(commitment, k, j)
        plain = self.aggression[k] * (1.0 - odds["plain"])
        return {"chain": odds["chain"], "plain": plain, "entrapment": odds["chain"] + (1.0 - odds["chain"]) * plain}


def risk_model(world: World, perception: Perception, threat: np.ndarray) -> RiskModel:
    """The tie-independent part of the risks; `threat` is the active lens's threat matrix."""
    s = perception.share
    n = world.n
    od = world.settings.offense_dominance
    structure = polarity(s)
    multipolar = 1.0 if structure.multipolar else 0.0
    friendly_sum = (1.0 - np.clip(threat, 0.0, 1.0)) @ s - s * (1.0 - np.clip(np.diagonal(threat), 0.0, 1.0))
    great = s >= GREAT_POWER_SHARE
    worst = np.argmax(threat, axis=1) if n else np.zeros(0, dtype=int)
    return RiskModel(
        share=s, relative=perception.relative, threat=threat, aggression=world.aggression,
        friendly_sum=friendly_sum, others=np.maximum(1.0 - s, 1e-12),
        unreliability=1.0 - world.settings.ally_reliability,
        chain_scale=CHAIN_GANG * od * multipolar if CHAIN_GANGING else 0.0,
        buck_scale=BUCK_PASS * (1.0 - od) * multipolar if BUCK_PASSING else 0.0,
        great=great, great_ids=np.nonzero(great)[0], worst=worst, polarity=structure,
    )


def _tie_pairs(world: World) -> tuple[np.ndarray, np.ndarray]:
    """Every tie in both directions, as index arrays (i, j)."""
    i, j = np.nonzero(world.tied())
    return i, j


def _scatter(n: int, i: np.ndarray, j: np.ndarray, values: np.ndarray) -> np.ndarray:
    out = np.zeros((n, n))
    out[i, j] = values
    return out


def alliance_risks(world: World, perception: Perception, threat: np.ndarray) -> Risks:
    """Both risks for every tie; `threat` is the active lens's threat matrix.

    Computed over the ties only (index arrays), not over every pair: 2,000 ties among 200
    states are 4,000 numbers, not 40,000.
    """
    return risks_and_chains(world, perception, threat)[0]


def risks_and_chains(world: World, perception: Perception, threat: np.ndarray) -> tuple[Risks, np.ndarray]:
    """`alliance_risks`, and [i, j] the chance that i follows j unconditionally into j's crisis:
    the chain-ganging part of tie_entrapment[i, j] (CHAIN_GANG x od x M x c[i, j] x
    min(1, 2 rel[i, j]) for a great power j). The security-dilemma lens reads it as how decisive
    the loss of j would be to i (Christensen & Snyder 1990); the charts show the total risk."""
    model = risk_model(world, perception, threat)
    n = world.n
    i, j = _tie_pairs(world)
    odds = model.pair(world.commitment, i, j)
    abandonment = _scatter(n, i, j, odds["fail"])
    # i calling j: j follows i in with odds["chain"], or stands by it with aggression_i x (1 - plain)
    entrapment = _scatter(n, j, i, odds["chain"] + (1.0 - odds["chain"]) * model.aggression[i] * (1.0 - odds["plain"]))
    chained = _scatter(n, j, i, odds["chain"])
    weights = model.relative[i, j]
    weight_sum = np.bincount(i, weights, minlength=n)
    safe = np.where(weight_sum > 0, weight_sum, 1.0)
    state_abandonment = np.bincount(i, weights * odds["fail"], minlength=n) / safe
    state_entrapment = np.bincount(i, weights * entrapment[i, j], minlength=n) / safe
    security = np.clip(np.bincount(i, odds["security_gain"] - odds["provision_cost"], minlength=n), -1.0, 1.0)
    autonomy = np.bincount(i, odds["autonomy_gain"], minlength=n)
    risks = Risks(abandonment, entrapment, state_abandonment, state_entrapment, security, autonomy, model.polarity)
    return risks, chained


def _morrow_matrix(world: World, perception: Perception, key: str) -> np.ndarray:
    model = risk_model(world, perception, np.zeros((world.n, world.n)))
    i, j = _tie_pairs(world)
    return _scatter(world.n, i, j, model.pair(world.commitment, i, j)[key])


def security_gain(world: World, perception: Perception) -> np.ndarray:
    """[i, j]: security i gains from j's commitment: the capability j adds (Morrow 1991)."""
    return _morrow_matrix(world, perception, "security_gain")


def provision_cost(world: World, perception: Perception) -> np.ndarray:
    """[i, j]: what providing j's security costs i: its share of the pair's defence (Morrow 1991)."""
    return _morrow_matrix(world, perception, "provision_cost")


def autonomy_gain(world: World, perception: Perception) -> np.ndarray:
    """[i, j]: autonomy i gains from the tie (> 0 major partner) or gives up (< 0 minor one)."""
    return _morrow_matrix(world, perception, "autonomy_gain")
