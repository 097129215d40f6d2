"""The command-line contract, through the real `alliance-sandbox` command (a subprocess)."""
import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from alliance_sandbox.lenses import LENS_IDS

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "assets" / "scenarios" / "tutorial.json"
EUROPE_1936 = ROOT / "assets" / "scenarios" / "europe-1936.json"


def cli(*args, cwd=None):
    exe = shutil.which("alliance-sandbox", path=str(Path(sys.executable).parent))
    command = [exe] if exe else [sys.executable, "-m", "alliance_sandbox.cli"]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(command + [str(a) for a in args], capture_output=True, text=True, cwd=cwd, env=env,
                          timeout=120)


def scenario(**changes):
    data = {
        "schema_version": 1, "name": "cli test", "seed": 4, "lens": "threat",
        "states": [
            {"id": "A", "name": "Aurelia", "capability": 3, "lon": 13, "lat": 52, "offense": 0.8, "aggression": 0.8},
            {"id": "B", "name": "Borduria", "capability": 2, "lon": 2, "lat": 48},
            {"id": "C", "name": "Calvinia", "capability": 2, "lon": 30, "lat": 50},
            {"id": "D", "name": "Dravia", "capability": 1, "lon": 21, "lat": 52},
        ],
        "ties": [{"a": "B", "b": "C", "kind": "entente"}],
    }
    data.update(changes)
    return data


def write(tmp_path, data, name="s.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_validate_ok_prints_one_summary_line():
    result = cli("validate", TUTORIAL)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.strip().splitlines()) == 1 and "ok" in result.stdout


def bad_states(index, field, value):
    data = scenario()
    data["states"][index][field] = value
    return data


