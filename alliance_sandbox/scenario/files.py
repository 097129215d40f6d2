"""Scenario files on disk: load (never modifying the file), save (atomically)."""
from __future__ import annotations

import copy
import json
import math
import os
import stat
from pathlib import Path
from typing import Any

# Writing files (Save, run --out, exports) follows one set of rules: scenario/atomic.py.
from .atomic import write_file
from .errors import Problem, ScenarioError
from .fields import MAX_FILE_BYTES, MISSING, SCENARIO_RECORD, FieldSpec, Record
from .model import Scenario
from .validate import check_data, parse_text

#: Significant digits kept when writing floats (readability; far below any data's accuracy).
SIGNIFICANT_DIGITS = 6


# ---------------------------------------------------------------- reading


def _size_text(size: int) -> str:
    limit_mb = MAX_FILE_BYTES / 2**20
    text = f"{size / 2**20:.1f}"
    if float(text) <= limit_mb:  # just over the limit: "5.0 MB" would read as allowed
        return f"file is {size} bytes; the limit is {MAX_FILE_BYTES} bytes ({limit_mb:g} MB)"
    return f"file is {text} MB; the limit is {limit_mb:g} MB"


def _os_reason(exc: OSError, doing: str) -> str:
    if isinstance(exc, PermissionError):
        return f"cannot {doing} the file: permission denied"
    return f"cannot {doing} the file: {exc.strerror or exc}"


def read_file_bytes(path: str | os.PathLike) -> bytes:
    """The bytes of a scenario file, or ScenarioError saying why they cannot be read."""
    source = os.fspath(path)

    def fail(reason: str) -> ScenarioError:
        return ScenarioError([Problem(source, "(file)", reason)])

    try:
        info = os.stat(source)
    except (FileNotFoundError, NotADirectoryError):
        raise fail("file not found") from None
    except OSError as exc:
        raise fail(_os_reason(exc, "read")) from None
    except ValueError:  # e.g. a NUL character in the name
        raise fail("not a valid file name") from None
    if stat.S_ISDIR(info.st_mode):
        raise fail("is a folder, not a scenario file")
    if not stat.S_ISREG(info.st_mode):
        raise fail("is not a regular file")
    if info.st_size > MAX_FILE_BYTES:
        raise fail(_size_text(info.st_size))
    try:
        with open(source, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise fail(_os_reason(exc, "read")) from None
    if len(raw) > MAX_FILE_BYTES:  # it grew since stat
        raise fail(_size_text(len(raw)))
    return raw


def load_scenario(path: str | os.PathLike) -> Scenario:
    """Read, migrate (in memory only) and validate a scenario file.

    Raises ScenarioError listing every problem, each naming the file and the field.
    """
    raw = read_file_bytes(path)
    scenario = parse_text(raw, os.fspath(path))
    scenario.path = Path(path)
    return scenario


def loads_scenario(text: str | bytes, source: str = "<string>") -> Scenario:
    """A scenario from JSON text (or UTF-8 bytes); `source` names it in error messages."""
    size = len(text.encode("utf-8", "surrogatepass")) if isinstance(text, str) else len(text)
    if size > MAX_FILE_BYTES:
        raise ScenarioError([Problem(source, "(file)", _size_text(size))])
    return parse_text(text, source)


# ---------------------------------------------------------------- writing


def _round(value: Any) -> Any:
    """A float with at most SIGNIFICANT_DIGITS significant digits (-0.0 becomes 0.0)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return value  # not a number: left for the validator to report
    if not math.isfinite(number):
        return number
    return float(f"{number:.{SIGNIFICANT_DIGITS}g}") + 0.0


def _number(value: Any) -> Any:
    try:
        return float(value) + 0.0
    except (TypeError, ValueError):
        return value


def _integer(value: Any) -> Any:
    if value is None or isinstance(value, bool):
        return value
    try:
        return int(value) if float(value).is_integer() else value
    except (TypeError, ValueError, OverflowError):
        return value


def _value_data(spec: FieldSpec, value: Any, rounded: bool) -> Any:
    """One field's value as JSON data: numbers rounded (or made floats), records recursed."""
    if spec.const is not MISSING:
        return spec.const
    if spec.type == "number":
        return _round(value) if rounded else _number(value)
    if spec.type == "integer":
        return _integer(value)
    if spec.record is not None and spec.type == "array":
        return [_record_data(spec.record, item, rounded) for item in value]
    if spec.record is not None and spec.type == "object":
        return _record_data(spec.record, value, rounded)
    return copy.deepcopy(value)


def _record_data(record: Record, obj: Any, rounded: bool) -> dict:
    """The fields of a record, read as attributes of `obj` (or keys if a dict, where absent
    keys stay absent), in the table's order, then the author's own keys."""
    data: dict = {}
    for spec in record.fields:
        if isinstance(obj, dict):
            if spec.name not in obj:
                continue
            value = obj[spec.name]
        else:
            value = getattr(obj, spec.name, spec.const)
        data[spec.name] = _value_data(spec, value, rounded)
    data.update(copy.deepcopy(getattr(obj, "extra", {}) or {}))
    return data


def _scenario_data(scenario: Scenario, rounded: bool) -> dict:
    """Every field of the scenario table, read from the `Scenario` (no field is listed here)."""
    data: dict = {}
    if "$schema" in scenario.extra:  # where editors expect it
        data["$schema"] = scenario.extra["$schema"]
    data.update(_record_data(SCENARIO_RECORD, scenario, rounded))
    return data


def scenario_to_data(scenario: Scenario) -> dict:
    """Plain JSON data for a scenario: keys in the documented order, defaults written out,
    floats rounded to SIGNIFICANT_DIGITS significant digits."""
    return _scenario_data(scenario, rounded=True)


def _json(value: Any, indent: int | None = None) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, indent=indent,
                      separators=(", ", ": ") if indent is None else (",", ": "))


def dumps_data(data: dict) -> str:
    """JSON text for scenario data: one record per line in lists, for reading and diffs."""
    lines = ["{"]
    items = list(data.items())
    for n, (key, value) in enumerate(items):
        comma = "," if n < len(items) - 1 else ""
        head = f"  {_json(key)}: "
        if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            lines.append(head + "[")
            lines.extend(f"    {_json(item)}{',' if m < len(value) - 1 else ''}" for m, item in enumerate(value))
            lines.append("  ]" + comma)
        else:
            lines.append(head + _json(value, indent=2).replace("\n", "\n  ") + comma)
    lines.append("}")
    return "\n".join(lines) + "\n"


def save_scenario(scenario: Scenario, path: str | os.PathLike | None = None) -> Path:
    """Validate and write a scenario to `path` (default: `scenario.path`) atomically.

    On success sets `scenario.path` to the path and `scenario.migrated_from` to None (the
    file is now in the current format) and returns the path. Raises ScenarioError (nothing
    written, any old file untouched) if the scenario is invalid or the file cannot be written.
    """
    if path is None:
        path = scenario.path
    if path is None:
        raise ScenarioError([Problem("<scenario>", "(file)", "no file name given to save to")])
    source = os.fspath(path)

    data = scenario_to_data(scenario)
    _, problems = check_data(data, source)
    if problems:
        raise ScenarioError(problems)
    payload = dumps_data(data).encode("utf-8")

    write_file(source, payload)  # atomic; links written through; only regular files replaced
    scenario.path = Path(path)
    scenario.migrated_from = None
    return scenario.path
