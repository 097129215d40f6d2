"""Scoring a scenario's lenses against its `history`: what `alliance-sandbox score` and the
app's scorecard show.

For each lens, each seed is run from turn 0 to each history year (turn = year - start_year)
and the simulated world is compared with what happened, dyad by dyad
(`alliance_sandbox.engine.scoring`; docs/scoring.md has the formulas). Qt-free: the app calls
`score_scenario` from a worker and reports progress through `progress`.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from alliance_sandbox.engine.scoring import (
    EXTRA_METRICS,
    METRIC,
    Comparison,
    HistoryDate,
    LensScore,
    compare,
    score_lens,
)
from alliance_sandbox.engine.world import World
from alliance_sandbox.lenses import LENS_IDS, get_lens
from alliance_sandbox.scenario import Scenario, build_world

#: Seeds `score` runs when not told: five, as in docs/scoring.md's table.
DEFAULT_SEEDS = range(0, 5)


class ScoreError(ValueError):
    """A scenario that cannot be scored, or bad arguments: a message for the user."""


def parse_seeds(text: str) -> range:
    """ "A:B" -> seeds A, A+1, ..., B-1 (as a Python slice); "N" -> the one seed N."""
    try:
        if ":" in text:
            low, high = (int(part) for part in text.split(":"))
        else:
            low = int(text)
            high = low + 1
    except ValueError:
        raise ScoreError(f"--seeds: expected A:B (seeds A to B-1) or one seed, got {text!r}") from None
    if low < 0 or high <= low:
        raise ScoreError(f"--seeds: need 0 <= A < B, got {text!r}")
    return range(low, high)


def history_dates(scenario: Scenario) -> list[HistoryDate]:
    """The scenario's history as the engine's plain dates (ids and kinds)."""
    return [HistoryDate(entry.year, tuple((t.a, t.b, t.kind) for t in entry.ties)) for entry in scenario.history]


def check_scorable(scenario: Scenario, source: str) -> None:
    """ScoreError, in the validator's `FILE: field: reason` form, if there is nothing to score."""
    if not scenario.history:
        raise ScoreError(f"{source}: history: the scenario has no history to score against (add a "
                         "`history` list of what actually happened: docs/scenario-format.md)")
    if scenario.start_year is None:  # the validator refuses this; a scenario built in memory may not
        raise ScoreError(f"{source}: start_year: history needs a start year")


_LABEL = {"kappa": "kappa", "s": "S", "balanced_accuracy": "BA"}


def no_change(world: World, dates: Sequence[HistoryDate]) -> list[Comparison]:
    """The null model: the turn-0 ties kept unchanged, compared with each date. A lens that
    scores below it predicts change that did not happen (or misses what did)."""
    return [compare(world, d.year, d.ties) for d in sorted(dates, key=lambda d: d.year)]


@dataclass
class ScenarioScore:
    """Every lens's score on one scenario, and the no-change baseline's."""

    scenario: str
    seeds: list[int]
    years: list[int]
    lenses: list[LensScore]
    baseline: list[Comparison]

    @property
    def baseline_score(self) -> float:
        return sum(c.score for c in self.baseline) / len(self.baseline)

    def ranked(self) -> list[LensScore]:
        """Best first; ties keep the registry's order."""
        return sorted(self.lenses, key=lambda s: -s.score)

    def to_dict(self) -> dict:
        return {"scenario": self.scenario, "metric": METRIC, "seeds": self.seeds, "years": self.years,
                "lenses": [s.to_dict() for s in self.lenses],
                "baseline": {"model": "no change: the turn-0 ties kept", "score": round(self.baseline_score, 6),
                             "by_year": [{"year": c.year, "score": round(c.score, 6)} for c in self.baseline]}}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=1, ensure_ascii=False, allow_nan=False) + "\n"

    def table(self) -> str:
        """A text table, best lens first."""
        seeds = f"{self.seeds[0]}" if len(self.seeds) == 1 else f"{self.seeds[0]}-{self.seeds[-1]}"
        head = (f"{self.scenario}: agreement with history, seeds {seeds}\n"
                f"score = {METRIC}; S = Signorino & Ritter's S; BA = balanced accuracy\n")
        columns = (["lens", "score"] + [str(y) for y in self.years]
                   + [_LABEL[attribute] + " " + measure for _, measure, attribute in EXTRA_METRICS])
        rows = [[s.lens, f"{s.score:.3f}"] + [f"{s.year_score(y):.3f}" for y in self.years]
                + [f"{s.extra(key):+.3f}" for key, _, _ in EXTRA_METRICS] for s in self.ranked()]
        widths = [max(len(c), *(len(r[k]) for r in rows)) for k, c in enumerate(columns)]
        lines = ["  ".join(c.ljust(w) if k == 0 else c.rjust(w) for k, (c, w) in enumerate(zip(columns, widths)))]
        lines += ["  ".join(v.ljust(w) if k == 0 else v.rjust(w) for k, (v, w) in enumerate(zip(r, widths)))
                  for r in rows]
        base = ", ".join(f"{c.year} {c.score:.3f}" for c in self.baseline)
        lines.append(f"no change (the turn-0 ties kept): score {self.baseline_score:.3f} ({base})")
        return head + "\n".join(lines) + "\n"


def score_scenario(scenario: Scenario, lens_ids: Sequence[str] = tuple(LENS_IDS),
                   seeds: Sequence[int] = DEFAULT_SEEDS, source: str = "<scenario>",
                   progress: Callable[[int, int], bool | None] | None = None) -> ScenarioScore:
    """Score each lens on the scenario; `progress(done, total)` after each lens (a True return
    stops early, e.g. when the app's user cancels: then only the lenses done are returned)."""
    check_scorable(scenario, source)
    world = build_world(scenario)
    dates = history_dates(scenario)
    results = []
    for done, lens_id in enumerate(lens_ids, start=1):
        results.append(score_lens(world, get_lens(lens_id), dates, seeds, shocks=scenario.shocks))
        if progress is not None and progress(done, len(lens_ids)):
            break
    return ScenarioScore(scenario.name, list(seeds), sorted(d.year for d in dates), results,
                         no_change(world, dates))
