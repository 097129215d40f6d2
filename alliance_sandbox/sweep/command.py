"""The `alliance-sandbox sweep` subcommand: read the spec, run what is missing, summarise.

cli.py registers it with `add_arguments` and calls `run`; a SweepError becomes one or more
`FILE: field: reason` lines and exit status 2, like every other bad input.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from .grid import (
    SCENARIO_SHOCKS,
    SweepError,
    SweepSpec,
    parse_seeds,
    parse_setting,
    parse_shard,
    read_scenario_source,
    read_shock_set,
    shard,
)

INTERRUPTED = 130


def add_arguments(parser: argparse.ArgumentParser, whole_number) -> None:
    parser.add_argument("scenarios", nargs="+", metavar="SCENARIO", help="scenario files (.json)")
    parser.add_argument("--lens", default="all",
                        help="all (default), scenario (each file's own), or ids separated by commas")
    parser.add_argument("--seeds", default="0:10", metavar="A:B", help="seeds A to B-1 (default 0:10), or one seed")
    parser.add_argument("--turns", type=whole_number, default=20, help="turns per run (default 20)")
    parser.add_argument("--set", action="append", default=[], metavar="settings.KEY=V1,V2",
                        help="sweep a setting over these values (repeat for more settings)")
    parser.add_argument("--shocks", default=SCENARIO_SHOCKS, metavar="SETS",
                        help="shock sets separated by commas: scenario (the file's own, default), none, "
                             "or FILE.json with a \"shocks\" list")
    parser.add_argument("--out", required=True, metavar="DIR", help="output folder (new, or a sweep's with --resume)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--jobs", type=whole_number, help="local worker processes (default: the number of cores)")
    where.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="run on a Dask cluster (extra [cluster])")
    parser.add_argument("--shard", metavar="I/N", help="run only shard I of N (1-based) of the grid")
    parser.add_argument("--resume", action="store_true", help="finish the sweep in DIR: run only the missing ids")
    parser.add_argument("--format", choices=("parquet", "csv"),
                        help="file format (default parquet with pyarrow installed, else csv)")
    parser.add_argument("--no-turns", action="store_true", help="write the runs table only, not the per-turn rows")
    parser.add_argument("--flush-seconds", type=float, default=1.0, metavar="S",
                        help="write finished runs at most every S seconds (default 1)")
    parser.add_argument("--quiet", action="store_true", help="no progress and no summary")


def run(args) -> int:
    from alliance_sandbox.lenses import LENS_IDS
    from alliance_sandbox.scenario import ScenarioError, build_world

    from . import store as store_module
    from .executors import batches, make_executor
    from .progress import progress
    from .summary import strongest_alliances, summary_lines
    from .worker import OUTCOME_TYPES, TIMING_TYPES, TURN_TYPES, RunContext, shocks_for

    if args.jobs == 0:
        raise SweepError("--jobs: must be >= 1")
    sources, scenarios = [], {}
    for path in args.scenarios:
        source, scenario = read_scenario_source(path)
        if source.name in scenarios:
            raise SweepError(f"{path}: (file): another scenario of this sweep is also named {source.name!r}")
        sources.append(source)
        scenarios[source.name] = scenario
    lenses = _lenses(args.lens, LENS_IDS)
    settings: dict[str, list] = {}
    for text in args.set:
        key, values = parse_setting(text)
        if key in settings:
            raise SweepError(f"--set: settings.{key}: given twice")
        settings[key] = values
    shock_sets = [read_shock_set(t) for t in _unique(args.shocks.split(","), "--shocks")]
    for shock_set in shock_sets:
        if shock_set.shocks is not None:
            for scenario in scenarios.values():
                try:
                    shocks_for(scenario, shock_set)
                except ScenarioError as error:
                    raise SweepError("\n".join(str(p) for p in error.problems)) from None
    which = parse_shard(args.shard) if args.shard else None
    spec = SweepSpec(sources, lenses, parse_seeds(args.seeds), args.turns, settings, shock_sets)
    tasks = shard(spec.tasks({name: sc.lens for name, sc in scenarios.items()}), which)
    spec_json = dict(spec.to_json(), shard=None if which is None else f"{which[0]}/{which[1]}",
                     turns_output=not args.no_turns)

    out = Path(args.out)
    files = store_module.files_for(args.format or _format_of(out, args.resume))
    run_types = {"run_id": "str", "scenario": "str", "lens": "str", "seed": "int", "turns": "int"}
    run_types.update({f"settings.{k}": "int" if isinstance(v[0], int) else "float" for k, v in settings.items()})
    run_types["shocks"] = "str"
    run_types.update(OUTCOME_TYPES)
    run_types.update(TIMING_TYPES)
    turn_types = None if args.no_turns else dict(TURN_TYPES)

    executor = make_executor(args.jobs, args.scheduler)
    store = store_module.SweepStore(out, files, run_types, turn_types, flush_seconds=args.flush_seconds)
    interrupted = False
    started = time.perf_counter()
    try:
        store.open(spec_json, args.resume, {"executor": executor.describe()}, total=len(tasks))
        todo = [t for t in tasks if t.run_id not in store.done]
        context = RunContext(tuple(sources), tuple(shock_sets), args.turns, keep_turns=not args.no_turns)
        bar = progress(len(tasks), len(tasks) - len(todo), enabled=not args.quiet)
        try:
            for results in executor.run(context, batches(todo, executor.workers)):
                store.add(results)
                bar.update(len(results))
        except KeyboardInterrupt:
            interrupted = True
        finally:
            bar.close()
            store.close(interrupted)
    finally:
        executor.close(interrupted)
    elapsed = time.perf_counter() - started
    new = len(store.runs) - store.meta["sessions"][-1]["runs_before"]
    if interrupted:
        print(f"{out}: interrupted: {len(store.runs)} of {len(tasks)} runs written; "
              "run the same command with --resume to finish", file=sys.stderr)
        return INTERRUPTED
    if not args.quiet:
        alliances = {name: strongest_alliances(build_world(sc)) for name, sc in scenarios.items()}
        for line in summary_lines(store.runs, alliances, args.turns, lenses or list(LENS_IDS)):
            print(line)
    rate = new / elapsed if elapsed > 0 else 0.0
    print(f"{store.runs_path}: {len(store.runs)} runs ({new} new, {rate:.1f} runs/s, {elapsed:.1f} s, "
          f"{executor.describe()['kind']} x{executor.workers})")
    return 0


def _lenses(text: str, known: tuple[str, ...]) -> list[str] | None:
    if text == "all":
        return list(known)
    if text == "scenario":
        return None
    chosen = _unique(text.split(","), "--lens")
    for lens in chosen:
        if lens not in known:
            raise SweepError(f"--lens: unknown lens {lens!r}; lenses are all, scenario, " + ", ".join(known))
    return chosen


def _unique(items: list[str], option: str) -> list[str]:
    items = [i.strip() for i in items]
    for item in items:
        if not item:
            raise SweepError(f"{option}: an empty name in the list")
        if items.count(item) > 1:
            raise SweepError(f"{option}: {item} is listed twice")
    return items


def _format_of(out: Path, resume: bool) -> str:
    """The format of the sweep being resumed, else parquet when pyarrow is installed."""
    from .store import META, pyarrow_available

    if resume and (out / META).is_file():
        try:
            found = json.loads((out / META).read_text(encoding="utf-8")).get("files")
        except (OSError, ValueError, AttributeError):
            found = None
        if found in ("parquet", "csv"):
            return found
    return "parquet" if pyarrow_available() else "csv"
