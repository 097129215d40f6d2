"""What a lens hands the engine each turn, and what a lens is: the engine's side of the contract.

The engine never imports a lens (lenses import the engine); it only relies on this protocol.
Why a typed protocol: the simulation, the app's Compare view and the sweeps all run lenses,
several at once, and each must find the same few members.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

import numpy as np

if TYPE_CHECKING:
    from .events import Event, Text
    from .perception import Perception
    from .world import World


@dataclass
class Decision:
    """A lens's choices for one turn. Every matrix is (n, n) with row i = the deciding state."""

    threat: np.ndarray  # [i, k] threat state i perceives from k, 0..1
    desire: np.ndarray  # [i, j] how much i wants a tie with j, after costs (< 0: wants none)
    arm: np.ndarray  # (n,) 0..1 how hard each state arms (internal balancing)
    #: [i, j] the part of desire[i, j] the lens adds beyond realist balancing, for the log
    extra: np.ndarray | None = None
    #: named arrays the lens computed while deciding and its `reason` quotes: computed once a
    #: turn, so an explanation costs O(1), not O(n^2), per event
    parts: dict = field(default_factory=dict)
    #: state the lens keeps from turn to turn (the landscape lens's two sides): the engine
    #: stores it in World.lens_state, so snapshots, Back and Reset carry it
    state: dict = field(default_factory=dict)
    #: events the lens itself logs this turn (a state changing sides)
    events: list[Event] = field(default_factory=list)


class Lens(Protocol):
    """A theory of alignment: threat perception, the wish for each tie, arming, and why."""

    id: str
    name: str
    claim: str
    citation: str
    rule: str

    def threat(self, world: World, seen: Perception) -> np.ndarray: ...

    def decide(self, world: World, seen: Perception) -> Decision: ...

    def reason(self, world: World, seen: Perception, decision: Decision, i: int, j: int) -> str | Text: ...