BAD = {
    "invalid json": ('{"schema_version": 1, "name": }', "(json)"),
    "empty file": ("", "empty"),
    "top level not an object": ("[1, 2]", "(file)"),
    "wrong type": (bad_states(1, "capability", "big"), "states[1].capability"),
    "boolean as number": (bad_states(1, "offense", True), "states[1].offense"),
    "nan": ('{"schema_version": 1, "name": "x", "states": '
            '[{"id": "A", "name": "A", "capability": NaN, "lon": 0, "lat": 0}]}',
            "states[0].capability"),
    "infinity": ('{"schema_version": 1, "name": "x", "states": '
                 '[{"id": "A", "name": "A", "capability": Infinity, "lon": 0, "lat": 0}]}',
                 "states[0].capability"),
    "out of range": (bad_states(3, "capability", -1), "states[3].capability"),
    "latitude out of range": (bad_states(0, "lat", 91), "states[0].lat"),
    "duplicate id": (bad_states(2, "id", "A"), "states[2].id"),
    "unknown state in tie": (scenario(ties=[{"a": "B", "b": "Z", "kind": "alliance"}]), "ties[0].b"),
    "tie with itself": (scenario(ties=[{"a": "B", "b": "B", "kind": "alliance"}]), "ties[0]"),
    "unknown tie kind": (scenario(ties=[{"a": "B", "b": "C", "kind": "marriage"}]), "ties[0].kind"),
    "newer schema": (scenario(schema_version=99), "schema_version"),
    "unknown field": (bad_states(0, "capabilty", 3), "states[0].capabilty"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_validate_bad_input_names_file_field_and_reason_without_traceback(tmp_path, case):
    content, field = BAD[case]
    path = write(tmp_path, content)
    before = path.read_bytes()
    result = cli("validate", path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert lines and all(line.startswith(str(path)) for line in lines), result.stderr
    assert any(field in line for line in lines), result.stderr
    assert all(len(line.split(": ", 2)) == 3 and line.split(": ", 2)[2] for line in lines)
    assert path.read_bytes() == before


def test_validate_oversized_file(tmp_path):
    path = tmp_path / "huge.json"
    path.write_bytes(b" " * (6 * 1024 * 1024) + b"{}")
    result = cli("validate", path)
    assert result.returncode == 2 and "limit" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("target", ["folder", "missing"])
def test_validate_folder_or_missing_path(tmp_path, target):
    path = tmp_path if target == "folder" else tmp_path / "nope.json"
    result = cli("validate", path)
    assert result.returncode == 2 and str(path) in result.stderr and "Traceback" not in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_validate_unreadable_file(tmp_path):
    path = write(tmp_path, scenario())
    path.chmod(0)
    result = cli("validate", path)
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_run_is_byte_identical_for_the_same_file_lens_and_seed(tmp_path):
    path = write(tmp_path, scenario())
    outputs = []
    for name in ("a.json", "b.json"):
        result = cli("run", path, "--lens", "power", "--turns", "12", "--seed", "5", "--out", tmp_path / name)
        assert result.returncode == 0, result.stderr
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]
    other = cli("run", path, "--lens", "power", "--turns", "12", "--seed", "6", "--out", tmp_path / "c.json")
    assert other.returncode == 0


def test_run_json_has_the_documented_keys(tmp_path):
    out = tmp_path / "run.json"
    assert cli("run", write(tmp_path, scenario()), "--turns", "5", "--out", out).returncode == 0
    data = json.loads(out.read_text())
    assert {"scenario", "lens", "seed", "turns"} <= set(data)
    assert data["lens"] == "threat" and data["seed"] == 4 and len(data["turns"]) == 6
    turn = data["turns"][-1]
    assert {"turn", "ties", "states", "events"} <= set(turn)
    for tie in turn["ties"]:
        assert {"a", "b", "kind", "commitment"} <= set(tie)
    for state in turn["states"].values():
        assert {"capability", "abandonment_risk", "entrapment_risk"} <= set(state)
        assert 0 <= state["abandonment_risk"] <= 1 and 0 <= state["entrapment_risk"] <= 1
    for event in (e for t in data["turns"] for e in t["events"]):
        assert {"kind", "states", "explanation"} <= set(event)


def test_run_csv_has_one_row_per_turn_and_state(tmp_path):
    out = tmp_path / "run.csv"
    assert cli("run", write(tmp_path, scenario()), "--turns", "3", "--out", out).returncode == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert len(rows) == 4 * 4
    assert {"turn", "state", "capability", "abandonment_risk", "entrapment_risk"} <= set(rows[0])


def test_run_without_out_prints_a_readable_summary():
    result = cli("run", TUTORIAL, "--turns", "3")
    assert result.returncode == 0, result.stderr
    assert "Turn 3" in result.stdout and "Balance of threat" in result.stdout


@pytest.mark.parametrize("args, message", [
    (["--lens", "marxism"], "unknown lens"),
    (["--out", "x.txt"], ".json or .csv"),
    (["--turns", "-3"], "must be >= 0"),
])
def test_run_bad_arguments_are_explained(tmp_path, args, message):
    result = cli("run", write(tmp_path, scenario()), *args, cwd=tmp_path)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_run_out_into_missing_folder_is_an_error_not_a_traceback(tmp_path):
    result = cli("run", write(tmp_path, scenario()), "--out", tmp_path / "no" / "such" / "dir" / "r.json")
    assert result.returncode == 2 and "Traceback" not in result.stderr and "r.json" in result.stderr


def test_lenses_lists_all_eight_with_claim_and_citation():
    result = cli("lenses")
    assert result.returncode == 0
    lines = result.stdout.strip().splitlines()
    ids = [line.split()[1] for line in lines]
    assert ids == list(LENS_IDS)  # the registry, in the app's order
    assert all("(" in line and any(ch.isdigit() for ch in line) for line in lines)


def test_landscape_json_for_europe_1936():
    result = cli("landscape", EUROPE_1936, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["minima"] and data["states"] == 17 and data["splits"] == 2 ** 16
    energies = [m["energy"] for m in data["minima"]]
    assert energies == sorted(energies)
    ids = {s for m in data["minima"] for bloc in m["blocs"] for s in bloc}
    assert {"GMY", "FRN", "UKG", "RUS", "ITA"} <= ids
    for m in data["minima"]:
        assert len(m["blocs"]) == 2 and sorted(m["blocs"][0] + m["blocs"][1]) == sorted(ids)


def test_landscape_is_exact_for_24_states(tmp_path):
    import numpy as np

    rng = np.random.default_rng(0)
    ids = [f"S{k:02d}" for k in range(24)]
    states = [{"id": s, "name": s, "capability": float(rng.uniform(1, 10)), "lon": float(k), "lat": 0.0}
              for k, s in enumerate(ids)]
    affinity = [{"a": a, "b": b, "value": round(float(rng.uniform(-1, 1)), 3)}
                for k, a in enumerate(ids) for b in ids[k + 1:]]
    path = write(tmp_path, {"schema_version": 1, "name": "24", "states": states, "affinity": affinity})
    result = cli("landscape", path, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["splits"] == 2 ** 23 and data["minima"]


def test_help_and_version():
    assert cli("--help").returncode == 0
    assert "alliance-sandbox" in cli("--version").stdout
    result = cli("frobnicate-no-such-file.json")
    assert result.returncode == 2 and "Traceback" not in result.stderr
