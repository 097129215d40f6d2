"""How fast the validator refuses bad files, and how fast it reads a big good one.

    python benchmarks/bench_validate.py [--runs 5]

Prints the median time of `load_scenario` (read, parse, check) for: a file with 20,000
problems (unknown ids, out-of-range numbers, misspelt keys), a file nested 100,000 levels
deep, a file over the tie limit, a state name with a lone surrogate, and the largest bundled
example. Target (issue 10): the 20,000-problem file in well under a second.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from alliance_sandbox import resources
from alliance_sandbox.scenario import ScenarioError, load_scenario
from alliance_sandbox.scenario.fields import MAX_TIES


def many_problems(count: int = 20_000) -> str:
    states = [{"id": f"S{i}", "name": f"State {i}", "capability": 1, "lon": 0, "lat": 0} for i in range(400)]
    ties = [{"a": f"S{i % 400}", "b": f"X{i}", "kind": "allience", "commitment": 2, "sinse": 1900}
            for i in range(count // 4)]
    return json.dumps({"schema_version": 1, "name": "bad", "states": states, "ties": ties[:MAX_TIES]})


def deep(levels: int = 100_000) -> str:
    return '{"schema_version": 1, "name": "deep", "_x": ' + "[" * levels + "]" * levels + ', "states": []}'


def too_many_ties() -> str:
    states = [{"id": f"S{i}", "name": f"S{i}", "capability": 1, "lon": 0, "lat": 0} for i in range(500)]
    ties = [{"a": f"S{i}", "b": f"S{j}", "kind": "alignment"} for i in range(500) for j in range(i + 1, 500)]
    return json.dumps({"schema_version": 1, "name": "dense", "states": states, "ties": ties[: MAX_TIES + 1]})


def surrogate() -> str:
    return ('{"schema_version": 1, "name": "s", "states": [{"id": "A", "name": "\\ud800", "capability": 1, '
            '"lon": 0, "lat": 0}]}')


def timed(path: Path, runs: int) -> tuple[float, str]:
    times, first = [], "ok"
    for _ in range(runs):
        start = time.perf_counter()
        try:
            load_scenario(path)
        except ScenarioError as error:
            first = f"{len(error.problems)} problems reported; first: {error.problems[0]}"
        times.append(time.perf_counter() - start)
    return statistics.median(times), first


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    biggest = max(resources.scenario_dir().glob("*.json"), key=lambda p: p.stat().st_size)
    with tempfile.TemporaryDirectory() as folder:
        cases = {"20,000 problems": many_problems(), "nested 100,000 deep": deep(),
                 f"{MAX_TIES + 1:,} ties (over the limit)": too_many_ties(), "lone surrogate in a name": surrogate()}
        for label, text in cases.items():
            path = Path(folder) / "case.json"
            path.write_text(text, encoding="utf-8")
            seconds, first = timed(path, args.runs)
            print(f"{label:<32} {path.stat().st_size / 1e6:6.2f} MB  {seconds * 1000:8.1f} ms   {first[:110]}")
    seconds, first = timed(biggest, args.runs)
    label = f"largest example {biggest.stem}"
    print(f"{label:<32} {biggest.stat().st_size / 1e6:6.2f} MB  {seconds * 1000:8.1f} ms   {first}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
