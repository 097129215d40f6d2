"""Reading scenario JSON: parse, migrate, check every field, build a `Scenario`.

Checks are driven by the field tables in `fields.py`; what a table cannot say (unique ids,
ties naming known states, total capability) is checked here afterwards. Every problem
found is reported, up to `MAX_PROBLEMS` (then checking stops: a file with 20,000 problems is
refused as fast as one with 50); nothing here raises on bad input. Before any walk, JSON
nested deeper than `MAX_DEPTH` is refused (Python would hit its recursion limit); text that
cannot be written back as UTF-8 (a lone surrogate such as "\ud800") is refused where it is,
so whatever loads can be saved.
"""
from __future__ import annotations

import codecs
import copy
import dataclasses
import difflib
import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from alliance_sandbox.engine.world import DEFAULT_COMMITMENT, Settings, Shock

from .errors import _SURROGATE, Problem, ScenarioError, printable
from .fields import (
    FREE_KEYS,
    MAX_DEPTH,
    MAX_PROBLEMS,
    MISSING,
    SCENARIO_RECORD,
    SCHEMA_VERSION,
    FieldSpec,
    Record,
    fmt_number,
    is_free_key,
)
from .migrations import migrate
from .model import AffinitySpec, HistoryEntry, HistoryTie, Question, Scenario, ShockSpec, StateSpec, TieSpec

# ---------------------------------------------------------------- parsing JSON


class NonFinite:
    """What the parser makes of NaN, Infinity and -Infinity (not JSON, but Python accepts
    them): a marker the validator reports at its field, instead of a float that would poison
    every computation."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


class _Object(dict):
    """A parsed JSON object that remembers keys given more than once (JSON allows it;
    the last value would silently win)."""

    duplicate_keys: tuple[str, ...] = ()


def _object_pairs(pairs: list[tuple[str, Any]]) -> dict:
    obj = _Object(pairs)
    if len(obj) != len(pairs):
        counts = Counter(key for key, _ in pairs)
        obj.duplicate_keys = tuple(key for key, count in counts.items() if count > 1)
    return obj


class _EnoughProblemsError(Exception):
    """MAX_PROBLEMS problems found: stop checking (caught in `check_data`)."""


class _Problems:
    """Collects problems for one source; the MAX_PROBLEMS-th stops the check."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.items: list[Problem] = []
        self.stopped = False

    def add(self, where: str, reason: str) -> None:
        self.items.append(Problem(self.source, where or "(file)", reason))
        if len(self.items) >= MAX_PROBLEMS:
            self.stopped = True
            raise _EnoughProblemsError

    def __bool__(self) -> bool:
        return bool(self.items)

    def result(self) -> list[Problem]:
        items = list(self.items)
        if self.stopped:
            items.append(Problem(self.source, "(file)", f"checking stopped after {MAX_PROBLEMS} problems; "
                                                        "fix these and check again"))
        return items


def _surrogate_reason(text: str) -> str | None:
    """Why `text` cannot be saved as UTF-8, or None when it can."""
    match = _SURROGATE.search(text)
    if match is None:
        return None
    return (f"contains a lone surrogate ({printable(match.group())} at character {match.start() + 1}): "
            "not a character, so it cannot be saved as UTF-8 text")


def _path_part(key: Any) -> str:
    if isinstance(key, int):
        return f"[{key}]"
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", str(key)):
        return f".{key}"
    return f"[{printable(json.dumps(str(key), ensure_ascii=False))}]"


def _too_deep(data: Any) -> str | None:
    """The path of the first list or object nested deeper than MAX_DEPTH, else None.

    Iterative, and it stops descending at the limit: safe on JSON nested 100,000 deep."""
    stack: list[tuple[Any, int, tuple]] = [(data, 1, ())]
    while stack:
        value, depth, path = stack.pop()
        children: Iterable[tuple[Any, Any]]
        if isinstance(value, dict):
            children = value.items()
        elif isinstance(value, list):
            children = enumerate(value)
        else:
            continue
        if depth > MAX_DEPTH:
            return "".join(_path_part(k) for k in path).lstrip(".") or "(file)"
        for key, child in children:
            if isinstance(child, (dict, list)):
                stack.append((child, depth + 1, path + (key,)))
    return None


