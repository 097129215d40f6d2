"""The house rules a linter can check: ruff over the whole tree, mypy over the Qt-free core.

Both read their settings from pyproject.toml ([tool.ruff], [tool.mypy]). Why in the suite:
the README's one test command then checks them too, on every machine and in CI.
"""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_ruff_finds_nothing():
    result = run("ruff", "check", "alliance_sandbox", "tests", "tools", "benchmarks", "main.py")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing_in_the_qt_free_core():
    result = run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr
