"""Every kind of bad input gives a ScenarioError naming the file, the field and the reason."""
from __future__ import annotations

import builtins
import json
import os
import random

import pytest
from scenario_helpers import DATA, dumps, snapshot, valid_data

from alliance_sandbox.scenario import (
    MAX_FILE_BYTES,
    Problem,
    ScenarioError,
    load_scenario,
    loads_scenario,
    validate_data,
)
from alliance_sandbox.scenario.fields import SETTINGS_RECORD


def problems_of(path) -> list[Problem]:
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    problems = info.value.problems
    assert problems and all(p.path == str(path) for p in problems)
    # the message of the exception lists them all as "file: field: reason"
    assert str(info.value) == "\n".join(str(p) for p in problems)
    return problems


def assert_problem(problems: list[Problem], field: str, reason: str) -> None:
    hits = [p for p in problems if p.field == field and reason in p.reason]
    assert hits, f"no problem at {field!r} containing {reason!r}; got:\n" + "\n".join(map(str, problems))


def test_problem_str_is_file_field_reason():
    problem = Problem("saves/x.json", "states[3].capability", "must be >= 0, got -1")
    assert str(problem) == "saves/x.json: states[3].capability: must be >= 0, got -1"


# ---------------------------------------------------------------- the file itself


def test_file_not_found(tmp_path):
    path = tmp_path / "nope.json"
    assert_problem(problems_of(path), "(file)", "file not found")


def test_file_in_a_missing_folder(tmp_path):
    (tmp_path / "plain").write_text("x")
    path = tmp_path / "plain" / "x.json"  # "plain" is a file, not a folder
    assert_problem(problems_of(path), "(file)", "file not found")


def test_path_is_a_folder(tmp_path):
    assert_problem(problems_of(tmp_path), "(file)", "is a folder, not a scenario file")


