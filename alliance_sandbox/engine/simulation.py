"""The simulation owns the clock: it steps turns, asks the lens, applies, and keeps history.

One turn: apply the turn's shocks; every state perceives the others; the active lens
decides (threats, wished-for ties, arming); the engine changes ties, delivers and pays for
arms, resolves crises, grows institutions and shared identity, computes abandonment and
entrapment risks, and records a snapshot. Every turn keeps its snapshot (and the random
generator's state), so Back and the timeline are exact and a re-run is byte-identical.

A lens is any object that satisfies `engine.decision.Lens` (`id`, `name`, `claim`,
`citation`, `rule`, `decide`, `threat`, `reason`; the theories are in
`alliance_sandbox.lenses`); the engine never imports the lenses. What a lens keeps between
turns lives in `World.lens_state`, so several simulations (Compare view, sweeps) never share it.
"""
from __future__ import annotations

import copy
import dataclasses
import gc
from collections import deque
from contextlib import contextmanager

import numpy as np

from .crises import resolve_crises
from .decision import Lens
from .dynamics import (
    ally_cover,
    apply_arming,
    apply_ties,
    bonds_from_history,
    coerced_desire,
    grow_bonds,
    misreading,
    noisy_desire,
    release_coerced,
    settle_capabilities,
)
from .events import Event, Text, written
from .perception import Perception, perceive, update_trust
from .polarity import Polarity, poles_of
from .risk import Risks, alliance_risks
from .snapshots import Frame
from .world import STATE_FIELDS, Shock, World, change_regime, unite, without_joined

#: Event kinds that change who is tied to whom: what "realignments per turn" counts.
REALIGNING = frozenset({"form", "leave"})
#: Turn records whose world stays built after a read: a view reads the turn on view many
#: times a frame; the others are built again from their snapshot when read.
RECENT_WORLDS = 4
_RECENT_WORLDS: deque[TurnRecord] = deque()
#: How a turn record names the risks' arrays and the arming among the world's (engine/snapshots.py).
_RISKS = "risks/"
_ARM = "arm"


def _packed_pcg64(state: dict) -> bytes | None:
    """A PCG64 generator's state (numpy's dict) as 37 bytes; None for any other state."""
    inner = state.get("state")
    if (state.get("bit_generator") != "PCG64" or set(state) != {"bit_generator", "state", "has_uint32", "uinteger"}
            or not isinstance(inner, dict) or set(inner) != {"state", "inc"} or state["has_uint32"] not in (0, 1)):
        return None
    try:
        return (int(inner["state"]).to_bytes(16, "little") + int(inner["inc"]).to_bytes(16, "little")
                + bytes([state["has_uint32"]]) + int(state["uinteger"]).to_bytes(4, "little"))
    except (OverflowError, TypeError, ValueError):
        return None


