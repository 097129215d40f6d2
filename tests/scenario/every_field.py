"""A scenario that sets every field of the format to a value other than its default.

Built from the field table: every scalar field (number, integer, enum, plain string) of the
scenario, a state, a tie, the settings and a shock's changes that the hand-written part
below does not give is filled in from `fields.py`, so a field added to the table is covered
without touching this file. Fields holding records (lists, objects) and ids are written by
hand: `uncovered()` names any the data does not cover, and the round-trip tests fail on it.
"""
from __future__ import annotations

import copy

from alliance_sandbox.scenario.fields import MISSING, SCENARIO_RECORD, FieldSpec, Record

_BASE = {
    "schema_version": 1,
    "name": "Every field",
    "description": "Each field of the format at a value other than its default.",
    "seed": 4242,
    "lens": "power",
    "start_year": 1900,
    "settings": {},
    "states": [
        {"id": "A", "name": "Avalon", "capability": 3.5, "lon": -2.5, "lat": 50.25, "regime": "monarchy",
         "notes": "a state note", "_x": [1, 2]},
        {"id": "B", "name": "Brigadoon", "capability": 2.25, "lon": 12.0, "lat": 48.0, "regime": "democracy"},
        {"id": "C", "name": "Cockaigne", "capability": 1.75, "lon": 25.0, "lat": 55.0, "regime": "monarchy"},
        {"id": "D", "name": "Duloc", "capability": 1.0, "lon": 5.0, "lat": 42.0, "regime": "republic"},
    ],
    "ties": [
        {"a": "A", "b": "B", "kind": "alliance", "commitment": 0.6, "since": 1890, "held_by": "A",
         "sources": ["a treaty"]},
        {"a": "C", "b": "D", "kind": "entente", "commitment": 0.35, "commitment_b": 0.3, "since": 1899},
    ],
    "affinity": [
        {"a": "A", "b": "C", "value": -0.4, "notes": "a rivalry"},
        {"a": "B", "b": "D", "value": 0.55},
    ],
    "shocks": [
        {"turn": 3, "state": "B", "set": {}, "notes": "a shock note"},
        {"turn": 4, "state": "D", "set": {"joins": "C"}},
    ],
    "history": [
        {"year": 1905, "ties": [{"a": "A", "b": "B", "kind": "alliance"}, {"a": "C", "b": "A", "kind": "coalition",
                                                                            "notes": "a wartime coalition"}],
         "notes": ["what happened"], "sources": ["a book"]},
        {"year": 1910, "ties": [{"a": "B", "b": "D", "kind": "alignment"}]},
    ],
    "questions": [
        {"ask": "Will Avalon and Brigadoon still be allies?", "turn": 5, "notes": "a question note"},
    ],
    "notes": ["top-level note"],
    "_author": {"keeps": True},
}


def _scalar(spec: FieldSpec, k: int):
    """A valid value of a scalar field other than its default (k varies it between items)."""
    if spec.type == "enum":
        choices = [c for c in spec.choices if c != spec.default]
        return choices[k % len(choices)]
    if spec.type == "string":
        return f"{spec.name} {k}"
    lo = spec.minimum if spec.minimum is not None else -100.0
    hi = spec.maximum if spec.maximum is not None else lo + 100.0
    value = round(lo + (hi - lo) * (0.3 + 0.05 * k), 4)
    if spec.type == "integer":
        value = int(round(value))
        if value == spec.default:
            value = value + 1 if spec.maximum is None or value + 1 <= spec.maximum else value - 1
    elif value == spec.default:
        value = round(lo + (hi - lo) * 0.71, 4)
    return value


def _fill(record: Record, item: dict, k: int) -> None:
    for spec in record.fields:
        scalar = spec.type in ("number", "integer", "enum") or (spec.type == "string" and not spec.pattern)
        if spec.name not in item and scalar and spec.const is MISSING:
            item[spec.name] = _scalar(spec, k)
        elif spec.record is not None and spec.name in item:
            sub = item[spec.name]
            for m, entry in enumerate(sub if isinstance(sub, list) else [sub]):
                _fill(spec.record, entry, k + m)


def every_field() -> dict:
    """The scenario data (a fresh dict)."""
    data = copy.deepcopy(_BASE)
    _fill(SCENARIO_RECORD, data, 0)
    return data


def uncovered(data: dict, record: Record = SCENARIO_RECORD, where: str = "") -> list[str]:
    """Fields no item of `data` gives, or gives only at their default: each as a path."""
    items = data if isinstance(data, list) else [data]
    missing = []
    for spec in record.fields:
        path = f"{where}.{spec.name}" if where else spec.name
        given = [item[spec.name] for item in items if spec.name in item]
        if not given or (spec.has_default and all(value == spec.default for value in given)):
            missing.append(path)
        elif spec.record is not None:
            flat = [entry for value in given for entry in (value if isinstance(value, list) else [value])]
            if not flat:
                missing.append(path)
            else:
                missing += uncovered(flat, spec.record, path)
    return missing


def missing_from(saved, given, where: str = "") -> list[str]:
    """Paths of values `given` holds that `saved` lacks or holds otherwise (the writer may add
    defaults the file left out, so `saved` may hold more)."""
    if isinstance(given, dict):
        if not isinstance(saved, dict):
            return [where or "(top)"]
        return [p for key, value in given.items()
                for p in (missing_from(saved[key], value, f"{where}.{key}" if where else key)
                          if key in saved else [f"{where}.{key}" if where else key])]
    if isinstance(given, list):
        if not isinstance(saved, list) or len(saved) != len(given):
            return [where]
        return [p for k, (a, b) in enumerate(zip(saved, given)) for p in missing_from(a, b, f"{where}[{k}]")]
    return [] if saved == given else [where]
