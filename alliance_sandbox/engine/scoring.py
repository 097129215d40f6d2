"""How far a simulated world agrees with what actually happened: dyadic agreement scores.

Why dyads: IR researchers compare two alignment patterns pair of states by pair of states
(Signorino & Ritter 1999; Häge 2011). Over every unordered pair of states present in the
world we ask two yes/no questions of the simulated world and of history:

- **ties**: are the two states tied (any kind: alliance, entente, coalition, alignment)?
- **blocs**: are the two states in the same bloc? Simulated blocs are `World.blocs()`;
  historical blocs are the same rule applied to the historical ties (a copy of the world
  with its ties replaced by history's, each at its kind's default commitment, then
  `World.blocs()`: Louvain communities of the alliance graph). One rule on both sides, so a
  bloc counts the same whether simulated or real.

Each question gives two boolean vectors over the dyads; their agreement is measured by

- Cohen's kappa (1960), chance-corrected: (p_o - p_e) / (1 - p_e). Häge (2011) shows why
  chance correction matters for alignment data: most dyads are untied, so "nobody is tied"
  already agrees on most dyads.
- Signorino & Ritter's S (1999), unweighted, binary: 1 - 2 * (disagreeing dyads) / n, in
  [-1, 1]; not chance-corrected (reported because the field uses it).
- balanced accuracy: the mean of the share of historical ties (or same-bloc pairs) the
  simulation has and the share of historical non-ties it also leaves untied, in [0, 1].

The headline `score` of one comparison is the mean over the two questions of
max(0, kappa): 0 means no better than chance (or worse), 1 perfect agreement. Why not
(kappa + 1) / 2: it would show 0.5 for a chance-level run, which reads as "half right" to a
class; the negative kappa itself stays in the report. docs/scoring.md has the formulas.

Qt-free and scenario-free: history enters as plain (a, b, kind) triples of state ids.
"""
from __future__ import annotations

import copy
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .simulation import Simulation
from .world import DEFAULT_COMMITMENT, TIE_KINDS, Shock, World

#: The two dyad questions, in report order.
MEASURES: tuple[str, ...] = ("ties", "blocs")
#: What `score` means, for reports.
METRIC = "mean over ties and blocs of max(0, Cohen's kappa) over all dyads"

TieTriple = tuple[str, str, str]


@dataclass(frozen=True)
class Agreement:
    """Agreement of two boolean dyad vectors: the 2x2 counts and three measures."""

    both: int  # tied (same bloc) in the simulation and in history
    only_simulated: int
    only_actual: int
    neither: int
    kappa: float
    s: float
    balanced_accuracy: float

    @property
    def n(self) -> int:
        return self.both + self.only_simulated + self.only_actual + self.neither


def agreement(simulated: Sequence[bool] | np.ndarray, actual: Sequence[bool] | np.ndarray) -> Agreement:
    """Cohen's kappa, S and balanced accuracy of two equally long boolean vectors.

    Degenerate cases (kappa's 1 - p_e = 0: both vectors constant and equal) count as
    perfect agreement (kappa 1); with no dyads at all every measure is 1 (nothing to get
    wrong). Balanced accuracy averages only the classes history has.
    """
    x = np.asarray(simulated, dtype=bool).ravel()
    y = np.asarray(actual, dtype=bool).ravel()
    if x.shape != y.shape:
        raise ValueError(f"vectors differ in length: {x.size} and {y.size}")
    a = int(np.count_nonzero(x & y))
    b = int(np.count_nonzero(x & ~y))
    c = int(np.count_nonzero(~x & y))
    d = int(np.count_nonzero(~x & ~y))
    n = a + b + c + d
    if n == 0:
        return Agreement(0, 0, 0, 0, 1.0, 1.0, 1.0)
    p_o = (a + d) / n
    p_e = ((a + b) * (a + c) + (c + d) * (b + d)) / (n * n)
    kappa = 1.0 if math.isclose(p_e, 1.0) else (p_o - p_e) / (1.0 - p_e)
    s = 1.0 - 2.0 * (b + c) / n
    rates = []
    if a + c:
        rates.append(a / (a + c))
    if b + d:
        rates.append(d / (b + d))
    return Agreement(a, b, c, d, float(kappa), float(s), float(np.mean(rates)))


def headline(kappa: float) -> float:
    """Kappa mapped into [0, 1]: max(0, kappa) (chance level and worse are 0)."""
    return max(0.0, float(kappa))


def _upper(matrix: np.ndarray) -> np.ndarray:
    rows, cols = np.triu_indices(matrix.shape[0], 1)
    return np.asarray(matrix[rows, cols], dtype=bool)


def dyad_ties(world: World) -> np.ndarray:
    """Per dyad (i < j, row-major): whether the two states are tied."""
    return _upper(world.tied())


def dyad_same_bloc(world: World) -> np.ndarray:
    """Per dyad (i < j, row-major): whether the two states are in the same `World.blocs()` group."""
    label = np.empty(world.n, dtype=int)
    for k, group in enumerate(world.blocs()):
        label[group] = k
    return _upper(label[:, None] == label[None, :])


