"""The engine, lenses and scenario code run without Qt; the layers point one way."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_headless_packages_work_with_qt_blocked():
    """Import and run the engine in a process where importing Qt raises."""
    code = """
import sys
for name in ("PySide6", "pyqtgraph", "shiboken6"):
    sys.modules[name] = None  # any import of them now fails
from alliance_sandbox.scenario import load_scenario, build_world
from alliance_sandbox.engine.simulation import Simulation
from alliance_sandbox.lenses import LENS_IDS, get_lens
from alliance_sandbox import cli
sc = load_scenario(sys.argv[1])
for lens_id in LENS_IDS:
    Simulation(build_world(sc), get_lens(lens_id), seed=1, shocks=sc.shocks).run(3)
assert not any(m.startswith(("PySide6", "pyqtgraph")) for m in sys.modules if sys.modules[m] is not None)
print("ok")
"""
    tutorial = ROOT / "assets" / "scenarios" / "tutorial.json"
    result = subprocess.run([sys.executable, "-c", code, str(tutorial)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_import_contracts_hold():
    """pyproject's [tool.importlinter] contracts: no Qt below the UI; cli -> ui -> sweep -> ... -> engine,
    so the command line opens the app and the app never imports the command line (no cycle)."""
    from importlinter.cli import lint_imports

    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0
