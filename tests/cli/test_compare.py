"""`alliance-sandbox compare`, through the real command: the JSON contract and its agreement with `run`."""
import json

import pytest
from test_cli import TUTORIAL, cli, scenario, write

KEYS = {"scenario", "turn", "seed", "lenses", "ties", "only", "both"}


def compare_json(*args):
    result = cli("compare", *args, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def run_ties(path, lens, turns, seed):
    """The last turn's ties as `run --out x.json` writes them: an independent path to the same run."""
    return run_doc(path, lens, turns, seed)["turns"][-1]["ties"]


def run_doc(path, lens, turns, seed):
    out = path.parent / f"run-{lens}.json"
    result = cli("run", path, "--lens", lens, "--turns", turns, "--seed", seed, "--out", out)
    assert result.returncode == 0, result.stderr
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize("lenses", [["threat", "power"], ["threat", "power", "identity", "landscape"]])
def test_compare_json_has_the_documented_keys_and_each_lens_agrees_with_run(tmp_path, lenses):
    path = write(tmp_path, scenario())
    doc = compare_json(path, "--lenses", ",".join(lenses), "--turns", "6", "--seed", "3")
    assert set(doc) == KEYS
    assert (doc["scenario"], doc["turn"], doc["seed"], doc["lenses"]) == ("cli test", 6, 3, lenses)
    assert set(doc["ties"]) == set(doc["only"]) == set(lenses)
    for lens in lenses:
        expected = sorted([*sorted((t["a"], t["b"])), t["kind"]] for t in run_ties(path, lens, 6, 3))
        assert doc["ties"][lens] == expected


def test_only_and_both_partition_the_pairs_of_two_lenses(tmp_path):
    doc = compare_json(TUTORIAL, "--lenses", "threat,power", "--turns", "8")
    pairs = {lens: {tuple(t[:2]) for t in doc["ties"][lens]} for lens in doc["lenses"]}
    both = {tuple(p) for p in doc["both"]}
    assert both == pairs["threat"] & pairs["power"]
    assert {tuple(p) for p in doc["only"]["threat"]} == pairs["threat"] - pairs["power"]
    assert {tuple(p) for p in doc["only"]["power"]} == pairs["power"] - pairs["threat"]
    assert all(a < b for a, b in doc["both"])


def test_the_default_seed_is_the_scenarios_and_reruns_are_identical(tmp_path):
    path = write(tmp_path, scenario(seed=11))
    first = cli("compare", path, "--lenses", "power,threat", "--turns", "4", "--json")
    again = cli("compare", path, "--lenses", "power,threat", "--turns", "4", "--json")
    assert first.stdout == again.stdout
    assert json.loads(first.stdout)["seed"] == 11


def test_the_text_form_names_the_states(tmp_path):
    path = write(tmp_path, scenario())
    result = cli("compare", path, "--lenses", "threat,power", "--turns", "3")
    assert result.returncode == 0, result.stderr
    assert "cli test: turn 3" in result.stdout and "only under power" in result.stdout
    ties = json.loads(cli("compare", path, "--lenses", "threat,power", "--turns", "3", "--json").stdout)["both"]
    names = {"A": "Aurelia", "B": "Borduria", "C": "Calvinia", "D": "Dravia"}
    for a, b in ties:
        assert f"{names[a]} - {names[b]}" in result.stdout


@pytest.mark.parametrize("lenses, reason", [
    ("threat", "2 to 4"), ("threat,threat", "each lens once"), ("threat,nope", "unknown lens 'nope'"),
    ("power,threat,interest,identity,landscape", "2 to 4"),
])
def test_bad_lens_lists_are_one_line_and_exit_2(lenses, reason):
    result = cli("compare", TUTORIAL, "--lenses", lenses)
    assert result.returncode == 2
    assert result.stderr.startswith("--lenses: ") and reason in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_bad_file_is_reported_like_validate(tmp_path):
    path = write(tmp_path, scenario(seed=-1))
    result = cli("compare", path, "--lenses", "threat,power")
    assert result.returncode == 2 and str(path) in result.stderr and "seed" in result.stderr


def test_screenshot_of_the_compare_view_has_the_asked_size(tmp_path):
    from test_export import png_size

    out = tmp_path / "compare.png"
    result = cli("--screenshot", out, "--compare", "threat,power", "--turns", "3", "--size", "1024x768", TUTORIAL)
    assert result.returncode == 0, result.stderr
    assert png_size(out) == (1024, 768)


@pytest.mark.parametrize("args, message", [
    (["--compare", "threat,power"], "only with --screenshot"),
    (["--screenshot", "x.png", "--compare", "threat"], "--compare: give 2 to 4"),
])
def test_bad_compare_screenshots_say_why(tmp_path, args, message):
    result = cli(*args, TUTORIAL, cwd=tmp_path)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.png").exists()
