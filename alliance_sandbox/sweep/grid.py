"""What a sweep runs: the spec read from the command line, and the tasks it expands to.

The grid is scenarios x lenses x seeds x settings x shock sets. Seeds vary outermost, so a
sweep stopped halfway has run every other combination for its first seeds, evenly. Each
task has a run id hashed from everything that decides its result (the scenario's bytes, the
lens, the seed, the turns, the settings, the shock set's content) and the program version:
the same run gets the same id on any machine and in any executor, and `--resume` can tell
what is done.
"""
from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path

from alliance_sandbox import __version__

#: Shock-set names with a meaning of their own: the scenario's scripted shocks, or none.
SCENARIO_SHOCKS = "scenario"
NO_SHOCKS = "none"


class SweepError(Exception):
    """A problem with the sweep's input or its output folder: one message per line, exit 2."""


@dataclass(frozen=True)
class ScenarioSource:
    """A scenario file as the sweep read it: its name (file name without .json) and bytes."""

    name: str
    path: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class ShockSet:
    """A set of shocks that replaces the scenario's: `shocks` is None for the scenario's own."""

    name: str
    path: str | None = None
    shocks: tuple = None  # JSON shock objects, as a scenario file's "shocks" holds them

    @property
    def sha256(self) -> str | None:
        if self.shocks is None:
            return None
        return hashlib.sha256(json.dumps(list(self.shocks), sort_keys=True).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Task:
    """One run of the grid."""

    index: int  # position in the grid (seeds outermost)
    run_id: str
    scenario: str
    lens: str
    seed: int
    settings: tuple  # ((key, value), ...) in the order swept
    shocks: str


@dataclass
class SweepSpec:
    scenarios: list[ScenarioSource]
    lenses: list[str] | None  # None: each scenario's own lens
    seeds: list[int]
    turns: int
    settings: dict[str, list] = field(default_factory=dict)  # key -> values
    shock_sets: list[ShockSet] = field(default_factory=lambda: [ShockSet(SCENARIO_SHOCKS)])
    version: str = __version__

    def to_json(self) -> dict:
        """The spec as sweep.json records it (paths and hashes, not the files' text)."""
        return {
            "program_version": self.version,
            "scenarios": [{"name": s.name, "path": s.path, "sha256": s.sha256} for s in self.scenarios],
            "lenses": "scenario" if self.lenses is None else list(self.lenses),
            "seeds": f"{self.seeds[0]}:{self.seeds[-1] + 1}",
            "turns": self.turns,
            "settings": {f"settings.{k}": list(v) for k, v in self.settings.items()},
            "shocks": [{"name": s.name, "path": s.path, "sha256": s.sha256} for s in self.shock_sets],
        }

    def tasks(self, scenario_lens: dict[str, str]) -> list[Task]:
        """Every run of the grid, seeds outermost; `scenario_lens` gives each scenario's own lens."""
        keys = list(self.settings)
        combos = list(itertools.product(*(self.settings[k] for k in keys)))
        tasks = []
        for seed in self.seeds:
            for source in self.scenarios:
                for lens in self.lenses or [scenario_lens[source.name]]:
                    for combo in combos:
                        settings = tuple(zip(keys, combo))
                        for shock_set in self.shock_sets:
                            rid = run_id(self.version, source, lens, seed, self.turns, settings, shock_set)
                            tasks.append(Task(len(tasks), rid, source.name, lens, seed, settings, shock_set.name))
        return tasks


def run_id(version: str, source: ScenarioSource, lens: str, seed: int, turns: int, settings: tuple,
           shock_set: ShockSet) -> str:
    """16 hex digits of a hash of everything that decides a run's rows."""
    payload = json.dumps({
        "program": version, "scenario": [source.name, source.sha256], "lens": lens, "seed": seed,
        "turns": turns, "settings": [[k, v] for k, v in settings],
        "shocks": [shock_set.name, shock_set.sha256],
    }, sort_keys=True)
    return hashlib.blake2b(payload.encode("utf-8"), digest_size=8).hexdigest()


def shard(tasks: list[Task], which: tuple[int, int] | None) -> list[Task]:
    """Shard I of N (1-based): every N-th task from the I-th, so each shard covers the seeds evenly."""
    if which is None:
        return tasks
    i, n = which
    return tasks[i - 1::n]


# --- parsing the command line's values -------------------------------------------------
def parse_seeds(text: str) -> list[int]:
    """`A:B` is seeds A to B-1 (as in Python), `S` one seed: as `score --seeds` reads them."""
    from alliance_sandbox.score import ScoreError
    from alliance_sandbox.score import parse_seeds as parse

    try:
        return list(parse(text))
    except ScoreError as error:
        raise SweepError(str(error)) from None


def parse_shard(text: str) -> tuple[int, int]:
    try:
        i, n = (int(part) for part in text.split("/"))
    except ValueError:
        raise SweepError(f"--shard: expected I/N such as 1/4, got {text!r}") from None
    if not 1 <= i <= n:
        raise SweepError(f"--shard: need 1 <= I <= N (shards count from 1), got {text!r}")
    return i, n


def _settings_fields() -> dict[str, dataclasses.Field]:
    from alliance_sandbox.engine.world import Settings

    return {f.name: f for f in dataclasses.fields(Settings)}


def parse_setting(text: str) -> tuple[str, list]:
    """`settings.KEY=V1,V2` -> (KEY, [V1, V2]), each value checked against the setting's range."""
    known = _settings_fields()
    name, sep, values = text.partition("=")
    key = name.removeprefix("settings.")
    if not sep or not name.startswith("settings.") or not values:
        raise SweepError(f"--set: expected settings.KEY=V1,V2, got {text!r}")
    if key not in known:
        raise SweepError(f"--set: {name}: not a setting; settings are " + ", ".join(known))
    spec = known[key]
    kind = type(spec.default)
    low, high, above_low = spec.metadata["low"], spec.metadata["high"], spec.metadata["above_low"]
    parsed = []
    for raw in values.split(","):
        try:
            value = kind(raw) if kind is float else int(raw)
        except ValueError:
            raise SweepError(f"--set: {name}: expected {'a number' if kind is float else 'a whole number'}, "
                             f"got {raw!r}") from None
        if (value <= low if above_low else value < low) or (high is not None and value > high):
            bound = f"> {low}" if above_low else f">= {low}"
            rule = bound if high is None else f"{bound} and <= {high}"
            raise SweepError(f"--set: {name}: must be {rule}, got {raw}")
        if value in parsed:
            raise SweepError(f"--set: {name}: {raw} is listed twice")
        parsed.append(value)
    return key, parsed


def read_scenario_source(path: str):
    """The file's bytes and the Scenario they hold; SweepError with the validator's lines if bad."""
    from alliance_sandbox.scenario import ScenarioError, loads_scenario
    from alliance_sandbox.scenario.files import read_file_bytes

    try:
        raw = read_file_bytes(path)
        scenario = loads_scenario(raw, source=str(path))
    except ScenarioError as error:
        raise SweepError("\n".join(str(p) for p in error.problems)) from None
    return ScenarioSource(Path(path).name.removesuffix(".json"), str(path), raw), scenario


def read_shock_set(text: str) -> ShockSet:
    """`none`, `scenario`, or a JSON file with a "shocks" list (a scenario file will do)."""
    if text in (NO_SHOCKS, SCENARIO_SHOCKS):
        return ShockSet(text, None, () if text == NO_SHOCKS else None)
    path = Path(text)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise SweepError(f"{path}: (file): cannot read: {error.strerror or error}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SweepError(f"{path}: (json): not valid JSON: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("shocks"), list):
        raise SweepError(f'{path}: shocks: expected an object with a "shocks" list, as in a scenario file')
    return ShockSet(path.name.removesuffix(".json"), str(path), tuple(data["shocks"]))
