"""The JSON Schema, the docs and the code agree, because one table drives them all."""
from __future__ import annotations

import dataclasses
import importlib.util
import json
import subprocess
import sys

import jsonschema
import pytest
from scenario_helpers import DOC, ROOT, doc_minimal_example, example_files, valid_data

from alliance_sandbox.engine.world import STATE_FIELDS, Settings
from alliance_sandbox.scenario import (
    AffinitySpec,
    StateSpec,
    TieSpec,
    json_schema,
    load_scenario,
    loads_scenario,
    scenario_to_data,
    validate_data,
)
from alliance_sandbox.scenario.fields import (
    AFFINITY_RECORD,
    SETTINGS_RECORD,
    SHOCK_SET_RECORD,
    STATE_RECORD,
    TIE_RECORD,
)

SCHEMA_FILE = ROOT / "assets" / "scenario.schema.json"


def load_tool():
    spec = importlib.util.spec_from_file_location("write_schema_tool", ROOT / "tools" / "write_schema.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_schema_file_is_in_sync_with_the_code():
    on_disk = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert on_disk == json_schema(), "run: python tools/write_schema.py"
    assert SCHEMA_FILE.read_text(encoding="utf-8") == load_tool().schema_text()


def test_doc_generated_sections_are_in_sync():
    text = DOC.read_text(encoding="utf-8")
    assert load_tool().render_doc(text) == text, "run: python tools/write_schema.py"


def test_write_schema_check_mode_passes():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "write_schema.py"), "--check"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr


def test_json_schema_returns_a_fresh_dict():
    schema = json_schema()
    schema["properties"].clear()
    assert json_schema()["properties"]


EXAMPLES = [(p.name, p.read_text(encoding="utf-8")) for p in example_files()]
EXAMPLES.append(("docs minimal", doc_minimal_example()))
EXAMPLES.append(("VALID", json.dumps(valid_data())))


@pytest.mark.parametrize("text", [t for _, t in EXAMPLES], ids=[n for n, _ in EXAMPLES])
def test_examples_valid_for_both_validators(text, validator):
    data = json.loads(text)
    assert validate_data(data) == []
    if "schema_version" in data:  # drafts (version 0) are only valid after migration
        validator.validate(data)
    validator.validate(scenario_to_data(loads_scenario(text)))


def test_there_are_examples_of_the_current_format():
    assert any(json.loads(t).get("schema_version") == 1 for _, t in EXAMPLES)


# documents our validator refuses that the schema alone can also refuse
SCHEMA_CATCHES = [
    ("capability", lambda d: d["states"][0].__setitem__("capability", -1)),
    ("bool number", lambda d: d["states"][0].__setitem__("lon", True)),
    ("range", lambda d: d["states"][0].__setitem__("lat", 91)),
    ("id pattern", lambda d: d["states"][0].__setitem__("id", "a b")),
    ("id length", lambda d: d["states"][0].__setitem__("id", "x" * 33)),
    ("blank name", lambda d: d.__setitem__("name", " ")),
    ("unknown key", lambda d: d["states"][0].__setitem__("capabilty", 1)),
    ("unknown top key", lambda d: d.__setitem__("stats", 1)),
    ("kind", lambda d: d["ties"][0].__setitem__("kind", "pact")),
    ("settings key", lambda d: d["settings"].__setitem__("x", 1)),
    ("settings range", lambda d: d["settings"].__setitem__("proximity_km", 0)),
    ("arming_lag float", lambda d: d["settings"].__setitem__("arming_lag", 2.5)),
    ("empty set", lambda d: d["shocks"][0].__setitem__("set", {})),
    ("set key", lambda d: d["shocks"][0]["set"].__setitem__("colour", "x")),
    ("turn", lambda d: d["shocks"][0].__setitem__("turn", 0)),
    ("no states", lambda d: d.__setitem__("states", [])),
    ("version", lambda d: d.__setitem__("schema_version", 2)),
    ("lens", lambda d: d.__setitem__("lens", "x")),
    ("missing", lambda d: d["states"][0].pop("lat")),
]


@pytest.mark.parametrize("change", [c for _, c in SCHEMA_CATCHES], ids=[n for n, _ in SCHEMA_CATCHES])
def test_schema_is_as_strict_as_the_validator_where_it_can_be(change, validator):
    data = valid_data()
    change(data)
    assert validate_data(data)
    assert not validator.is_valid(data)


