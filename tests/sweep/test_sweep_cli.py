"""`alliance-sandbox sweep` through the real command: the grid, the files, resume, shards, Dask.

Small grids (few seeds, few turns) keep these fast. No test hard-codes an engine outcome:
each compares the sweep with `run` or with another way of running the same spec.
"""
import csv
import importlib.util
import json
import os
import re
import signal
import subprocess
import sys
import time

import pytest
from sweep_helpers import EUROPE_1914, ROOT, TUTORIAL, cli, command, env, read_table, runs, turns, without_timing

from alliance_sandbox.lenses import LENS_IDS

HAVE_PYARROW = importlib.util.find_spec("pyarrow") is not None
needs_pyarrow = pytest.mark.skipif(not HAVE_PYARROW, reason="pyarrow (extra [sweep]) is not installed")


def sweep(out, *args, scenarios=(TUTORIAL, EUROPE_1914)):
    result = cli("sweep", *scenarios, "--out", out, *args)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


def run_csv(tmp_path, scenario, lens, seed, turns_count):
    """`alliance-sandbox run --out x.csv` for one run, as rows of strings."""
    out = tmp_path / f"run-{lens}-{seed}.csv"
    result = cli("run", scenario, "--lens", lens, "--seed", seed, "--turns", turns_count, "--out", out)
    assert result.returncode == 0, result.stderr
    with open(out, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("file_format", [pytest.param("parquet", marks=needs_pyarrow), "csv"])
def test_two_scenarios_all_lenses_four_seeds_give_one_row_per_run_matching_run(tmp_path, file_format):
    out = tmp_path / "sweep"
    result = sweep(out, "--lens", "all", "--seeds", "0:4", "--turns", "3", "--jobs", "2", "--format", file_format)
    rows = runs(out)
    assert len(rows) == 2 * len(LENS_IDS) * 4
    assert len({r["run_id"] for r in rows}) == len(rows)
    assert {(r["scenario"], r["lens"], r["seed"]) for r in rows} == {
        (s, lens, str(seed)) for s in ("tutorial", "europe-1914") for lens in LENS_IDS for seed in range(4)}
    assert len({r["worker"] for r in rows}) == 2  # --jobs 2: two processes shared the runs
    assert (out / ("runs." + file_format)).exists()
    assert all(p.suffix == "." + file_format for p in (out / "turns").iterdir())
    # the summary names every lens once per scenario
    for lens in LENS_IDS:
        assert sum(line.split()[0] == lens for line in result.stdout.splitlines() if line.strip()) == 2
    # per-turn rows of a run are `run --out x.csv`'s rows, with the run id in front
    all_turns = turns(out)
    cases = ((EUROPE_1914, "europe-1914", "threat", 2), (TUTORIAL, "tutorial", "landscape", 3))
    for scenario, name, lens, seed in cases:
        (row,) = [r for r in rows if (r["scenario"], r["lens"], r["seed"]) == (name, lens, str(seed))]
        mine = [{k: v for k, v in t.items() if k != "run_id"} for t in all_turns if t["run_id"] == row["run_id"]]
        expected = run_csv(tmp_path, scenario, lens, seed, 3)
        def key(row):
            return int(row["turn"]), row["state"]

        assert sorted(mine, key=key) == sorted(expected, key=key)
        last = [r for r in expected if r["turn"] == "3"]
        assert float(row["final_abandonment"]) == pytest.approx(
            sum(float(r["abandonment_risk"]) for r in last) / len(last), abs=1e-5)
    meta = json.loads((out / "sweep.json").read_text())
    assert meta["finished"] and meta["runs"] == len(rows) and meta["files"] == file_format


def test_settings_and_shock_sets_multiply_the_grid_and_match_a_file_with_that_setting(tmp_path):
    out = tmp_path / "sweep"
    sweep(out, "--lens", "threat", "--seeds", "0:2", "--turns", "4", "--format", "csv", "--jobs", "1",
          "--set", "settings.offense_dominance=0.2,0.8", "--shocks", "scenario,none", scenarios=(EUROPE_1914,))
    rows = runs(out)
    assert len(rows) == 2 * 2 * 2
    assert {(r["settings.offense_dominance"], r["shocks"]) for r in rows} == {
        (v, s) for v in ("0.2", "0.8") for s in ("scenario", "none")}
    data = json.loads(EUROPE_1914.read_text())
    data.setdefault("settings", {})["offense_dominance"] = 0.8
    edited = tmp_path / "europe-1914.json"
    edited.write_text(json.dumps(data))
    (row,) = [r for r in rows if r["settings.offense_dominance"] == "0.8" and r["shocks"] == "scenario"
              and r["seed"] == "1"]
    mine = [{k: v for k, v in t.items() if k != "run_id"} for t in turns(out) if t["run_id"] == row["run_id"]]
    assert mine == sorted(run_csv(tmp_path, edited, "threat", 1, 4), key=lambda r: (int(r["turn"]), r["state"]))


def test_shards_add_up_to_the_whole_sweep(tmp_path):
    spec = ("--lens", "power,threat,landscape", "--seeds", "0:3", "--turns", "2", "--format", "csv", "--jobs", "1")
    sweep(tmp_path / "whole", *spec)
    parts = []
    for i in (1, 2, 3):
        sweep(tmp_path / f"shard-{i}", *spec, "--shard", f"{i}/3")
        parts.append(runs(tmp_path / f"shard-{i}"))
    ids = [r["run_id"] for part in parts for r in part]
    assert len(ids) == len(set(ids))
    combined = sorted((r for part in parts for r in part), key=lambda r: r["run_id"])
    assert without_timing(combined) == without_timing(runs(tmp_path / "whole"))
    combined_turns = sorted((t for i in (1, 2, 3) for t in turns(tmp_path / f"shard-{i}")),
                            key=lambda r: (r["run_id"], int(r["turn"]), r["state"]))
    assert combined_turns == turns(tmp_path / "whole")


def test_a_sweep_killed_midway_and_resumed_has_every_run_once_and_equals_an_uninterrupted_one(tmp_path):
    spec = ("--lens", "power,threat,institutions,landscape", "--seeds", "0:16", "--turns", "5", "--jobs", "2",
            "--flush-seconds", "0.2")
    out = tmp_path / "killed"
    process = subprocess.Popen(command("sweep", EUROPE_1914, "--out", out, *spec), env=env(),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    runs_file = None
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and process.poll() is None:
            found = [p for p in (out / "runs.parquet", out / "runs.csv") if p.exists()]
            if found and len(read_table(found[0])) >= 8:
                runs_file = found[0]
                break
            time.sleep(0.05)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)  # the sweep and its worker processes, at once
        process.wait(timeout=30)
        process.stderr.close()
    assert runs_file is not None, "the sweep ended before it could be killed"
    total = 4 * 16
    assert 8 <= len(read_table(runs_file)) < total
    meta = json.loads((out / "sweep.json").read_text())
    assert meta["finished"] is None

    again = cli("sweep", EUROPE_1914, "--out", out, *spec)
    assert again.returncode == 2 and "--resume" in again.stderr  # never silently overwritten
    sweep(out, *spec, "--resume", scenarios=(EUROPE_1914,))
    sweep(tmp_path / "whole", *spec, scenarios=(EUROPE_1914,))
    resumed = runs(out)
    assert len(resumed) == total and len({r["run_id"] for r in resumed}) == total
    assert without_timing(resumed) == without_timing(runs(tmp_path / "whole"))
    assert turns(out) == turns(tmp_path / "whole")
    meta = json.loads((out / "sweep.json").read_text())
    assert meta["finished"] and len(meta["sessions"]) == 2
    # resuming a finished sweep runs nothing and changes no row
    sweep(out, *spec, "--resume", scenarios=(EUROPE_1914,))
    assert runs(out) == resumed


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_keeps_the_finished_runs_and_says_how_to_resume(tmp_path, jobs):
    out = tmp_path / "sweep"
    spec = ("--lens", "power,threat,institutions,landscape", "--seeds", "0:16", "--turns", "5", "--jobs", jobs,
            "--flush-seconds", "0.1", "--format", "csv")
    process = subprocess.Popen(command("sweep", EUROPE_1914, "--out", out, *spec), env=env(), start_new_session=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None and not (out / "runs.csv").exists():
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)  # as a terminal's Ctrl+C: to the command and its workers
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr and "--resume" in stderr
    done = runs(out)
    assert 0 < len(done) < 4 * 16
    assert json.loads((out / "sweep.json").read_text())["sessions"][0]["interrupted"] is True
    sweep(out, *spec, "--resume", scenarios=(EUROPE_1914,))
    assert len({r["run_id"] for r in runs(out)}) == len(runs(out)) == 4 * 16


def test_without_pyarrow_the_sweep_writes_csv(tmp_path):
    out = tmp_path / "sweep"
    blocked = ("import sys; sys.modules['pyarrow'] = None; "
               "from alliance_sandbox.cli import main; raise SystemExit(main(sys.argv[1:]))")
    result = cli("sweep", TUTORIAL, "--out", out, "--lens", "threat", "--seeds", "0:2", "--turns", "2",
                 python_code=blocked)
    assert result.returncode == 0, result.stderr
    assert (out / "runs.csv").exists() and not (out / "runs.parquet").exists()
    assert json.loads((out / "sweep.json").read_text())["files"] == "csv"
    assert len(runs(out)) == 2
    refused = cli("sweep", TUTORIAL, "--out", tmp_path / "other", "--format", "parquet", python_code=blocked)
    assert refused.returncode == 2 and "pyarrow" in refused.stderr and "Traceback" not in refused.stderr


BAD = {
    "unknown lens": (("--lens", "power,realism"), "--lens"),
    "unknown setting": (("--set", "settings.offence=0.1"), "settings.offence"),
    "setting out of range": (("--set", "settings.ally_reliability=0.5,1.5"), "settings.ally_reliability"),
    "seeds backwards": (("--seeds", "5:2"), "--seeds"),
    "shard zero": (("--shard", "0/3"), "--shard"),
    "missing scenario": (("--lens", "threat"), "nope.json"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_is_one_clear_line_and_writes_nothing(tmp_path, case):
    args, named = BAD[case]
    scenario = tmp_path / "nope.json" if case == "missing scenario" else TUTORIAL
    out = tmp_path / "sweep"
    result = cli("sweep", scenario, "--out", out, *args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and named in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_a_shock_file_naming_an_unknown_state_is_reported_by_file_and_field(tmp_path):
    shocks = tmp_path / "collapse.json"
    shocks.write_text(json.dumps({"shocks": [{"turn": 2, "state": "ZZZ", "set": {"capability": 0.1}}]}))
    result = cli("sweep", TUTORIAL, "--out", tmp_path / "sweep", "--shocks", f"none,{shocks}")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{shocks}: shocks[0].state")


def test_resume_with_another_spec_or_an_edited_scenario_is_refused(tmp_path):
    out = tmp_path / "sweep"
    scenario = tmp_path / "tutorial.json"
    scenario.write_bytes(TUTORIAL.read_bytes())
    sweep(out, "--lens", "threat", "--seeds", "0:2", "--turns", "2", scenarios=(scenario,))
    result = cli("sweep", scenario, "--out", out, "--lens", "threat", "--seeds", "0:3", "--turns", "2", "--resume")
    assert result.returncode == 2 and "seeds" in result.stderr and "Traceback" not in result.stderr
    data = json.loads(scenario.read_text())
    data["states"][0]["capability"] *= 2
    scenario.write_text(json.dumps(data))
    result = cli("sweep", scenario, "--out", out, "--lens", "threat", "--seeds", "0:2", "--turns", "2", "--resume")
    assert result.returncode == 2 and "scenarios" in result.stderr and "Traceback" not in result.stderr
    assert len(runs(out)) == 2
    # the edited file is another run: its ids differ from the first sweep's
    sweep(tmp_path / "edited", "--lens", "threat", "--seeds", "0:2", "--turns", "2", scenarios=(scenario,))
    assert not {r["run_id"] for r in runs(out)} & {r["run_id"] for r in runs(tmp_path / "edited")}


DASK_CLUSTER = """
import sys
from distributed import LocalCluster
cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                       dashboard_address=None, scheduler_port=0)
print(cluster.scheduler_address, flush=True)
sys.stdin.read()  # until the test closes our stdin
cluster.close()
"""


def test_a_dask_cluster_gives_the_same_rows_as_the_local_pool(tmp_path):
    pytest.importorskip("distributed", reason="Dask (extra [cluster]) is not installed")
    spec = ("--lens", "power,threat,landscape", "--seeds", "0:3", "--turns", "3", "--format", "csv")
    sweep(tmp_path / "local", *spec, "--jobs", "2")
    cluster = subprocess.Popen([sys.executable, "-c", DASK_CLUSTER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True, env=env())
    try:
        address = cluster.stdout.readline().strip()
        assert address.startswith("tcp://127.0.0.1:"), address
        result = sweep(tmp_path / "dask", *spec, "--scheduler", address)
        assert "dask" in result.stdout
    finally:
        cluster.stdin.close()
        try:
            cluster.wait(timeout=60)
        except subprocess.TimeoutExpired:
            cluster.kill()
            cluster.wait()
        cluster.stdout.close()
    assert without_timing(runs(tmp_path / "dask")) == without_timing(runs(tmp_path / "local"))
    assert turns(tmp_path / "dask") == turns(tmp_path / "local")
    meta = json.loads((tmp_path / "dask" / "sweep.json").read_text())
    assert meta["sessions"][0]["executor"]["kind"] == "dask"


def test_every_output_column_is_documented(tmp_path):
    out = tmp_path / "sweep"
    sweep(out, "--lens", "threat", "--seeds", "0:1", "--turns", "1", "--format", "csv", "--jobs", "1",
          "--set", "settings.arming_lag=1,3", scenarios=(TUTORIAL,))
    doc = (ROOT / "docs" / "sweep-output.md").read_text(encoding="utf-8")
    run_columns = (out / "runs.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    for column in run_columns:
        shown = "settings.KEY" if column.startswith("settings.") else column
        assert f"| `{shown}` |" in doc, column
    documented = re.findall(r"^\| `([a-z_.A-Z]+)` \| (?:string|int|float)", doc, flags=re.M)
    assert set(documented) == {"settings.KEY" if c.startswith("settings.") else c for c in run_columns}
    (part,) = (out / "turns").iterdir()
    assert cli("run", TUTORIAL, "--turns", "0", "--out", tmp_path / "r.csv").returncode == 0
    run_header = (tmp_path / "r.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert part.read_text(encoding="utf-8").splitlines()[0].split(",") == ["run_id"] + run_header


def test_scheduler_without_dask_says_which_extra_to_install(tmp_path):
    blocked = ("import sys; sys.modules['distributed'] = None; "
               "from alliance_sandbox.cli import main; raise SystemExit(main(sys.argv[1:]))")
    out = tmp_path / "sweep"
    result = cli("sweep", TUTORIAL, "--out", out, "--scheduler", "tcp://127.0.0.1:8786", python_code=blocked)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "[cluster]" in result.stderr and not out.exists()


def test_the_score_column_agrees_with_the_score_command(tmp_path):
    scored = cli("score", EUROPE_1914, "--lens", "threat", "--seeds", "0:3", "--json")
    assert scored.returncode == 0, scored.stderr
    report = json.loads(scored.stdout)
    turns = max(report["years"]) - json.loads(EUROPE_1914.read_text())["start_year"]
    out = tmp_path / "sweep"
    sweep(out, "--lens", "threat", "--seeds", "0:3", "--turns", turns, "--format", "csv", "--jobs", "1")
    rows = runs(out)
    mine = [float(r["score"]) for r in rows if r["scenario"] == "europe-1914"]
    assert len(mine) == 3
    assert sum(mine) / 3 == pytest.approx(report["lenses"][0]["score"], abs=1e-5)
    assert all(r["score"] == "" for r in rows if r["scenario"] == "tutorial")  # no history, no score
