"""One task -> one run row and its per-turn rows. Runs in whatever process an executor chose.

Everything a worker needs travels in a `RunContext` (the scenario files' bytes, the shock
sets, the turns), so a worker on another machine needs the package and nothing else. A
worker parses each scenario once and keeps the turn-0 world of each settings combination.

Per-turn values come from `engine/report.py` (`history_rows`, `turn_outcome`): a sweep's
numbers are the ones `run --out` and the run summary print, defined once.
"""
from __future__ import annotations

import dataclasses
import importlib
import json
import os
import socket
import time
from dataclasses import dataclass

from alliance_sandbox.engine.report import CSV_COLUMNS, _r, history_rows, turn_outcome
from alliance_sandbox.engine.simulation import Simulation
from alliance_sandbox.lenses import get_lens

from .grid import ScenarioSource, ShockSet, Task

#: Column types for writers that need them (parquet); `year` may be empty, so it is named
#: here. A column not named is typed by its values (store.infer_type).
TURN_TYPES = {"run_id": "str", "turn": "int", "year": "int", "lens": "str", "state": "str", "name": "str",
              "capability": "float", "share": "float", "abandonment_risk": "float", "entrapment_risk": "float",
              "security": "float", "autonomy": "float", "arming": "float", "ties": "int", "bloc": "int"}
#: Outcome columns of a run row, after its parameters; `elapsed_s` and `worker` close the row.
OUTCOME_TYPES = {
    "ties": "int", "alliances": "int", "blocs": "int", "ties_start": "int", "ties_kept": "int",
    "final_ties": "str", "final_blocs": "str",
    "mean_abandonment": "float", "mean_entrapment": "float",
    "final_abandonment": "float", "final_entrapment": "float",
    "realignments": "int", "poles": "int", "polarity": "str", "score": "float",
}
TIMING_TYPES = {"elapsed_s": "float", "worker": "str"}


@dataclass(frozen=True)
class RunContext:
    """What every task of a sweep shares; small enough to send to each worker once."""

    scenarios: tuple[ScenarioSource, ...]
    shock_sets: tuple[ShockSet, ...]
    turns: int
    keep_turns: bool = True

    @property
    def key(self) -> tuple:
        return (tuple(s.sha256 for s in self.scenarios), tuple((s.name, s.sha256) for s in self.shock_sets),
                self.turns, self.keep_turns)


class _Prepared:
    """A worker's parsed scenarios, turn-0 worlds and shock lists, built on first use."""

    def __init__(self, ctx: RunContext) -> None:
        # blocs (Louvain) import networkx on first use: import it here, before any run is timed
        importlib.import_module("networkx.algorithms.community")

        self.sources = {s.name: s for s in ctx.scenarios}
        self.shock_sets = {s.name: s for s in ctx.shock_sets}
        self.scenarios: dict = {}
        self.worlds: dict = {}
        self.shocks: dict = {}

    def scenario(self, name: str):
        if name not in self.scenarios:
            from alliance_sandbox.scenario import loads_scenario

            source = self.sources[name]
            self.scenarios[name] = loads_scenario(source.data, source=source.path)
        return self.scenarios[name]

    def world(self, name: str, settings: tuple):
        key = (name, settings)
        if key not in self.worlds:
            from alliance_sandbox.scenario import build_world

            base = self.scenario(name)
            changed = dataclasses.replace(base, settings=dataclasses.replace(base.settings, **dict(settings)))
            self.worlds[key] = build_world(changed)
        return self.worlds[key]

    def shock_list(self, name: str, shock_set: str) -> list:
        key = (name, shock_set)
        if key not in self.shocks:
            chosen = self.shock_sets[shock_set]
            self.shocks[key] = self.scenario(name).shocks if chosen.shocks is None else shocks_for(
                self.scenario(name), chosen)
        return self.shocks[key]


def shocks_for(scenario, shock_set: ShockSet) -> list:
    """The engine shocks of a shock set in this scenario; ScenarioError (naming the shock
    set's file and the field) if a shock is malformed or names a state the scenario lacks."""
    from alliance_sandbox.scenario import loads_scenario, scenario_to_data

    data = scenario_to_data(scenario)
    data["shocks"] = list(shock_set.shocks)
    return loads_scenario(json.dumps(data), source=shock_set.path or shock_set.name).shocks


