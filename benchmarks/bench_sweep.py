"""Sweep throughput: runs per second in one process vs `sweep --jobs 1`, `--jobs N` and Dask.

Target (issue 11): the local pool within 80% of cores x the single-run rate. The single-run
rate is `worker.run_batch` in this process with nothing written (the engine alone); each
`sweep` row is the real command in a subprocess, files written, Python's start included
("wall") and excluded (the command's own figure). Each figure is the best of `--repeat`
tries: the machine's cores are shared, and the best try is the least disturbed. Because
other work on shared cores moves the rates, the CPU time per run is printed too (the
command and its worker processes, from getrusage): CPU per run in the pool close to CPU per
run in one process means the pool's overhead is small, whatever the load. Prints figures;
not a test.

It also times the app's Run 50 Seeds (the worker process, 50 seeds x 20 turns) from start to
result.

Run: .venv/bin/python benchmarks/bench_sweep.py [--seeds 20] [--turns 20] [--ensemble-only]
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = [ROOT / "assets" / "scenarios" / f"{name}.json" for name in ("tutorial", "europe-1914")]
CLUSTER = """
import sys
from distributed import LocalCluster
cluster = LocalCluster(n_workers=int(sys.argv[1]), threads_per_worker=1, processes=True, host="127.0.0.1",
                       dashboard_address=None, scheduler_port=0)
print(cluster.scheduler_address, flush=True)
sys.stdin.read()
cluster.close()
"""


def single_process_rate(seeds: int, turns: int) -> tuple[int, float]:
    from alliance_sandbox.lenses import LENS_IDS
    from alliance_sandbox.sweep.grid import ShockSet, SweepSpec, read_scenario_source
    from alliance_sandbox.sweep.worker import RunContext, run_batch

    loaded = [read_scenario_source(str(p)) for p in SCENARIOS]
    sources = [s for s, _ in loaded]
    spec = SweepSpec(sources, list(LENS_IDS), list(range(seeds)), turns)
    tasks = spec.tasks({s.name: sc.lens for s, sc in loaded})
    ctx = RunContext(tuple(sources), (ShockSet("scenario"),), turns)
    run_batch(ctx, tasks[:8])  # parse the scenarios, warm the caches
    start, cpu = time.perf_counter(), time.process_time()
    run_batch(ctx, tasks)
    return len(tasks), len(tasks) / (time.perf_counter() - start), (time.process_time() - cpu) / len(tasks)


def best_rate(out: Path, repeat: int, seeds: int, turns: int, *where: str) -> tuple[float, float]:
    tries = [sweep_rate(out / str(k), seeds, turns, *where) for k in range(repeat)]
    return max(t[0] for t in tries), max(t[1] for t in tries), min(t[2] for t in tries)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def sweep_rate(out: Path, seeds: int, turns: int, *where: str) -> tuple[float, float, float]:
    exe = shutil.which("alliance-sandbox", path=str(Path(sys.executable).parent))
    command = [exe, "sweep", *map(str, SCENARIOS), "--lens", "all", "--seeds", f"0:{seeds}", "--turns", str(turns),
               "--out", str(out), "--quiet", *where]
    start, cpu = time.perf_counter(), _children_cpu()
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    runs = int(re.search(r": (\d+) runs", result.stdout).group(1))
    own = float(re.search(r"([\d.]+) runs/s", result.stdout).group(1))
    return runs / wall, own, (_children_cpu() - cpu) / runs


def ensemble_seconds(name: str) -> float:
    """The app's Run 50 Seeds (20 turns): seconds from start to the result, worker start included."""
    from alliance_sandbox.scenario import build_world, load_scenario
    from alliance_sandbox.sweep.ensemble import BackgroundEnsemble

    scenario = load_scenario(ROOT / "assets" / "scenarios" / f"{name}.json")
    job = BackgroundEnsemble(build_world(scenario), scenario.lens, 20, shocks=scenario.shocks)
    start = time.perf_counter()
    job.start()
    while not job.finished:
        time.sleep(0.02)
    job.result()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--turns", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--ensemble-only", action="store_true", help="only the app's Run 50 Seeds")
    args = parser.parse_args()
    for name in ("europe-1914", "cold-war-1955"):
        print(f"Run 50 Seeds (20 turns), {name}: {min(ensemble_seconds(name) for _ in range(args.repeat)):.1f} s")
    if args.ensemble_only:
        return
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    tries = [single_process_rate(args.seeds, args.turns) for _ in range(args.repeat)]
    runs, single, single_cpu = tries[0][0], max(t[1] for t in tries), min(t[2] for t in tries)
    print(f"grid: tutorial + europe-1914 x 8 lenses x {args.seeds} seeds x {args.turns} turns = {runs} runs; "
          f"{cores} cores")
    print(f"single process, engine only: {single:.1f} runs/s ({1000 / single:.1f} ms a run, "
          f"{1000 * single_cpu:.1f} ms CPU); target for the pool: 80% of {cores} x {single:.1f} = "
          f"{0.8 * cores * single:.1f} runs/s")
    print(f"{'how':<28}{'wall runs/s':>12}{'own runs/s':>12}{'vs jobs x single':>18}{'CPU ms/run':>12}")
    with tempfile.TemporaryDirectory() as folder:
        rows = [("sweep --jobs 1", 1, ("--jobs", "1")), (f"sweep --jobs {cores}", cores, ("--jobs", str(cores)))]
        for label, jobs, where in rows:
            wall, own, cpu = best_rate(Path(folder) / label.replace(" ", "_"), args.repeat, args.seeds, args.turns,
                                       *where)
            print(f"{label:<28}{wall:>12.1f}{own:>12.1f}{own / (jobs * single):>17.0%}{1000 * cpu:>12.1f}")
        if importlib.util.find_spec("distributed") is None:
            print("dask: not installed (extra [cluster])")
            return
        cluster = subprocess.Popen([sys.executable, "-c", CLUSTER, str(cores)], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            address = cluster.stdout.readline().strip()
            wall, own, _ = best_rate(Path(folder) / "dask", args.repeat, args.seeds, args.turns, "--scheduler", address)
            label = f"dask LocalCluster {cores}x1"
            print(f"{label:<28}{wall:>12.1f}{own:>12.1f}{own / (cores * single):>17.0%}{'(not ours)':>12}")
        finally:
            cluster.stdin.close()
            cluster.wait(timeout=60)


if __name__ == "__main__":
    main()