def _json_hint(text: str, pos: int) -> str:
    """A hint for the syntax errors people make most when writing JSON by hand."""
    rest = text[pos:pos + 2]
    before = text[:pos].rstrip()
    if rest.startswith("//") or rest.startswith("/*") or rest.startswith("#"):
        return " (JSON has no comments: put notes in a \"notes\" field or a key starting with \"_\")"
    if rest.startswith("'"):
        return " (JSON strings and keys need double quotes)"
    if not text[pos:].strip():
        return " (the text ends too soon: is a bracket or a quote not closed?)"
    if before.endswith(",") and rest[:1] in ("}", "]"):
        return " (JSON allows no comma before a closing bracket)"
    return ""


def decode_text(raw: bytes | str, out: _Problems) -> str | None:
    """The text of a file, or None after reporting why it is not usable UTF-8 text."""
    if isinstance(raw, str):
        text = raw[1:] if raw.startswith("\ufeff") else raw
    else:
        if raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
        elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            out.add("(file)", "is UTF-16 text, not UTF-8; save it as UTF-8")
            return None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
            out.add("(file)", f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} at line {line}, "
                              f"column {column}); save it as UTF-8")
            return None
    if not text.strip():
        out.add("(file)", "file is empty" if not text else "file is empty (only white space)")
        return None
    return text


def parse_json(text: str, out: _Problems) -> Any:
    """The parsed JSON, or MISSING after reporting a syntax error with line and column."""
    try:
        return json.loads(text, parse_constant=NonFinite, object_pairs_hook=_object_pairs)
    except json.JSONDecodeError as exc:
        out.add("(json)", f"line {exc.lineno}, column {exc.colno}: {exc.msg}{_json_hint(text, exc.pos)}")
    except RecursionError:
        out.add("(json)", "nested too deeply to be a scenario")
    except ValueError as exc:  # an integer with thousands of digits
        reason = "a number has too many digits" if "digits" in str(exc) else str(exc)
        out.add("(json)", f"not readable: {reason}")
    return MISSING


# ---------------------------------------------------------------- checking values

_BAD: Any = object()


def _show(value: Any) -> str:
    """A value as it would look in the file, kept short."""
    if isinstance(value, NonFinite):
        return value.text
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        text = str(value)
        return text if len(text) <= 20 else f"{text[:8]}... (a {len(text)}-digit number)"
    if isinstance(value, float):
        return fmt_number(value) if math.isfinite(value) else {"nan": "NaN", "inf": "Infinity"}.get(
            repr(value), "-Infinity")
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return printable(json.dumps(shown, ensure_ascii=False))
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _key_path(where: str, key: str) -> str:
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
        return f"{where}.{key}" if where else key
    return f"{where}[{printable(json.dumps(key, ensure_ascii=False))}]"


def _suggest(word: str, choices: list[str] | tuple[str, ...]) -> str:
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6) if isinstance(word, str) else []
    return f'; did you mean "{match[0]}"?' if match else ""


def _check_range(spec: FieldSpec, value: int | float, where: str, out: _Problems) -> bool:
    lo, hi = spec.minimum, spec.maximum
    below = lo is not None and (value <= lo if spec.exclusive_minimum else value < lo)
    above = hi is not None and value > hi
    if below or above:
        if lo is not None and hi is not None and spec.exclusive_minimum:
            out.add(where, f"must be > {fmt_number(lo)} and <= {fmt_number(hi)}, got {_show(value)}")
        elif lo is not None and hi is not None:
            out.add(where, f"must be between {fmt_number(lo)} and {fmt_number(hi)}, got {_show(value)}")
        else:
            out.add(where, f"must be {spec.range_text()}, got {_show(value)}")
        return False
    return True


