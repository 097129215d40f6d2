"""The bundled scenarios are what tools/make_scenarios.py writes, checked by the project's validator."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


@pytest.mark.skipif(not (DATA / "cow_alliance_v4.1_by_member.csv").is_file(),
                    reason="the COW data is kept outside the repository")
def test_bundled_files_are_up_to_date():
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "make_scenarios.py"), "--check"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "history dates" in done.stdout


def test_a_tool_problem_is_reported_in_the_validators_words(tmp_path, monkeypatch):
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import make_scenarios
    finally:
        sys.path.remove(str(ROOT / "tools"))
    scenario = make_scenarios.tutorial()
    scenario.settings = {"arming_lag": 50}  # the engine allows 0 to 20
    text, problems = make_scenarios.render(scenario)
    assert text == ""
    assert problems == ["tutorial.json: settings.arming_lag: must be between 0 and 20, got 50"]
