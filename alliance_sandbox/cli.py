"""The command line: `alliance-sandbox` opens the app; its subcommands run the engine headless.

    alliance-sandbox [FILE] [--screenshot OUT.png [--turns N] [--size WxH] [--presentation]]
    alliance-sandbox validate FILE
    alliance-sandbox run FILE [--lens ID] [--turns N] [--seed S] [--out PATH.json|PATH.csv]
    alliance-sandbox lenses
    alliance-sandbox landscape FILE [--json]
    alliance-sandbox compare FILE --lenses A,B[,C,D] [--turns N] [--seed S] [--json]
    alliance-sandbox export FILE [--lens ID] [--turns N] [--seed S] [--size WxH] [--map OUT.svg|.pdf|.png]
                                 [--charts OUT.svg|.png] [--series OUT.csv] [--handout OUT.pdf]
    alliance-sandbox score FILE [--lens ID|all] [--seeds A:B] [--json]
    alliance-sandbox sweep SCENARIO... --out DIR [--lens all|A,B] [--seeds A:B] [--jobs N | --scheduler ADDR]

Exit status: 0 done, 2 bad input (each problem on its own line: file, field, reason).
Bad input never produces a traceback. Qt is imported only when the app is opened.
"""
from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

from alliance_sandbox import __version__

SUBCOMMANDS = ("validate", "run", "lenses", "landscape", "score", "sweep", "compare", "export")
BAD_INPUT = 2


class CliError(Exception):
    """A message for the user and the exit status 2."""


def _run_options(parser: argparse.ArgumentParser, lens: str | None, turns: int) -> None:
    """FILE, [--lens], --turns and --seed: how `run`, `compare` and `export` pick the run they show."""
    parser.add_argument("file")
    if lens is not None:
        parser.add_argument("--lens", help=lens)
    parser.add_argument("--turns", type=_non_negative, default=turns, help=f"turns to run (default {turns})")
    parser.add_argument("--seed", type=_non_negative, help="random seed (default: the scenario's)")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):  # a file name the system cannot decode still prints
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        if argv and argv[0] in SUBCOMMANDS:
            args = _subcommand_parser().parse_args(argv)
            return args.handler(args)
        return _open_app(_app_parser().parse_args(argv))
    except CliError as error:
        print(str(error), file=sys.stderr)
        return BAD_INPUT
    except BrokenPipeError:  # `alliance-sandbox run x.json | head`
        return 0


# --- parsers ------------------------------------------------------------------------------
def _app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="alliance-sandbox",
        description="Alliance Sandbox: alliance theory at work on a world map. With no command, opens the app.",
        epilog="commands (run headless): " + ", ".join(SUBCOMMANDS) + "; `alliance-sandbox COMMAND -h` for each.",
    )
    parser.add_argument("--version", action="version", version=f"alliance-sandbox {__version__}")
    parser.add_argument("file", nargs="?", help="a scenario file to open (default: the tutorial)")
    parser.add_argument("--screenshot", metavar="OUT.png", help="render the main window to a PNG and exit")
    parser.add_argument("--turns", type=_non_negative, default=0, help="turns to step before the screenshot")
    parser.add_argument("--size", type=_size, default=(1600, 1000), metavar="WxH", help="window size (1600x1000)")
    parser.add_argument("--presentation", action="store_true", help="start in presentation mode")
    parser.add_argument("--compare", metavar="A,B[,C,D]",
                        help="with --screenshot: render the Compare view of these 2 to 4 lenses")
    return parser