def _scan_free(value: Any, where: str, out: _Problems) -> None:
    """Authors' own values may hold anything JSON can, except NaN/Infinity."""
    if isinstance(value, NonFinite) or (isinstance(value, float) and not math.isfinite(value)):
        out.add(where, f"must be a finite number, got {_show(value)}")
    elif isinstance(value, str):
        reason = _surrogate_reason(value)
        if reason:
            out.add(where, reason)
    elif isinstance(value, dict):
        for key in getattr(value, "duplicate_keys", ()):
            out.add(_key_path(where, key), "appears more than once in the same object")
        for key, item in value.items():
            path = _key_path(where, str(key))
            reason = _surrogate_reason(str(key))
            if reason:
                out.add(path, "the key " + reason)
            _scan_free(item, path, out)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _scan_free(item, f"{where}[{i}]", out)
    elif not (value is None or isinstance(value, (str, int, float, bool))):
        out.add(where, f"must be a JSON value, got {_show(value)}")


def _plain(value: Any) -> Any:
    """A deep copy using plain dicts and lists (drops the parser's bookkeeping)."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


@dataclass
class _Item:
    """A checked record: its valid values (defaults filled), its free keys, and whether
    every field was valid."""

    values: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)
    ok: bool = True
    raw: dict = field(default_factory=dict)


def _check_value(spec: FieldSpec, value: Any, where: str, out: _Problems) -> Any:
    """The value converted (int -> float for numbers, ...), or _BAD after reporting."""
    if value is None and spec.nullable:
        return None
    kind = spec.type
    if kind in ("number", "integer"):
        if isinstance(value, NonFinite) or (isinstance(value, float) and not math.isfinite(value)):
            out.add(where, f"must be a finite number, got {_show(value)}")
            return _BAD
        if not _is_number(value):
            expected = "a number" if kind == "number" else "an integer"
            out.add(where, f"must be {expected}{' or null' if spec.nullable else ''}, got {_show(value)}")
            return _BAD
        if kind == "integer" and isinstance(value, float):
            if not value.is_integer():
                out.add(where, f"must be a whole number, got {_show(value)}")
                return _BAD
            value = int(value)
        if not _check_range(spec, value, where, out):
            return _BAD
        if kind == "number":
            try:
                return float(value)
            except OverflowError:
                out.add(where, f"is too large, got {_show(value)}")
                return _BAD
        return value
    if kind in ("string", "enum"):
        if not isinstance(value, str):
            out.add(where, f"must be {'a string' if kind == 'string' else 'one of: ' + ', '.join(spec.choices)}"
                           f"{' or null' if spec.nullable else ''}, got {_show(value)}")
            return _BAD
        if kind == "enum":
            if value not in spec.choices:
                out.add(where, f"must be one of: {', '.join(spec.choices)}; got {_show(value)}"
                               f"{_suggest(value, spec.choices)}")
                return _BAD
            return value
        reason = _surrogate_reason(value)
        if reason:
            out.add(where, reason)
            return _BAD
        if spec.nonblank and not value.strip():
            out.add(where, "must not be empty")
            return _BAD
        if spec.pattern and not re.fullmatch(spec.pattern, value):
            out.add(where, f"must be {spec.pattern_text}, got {_show(value)}")
            return _BAD
        if spec.max_length is not None and len(value) > spec.max_length:
            out.add(where, f"must be at most {spec.max_length} characters long, got {len(value)}")
            return _BAD
        return value
    if kind == "array":
        if not isinstance(value, list):
            out.add(where, f"must be a list [...], got {_show(value)}")
            return _BAD
        if spec.min_items is not None and len(value) < spec.min_items:
            out.add(where, f"must have at least {spec.min_items} item{'s' if spec.min_items > 1 else ''}, "
                           f"got {len(value)}")
            return _BAD
        if spec.max_items is not None and len(value) > spec.max_items:
            out.add(where, f"must have at most {spec.max_items} items, got {len(value)}")
            return _BAD
        assert spec.record is not None
        return [_check_record(spec.record, item, f"{where}[{i}]", out) for i, item in enumerate(value)]
    if kind == "object":
        assert spec.record is not None
        item = _check_record(spec.record, value, where, out)
        return _BAD if item is None else item
    # "any"
    _scan_free(value, where, out)
    return _plain(value)


def _describe(spec: FieldSpec) -> str:
    text = spec.type_text()
    rng = spec.range_text()
    return f"{text} {rng}" if rng else text


def _check_record(record: Record, obj: Any, where: str, out: _Problems) -> _Item | None:
    """Check one object against a record; None if it is not an object at all."""
    if not isinstance(obj, dict):
        out.add(where, f"must be an object {{...}}, got {_show(obj)}")
        return None
    item = _Item(raw=obj)
    for key in getattr(obj, "duplicate_keys", ()):
        out.add(_key_path(where, key), "appears more than once in the same object; give it once")
        item.ok = False
    for key, value in obj.items():
        if key in record.by_name:  # type: ignore[attr-defined]
            continue
        if (record.free_keys and is_free_key(key)) or key in record.also_allowed:
            reason = _surrogate_reason(key)
            if reason:
                out.add(_key_path(where, key), "the key " + reason)
                item.ok = False
            _scan_free(value, _key_path(where, key), out)
            item.extra[key] = _plain(value)
            continue
        hint = _suggest(key, record.names())
        if not hint:
            hint = "; expected " + ", ".join(record.names())
            if record.free_keys:
                own = ", ".join(f'"{k}"' for k in FREE_KEYS)
                hint += f' (own notes may go in {own} or keys starting with "_")'
        out.add(_key_path(where, key), "unknown field" + hint)
        item.ok = False
    present = 0
    for spec in record.fields:
        path = _key_path(where, spec.name)
        if spec.name not in obj:
            if spec.required:
                out.add(path, f"missing; required ({_describe(spec)})")
                item.ok = False
            elif spec.has_default:
                item.values[spec.name] = copy.deepcopy(spec.default)
            continue
        present += 1
        value = _check_value(spec, obj[spec.name], path, out)
        if value is _BAD:
            item.ok = False
        else:
            item.values[spec.name] = value
    if present < record.min_properties:
        out.add(where, f"must set at least {record.min_properties} of: {', '.join(record.names())}")
        item.ok = False
    return item


# ---------------------------------------------------------------- the whole scenario


def _version_problem(data: dict, out: _Problems) -> tuple[int, bool]:
    """(the version to read the data as, whether to go on checking)."""
    if "schema_version" not in data:
        return 0, True
    spec = SCENARIO_RECORD.field("schema_version")
    version_spec = dataclasses.replace(spec, minimum=0)
    version = _check_value(version_spec, data["schema_version"], "schema_version", out)
    if version is _BAD:
        return SCHEMA_VERSION, True  # unreadable: check the rest as the current format
    if version > SCHEMA_VERSION:
        out.add("schema_version", f"is {version}, newer than this program knows ({SCHEMA_VERSION}); "
                                  "update Alliance Sandbox")
        return version, False
    return version, True


def check_data(data: Any, source: str = "<data>") -> tuple[Scenario | None, list[Problem]]:
    """(the Scenario, []) when `data` is a valid scenario, else (None, every problem, up to
    MAX_PROBLEMS and a line saying the check stopped there)."""
    out = _Problems(source)
    try:
        return _check_data(data, out)
    except _EnoughProblemsError:
        out.items.sort(key=_document_order)
        return None, out.result()


def _check_data(data: Any, out: _Problems) -> tuple[Scenario | None, list[Problem]]:
    source = out.source
    deep = _too_deep(data)
    if deep is not None:
        out.add(deep, f"nested more than {MAX_DEPTH} levels deep (lists and objects inside each other); "
                      "a scenario needs at most 5")
        return None, out.result()
    if not isinstance(data, dict):
        out.add("(file)", f"the top level must be a JSON object {{...}}, got {_show(data)}")
        return None, out.result()
    version, go_on = _version_problem(data, out)
    if not go_on:
        return None, out.result()
    migrated_from = None
    had_version = "schema_version" in data
    if version < SCHEMA_VERSION:
        try:
            data = migrate(data, version)
        except Exception as exc:  # a migration must not raise; if one does, say so
            out.add("(file)", f"could not convert from format version {version}: {exc!r}")
            return None, out.result()
        migrated_from = version
    else:
        data = dict(data)
        data["schema_version"] = SCHEMA_VERSION
    scenario = _check_scenario(data, out)
    if out and migrated_from is not None:
        said = f"is {version}" if had_version else "missing"
        note = (f"{said}, so the file was read as format version {version} and converted to "
                f"{SCHEMA_VERSION} before checking; the fields below are named as in version {SCHEMA_VERSION}")
        out.items.insert(0, Problem(source, "schema_version", note))
    if out:
        out.items.sort(key=_document_order)
        return None, out.result()
    assert scenario is not None
    scenario.migrated_from = migrated_from
    return scenario, []


_TOP_ORDER = {name: i for i, name in enumerate(SCENARIO_RECORD.names())}


def _document_order(problem: Problem) -> tuple[int, int]:
    """Sort key putting problems in the order of the file's sections and list items (the
    sort is stable, so problems of one item keep the order they were found in)."""
    where = problem.field
    if where.startswith("("):
        return (-1, 0)
    match = re.match(r"([A-Za-z0-9_]+)(?:\[(\d+)\])?", where)
    if not match:
        return (len(_TOP_ORDER), 0)
    return (_TOP_ORDER.get(match.group(1), len(_TOP_ORDER)), int(match.group(2) or 0))


def _check_scenario(data: dict, out: _Problems) -> Scenario | None:
    top = _check_record(SCENARIO_RECORD, data, "", out)
    assert top is not None
    values = top.values
    states: list[_Item | None] = values.get("states") or []
    ties: list[_Item | None] = values.get("ties") or []
    affinity: list[_Item | None] = values.get("affinity") or []
    shocks: list[_Item | None] = values.get("shocks") or []

    # ids: unique; `mentioned` also holds ids that failed their own check, so that a tie
    # naming one is not reported a second time as "unknown"
    ids: dict[str, int] = {}
    mentioned: set = set()
    for i, item in enumerate(states):
        if item is None:
            continue
        raw_id = item.raw.get("id")
        if isinstance(raw_id, str):
            mentioned.add(raw_id)
        sid = item.values.get("id")
        if sid is None:
            continue
        if sid in ids:
            out.add(f"states[{i}].id", f"duplicate id {_show(sid)} (also states[{ids[sid]}])")
        else:
            ids[sid] = i

    states_ok = "states" in values and all(item is not None and item.ok for item in states)
    if states_ok and sum(item.values["capability"] for item in states if item is not None) <= 0:
        out.add("states", "total capability must be > 0 (give at least one state a capability above 0)")

    def known(item: _Item, key: str, where: str) -> str | None:
        sid = item.values.get(key)
        if sid is None:
            return None
        if sid not in ids:
            if sid not in mentioned:
                out.add(f"{where}.{key}", f"unknown state id {_show(sid)}{_suggest(sid, list(ids))}")
            return None
        return sid

    def pairs(items: list[_Item | None], name: str, what: str) -> None:
        seen: dict[frozenset, int] = {}
        for i, item in enumerate(items):
            if item is None:
                continue
            where = f"{name}[{i}]"
            a, b = known(item, "a", where), known(item, "b", where)
            if a is None or b is None:
                continue
            if a == b:
                out.add(f"{where}.b", f"a and b are both {_show(a)}: a state cannot have {what} with itself")
                continue
            pair = frozenset((a, b))
            if pair in seen:
                out.add(where, f"duplicate: {name}[{seen[pair]}] already pairs {_show(a)} and {_show(b)}"
                               f" (either order); one {what} per pair")
            else:
                seen[pair] = i

    pairs(ties, "ties", "a tie")
    for i, item in enumerate(ties):
        if item is not None:
            known(item, "held_by", f"ties[{i}]")
    pairs(affinity, "affinity", "an affinity")
    for i, item in enumerate(shocks):
        if item is not None:
            state = known(item, "state", f"shocks[{i}]")
            changes = item.values.get("set")
            joins = changes.values.get("joins") if isinstance(changes, _Item) else None
            if joins is not None and joins not in ids:
                out.add(f"shocks[{i}].set.joins", f"unknown state id {_show(joins)}{_suggest(joins, list(ids))}")
            elif joins is not None and joins == state:
                out.add(f"shocks[{i}].set.joins",
                        f"{_show(joins)} is the shock's own state: a state cannot join itself")
    _check_history(values, pairs, out)

    if out:
        return None

    return _build(SCENARIO_RECORD, top)


def _check_history(values: dict, pairs, out: _Problems) -> None:
    """History entries: a start year to count turns from, later years, each year once, and
    ties between known states, one per pair."""
    history: list[_Item | None] = values.get("history") or []
    start = values.get("start_year")
    seen: dict[int, int] = {}
    for k, item in enumerate(history):
        if item is None:
            continue
        year = item.values.get("year")
        if year is not None:
            if start is None and "start_year" in values:
                out.add(f"history[{k}].year", "needs a start_year: history is counted in years from it")
            elif start is not None and year <= start:
                out.add(f"history[{k}].year", f"must be after start_year ({start}), got {year}")
            if year in seen:
                out.add(f"history[{k}].year", f"duplicate year {year} (also history[{seen[year]}])")
            else:
                seen[year] = k
        pairs(item.values.get("ties") or [], f"history[{k}].ties", "a tie")


def _ties_commitment(values: dict) -> dict:
    """A tie's commitment defaults by its kind (the table cannot say so)."""
    values.setdefault("commitment", DEFAULT_COMMITMENT[values["kind"]])
    return values


