"""The engine against an agent-loop peer: the same threat rule written the usual agent-based way.

The peer: one object per state, and each step every state loops over every other state in
Python to perceive Walt's threat (relative capability x proximity x offense x perceived
intentions x (1 - 0.8 x trust), as engine/perception.py, distances computed once) and to
balance: i wants a tie with j as much as both fear i's worst threat, less half of j's own
threat to i and the tie cost; a pair ties when both want it by FORM or more, and a tie ends
when either wants it no more. It runs as plain Python objects, and as Mesa agents (`mesa`
>= 3, the optional `bench` extra: `pip install -e ".[bench]"`) when Mesa is installed.
The engine's turn does far more (extended threat, risks, crises, arming, explanations), so
the ratio understates what vectorising buys. numpy is imported through the package, never
before it (the package sets one BLAS thread first: two would spin and count as CPU time).
Prints figures; not a test.

    .venv/bin/python benchmarks/bench_peer.py [--sizes 20,200,1000] [--turns 5]
"""
from __future__ import annotations

import argparse
import math
import os

from bench_growth import median_cpu_ms

from alliance_sandbox.engine.demo import random_world
from alliance_sandbox.engine.geometry import distances_km
from alliance_sandbox.engine.perception import ALLY_TRUST, IDEOLOGY, REACH
from alliance_sandbox.engine.simulation import Simulation
from alliance_sandbox.lenses import get_lens

FORM = 0.08
TIE_COST = 0.04


class PeerState:
    """One state as an agent: its own numbers, and its view of the others filled in each step."""

    def __init__(self, index: int, world, km):
        self.index = index
        self.capability = float(world.capability[index])
        self.offense = float(world.offense[index])
        self.aggression = float(world.aggression[index])
        self.affinity = world.affinity[index].tolist()
        self.km = km[index].tolist()
        self.partners: set[int] = set(world.tie_kind[index].nonzero()[0].tolist())
        self.trust = [1.0 if j in self.partners else 0.0 for j in range(world.n)]
        self.threat: list[float] = []

    def perceive(self, states: list[PeerState], total: float, strongest: float, proximity_km: float) -> None:
        s_i = self.capability / total
        threat = []
        for k, other in enumerate(states):
            if k == self.index:
                threat.append(0.0)
                continue
            s_k = other.capability / total
            relative = s_k / (s_i + s_k) if s_i + s_k > 0 else 0.5
            reach = math.exp(-self.km[k] / (proximity_km * (1.0 + REACH * s_k / strongest)))
            intention = min(1.0, max(0.0, other.aggression * (1.0 - IDEOLOGY * self.affinity[k])))
            threat.append(relative * reach * other.offense * intention * (1.0 - ALLY_TRUST * self.trust[k]))
        self.threat = threat

    def desire(self, states: list[PeerState]) -> list[float]:
        worst = max(range(len(self.threat)), key=self.threat.__getitem__)
        mine = self.threat[worst]
        return [-1.0 if j == self.index else
                mine * other.threat[worst] - 0.5 * self.threat[j] - TIE_COST for j, other in enumerate(states)]


def peer_step(states: list[PeerState], proximity_km: float) -> None:
    total = sum(s.capability for s in states)
    strongest = max(s.capability for s in states) / total
    for state in states:
        state.perceive(states, total, strongest, proximity_km)
    wants = [state.desire(states) for state in states]
    for state in states:
        i = state.index
        for j in range(len(states)):
            if j <= i:
                continue
            mutual = min(wants[i][j], wants[j][i])
            if j in state.partners and mutual <= 0.0:
                state.partners.discard(j)
                states[j].partners.discard(i)
            elif j not in state.partners and mutual >= FORM:
                state.partners.add(j)
                states[j].partners.add(i)
    for state in states:
        state.trust = [t + 0.5 * (1.0 - t) if j in state.partners else 0.7 * t for j, t in enumerate(state.trust)]


def time_peer(n_states: int, turns: int) -> float:
    world = random_world(n_states, 10 * n_states, seed=1)
    km = distances_km(world.lon, world.lat)
    states = [PeerState(i, world, km) for i in range(world.n)]
    return median_cpu_ms(lambda: peer_step(states, world.settings.proximity_km), turns)


def time_mesa(n_states: int, turns: int) -> float | None:
    try:
        import mesa
    except ImportError:
        return None
    world = random_world(n_states, 10 * n_states, seed=1)
    km = distances_km(world.lon, world.lat)

    class MesaState(mesa.Agent):
        def __init__(self, model, index):
            super().__init__(model)
            self.peer = PeerState(index, world, km)

    class MesaWorld(mesa.Model):
        def __init__(self):
            super().__init__(seed=1)
            for i in range(world.n):
                MesaState(self, i)
            self.states = [a.peer for a in sorted(self.agents, key=lambda a: a.peer.index)]

        def step(self):
            peer_step(self.states, world.settings.proximity_km)

    return median_cpu_ms(MesaWorld().step, turns)


def time_engine(n_states: int, turns: int) -> float:
    sim = Simulation(random_world(n_states, 10 * n_states, seed=1), get_lens("threat"), seed=1)
    sim.run(20 if n_states <= 200 else 3)  # as bench_engine.py: a random world starts far from equilibrium
    return median_cpu_ms(sim.step, turns)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20,200,1000")
    parser.add_argument("--turns", type=int, default=5)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f}; CPU ms per turn, median of {args.turns}; threat lens, "
          f"N states, 10 x N ties")
    print(f"{'states':>6} {'engine':>10} {'plain loop':>11} {'ratio':>7} {'Mesa':>10} {'ratio':>7}")
    for n in (int(s) for s in args.sizes.split(",")):
        engine = time_engine(n, args.turns)
        plain = time_peer(n, args.turns)
        on_mesa = time_mesa(n, args.turns)
        mesa_cells = f"{on_mesa:>10.2f} {on_mesa / engine:>6.1f}x" if on_mesa is not None else f"{'(no mesa)':>10}"
        print(f"{n:>6} {engine:>10.2f} {plain:>11.2f} {plain / engine:>6.1f}x {mesa_cells}", flush=True)


if __name__ == "__main__":
    main()