def _subcommand_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="alliance-sandbox")
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check a scenario file; one line per problem")
    validate.add_argument("file")
    validate.set_defaults(handler=cmd_validate)

    run = commands.add_parser("run", help="run a scenario headless and print or write the history")
    _run_options(run, lens="lens id (default: the scenario's); see `alliance-sandbox lenses`", turns=20)
    run.add_argument("--out", metavar="PATH", help="write the history as .json or .csv instead of a summary")
    run.set_defaults(handler=cmd_run)

    lenses = commands.add_parser("lenses", help="list the theory lenses with their claims and citations")
    lenses.set_defaults(handler=cmd_lenses)

    landscape = commands.add_parser("landscape", help="Axelrod & Bennett (1993): predicted two-bloc splits")
    landscape.add_argument("file")
    landscape.add_argument("--json", action="store_true", help="print JSON")
    landscape.set_defaults(handler=cmd_landscape)

    score = commands.add_parser("score", help="agreement of each lens's runs with the scenario's history")
    score.add_argument("file")
    score.add_argument("--lens", default="all", help="a lens id, or all (default)")
    score.add_argument("--seeds", default="0:5", help="seeds A to B-1 as A:B (default 0:5), or one seed")
    score.add_argument("--json", action="store_true", help="print JSON (docs/scoring.md)")
    score.set_defaults(handler=cmd_score)

    from alliance_sandbox.sweep.command import add_arguments as add_sweep_arguments

    sweep = commands.add_parser("sweep", help="run a grid of scenarios x lenses x seeds x settings x shocks")
    add_sweep_arguments(sweep, _non_negative)
    sweep.set_defaults(handler=cmd_sweep)

    compare = commands.add_parser("compare", help="the same world and seed under 2 to 4 lenses: which ties differ")
    _run_options(compare, lens=None, turns=20)
    compare.add_argument("--lenses", required=True, metavar="A,B[,C,D]", help="2 to 4 lens ids, comma-separated")
    compare.add_argument("--json", action="store_true", help="print JSON (README: The command line)")
    compare.set_defaults(handler=cmd_compare)

    export = commands.add_parser("export", help="write the map, charts, series or a handout; no display needed")
    _run_options(export, lens="lens id (default: the scenario's)", turns=0)
    export.add_argument("--size", type=_size, default=(1280, 720), metavar="WxH",
                        help="size of the map and charts in pixels (1280x720)")
    export.add_argument("--map", metavar="OUT.svg|.pdf|.png", help="the map with its title and legend")
    export.add_argument("--charts", metavar="OUT.svg|.png", help="the risk, share and bloc charts")
    export.add_argument("--series", metavar="OUT.csv", help="one row per turn (README: The command line)")
    export.add_argument("--handout", metavar="OUT.pdf", help="one page: lens, claim, map, charts, key events")
    export.set_defaults(handler=cmd_export)
    return parser


def _non_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0, got {value}")
    return value


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT such as 1024x768, got {text!r}") from None
    if not (200 <= width <= 8000 and 200 <= height <= 8000):
        raise argparse.ArgumentTypeError(f"size out of range 200..8000: {text}")
    return width, height


# --- commands -----------------------------------------------------------------------------
def _load(path: str):
    from alliance_sandbox.scenario import ScenarioError, load_scenario

    try:
        return load_scenario(path)
    except ScenarioError as error:
        raise CliError("\n".join(str(p) for p in error.problems)) from None


def cmd_validate(args) -> int:
    scenario = _load(args.file)
    migrated = getattr(scenario, "migrated_from", None)
    note = f"; migrated in memory from schema_version {migrated}" if migrated is not None else ""
    print(
        f"{args.file}: ok: {scenario.name!r}, {len(scenario.states)} states, {len(scenario.ties)} ties, "
        f"{len(scenario.shocks)} shocks, lens {scenario.lens}{note}"
    )
    return 0


def cmd_run(args) -> int:
    from alliance_sandbox.engine.report import summary_lines, write_run_csv, write_run_json
    from alliance_sandbox.engine.simulation import Simulation
    from alliance_sandbox.scenario import build_world

    scenario = _load(args.file)
    lens = _lens(args.lens or scenario.lens)
    out = Path(args.out) if args.out else None
    if out is not None and out.suffix.lower() not in (".json", ".csv"):
        raise CliError(f"{out}: --out: the file name must end in .json or .csv")
    seed = scenario.seed if args.seed is None else args.seed
    # keep=1: each turn is printed or written as it is played, so any number of turns runs in
    # the same memory (nothing here steps back)
    sim = Simulation(build_world(scenario), lens, seed=seed, shocks=scenario.shocks, keep=1)

    def records():
        yield sim.history[0]
        for _ in range(args.turns):
            yield sim.step()

    if out is None:
        for record in records():
            for line in summary_lines(record):
                print(line)
        return 0

    def write(handle) -> None:
        text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
        if out.suffix.lower() == ".json":
            write_run_json(text, sim, scenario.name, records())
        else:
            write_run_csv(text, records())
        text.flush()
        text.detach()  # the file stays open for write_file's fsync and rename

    _write(out, write)
    print(f"{out}: {args.turns} turns of {scenario.name!r} under {lens.id}, seed {seed}")
    return 0


def _lens(lens_id: str):
    from alliance_sandbox.lenses import get_lens

    try:
        return get_lens(lens_id)
    except KeyError as error:
        raise CliError(f"--lens: {error.args[0]}") from None


def _write(path: Path, write) -> None:
    """The app's Save rules (scenario/atomic.py): atomic, links written through, only
    regular files replaced, short temporary names, stale ones removed. `write(handle)`
    writes the file's bytes into the temporary file as they are made."""
    from alliance_sandbox.scenario import ScenarioError
    from alliance_sandbox.scenario.atomic import write_file

    try:
        write_file(path, write)
    except ScenarioError as error:
        raise CliError("\n".join(str(p) for p in error.problems)) from None