class TurnRecord:
    """What the turn left behind: the world after it, its events and its risks.

    Stored compactly (engine/snapshots.py: what changed since the turn before), and given
    back whole on each read of `world`, `risks` or `arm`; a record never changes once made
    (an edit replaces it), so its arrays are read-only.
    """

    # slots: a record has no dict of its own, a few hundred bytes a turn less
    __slots__ = ("turn", "lens", "events", "_rng", "_shell", "_polarity", "_frame", "_world")
    _rng: bytes | dict  # the generator's state (rng_state)
    _polarity: Polarity | None  # the risks' polarity (shared with the turn before while it holds)
    _shell: World  # the world's other fields (World.split)
    _frame: Frame  # its arrays, the risks' and the arming, compact

    def __init__(self, turn: int, lens: Lens, world: World, events: list[Event], risks: Risks,
                 arm: np.ndarray, rng_state: dict, previous: TurnRecord | None = None) -> None:
        self.turn = turn
        self.lens = lens
        self.events = events
        self.rng_state = rng_state  # kept compact: see the property
        self._shell, arrays = world.split(like=previous._shell if previous is not None else None)
        for f in dataclasses.fields(Risks):
            value = getattr(risks, f.name)
            if isinstance(value, np.ndarray):
                arrays[f"{_RISKS}{f.name}"] = value
        arrays[_ARM] = np.asarray(arm, dtype=float)
        kept = previous._polarity if previous is not None else None
        self._polarity = kept if kept == risks.polarity else risks.polarity  # one object while it holds
        self._frame = Frame(arrays, previous._frame if previous is not None else None)
        self._world: World | None = None

    @property
    def world(self) -> World:
        """The world after the turn (the same object while it is among the last few read)."""
        if self._world is None:
            arrays = self._frame.arrays()
            self._world = World.join(
                self._shell, {k: v for k, v in arrays.items() if not k.startswith(_RISKS) and k != _ARM}, self.turn)
            _RECENT_WORLDS.append(self)
            if len(_RECENT_WORLDS) > RECENT_WORLDS:
                old = _RECENT_WORLDS.popleft()
                if old not in _RECENT_WORLDS:
                    old._world = None
        return self._world

    @property
    def risks(self) -> Risks:
        arrays = self._frame.arrays()
        return Risks(**{k[len(_RISKS):]: v for k, v in arrays.items() if k.startswith(_RISKS)},
                     polarity=self._polarity)

    @property
    def arm(self) -> np.ndarray:
        """(n,) arming intensity decided this turn."""
        return self._frame.arrays()[_ARM]

    @property
    def rng_state(self) -> dict:
        """The random generator's state after the turn (numpy's `bit_generator.state`)."""
        kept = self._rng
        if isinstance(kept, bytes):  # PCG64's, packed: a fifth of the dict's memory
            state, inc = int.from_bytes(kept[:16], "little"), int.from_bytes(kept[16:32], "little")
            return {"bit_generator": "PCG64", "state": {"state": state, "inc": inc},
                    "has_uint32": kept[32], "uinteger": int.from_bytes(kept[33:], "little")}
        return copy.deepcopy(kept)

    @rng_state.setter
    def rng_state(self, value: dict) -> None:
        packed = _packed_pcg64(value)
        self._rng = copy.deepcopy(value) if packed is None else packed

    @property
    def lens_id(self) -> str:
        return self.lens.id

    @property
    def year(self) -> int | None:
        start = self._shell.start_year
        return None if start is None else start + self.turn

    @property
    def realignments(self) -> int:
        return sum(1 for e in self.events if e.kind in REALIGNING)

    def nbytes(self) -> int:
        """Bytes of array data this record holds of its own (what a turn adds to the history)."""
        return self._frame.nbytes()


