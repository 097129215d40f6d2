"""`alliance-sandbox score`, through the real command: each lens against the scenario's history."""
from __future__ import annotations

import json

import pytest
from test_cli import ROOT, TUTORIAL, cli, scenario, write

from alliance_sandbox.engine.scoring import HistoryDate, compare, score_lens
from alliance_sandbox.lenses import LENS_IDS, get_lens
from alliance_sandbox.scenario import build_world, load_scenario

EUROPE_1914 = ROOT / "assets" / "scenarios" / "europe-1914.json"


def with_history(**changes):
    return scenario(start_year=1900, history=[
        {"year": 1902, "ties": [{"a": "B", "b": "C", "kind": "alliance"}, {"a": "C", "b": "D", "kind": "coalition"}]},
        {"year": 1905, "ties": [{"a": "A", "b": "D", "kind": "entente"}]},
    ], **changes)


def test_json_has_every_lens_and_every_year(tmp_path):
    path = write(tmp_path, with_history())
    result = cli("score", path, "--seeds", "0:2", "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["scenario"] == "cli test" and "kappa" in out["metric"]
    assert [entry["lens"] for entry in out["lenses"]] == list(LENS_IDS)
    for entry in out["lenses"]:
        assert 0.0 <= entry["score"] <= 1.0
        assert [y["year"] for y in entry["by_year"]] == [1902, 1905]
        assert {"kappa_ties", "s_ties", "balanced_accuracy_ties", "kappa_blocs"} <= set(entry)
        assert entry["seeds"] == 2


def test_json_score_is_the_engines_score(tmp_path):
    """The command reports what the engine's scorer computes for the same runs."""
    path = write(tmp_path, with_history())
    out = json.loads(cli("score", path, "--lens", "power", "--seeds", "3:5", "--json").stdout)
    sc = load_scenario(path)
    dates = [HistoryDate(e.year, tuple((t.a, t.b, t.kind) for t in e.ties)) for e in sc.history]
    expected = score_lens(build_world(sc), get_lens("power"), dates, seeds=[3, 4], shocks=sc.shocks)
    assert [entry["lens"] for entry in out["lenses"]] == ["power"]
    assert out["lenses"][0]["score"] == pytest.approx(expected.score, abs=1e-6)
    # the baseline: the file's own ties, unchanged, against each year
    kept = [compare(build_world(sc), d.year, d.ties).score for d in dates]
    assert [y["score"] for y in out["baseline"]["by_year"]] == pytest.approx(kept, abs=1e-6)
    assert out["baseline"]["score"] == pytest.approx(sum(kept) / len(kept), abs=1e-6)


def test_text_table_ranks_the_lenses(tmp_path):
    result = cli("score", EUROPE_1914, "--seeds", "0:1")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "Europe 1914" in lines[0] and "1915" in lines[2] and "1918" in lines[2]
    rows = [line.split() for line in lines[3:-1]]
    assert sorted(r[0] for r in rows) == sorted(LENS_IDS)
    scores = [float(r[1]) for r in rows]
    assert scores == sorted(scores, reverse=True)
    assert lines[-1].startswith("no change (the turn-0 ties kept): score ")


def test_a_file_without_history_is_a_clear_error():
    result = cli("score", TUTORIAL)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{TUTORIAL}: history: the scenario has no history")


@pytest.mark.parametrize("args, message", [
    (["--seeds", "5:2"], "--seeds: need 0 <= A < B"),
    (["--seeds", "x"], "--seeds: expected A:B"),
    (["--lens", "realism"], "--lens: unknown lens 'realism'"),
])
def test_bad_arguments_are_clear_errors(tmp_path, args, message):
    result = cli("score", write(tmp_path, with_history()), *args)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert message in result.stderr


def test_an_invalid_history_is_reported_by_the_validator(tmp_path):
    data = with_history()
    data["history"][0]["year"] = 1899
    result = cli("score", write(tmp_path, data))
    assert result.returncode == 2
    assert "history[0].year: must be after start_year (1900), got 1899" in result.stderr
