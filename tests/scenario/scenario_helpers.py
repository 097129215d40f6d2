"""Helpers for the scenario tests (a module with a unique name, importable from tests)."""
from __future__ import annotations

import copy
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
DOC = ROOT / "docs" / "scenario-format.md"

#: A small valid scenario touching every section touching every section; tests break copies of it.
VALID = {
    "schema_version": 1,
    "name": "Test world",
    "description": "for tests",
    "seed": 7,
    "lens": "power",
    "start_year": 1900,
    "settings": {"offense_dominance": 0.7, "arming_lag": 3},
    "states": [
        {"id": "AAA", "name": "Aland", "capability": 3, "lon": 10.5, "lat": 50.25, "regime": "democracy"},
        {"id": "BBB", "name": "Bland", "capability": 2.5, "lon": -20, "lat": 10, "offense": 0.2,
         "aggression": 0.9, "satisfaction": -0.5, "regime": "democracy"},
        {"id": "CCC", "name": "Cland", "capability": 0, "lon": 179.5, "lat": -89, "regime": "monarchy"},
        {"id": "D-4_x", "name": "Dland", "capability": 1e-3, "lon": 0, "lat": 0},
    ],
    "ties": [
        {"a": "AAA", "b": "BBB", "kind": "alliance", "commitment": 0.9, "since": 1890},
        {"a": "CCC", "b": "AAA", "kind": "alignment"},
        {"a": "BBB", "b": "D-4_x", "kind": "coalition", "since": None},
    ],
    "affinity": [
        {"a": "AAA", "b": "CCC", "value": -0.5},
        {"a": "BBB", "b": "AAA", "value": 0.0},
    ],
    "shocks": [
        {"turn": 3, "state": "CCC", "set": {"capability": 4, "aggression": 0.1}},
    ],
}


def valid_data() -> dict:
    return copy.deepcopy(VALID)


def dumps(data) -> str:
    return json.dumps(data, indent=1)


def doc_minimal_example() -> str:
    """The JSON of the minimal example in docs/scenario-format.md."""
    text = DOC.read_text(encoding="utf-8")
    match = re.search(r"<!-- example:minimal -->\s*```json\n(.*?)```", text, re.S)
    assert match, "docs/scenario-format.md lost its minimal example"
    return match.group(1)


def example_files() -> list[Path]:
    """Every scenario file shipped or written as an example (all must be valid)."""
    return sorted(DATA.glob("*.json")) + sorted((ROOT / "assets" / "scenarios").glob("*.json"))


def snapshot(path: Path) -> tuple[bytes, int]:
    info = path.stat()
    return path.read_bytes(), info.st_mtime_ns