def test_unreadable_file_permission_denied(write, monkeypatch):
    path = write(dumps(valid_data()))
    real_open = builtins.open

    def deny(file, *args, **kwargs):
        if os.fspath(file) == str(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", deny)
    assert_problem(problems_of(path), "(file)", "cannot read the file: permission denied")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_real_permissions(write):
    path = write(dumps(valid_data()))
    path.chmod(0)
    try:
        assert_problem(problems_of(path), "(file)", "permission denied")
    finally:
        path.chmod(0o644)


def test_file_over_the_size_limit(tmp_path):
    path = tmp_path / "huge.json"
    with open(path, "wb") as handle:  # sparse: no need to write 12 MB
        handle.truncate(int(12.3 * 2**20))
    problems = problems_of(path)
    assert problems == [Problem(str(path), "(file)", "file is 12.3 MB; the limit is 5 MB")]


def test_file_just_over_the_size_limit_says_bytes(tmp_path):
    path = tmp_path / "big.json"
    with open(path, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    assert_problem(problems_of(path), "(file)", f"file is {MAX_FILE_BYTES + 1} bytes; the limit is")


def test_text_over_the_size_limit():
    with pytest.raises(ScenarioError) as info:
        loads_scenario(" " * (MAX_FILE_BYTES + 10), source="big")
    assert "the limit is" in info.value.problems[0].reason


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_special_file_is_refused():
    assert_problem(problems_of("/dev/null"), "(file)", "is not a regular file")


# ---------------------------------------------------------------- text and JSON

TEXT_CASES = [
    ("empty", b"", "(file)", "file is empty"),
    ("white space only", b"  \n\t\n", "(file)", "file is empty"),
    ("latin-1", '{"name": "\u00d6sterreich"}'.encode("latin-1"), "(file)",
     "is not UTF-8 text (byte 0xd6 at line 1, column 11); save it as UTF-8"),
    ("utf-16", '{"name": "x"}'.encode("utf-16"), "(file)", "is UTF-16 text, not UTF-8"),
    ("missing comma", b'{\n  "name": "x"\n  "states": []\n}', "(json)", "line 3, column 3: Expecting ',' delimiter"),
    ("trailing comma", b'{\n  "name": "x",\n}', "(json)", "JSON allows no comma before a closing bracket"),
    ("trailing comma in list", b'{"states": [1, 2,]}', "(json)", "JSON allows no comma before a closing bracket"),
    ("comment", b'{\n  // the states\n  "name": "x"}', "(json)", "JSON has no comments"),
    ("single quotes", b"{'name': 'x'}", "(json)", "JSON strings and keys need double quotes"),
    ("truncated", b'{"name": "x", "states": [', "(json)", "line 1, column 26: Expecting value (the text ends too soon"),
    ("garbage", b"hello", "(json)", "line 1, column 1: Expecting value"),
    ("deep nesting", b"[" * 100_000 + b"]" * 100_000, "(json)", ""),
    ("huge integer", b'{"seed": ' + b"9" * 5000 + b"}", "(json)", "not readable: a number has too many digits"),
    ("top level list", b"[]", "(file)", "the top level must be a JSON object {...}, got a list"),
    ("top level string", b'"x"', "(file)", 'the top level must be a JSON object {...}, got "x"'),
    ("top level null", b"null", "(file)", "got null"),
]


@pytest.mark.parametrize("raw, field, reason", [c[1:] for c in TEXT_CASES], ids=[c[0] for c in TEXT_CASES])
def test_bad_text(write, raw, field, reason):
    assert_problem(problems_of(write(raw)), field, reason)


def test_utf8_with_bom_is_accepted(write):
    path = write(b"\xef\xbb\xbf" + dumps(valid_data()).encode("utf-8"))
    assert load_scenario(path).name == "Test world"


# ---------------------------------------------------------------- fields

def _set(path: str, value):
    """A change to the valid data: set the value at a dotted path (list items as numbers)."""
    def change(data):
        *parents, last = path.split(".")
        target = data
        for key in parents:
            target = target[int(key)] if isinstance(target, list) else target[key]
        if isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value
    return change


def _del(path: str):
    def change(data):
        *parents, last = path.split(".")
        target = data
        for key in parents:
            target = target[int(key)] if isinstance(target, list) else target[key]
        del target[last]
    return change


def _append(path: str, item):
    def change(data):
        target = data
        for key in path.split("."):
            target = target[int(key)] if isinstance(target, list) else target[key]
        target.append(item)
    return change


S = {"id": "EEE", "name": "Eland", "capability": 1, "lon": 0, "lat": 0}

FIELD_CASES = [
    # id, change, field, reason
    ("missing name", _del("name"), "name", "missing; required (non-empty string)"),
    ("blank name", _set("name", "   "), "name", "must not be empty"),
    ("name a number", _set("name", 3), "name", "must be a string, got 3"),
    ("missing states", _del("states"), "states", "missing; required (list of states 1 to 500 items)"),
    ("no states", _set("states", []), "states", "must have at least 1 item, got 0"),
    ("states an object", _set("states", {}), "states", "must be a list [...], got an object"),
    ("too many states", _set("states", [dict(S, id=f"S{i}") for i in range(501)]), "states",
     "must have at most 500 items, got 501"),
    ("state not an object", _set("states.1", "BBB"), "states[1]", 'must be an object {...}, got "BBB"'),
    ("state missing capability", _del("states.0.capability"), "states[0].capability",
     "missing; required (number 0 to 1000000000)"),
    ("state missing id", _del("states.0.id"), "states[0].id", "missing; required"),
    ("capability a string", _set("states.1.capability", "2.5"), "states[1].capability",
     'must be a number, got "2.5"'),
    ("capability true", _set("states.1.capability", True), "states[1].capability", "must be a number, got true"),
    ("capability null", _set("states.1.capability", None), "states[1].capability", "must be a number, got null"),
    ("capability a list", _set("states.1.capability", [1]), "states[1].capability", "must be a number, got a list"),
    ("capability negative", _set("states.3.capability", -1), "states[3].capability",
     "must be between 0 and 1000000000, got -1"),
    ("capability infinite", _set("states.0.capability", float("inf")), "states[0].capability",
     "must be a finite number, got Infinity"),
    ("capability nan", _set("states.0.capability", float("nan")), "states[0].capability",
     "must be a finite number, got NaN"),
    ("total capability 0", lambda d: [s.__setitem__("capability", 0) for s in d["states"]], "states",
     "total capability must be > 0"),
    ("lon too big", _set("states.0.lon", 200), "states[0].lon", "must be between -180 and 180, got 200"),
    ("lat too small", _set("states.0.lat", -91), "states[0].lat", "must be between -90 and 90, got -91"),
    ("offense too big", _set("states.0.offense", 1.5), "states[0].offense", "must be between 0 and 1, got 1.5"),
    ("aggression negative", _set("states.0.aggression", -0.1), "states[0].aggression",
     "must be between 0 and 1, got -0.1"),
    ("satisfaction too small", _set("states.0.satisfaction", -2), "states[0].satisfaction",
     "must be between -1 and 1, got -2"),
    ("regime a number", _set("states.0.regime", 1), "states[0].regime", "must be a string, got 1"),
    ("id with a space", _set("states.0.id", "A A"), "states[0].id",
     "must be 1 to 32 letters, digits, '_' or '-', got \"A A\""),
    ("id empty", _set("states.0.id", ""), "states[0].id", "must be 1 to 32 letters"),
    ("id too long", _set("states.0.id", "X" * 33), "states[0].id", "must be at most 32 characters long, got 33"),
    ("id with a newline", _set("states.0.id", "AAA\n"), "states[0].id", "must be 1 to 32 letters"),
    ("duplicate id", _set("states.1.id", "AAA"), "states[1].id", 'duplicate id "AAA" (also states[0])'),
    ("unknown state field", _set("states.0.capabilty", 1), "states[0].capabilty",
     'unknown field; did you mean "capability"?'),
    ("unknown top-level field", _set("stats", []), "stats", 'unknown field; did you mean "states"?'),
    ("unknown top-level field, no suggestion", _set("zzz", 1), "zzz", 'keys starting with "_"'),
    ("tie unknown state", _set("ties.0.b", "QQQ"), "ties[0].b", 'unknown state id "QQQ"'),
    ("tie unknown state with suggestion", _set("ties.0.b", "BBC"), "ties[0].b",
     'unknown state id "BBC"; did you mean "BBB"?'),
    ("tie with itself", _set("ties.0.b", "AAA"), "ties[0].b", "a state cannot have a tie with itself"),
    ("tie kind unknown", _set("ties.0.kind", "pact"), "ties[0].kind",
     'must be one of: alliance, entente, coalition, alignment; got "pact"'),
    ("tie kind missing", _del("ties.0.kind"), "ties[0].kind", "missing; required (one of: alliance, entente"),
    ("tie duplicate", _append("ties", {"a": "AAA", "b": "BBB", "kind": "entente"}), "ties[3]",
     "duplicate: ties[0] already pairs"),
    ("tie duplicate reversed", _append("ties", {"a": "BBB", "b": "AAA", "kind": "entente"}), "ties[3]",
     "(either order)"),
    ("tie commitment too big", _set("ties.0.commitment", 1.01), "ties[0].commitment",
     "must be between 0 and 1, got 1.01"),
    ("tie since not whole", _set("ties.0.since", 1890.5), "ties[0].since", "must be a whole number, got 1890.5"),
    ("tie since a string", _set("ties.0.since", "1890"), "ties[0].since", 'must be an integer or null, got "1890"'),
    ("tie unknown field", _set("ties.0.strength", 1), "ties[0].strength", "unknown field"),
    ("ties not a list", _set("ties", {"a": 1}), "ties", "must be a list [...], got an object"),
    ("affinity out of range", _set("affinity.0.value", 2), "affinity[0].value", "must be between -1 and 1, got 2"),
    ("affinity missing value", _del("affinity.0.value"), "affinity[0].value", "missing; required"),
    ("affinity with itself", _set("affinity.0.b", "AAA"), "affinity[0].b", "cannot have an affinity with itself"),
    ("affinity duplicate", _append("affinity", {"a": "CCC", "b": "AAA", "value": 0.1}), "affinity[2]",
     "duplicate: affinity[0] already pairs"),
    ("affinity unknown state", _set("affinity.0.a", "ZZZ"), "affinity[0].a", 'unknown state id "ZZZ"'),
    ("shock turn 0", _set("shocks.0.turn", 0), "shocks[0].turn", "must be between 1 and 1000000, got 0"),
    ("shock turn float", _set("shocks.0.turn", 2.5), "shocks[0].turn", "must be a whole number, got 2.5"),
    ("shock unknown state", _set("shocks.0.state", "XYZ"), "shocks[0].state", 'unknown state id "XYZ"'),
    ("shock joins an unknown state", _set("shocks.0.set", {"joins": "BBC"}), "shocks[0].set.joins",
     'unknown state id "BBC"; did you mean "BBB"?'),
    ("shock joins itself", _set("shocks.0.set", {"joins": "CCC"}), "shocks[0].set.joins",
     "a state cannot join itself"),
    ("shock joins a number", _set("shocks.0.set", {"joins": 3}), "shocks[0].set.joins", "must be a string"),
    ("shock set empty", _set("shocks.0.set", {}), "shocks[0].set", "must set at least 1 of: capability"),
    ("shock set unknown field", _set("shocks.0.set.colour", "x"), "shocks[0].set.colour", "unknown field"),
    ("shock set a blank name", _set("shocks.0.set.name", "  "), "shocks[0].set.name", "must not be empty"),
    ("shock set notes not allowed", _set("shocks.0.set.notes", "x"), "shocks[0].set.notes", "unknown field"),
    ("shock set out of range", _set("shocks.0.set.aggression", 3), "shocks[0].set.aggression",
     "must be between 0 and 1, got 3"),
    ("shock set negative capability", _set("shocks.0.set.capability", -5), "shocks[0].set.capability",
     "must be between 0 and 1000000000, got -5"),
    ("shock set not an object", _set("shocks.0.set", [1]), "shocks[0].set", "must be an object {...}, got a list"),
    ("shock missing set", _del("shocks.0.set"), "shocks[0].set", "missing; required (object)"),
    ("settings unknown key", _set("settings.offence_dominance", 0.5), "settings.offence_dominance",
     'unknown field; did you mean "offense_dominance"?'),
    ("settings not an object", _set("settings", 3), "settings", "must be an object {...}, got 3"),
    ("settings arming_lag float", _set("settings.arming_lag", 2.5), "settings.arming_lag",
     "must be a whole number, got 2.5"),
    ("settings arming_lag 2.0 is fine but 21 is not", _set("settings.arming_lag", 21), "settings.arming_lag",
     "must be between 0 and 20, got 21"),
    ("settings proximity 0", _set("settings.proximity_km", 0), "settings.proximity_km",
     "must be > 0 and <= 100000, got 0"),
    ("settings free key refused", _set("settings._note", "x"), "settings._note", "unknown field"),
    ("lens unknown", _set("lens", "realism"), "lens", "must be one of: power, threat"),
    ("lens misspelt", _set("lens", "treat"), "lens", 'did you mean "threat"?'),
    ("seed negative", _set("seed", -1), "seed", "must be between 0 and 9223372036854775807, got -1"),
    ("seed too big", _set("seed", 2**63), "seed", "must be between 0 and"),
    ("seed a string", _set("seed", "7"), "seed", 'must be an integer, got "7"'),
    ("start_year a string", _set("start_year", "1914"), "start_year", 'must be an integer or null, got "1914"'),
    ("description a list", _set("description", ["a"]), "description", "must be a string, got a list"),
    ("schema_version newer", _set("schema_version", 2), "schema_version",
     "is 2, newer than this program knows (1); update Alliance Sandbox"),
    ("schema_version a string", _set("schema_version", "1"), "schema_version", 'must be an integer, got "1"'),
    ("schema_version true", _set("schema_version", True), "schema_version", "must be an integer, got true"),
    ("schema_version negative", _set("schema_version", -1), "schema_version", "must be >= 0, got -1"),
    ("schema_version null", _set("schema_version", None), "schema_version", "must be an integer, got null"),
    ("schema_version not whole", _set("schema_version", 1.5), "schema_version", "must be a whole number"),
    ("free key holding NaN", _set("_x", {"a": [float("nan")]}), "_x.a[0]", "must be a finite number, got NaN"),
]

# every setting, just outside its range
for _spec in SETTINGS_RECORD.fields:
    if _spec.minimum is not None:
        _low = _spec.minimum if _spec.exclusive_minimum else _spec.minimum - 1
        FIELD_CASES.append((f"settings {_spec.name} too small", _set(f"settings.{_spec.name}", _low),
                            f"settings.{_spec.name}", "must be"))
    if _spec.maximum is not None:
        FIELD_CASES.append((f"settings {_spec.name} too big", _set(f"settings.{_spec.name}", _spec.maximum + 1),
                            f"settings.{_spec.name}", "must be"))
    FIELD_CASES.append((f"settings {_spec.name} true", _set(f"settings.{_spec.name}", True),
                        f"settings.{_spec.name}", "got true"))


@pytest.mark.parametrize("change, field, reason", [c[1:] for c in FIELD_CASES], ids=[c[0] for c in FIELD_CASES])
def test_bad_field(write, change, field, reason):
    data = valid_data()
    change(data)
    text = json.dumps(data, indent=1)  # NaN/Infinity written as Python's json writes them
    path = write(text)
    before = snapshot(path)
    problems = problems_of(path)
    assert_problem(problems, field, reason)
    assert snapshot(path) == before, "loading must never modify the file"
    # validate_data on the parsed data agrees (it is what load_scenario uses)
    assert validate_data(data, str(path)) or field == "(json)"


NON_FINITE_TEXT = [
    ("NaN", '"capability": NaN', "must be a finite number, got NaN"),
    ("Infinity", '"capability": Infinity', "must be a finite number, got Infinity"),
    ("-Infinity", '"capability": -Infinity', "must be a finite number, got -Infinity"),
    ("1e400", '"capability": 1e400', "must be a finite number, got Infinity"),
    ("huge int", '"capability": 1' + "0" * 400, "got 10000000... (a 401-digit number)"),
]


@pytest.mark.parametrize("fragment, reason", [c[1:] for c in NON_FINITE_TEXT], ids=[c[0] for c in NON_FINITE_TEXT])
def test_non_finite_numbers_in_text(write, fragment, reason):
    text = ('{"schema_version": 1, "name": "n", "states": [{"id": "A", "name": "A", '
            + fragment + ', "lon": 0, "lat": 0}]}')
    assert_problem(problems_of(write(text)), "states[0].capability", reason)


def test_duplicate_json_key(write):
    text = '{"schema_version": 1, "name": "n", "states": [{"id": "A", "name": "A", "capability": 1, ' \
           '"capability": 2, "lon": 0, "lat": 0}]}'
    assert_problem(problems_of(write(text)), "states[0].capability", "appears more than once")


def test_all_problems_reported_in_one_pass(write):
    data = valid_data()
    data["states"][0]["capability"] = -1
    data["states"][1]["lon"] = 500
    data["ties"][0]["kind"] = "pact"
    data["shocks"][0]["turn"] = 0
    data["lens"] = "nope"
    problems = problems_of(write(dumps(data)))
    fields = [p.field for p in problems]
    assert fields == ["lens", "states[0].capability", "states[1].lon", "ties[0].kind", "shocks[0].turn"]


def test_problems_capped(write):
    data = valid_data()
    data["states"] = [{"id": f"S{i}", "name": "x", "capability": -1, "lon": 0, "lat": 0} for i in range(200)]
    data["ties"] = data["affinity"] = data["shocks"] = []
    problems = problems_of(write(dumps(data)))
    assert len(problems) == 51
    assert [p.field for p in problems[:50]] == [f"states[{i}].capability" for i in range(50)]
    assert problems[-1] == Problem(problems[0].path, "(file)",
                                   "checking stopped after 50 problems; fix these and check again")


def test_newer_version_reports_only_that(write):
    data = valid_data()
    data["schema_version"] = 7
    data["states"] = "whatever the future holds"
    problems = problems_of(write(dumps(data)))
    assert [str(p).split(": ", 1)[1] for p in problems] == [
        "schema_version: is 7, newer than this program knows (1); update Alliance Sandbox"]


def test_loads_names_the_source():
    with pytest.raises(ScenarioError) as info:
        loads_scenario("[]")
    assert str(info.value) == "<string>: (file): the top level must be a JSON object {...}, got a list"
    with pytest.raises(ScenarioError) as info:
        loads_scenario("[]", source="lesson 3")
    assert str(info.value).startswith("lesson 3: (file):")


def test_validate_data_returns_problems_without_raising():
    assert validate_data(valid_data()) == []
    assert validate_data(42, "here") == [
        Problem("here", "(file)", "the top level must be a JSON object {...}, got 42")]
    assert validate_data(None)[0].reason.endswith("got null")


def test_scenario_error_pickles():
    import pickle

    error = ScenarioError([Problem("a", "b", "c")])
    copy = pickle.loads(pickle.dumps(error))
    assert copy.problems == error.problems and str(copy) == "a: b: c"


# ---------------------------------------------------------------- robustness


def _mutations(rng: random.Random, data):
    """Random damage to parsed JSON: drop, retype or replace values anywhere."""
    junk = [None, True, False, -1, 0, 1.5, 1e308, -1e308, "", "x", "AAA", [], {}, [1, "a"], {"k": None},
            2**70, float("nan")]
    nodes = []

    def walk(value):
        if isinstance(value, dict):
            for key in list(value):
                nodes.append((value, key))
                walk(value[key])
        elif isinstance(value, list):
            for i in range(len(value)):
                nodes.append((value, i))
                walk(value[i])

    walk(data)
    for _ in range(rng.randint(1, 4)):
        parent, key = rng.choice(nodes)
        try:
            if rng.random() < 0.3 and isinstance(parent, dict):
                del parent[key]
            else:
                parent[key] = rng.choice(junk)
        except (KeyError, IndexError):
            pass
    return data


@pytest.mark.parametrize("seed", range(8))
def test_random_damage_never_gives_a_traceback(seed):
    rng = random.Random(seed)
    base = json.loads((DATA / "europe_1914.json").read_text(encoding="utf-8"))
    for _ in range(150):
        data = _mutations(rng, json.loads(json.dumps(base)))
        text = json.dumps(data)
        if rng.random() < 0.2:
            text = text[: rng.randrange(len(text))]
        try:
            loads_scenario(text, source="fuzz")
        except ScenarioError as exc:
            assert exc.problems and all(p.path == "fuzz" and p.field and p.reason for p in exc.problems)