class Simulation:
    def __init__(self, world: World, lens: Lens, seed: int = 0, shocks: list[Shock] | tuple = (),
                 keep: int | None = None):
        """`keep`: how many of the latest turns `history` holds (None: every turn, what Back,
        the timeline and the charts need; `run` writing its output as it goes keeps 1, so a
        run of any length takes the same memory)."""
        self.seed = int(seed)
        self.keep = keep
        self.lens = lens
        self.shocks = sorted(shocks, key=lambda s: s.turn)
        self.rng = np.random.default_rng(self.seed)
        self.world = world.copy()
        if self.world.turn == 0:
            bonds_from_history(self.world)
        self._lens_note: Event | None = None
        self.history: list[TurnRecord] = [self._record([], np.zeros(self.world.n), None)]

    # --- the clock -------------------------------------------------------------------
    @property
    def turn(self) -> int:
        return self.world.turn

    def step(self) -> TurnRecord:
        with _collector_paused():
            return self._step()

    def _step(self) -> TurnRecord:
        world = self.world
        world.turn += 1
        events: list[Event] = []
        if self._lens_note is not None:
            events.append(self._lens_note)
            self._lens_note = None
        events.extend(self._apply_shocks(world))
        # power shifts: every state grows or declines a little, so the balance keeps moving
        total, share_before = float(world.capability.sum()), world.share
        world.capability = world.capability * np.exp(self.rng.normal(0.0, world.settings.growth_noise, world.n))
        seen = perceive(world)
        events.extend(release_coerced(world, seen))
        decision = _without_joined(world, self.lens.decide(world, seen))
        world.lens_state.update(decision.state)
        events.extend(decision.events)
        poles = int(poles_of(seen.share).sum())
        desire = coerced_desire(world, noisy_desire(decision.desire, self.rng, poles))
        worth = coerced_desire(world, decision.desire)  # the same, before the turn's misreading

        explain = _Explainer(self, world, seen, decision, read=desire, noise=misreading(poles))
        events.extend(apply_ties(world, desire, explain, worth))
        events.extend(self._arm(world, seen, decision))
        settle_capabilities(world, total, share_before)
        events.extend(resolve_crises(world, seen, self.rng, decision.threat))
        grow_bonds(world)
        update_trust(world)
        record = self._record(events, decision.arm, self.history[-1])
        self.history.append(record)
        if self.keep is not None and len(self.history) > self.keep:
            del self.history[:-self.keep]
        return record

    def run(self, turns: int) -> list[TurnRecord]:
        return [self.step() for _ in range(turns)]

    def back(self) -> bool:
        """Undo the last turn exactly (world, lens and random state); False at turn 0."""
        if len(self.history) <= 1:
            return False
        self.history.pop()
        self._restore(self.history[-1])
        return True

    def reset(self) -> None:
        """Back to turn 0, as it was last edited."""
        del self.history[1:]
        self._restore(self.history[0])

    def set_lens(self, lens: Lens) -> None:
        """Switch theory from the next turn on; the switch is logged in that turn."""
        if lens.id == self.lens.id:
            return
        self._lens_note = Event(
            "lens", (), f"Lens switched from {self.lens.name} to {lens.name}: {lens.claim} ({lens.citation})",
        )
        self.lens = lens

    # --- edits between turns (each one re-records the current turn) -------------------
    def set_state(self, index: int, **fields: float) -> None:
        """Set capability, lon, lat, offense, aggression or satisfaction of one state."""
        for name, value in fields.items():
            if name not in STATE_FIELDS:
                raise KeyError(f"not an editable state field: {name}")
            low, high = STATE_FIELDS[name]
            getattr(self.world, name)[index] = float(np.clip(value, low, high))
        self._rerecord()

    def set_tie(self, i: int, j: int, kind: str, commitment: float) -> None:
        self.world.set_tie(i, j, kind, float(np.clip(commitment, 0.0, 1.0)), since=self.world.now())
        self._rerecord()

    def set_commitment(self, i: int, j: int, commitment: float) -> None:
        """i's own commitment to its partner j (j's to i is j's): an edit of one side of a tie.
        Kept above 0, where a tie ends (DISSOLVE is the engine's own floor)."""
        if self.world.tie_kind[i, j]:
            self.world.commitment[i, j] = float(np.clip(commitment, 0.01, 1.0))
            self._rerecord()

    def remove_tie(self, i: int, j: int) -> None:
        self.world.remove_tie(i, j)
        self._rerecord()

    def replace_world(self, world: World) -> None:
        """Put an edited copy in place of the current turn's world (used by undo)."""
        self.world = world.copy()
        self._rerecord()

    # --- internals ---------------------------------------------------------------------
    def _record(self, events: list[Event], arm: np.ndarray, previous: TurnRecord | None) -> TurnRecord:
        """The current world as a turn record, stored against `previous` (the turn before).

        Its perception is lazy: read at once, before the world changes, and Walt's threat (with
        forward presence) is computed only if the lens's threat reads it."""
        seen = perceive(self.world, lazy=True)
        risks = alliance_risks(self.world, seen, self.lens.threat(self.world, seen))
        return TurnRecord(self.world.turn, self.lens, self.world, events, risks, arm,
                          dict(self.rng.bit_generator.state), previous)

    def _rerecord(self) -> None:
        old = self.history[-1]
        new = self._record(old.events, old.arm, self.history[-2] if len(self.history) > 1 else None)
        new.lens = old.lens
        new.rng_state = old.rng_state
        self.history[-1] = new

    def _restore(self, record: TurnRecord) -> None:
        self.world = record.world.copy()
        self.lens = record.lens
        self.rng.bit_generator.state = record.rng_state
        self._lens_note = None

    def _apply_shocks(self, world: World) -> list[Event]:
        events = []
        for shock in self.shocks:
            if shock.turn != world.turn or shock.state not in world.index:
                continue
            i = world.index[shock.state]
            changes = []
            for name, value in shock.set.items():
                if name == "regime":
                    changes.append(f"regime {world.regimes[i] or '(none)'} -> {value}")
                    change_regime(world, i, value)
                    continue
                if name in ("name", "short_name"):
                    names = world.names if name == "name" else world.short_names
                    changes.append(f"{name.replace('_', ' ')} {names[i] or '(none)'} -> {value}")
                    names[i] = value
                    if name == "name" and "short_name" not in shock.set:
                        world.short_names[i] = ""  # the old short form does not shorten the new name
                    continue
                if name == "joins":
                    j = world.index[value]
                    ended = unite(world, i, j)
                    changes.append(f"joins {world.names[j]} ({ended} ties end; {world.names[j]} takes its capability)")
                    continue
                old = float(getattr(world, name)[i])
                getattr(world, name)[i] = value
                changes.append(f"{name} {old:.3g} -> {value:.3g}")
            events.append(Event("shock", (shock.state,), f"Shock to {world.names[i]}: " + ", ".join(changes),
                                {k: float(v) for k, v in shock.set.items() if k in STATE_FIELDS}))
        return events

    def _arm(self, world: World, seen: Perception, decision) -> list[Event]:
        before = self.history[-1].arm
        started = apply_arming(world, decision.arm, before)
        lag = world.settings.arming_lag
        events = []
        cover = ally_cover(world, seen)
        for i, spend, later in started:
            worst = int(np.argmax(decision.threat[i]))
            events.append(Event("arm", (world.ids[i],),
                Text(_arming_sentence, world.names[i], world.names[worst], decision.threat[i, worst], cover[i],
                     world.settings.ally_reliability, spend, later, lag),
                {"intensity": decision.arm[i], "spend": spend, "delivered": later, "ally_cover": cover[i]}))
        return events



