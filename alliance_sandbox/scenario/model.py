"""A scenario in memory: plain dataclasses, one per record of the file format.

Defaults are read from the field tables in `fields.py` (one place defines them); each
record's fields are attributes of the same name (tests/scenario/test_scenario_fields.py
checks that every field of the table has its attribute here), plus `extra` for the author's
own keys. Reading, writing and World conversion are driven by the table, not by these lists.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from alliance_sandbox.engine.world import Settings, Shock

from .fields import SCENARIO_RECORD, STATE_RECORD, TIE_RECORD, default_of


@dataclass
class StateSpec:
    """One state as the file describes it (see `fields.STATE_RECORD`)."""

    id: str
    name: str
    capability: float
    lon: float
    lat: float
    offense: float = default_of(STATE_RECORD, "offense")
    aggression: float = default_of(STATE_RECORD, "aggression")
    satisfaction: float = default_of(STATE_RECORD, "satisfaction")
    trend: float = default_of(STATE_RECORD, "trend")
    regime: str = default_of(STATE_RECORD, "regime")
    short_name: str = default_of(STATE_RECORD, "short_name")
    #: The author's own keys ("_...", "notes", "sources"), kept on a round trip.
    extra: dict = field(default_factory=dict)


@dataclass
class TieSpec:
    """A tie between states `a` and `b` (ids). `commitment` is always filled in."""

    a: str
    b: str
    kind: str
    commitment: float
    commitment_b: float | None = default_of(TIE_RECORD, "commitment_b")
    since: int | None = default_of(TIE_RECORD, "since")
    held_by: str | None = default_of(TIE_RECORD, "held_by")
    extra: dict = field(default_factory=dict)


@dataclass
class AffinitySpec:
    """An explicit affinity between states `a` and `b` (ids), -1..1."""

    a: str
    b: str
    value: float
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class ShockSpec(Shock):
    """An engine `Shock` that also keeps the author's own keys ("_...", "notes", "sources").

    Only used when a shock in the file has such keys; otherwise shocks are plain `Shock`s.
    Compares equal to a plain `Shock` with the same turn, state and changes.
    """

    extra: dict = field(default_factory=dict)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Shock):
            return NotImplemented
        return (self.turn, self.state, self.set, self.extra) == (
            other.turn, other.state, other.set, getattr(other, "extra", {}))

    __hash__ = None  # type: ignore[assignment]  # holds dicts: not hashable


@dataclass
class HistoryTie:
    """A tie that actually existed at a history entry's date (see `fields.HISTORY_TIE_RECORD`)."""

    a: str
    b: str
    kind: str
    extra: dict = field(default_factory=dict)


@dataclass
class HistoryEntry:
    """What actually happened at `year`: every tie then (see `fields.HISTORY_RECORD`).

    `extra` holds the entry's "notes" and "sources", which say where it comes from.
    """

    year: int
    ties: list[HistoryTie] = field(default_factory=list)
    extra: dict = field(default_factory=dict)


@dataclass
class Question:
    """A ready question for Predict, then Reveal (see `fields.QUESTION_RECORD`)."""

    ask: str
    turn: int
    extra: dict = field(default_factory=dict)


@dataclass
class Scenario:
    """A whole scenario: what a file holds, validated and with defaults filled in."""

    name: str
    states: list[StateSpec]
    description: str = default_of(SCENARIO_RECORD, "description")
    seed: int = default_of(SCENARIO_RECORD, "seed")
    lens: str = default_of(SCENARIO_RECORD, "lens")
    start_year: int | None = default_of(SCENARIO_RECORD, "start_year")
    settings: Settings = field(default_factory=Settings)
    ties: list[TieSpec] = field(default_factory=list)
    affinity: list[AffinitySpec] = field(default_factory=list)
    shocks: list[Shock] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    #: The author's own top-level keys ("_...", "notes", "sources"), kept on a round trip.
    extra: dict = field(default_factory=dict)
    #: The file it was loaded from or last saved to (None when made in memory).
    path: Path | None = field(default=None, compare=False)
    #: The format version it was converted from when loaded (None: it was current).
    migrated_from: int | None = field(default=None, compare=False)

    def state(self, state_id: str) -> StateSpec:
        """The state with this id (KeyError if none)."""
        for spec in self.states:
            if spec.id == state_id:
                return spec
        raise KeyError(state_id)

    @property
    def ids(self) -> list[str]:
        return [s.id for s in self.states]