def test_free_keys_allowed_by_both(validator):
    data = valid_data()
    data["_mine"] = {"x": 1}
    data["notes"] = "n"
    data["sources"] = ["a", "b"]
    data["states"][0]["_editor"] = [1]
    data["ties"][0]["notes"] = "t"
    data["affinity"][0]["sources"] = "s"
    data["shocks"][0]["_why"] = "w"
    assert validate_data(data) == []
    validator.validate(data)


# ---------------------------------------------------------------- one definition per field


def test_every_engine_setting_has_a_range_and_description():
    names = [f.name for f in dataclasses.fields(Settings)]
    assert all(f.metadata.get("doc") for f in dataclasses.fields(Settings)), "declare settings with _setting()"
    assert SETTINGS_RECORD.names() == names
    defaults = Settings()
    for spec in SETTINGS_RECORD.fields:
        assert spec.default == getattr(defaults, spec.name)
        assert spec.minimum is not None, spec.name


def test_state_numbers_follow_engine_state_fields():
    for name, (lo, hi) in STATE_FIELDS.items():
        for record in (STATE_RECORD, SHOCK_SET_RECORD):
            spec = record.field(name)
            assert spec.type == "number"
            assert (spec.minimum if spec.minimum is not None else float("-inf")) == lo
            assert (spec.maximum if spec.maximum is not None else float("inf")) == hi
    assert SHOCK_SET_RECORD.names() == [*STATE_FIELDS, "regime", "joins", "name", "short_name"]


@pytest.mark.parametrize("cls, record", [(StateSpec, STATE_RECORD), (TieSpec, TIE_RECORD),
                                         (AffinitySpec, AFFINITY_RECORD)])
def test_dataclasses_match_the_field_tables(cls, record):
    fields = {f.name: f for f in dataclasses.fields(cls)}
    assert list(fields) == record.names() + ["extra"]
    for spec in record.fields:
        if spec.has_default:
            assert fields[spec.name].default == spec.default, spec.name


def test_scenario_package_imports_no_qt():
    code = ("import sys, alliance_sandbox.scenario; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6') "
            "or m.startswith('alliance_sandbox.ui')]; print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_example_in_docs_loads_with_expected_values():
    sc = loads_scenario(doc_minimal_example(), source="docs")
    assert [s.id for s in sc.states] == ["RED", "BLU", "GRN"] and sc.ties[0].since == 1990
    assert sc.extra == {"notes": "Keys starting with _ and the keys notes and sources are free for authors."}


def test_docs_file_level_examples_are_real(tmp_path):
    """The hand-written file-level messages in the docs are what the program says."""
    text = DOC.read_text(encoding="utf-8")
    for reason in ["file not found", "is a folder, not a scenario file", "cannot read the file: permission denied",
                   "file is 12.3 MB; the limit is 5 MB", "file is empty",
                   "the top level must be a JSON object {...}, got a list",
                   "is 2, newer than this program knows (1); update Alliance Sandbox"]:
        assert reason in text
    bad = tmp_path / "x.json"
    bad.write_bytes('{\n  "name": "x",\n  "description": "\u00d6sterreich"}'.encode("latin-1"))
    with pytest.raises(Exception) as info:
        load_scenario(bad)
    assert "is not UTF-8 text (byte 0xd6 at line 3, column 19); save it as UTF-8" in str(info.value)


def test_every_default_is_itself_valid():
    from alliance_sandbox.scenario.fields import RECORDS

    for record in RECORDS:
        for spec in record.fields:
            if spec.type == "enum" and spec.has_default:
                assert spec.default in spec.choices, (record.name, spec.name)
            if spec.type in ("number", "integer") and spec.has_default and spec.default is not None:
                assert spec.minimum is None or spec.default >= spec.minimum, (record.name, spec.name)
                assert spec.maximum is None or spec.default <= spec.maximum, (record.name, spec.name)


def test_lens_ids_come_from_the_lens_registry():
    from alliance_sandbox.lenses import LENS_IDS
    from alliance_sandbox.scenario.fields import SCENARIO_RECORD

    assert SCENARIO_RECORD.field("lens").choices == LENS_IDS


def test_dollar_schema_key_is_kept_at_the_top_level_only(validator, tmp_path):
    from alliance_sandbox.scenario import save_scenario

    data = valid_data()
    data["$schema"] = "../scenario.schema.json"
    sc = loads_scenario(json.dumps(data))
    assert sc.extra == {"$schema": "../scenario.schema.json"}
    validator.validate(data)
    saved = json.loads(save_scenario(sc, tmp_path / "s.json").read_text(encoding="utf-8"))
    assert saved["$schema"] == "../scenario.schema.json"
    data["states"][0]["$schema"] = "x"
    assert [p.field for p in validate_data(data)] == ['states[0]["$schema"]']
    assert not validator.is_valid(data)