def _shock(values: dict, extra: dict) -> Shock:
    """A plain engine `Shock`, or a `ShockSpec` when the file gave it the author's own keys."""
    if extra:
        return ShockSpec(values["turn"], values["state"], values["set"], extra)
    return Shock(values["turn"], values["state"], values["set"])


#: How a checked record becomes its model object; the scenario's own fields are passed on as
#: they are, so a new top-level field reaches `Scenario` with no code here.
_BUILDERS: dict[str, Any] = {
    "scenario": lambda values, extra: Scenario(
        **{k: v for k, v in values.items() if k != "schema_version"}, extra=extra),
    "settings": lambda values, extra: Settings(**values),
    "state": lambda values, extra: StateSpec(**values, extra=extra),
    "tie": lambda values, extra: TieSpec(**_ties_commitment(values), extra=extra),
    "affinity": lambda values, extra: AffinitySpec(**values, extra=extra),
    "shock": _shock,
    "shock_set": lambda values, extra: values,
    "history": lambda values, extra: HistoryEntry(**values, extra=extra),
    "history_tie": lambda values, extra: HistoryTie(**values, extra=extra),
    "question": lambda values, extra: Question(**values, extra=extra),
}


def _build(record: Record, item: _Item) -> Any:
    """The model object of a checked record, built field by field from the table."""
    values = {}
    for spec in record.fields:
        if spec.name not in item.values:
            continue
        value = item.values[spec.name]
        if spec.record is not None and spec.type == "array":
            value = [_build(spec.record, sub) for sub in value]
        elif spec.record is not None and isinstance(value, _Item):
            value = _build(spec.record, value)
        values[spec.name] = value
    return _BUILDERS[record.name](values, item.extra)


def validate_data(data: Any, source: str = "<data>") -> list[Problem]:
    """Every problem of parsed scenario JSON (after migrating an older format); [] if valid."""
    return check_data(data, source)[1]


def scenario_from_data(data: Any, source: str = "<data>") -> Scenario:
    """The Scenario parsed JSON describes; ScenarioError listing every problem if invalid."""
    scenario, problems = check_data(data, source)
    if problems:
        raise ScenarioError(problems)
    assert scenario is not None
    return scenario


def parse_text(raw: bytes | str, source: str) -> Scenario:
    """A Scenario from the bytes or text of a file; ScenarioError if anything is wrong."""
    out = _Problems(source)
    text = decode_text(raw, out)
    if text is None:
        raise ScenarioError(out.result())
    data = parse_json(text, out)
    if data is MISSING:
        raise ScenarioError(out.result())
    return scenario_from_data(data, source)