def cmd_lenses(args) -> int:
    from alliance_sandbox.lenses import LENSES

    for number, (lens_id, cls) in enumerate(LENSES.items(), start=1):
        print(f"{number}  {lens_id:<18} {cls.claim}  ({cls.citation})")
    return 0


def cmd_landscape(args) -> int:
    from alliance_sandbox.engine.landscape import local_minima
    from alliance_sandbox.scenario import build_world

    scenario = _load(args.file)
    world = build_world(scenario)
    try:
        minima = local_minima(world.share, world.affinity)
    except ValueError as error:
        raise CliError(f"{args.file}: states: {error}") from None
    found = [
        {"energy": round(m.energy, 9), "blocs": [[world.ids[i] for i in bloc] for bloc in m.blocs]}
        for m in minima
    ]
    if args.json:
        print(json.dumps({
            "scenario": scenario.name, "states": world.n, "splits": 2 ** max(world.n - 1, 0),
            "sizes": "capability share", "propensity": "affinity",
            "citation": "Axelrod & Bennett (1993), BJPS 23(2): 211-233", "minima": found,
        }, indent=1, ensure_ascii=False))
        return 0
    print(f"{scenario.name}: {world.n} states, {2 ** max(world.n - 1, 0):,} two-bloc splits; "
          f"{len(found)} local {'minimum' if len(found) == 1 else 'minima'} of the energy "
          "(Axelrod & Bennett 1993), lowest first:")
    for rank, m in enumerate(found, start=1):
        left, right = (", ".join(world.names[world.index[s]] for s in bloc) or "(none)" for bloc in m["blocs"])
        print(f"{rank}. energy {m['energy']:.6f}\n   bloc A: {left}\n   bloc B: {right}")
    return 0


def cmd_compare(args) -> int:
    from alliance_sandbox.compare import compare, compare_lines, parse_lens_list

    try:
        lens_ids = parse_lens_list(args.lenses)
    except (ValueError, KeyError) as error:
        raise CliError(f"--lenses: {error.args[0]}") from None
    scenario = _load(args.file)
    document = compare(scenario, lens_ids, args.turns, args.seed)
    if args.json:
        print(json.dumps(document, indent=1, ensure_ascii=False))
        return 0
    for line in compare_lines(document, {s.id: s.name for s in scenario.states}):
        print(line)
    return 0


def cmd_export(args) -> int:
    outputs = {key: getattr(args, key) for key in ("map", "charts", "series", "handout") if getattr(args, key)}
    if not outputs:
        raise CliError("export: give at least one of --map, --charts, --series, --handout")
    scenario = _load(args.file)
    if args.lens:
        _lens(args.lens)
    from alliance_sandbox.ui.export_command import run_export
    from alliance_sandbox.ui.exports import ExportError

    try:
        lines = run_export(scenario, lens=args.lens, turns=args.turns, seed=args.seed, size=args.size,
                           outputs=outputs)
    except ExportError as error:
        raise CliError(str(error)) from None
    for line in lines:
        print(line)
    return 0


def cmd_score(args) -> int:
    from alliance_sandbox.lenses import LENS_IDS
    from alliance_sandbox.score import ScoreError, parse_seeds, score_scenario

    scenario = _load(args.file)
    lens_ids = list(LENS_IDS) if args.lens == "all" else [_lens(args.lens).id]
    try:
        result = score_scenario(scenario, lens_ids, parse_seeds(args.seeds), source=args.file)
    except ScoreError as error:
        raise CliError(str(error)) from None
    print(result.to_json() if args.json else result.table(), end="")
    return 0


def cmd_sweep(args) -> int:
    from alliance_sandbox.sweep import command
    from alliance_sandbox.sweep.grid import SweepError

    try:
        return command.run(args)
    except SweepError as error:
        raise CliError(str(error)) from None


def _open_app(args) -> int:
    # run_app reads the file before Qt starts: a bad file gets the validator's lines and exit 2
    from alliance_sandbox.ui.app import run_app

    compare = None
    if args.compare is not None:
        from alliance_sandbox.compare import parse_lens_list

        if not args.screenshot:
            raise CliError("--compare: only with --screenshot OUT.png (in the app: View > Compare Lenses, key C)")
        try:
            compare = parse_lens_list(args.compare)
        except (ValueError, KeyError) as error:
            raise CliError(f"--compare: {error.args[0]}") from None
    return run_app(args.file, screenshot=args.screenshot, turns=args.turns, size=args.size,
                   presentation=args.presentation, compare=compare)


if __name__ == "__main__":
    raise SystemExit(main())
