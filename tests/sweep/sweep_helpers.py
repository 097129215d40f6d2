"""Running the real `alliance-sandbox sweep` command and reading what it wrote."""
import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "assets" / "scenarios"
TUTORIAL = SCENARIOS / "tutorial.json"
EUROPE_1914 = SCENARIOS / "europe-1914.json"
#: Columns that say when and where a run ran, not what it gave.
TIMING = ("elapsed_s", "worker")


def command(*args, python_code=None):
    """The command line of the installed command (or `python -c CODE` standing in for it)."""
    if python_code is not None:
        return [sys.executable, "-c", python_code] + [str(a) for a in args]
    exe = shutil.which("alliance-sandbox", path=str(Path(sys.executable).parent))
    base = [exe] if exe else [sys.executable, "-m", "alliance_sandbox.cli"]
    return base + [str(a) for a in args]


def env():
    return dict(os.environ, QT_QPA_PLATFORM="offscreen")


def cli(*args, python_code=None, timeout=240):
    return subprocess.run(command(*args, python_code=python_code), capture_output=True, text=True,
                          env=env(), timeout=timeout)


def read_table(path: Path) -> list[dict]:
    """Rows of a parquet or CSV table, as dicts of strings (so both formats compare alike)."""
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        columns = pq.read_table(path).to_pydict()
        rows = [dict(zip(columns, values)) for values in zip(*columns.values())]
        return [{k: "" if v is None else str(v) for k, v in row.items()} for row in rows]
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def runs(out: Path) -> list[dict]:
    """The runs table sorted by run id."""
    (path,) = [p for p in (out / "runs.parquet", out / "runs.csv") if p.exists()]
    return sorted(read_table(path), key=lambda r: r["run_id"])


def turns(out: Path) -> list[dict]:
    """Every per-turn row of every part, sorted by run id, turn and state."""
    rows = [row for part in sorted((out / "turns").glob("part-*")) for row in read_table(part)]
    return sorted(rows, key=lambda r: (r["run_id"], int(r["turn"]), r["state"]))


def without_timing(rows: list[dict]) -> list[dict]:
    return [{k: v for k, v in row.items() if k not in TIMING} for row in rows]