class _Explainer:
    """How the engine's tie rules (dynamics.apply_ties) get their events: the lens's reason,
    who acted, and the numbers (`explainer(kind, i, j, verb, actor=None)`), with what stays
    the same all turn (the lens's reason method, its citation) looked up once."""

    def __init__(self, sim: Simulation, world: World, seen: Perception, decision,
                 read: np.ndarray | None = None, noise: float = 0.0):
        self.world, self.seen, self.decision = world, seen, decision
        self.reason = sim.lens.reason
        self.citation = sim.lens.citation.split(",")[0]
        #: the desire as misread this turn (dynamics.noisy_desire), which the tie rules acted
        #: on; quoted when its sign differs from the lens's own reading, or the log would show
        #: a state leaving a tie it wants ("desire +0.04") with no word of why
        self.read, self.noise = read, noise

    def __call__(self, kind: str, i, j, verb, actor: int | None = None) -> Event:
        i, j = int(i), int(j)
        want = self.decision.desire
        if actor is None:
            # the actor is the keener partner when ties grow, the more reluctant when they shrink
            keen = want[i, j] >= want[j, i]
            actor = i if keen == (kind in ("form", "tighten")) else j
        other = j if actor == i else i
        return self._event(kind, actor, other, verb, want[actor, other], want[other, actor],
                           self.world.commitment[actor, other])

    def _event(self, kind: str, actor: int, other: int, verb, desire, partner, commitment) -> Event:
        world = self.world
        reason = self.reason(world, self.seen, self.decision, actor, other)
        misread = None
        if self.read is not None and (self.read[actor, other] > 0.0) != (desire > 0.0):
            misread = (float(self.read[actor, other]), self.noise)
        return Event(kind, (world.ids[actor], world.ids[other]),
                     Text(_tie_sentence, world.names[actor], verb, world.names[other], reason, self.citation,
                          misread),
                     {"desire": desire, "partner_desire": partner, "commitment": commitment})


def _without_joined(world: World, decision):
    """The lens's decision with every state that joined another (`world.unite`) left out: it
    wants no tie and is wanted for none, fears and is feared by no one (so no crisis draws it
    in), and arms no more. Once, on the decision, so the tie rules, the crises and arming all
    read the same; a world where no state joined another gets its decision back untouched."""
    gone = world.joined >= 0
    if gone.any():
        decision.desire = without_joined(world, decision.desire, -1.0)
        decision.threat = without_joined(world, decision.threat, 0.0)
        decision.arm = np.where(gone, 0.0, decision.arm)
    return decision


@contextmanager
def _collector_paused():
    """Python's cycle collector off while a turn runs, back on (if it was) after.

    Why: a 200-state turn makes some ten thousand small objects (events, their Texts), none
    of them in a cycle; the collector would walk them a dozen times a turn, and with them the
    whole history, for nothing: 20 to 40% of a turn's time (benchmarks/bench_engine.py).
    After the turn it runs as usual and finds them all at once.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _tie_sentence(actor: str, verb, other: str, reason, citation: str,
                  misread: tuple[float, float] | None = None) -> str:
    """A tie event's explanation: who did what to whom, why (the lens's reason), and whose
    theory; and, when the turn's misreading flipped the desire's sign, what the state read."""
    read = ""
    if misread is not None:
        read = (f"; misread this turn as {misread[0]:+.2f} (uncertainty {misread[1]:.2f}, which grows "
                f"with the number of poles: Waltz 1979: 165)")
    return f"{actor} {written(verb)} {other}: {written(reason)}{read} ({citation})"


def _arming_sentence(name: str, worst: str, threat: float, cover: float, reliability: float, spend: float,
                     later: float, lag: int) -> str:
    return (f"{name} arms (internal balancing): worst threat {worst} "
            f"{threat:.2f}, of which its allies cover {cover:.2f} (commitment x "
            f"their relative capability x reliability {reliability:g}, and only if "
            f"they answer); pays {spend:.4g} now for +{later:.4g} capability in {lag} turns, which "
            f"arrives for sure: more reliable than allies, but costly and slow")
