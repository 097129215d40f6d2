"""`alliance-sandbox run` memory over long runs: peak RSS at 1,000, 10,000 and 100,000 turns.

Target (issue 10): flat memory (`run` writes each turn as it is played and keeps one turn
of history), so the peak at 100,000 turns is that at 1,000. Each run is a fresh process
writing the tutorial's history to a temporary file (JSON: about 5 kB a turn, so the
100,000-turn file is about half a gigabyte; removed afterwards). Prints figures; not a test.
Run: .venv/bin/python benchmarks/bench_run_rss.py [--turns 1000 10000 100000] [--format json csv]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCENARIO = Path(__file__).resolve().parents[1] / "assets" / "scenarios" / "tutorial.json"


def peak_rss(turns: int, suffix: str, folder: Path) -> tuple[float, float, int]:
    """(peak RSS in MB, seconds, output bytes) of one `run` of `turns` turns."""
    out = folder / f"run{suffix}"
    command = [sys.executable, "-c", "from alliance_sandbox.cli import main; raise SystemExit(main())",
               "run", str(SCENARIO), "--turns", str(turns),
               "--out", str(out)]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"run failed ({process.returncode}): {' '.join(command)}")
    size = out.stat().st_size
    if suffix == ".json" and turns <= 10_000:
        assert len(json.loads(out.read_text(encoding="utf-8"))["turns"]) == turns + 1  # valid, whole
    out.unlink()
    return usage.ru_maxrss / 1024, elapsed, size  # Linux gives kB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, nargs="*", default=[1_000, 10_000, 100_000])
    parser.add_argument("--format", nargs="*", default=["json", "csv"], choices=["json", "csv"])
    args = parser.parse_args()
    print(f"{'format':<6} {'turns':>8} {'peak RSS MB':>12} {'seconds':>9} {'output MB':>10}")
    with tempfile.TemporaryDirectory() as folder:
        for fmt in args.format:
            for turns in args.turns:
                rss, seconds, size = peak_rss(turns, "." + fmt, Path(folder))
                print(f"{fmt:<6} {turns:>8} {rss:>12.1f} {seconds:>9.1f} {size / 1e6:>10.1f}", flush=True)


if __name__ == "__main__":
    main()
