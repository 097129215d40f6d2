"""Do two versions of the code make the same runs? Write every run's JSON, then compare.

Why: a speed change must not change a decision or a word of an explanation. This writes
`alliance-sandbox run --out` for every bundled scenario x lens x seeds 0-2 (the command
itself, in-process), plus two random worlds (40 and 120 states) under every lens, into a
folder; `compare` then checks two folders byte for byte.

    python tools/same_runs.py write DIR [--turns 20]
    python tools/same_runs.py compare BEFORE AFTER

Run `write` with another checkout first on PYTHONPATH to get its "before" (for instance
`git archive main | tar -x -C /tmp/main-code` and `PYTHONPATH=/tmp/main-code`).
"""
from __future__ import annotations

import argparse
import contextlib
import io
import sys
from pathlib import Path

SEEDS = (0, 1, 2)
#: Random worlds (states, ties): bigger than any scenario, so the n x n paths are exercised.
RANDOM_WORLDS = ((40, 120), (120, 900))


def write(folder: Path, turns: int) -> int:
    import alliance_sandbox
    from alliance_sandbox import cli
    from alliance_sandbox.engine.demo import random_world
    from alliance_sandbox.engine.report import run_to_json
    from alliance_sandbox.engine.simulation import Simulation
    from alliance_sandbox.lenses import LENS_IDS, get_lens
    from alliance_sandbox.resources import assets_dir

    print(f"code from {Path(alliance_sandbox.__file__).parent}", file=sys.stderr)
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for scenario in sorted((assets_dir() / "scenarios").glob("*.json")):
        for lens in LENS_IDS:
            for seed in SEEDS:
                out = folder / f"{scenario.stem}-{lens}-{seed}.json"
                with contextlib.redirect_stdout(io.StringIO()):
                    status = cli.main(["run", str(scenario), "--lens", lens, "--seed", str(seed),
                                       "--turns", str(turns), "--out", str(out)])
                if status:
                    print(f"{out.name}: run failed with status {status}", file=sys.stderr)
                    return 1
                count += 1
    for n_states, n_ties in RANDOM_WORLDS:
        for lens in LENS_IDS:
            sim = Simulation(random_world(n_states, n_ties, seed=1), get_lens(lens), seed=0)
            sim.run(turns)
            (folder / f"random{n_states}-{lens}-0.json").write_text(run_to_json(sim, f"random {n_states}"))
            count += 1
    print(f"{count} runs written to {folder}", file=sys.stderr)
    return 0


def compare(before: Path, after: Path) -> int:
    names = sorted({p.name for p in before.glob("*.json")} | {p.name for p in after.glob("*.json")})
    differ = 0
    for name in names:
        a, b = before / name, after / name
        if not a.is_file() or not b.is_file():
            print(f"{name}: only in {'after' if not a.is_file() else 'before'}")
            differ += 1
            continue
        if a.read_bytes() == b.read_bytes():
            continue
        differ += 1
        lines_a, lines_b = a.read_text().splitlines(), b.read_text().splitlines()
        first = next((k for k, (x, y) in enumerate(zip(lines_a, lines_b)) if x != y), min(len(lines_a), len(lines_b)))
        print(f"{name}: differs at line {first + 1}")
        print(f"  before: {lines_a[first][:200] if first < len(lines_a) else '(end)'}")
        print(f"  after:  {lines_b[first][:200] if first < len(lines_b) else '(end)'}")
    print(f"{len(names) - differ} of {len(names)} runs identical")
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    w = commands.add_parser("write")
    w.add_argument("folder", type=Path)
    w.add_argument("--turns", type=int, default=20)
    c = commands.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    return write(args.folder, args.turns) if args.command == "write" else compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
