"""`run --out` writes as it plays (issue 10): the same bytes as the whole history dumped at
once, one turn of history held, and still atomic (an interrupted run leaves the old file)."""
from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from alliance_sandbox.cli import main
from alliance_sandbox.engine import report
from alliance_sandbox.engine.simulation import Simulation
from alliance_sandbox.lenses import get_lens
from alliance_sandbox.scenario import build_world, load_scenario

EXAMPLE = Path(__file__).resolve().parents[2] / "assets" / "scenarios" / "cold-war-1955.json"


def run_cli(*args) -> int:
    with contextlib.redirect_stdout(io.StringIO()):
        return main(["run", str(EXAMPLE), *map(str, args)])


def full_run(turns: int, lens: str, seed: int) -> Simulation:
    scenario = load_scenario(EXAMPLE)
    sim = Simulation(build_world(scenario), get_lens(lens), seed=seed, shocks=scenario.shocks)
    sim.run(turns)
    return sim


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_the_streamed_file_is_the_whole_history_written_at_once(tmp_path, suffix):
    out = tmp_path / f"run{suffix}"
    assert run_cli("--lens", "institutions", "--turns", 12, "--seed", 2, "--out", out) == 0
    sim = full_run(12, "institutions", 2)
    if suffix == ".json":
        whole = json.dumps(report.run_to_dict(sim, load_scenario(EXAMPLE).name), indent=1,
                           ensure_ascii=False, allow_nan=False) + "\n"
    else:
        whole = report.run_to_csv(sim)
    assert out.read_text(encoding="utf-8") == whole


def test_a_simulation_keeping_one_turn_plays_the_same_turns():
    scenario = load_scenario(EXAMPLE)
    lean = Simulation(build_world(scenario), get_lens("threat"), seed=1, shocks=scenario.shocks, keep=1)
    full = full_run(0, "threat", 1)
    for _ in range(40):
        a, b = lean.step(), full.step()
        assert report.turn_to_dict(a) == report.turn_to_dict(b)
    assert len(lean.history) == 1 and len(full.history) == 41


def test_an_interrupted_run_leaves_the_old_file_and_no_temporary_one(tmp_path, monkeypatch):
    out = tmp_path / "run.json"
    out.write_text("the old file\n", encoding="utf-8")
    real = report.turn_to_dict
    calls = []

    def fails_at_turn_5(record, tracked=None):
        calls.append(record.turn)
        if record.turn == 5:
            raise KeyboardInterrupt  # Ctrl+C halfway through the file
        return real(record, tracked)

    monkeypatch.setattr(report, "turn_to_dict", fails_at_turn_5)
    with pytest.raises(KeyboardInterrupt):
        run_cli("--turns", 20, "--out", out)
    assert calls[-1] == 5
    assert out.read_text(encoding="utf-8") == "the old file\n"
    assert [p.name for p in tmp_path.iterdir()] == ["run.json"]