def world_with_ties(world: World, ties: Iterable[TieTriple]) -> World:
    """A copy of `world` whose ties are exactly `ties` (ids), each at its kind's default
    commitment: how history's ties are given blocs by the same rule as a simulated world.

    Raises ValueError naming an unknown state id or kind.
    """
    actual = world.copy()
    actual.tie_kind[:] = 0
    actual.commitment[:] = 0.0
    actual.tie_since[:] = -1
    for a, b, kind in ties:
        if a not in actual.index or b not in actual.index:
            missing = a if a not in actual.index else b
            raise ValueError(f"unknown state id {missing!r}")
        if kind not in TIE_KINDS:
            raise ValueError(f"unknown tie kind {kind!r}; expected one of {', '.join(TIE_KINDS)}")
        actual.set_tie(actual.index[a], actual.index[b], kind, DEFAULT_COMMITMENT[kind])
    return actual


@dataclass(frozen=True)
class Comparison:
    """One simulated world against one historical date."""

    year: int
    ties: Agreement
    blocs: Agreement

    @property
    def score(self) -> float:
        return (headline(self.ties.kappa) + headline(self.blocs.kappa)) / 2.0

    def measure(self, name: str) -> Agreement:
        return {"ties": self.ties, "blocs": self.blocs}[name]


def compare(world: World, year: int, ties: Iterable[TieTriple]) -> Comparison:
    """The simulated `world` against history's `ties` at `year` (over all dyads of the world)."""
    actual = world_with_ties(world, ties)
    return Comparison(
        year=year,
        ties=agreement(dyad_ties(world), dyad_ties(actual)),
        blocs=agreement(dyad_same_bloc(world), dyad_same_bloc(actual)),
    )


#: The extra metrics a lens's score reports beside `score`, as (key, measure, attribute).
EXTRA_METRICS: tuple[tuple[str, str, str], ...] = tuple(
    (f"{attribute}_{measure}", measure, attribute)
    for measure in MEASURES for attribute in ("kappa", "s", "balanced_accuracy")
)


@dataclass(frozen=True)
class HistoryDate:
    """What happened at one date: the year and the ties then, as (a, b, kind) id triples."""

    year: int
    ties: tuple[TieTriple, ...]


@dataclass
class LensScore:
    """A lens's agreement with history, averaged over seeds (and over years for the total)."""

    lens: str
    #: comparisons[year] is one Comparison per seed.
    comparisons: dict[int, list[Comparison]]

    def year_score(self, year: int) -> float:
        return float(np.mean([c.score for c in self.comparisons[year]]))

    @property
    def score(self) -> float:
        return float(np.mean([self.year_score(year) for year in self.comparisons]))

    def extra(self, key: str) -> float:
        """The mean over years and seeds of one of EXTRA_METRICS (e.g. "kappa_ties")."""
        _, measure, attribute = next(m for m in EXTRA_METRICS if m[0] == key)
        values = [getattr(c.measure(measure), attribute) for cs in self.comparisons.values() for c in cs]
        return float(np.mean(values))

    def to_dict(self) -> dict:
        out: dict = {"lens": self.lens, "score": round(self.score, 6)}
        out["by_year"] = [{"year": year, "score": round(self.year_score(year), 6)} for year in self.comparisons]
        out.update({key: round(self.extra(key), 6) for key, _, _ in EXTRA_METRICS})
        out["seeds"] = len(next(iter(self.comparisons.values()), []))
        return out


def score_lens(world: World, lens, dates: Sequence[HistoryDate], seeds: Iterable[int],
               shocks: Sequence[Shock] = (), start_year: int | None = None) -> LensScore:
    """Run `lens` on `world` from each seed to each date's turn (year - start_year) and compare.

    `start_year` defaults to the world's. Dates before the start year are an error (a
    scenario's validator refuses them); a date at the start year compares turn 0.
    """
    start = world.start_year if start_year is None else start_year
    if start is None:
        raise ValueError("history needs a start year")
    ordered = sorted(dates, key=lambda d: d.year)
    for date in ordered:
        if date.year < start:
            raise ValueError(f"history year {date.year} is before the start year {start}")
    comparisons: dict[int, list[Comparison]] = {d.year: [] for d in ordered}
    for seed in seeds:
        # a fresh copy per run: whatever a lens remembers cannot leak from one seed to the next
        sim = Simulation(world, copy.deepcopy(lens), seed=seed, shocks=list(shocks))
        for date in ordered:
            turns = date.year - start - sim.turn
            record = sim.history[-1] if turns <= 0 else sim.run(turns)[-1]
            comparisons[date.year].append(compare(record.world, date.year, date.ties))
    if not comparisons or not next(iter(comparisons.values())):
        raise ValueError("nothing to score: no dates or no seeds")
    return LensScore(getattr(lens, "id", str(lens)), comparisons)