_PREPARED: dict[tuple, _Prepared] = {}
_HOST = socket.gethostname()


def prepared(ctx: RunContext) -> _Prepared:
    if ctx.key not in _PREPARED:
        _PREPARED.clear()  # one sweep at a time per process
        _PREPARED[ctx.key] = _Prepared(ctx)
    return _PREPARED[ctx.key]


def run_batch(ctx: RunContext, tasks: list[Task]) -> list[tuple[dict, dict | None]]:
    """Run tasks one after another in this process: what an executor sends to a worker."""
    ready = prepared(ctx)
    return [run_task(ready, ctx, task) for task in tasks]


def run_task(ready: _Prepared, ctx: RunContext, task: Task) -> tuple[dict, dict | None]:
    """(the run's row, its per-turn columns or None). `elapsed_s` times the run and its rows,
    not the worker's one-off parsing of the scenario."""
    world, shocks = ready.world(task.scenario, task.settings), ready.shock_list(task.scenario, task.shocks)
    started = time.perf_counter()
    sim = Simulation(world, get_lens(task.lens), seed=task.seed, shocks=shocks)
    sim.run(ctx.turns)
    row = {"run_id": task.run_id, "scenario": task.scenario, "lens": task.lens, "seed": task.seed,
           "turns": ctx.turns}
    row.update({f"settings.{k}": v for k, v in task.settings})
    row["shocks"] = task.shocks
    row.update(outcomes(sim))
    row["score"] = history_score(sim, ready.scenario(task.scenario))
    turns = None
    if ctx.keep_turns:
        rows = history_rows(sim.history)
        turns = {"run_id": [task.run_id] * len(rows)}
        turns.update({name: [row[k] for row in rows] for k, name in enumerate(CSV_COLUMNS)})
    row["elapsed_s"] = round(time.perf_counter() - started, 6)
    row["worker"] = f"{_HOST}:{os.getpid()}"  # at run time: a forked worker has its own pid
    return row, turns


def outcomes(sim) -> dict:
    """The run's summary outcomes, from `turn_outcome` of each turn played (turn 0 if none)."""
    first, last = sim.history[0], sim.history[-1]
    played = [turn_outcome(r) for r in (sim.history[1:] or sim.history[:1])]
    final = turn_outcome(last)
    w0, w = first.world, last.world
    start_ties = w0.tie_list()
    final_ties = w.tie_list()
    tied = w.tied()
    return {
        "ties": final["ties"], "alliances": final["alliances"], "blocs": final["blocs"],
        "ties_start": len(start_ties),
        "ties_kept": sum(1 for i, j in start_ties if tied[i, j]),
        "final_ties": tie_text(w, final_ties),
        "final_blocs": "|".join(",".join(w.ids[i] for i in bloc) for bloc in w.blocs() if len(bloc) > 1),
        "mean_abandonment": _r(sum(o["abandonment_risk"] for o in played) / len(played)),
        "mean_entrapment": _r(sum(o["entrapment_risk"] for o in played) / len(played)),
        "final_abandonment": _r(final["abandonment_risk"]),
        "final_entrapment": _r(final["entrapment_risk"]),
        "realignments": sum(o["realignments"] for o in played),
        "poles": final["poles"],
        "polarity": final["polarity"],
    }


def history_score(sim, scenario) -> float | None:
    """Agreement with what happened (engine/scoring.py, as `score` measures it): the mean
    `score` over the scenario's history years the run reaches; None (empty) without any."""
    from alliance_sandbox.engine.scoring import compare
    from alliance_sandbox.score import history_dates

    if not scenario.history or scenario.start_year is None:
        return None
    scores = [compare(sim.history[d.year - scenario.start_year].world, d.year, d.ties).score
              for d in history_dates(scenario) if 0 <= d.year - scenario.start_year < len(sim.history)]
    return _r(sum(scores) / len(scores)) if scores else None


def tie_text(world, ties) -> str:
    """`A-B:alliance;A-C:entente`: each tie once, in the world's state order."""
    from alliance_sandbox.engine.world import TIE_KINDS

    return ";".join(f"{world.ids[i]}-{world.ids[j]}:{TIE_KINDS[world.tie_kind[i, j] - 1]}" for i, j in ties)
