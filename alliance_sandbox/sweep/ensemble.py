"""An ensemble: one world and lens run from many seeds, to show that one run is one draw.

What the app's "Run 50 Seeds" shows: for each turn, the 10th, 50th and 90th percentile over
seeds of abandonment and entrapment risk (of one state, or the mean over states), and how
often each tie exists. Runs happen in a worker process (see `BackgroundEnsemble`), so the
window stays responsive; it is polled for progress and can be cancelled. No Qt here.
"""
from __future__ import annotations

import concurrent.futures as cf
import dataclasses
import multiprocessing
import os
import pickle
import signal
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from alliance_sandbox.engine.report import allied_mean
from alliance_sandbox.engine.simulation import Simulation
from alliance_sandbox.lenses import get_lens

SEEDS = 50
#: The percentiles a band spans, and its middle line.
LOW, MIDDLE, HIGH = 10, 50, 90


@dataclass
class Ensemble:
    ids: list[str]
    seeds: list[int]
    abandonment: np.ndarray  # (seeds, turns + 1, n)
    entrapment: np.ndarray  # (seeds, turns + 1, n)
    tie_frequency: np.ndarray  # (turns + 1, n, n): share of seeds in which the pair is tied
    allied_abandonment: np.ndarray  # (seeds, turns + 1): mean over tied states (report.allied_mean)
    allied_entrapment: np.ndarray
    degree: np.ndarray  # (seeds, turns + 1, n): each state's number of ties

    @property
    def turns(self) -> int:
        return self.abandonment.shape[1] - 1

    def band(self, kind: str, state: int | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(10th, 50th, 90th percentile over seeds) per turn of `kind` ("abandonment" or
        "entrapment") for one state, or, when `state` is None, of the mean over the states
        with a tie: the run's risk chart plots the same."""
        series = getattr(self, "allied_" + kind) if state is None else getattr(self, kind)[:, :, state]
        low, middle, high = np.percentile(series, [LOW, MIDDLE, HIGH], axis=0)
        return low, middle, high

    def spread(self, values: np.ndarray, turn: int, state: int) -> tuple[float, float, float]:
        """(10th, 50th, 90th percentile over seeds) of one state at one turn of a
        (seeds, turns + 1, n) array such as `abandonment` or `degree`."""
        low, middle, high = np.percentile(values[:, turn, state], [LOW, MIDDLE, HIGH])
        return float(low), float(middle), float(high)


def run_seeds(world, lens_id: str, seeds: list[int], turns: int, shocks) -> list[tuple]:
    """Each seed's per-turn (abandonment, entrapment, tied, allied mean abandonment, allied
    mean entrapment) over turns 0..turns; what a worker runs."""
    out = []
    for seed in seeds:
        sim = Simulation(world, get_lens(lens_id), seed=seed, shocks=shocks)
        sim.run(turns)
        h = sim.history
        out.append((np.array([r.risks.abandonment for r in h]), np.array([r.risks.entrapment for r in h]),
                    np.array([r.world.tied() for r in h]),
                    np.array([allied_mean(r.risks.abandonment, r.world) for r in h]),
                    np.array([allied_mean(r.risks.entrapment, r.world) for r in h])))
    return out


def combine(ids: list[str], seeds: list[int], results: list[tuple]) -> Ensemble:
    """Results in seed order -> the Ensemble."""
    stacked = [np.stack([r[k] for r in results]) for k in range(5)]
    return Ensemble(list(ids), list(seeds), stacked[0], stacked[1], stacked[2].mean(axis=0), stacked[3], stacked[4],
                    stacked[2].sum(axis=3))


class BackgroundEnsemble:
    """Runs an ensemble in a worker process; poll `done` and `finished`, then `result()`.

    Why a child `python -m alliance_sandbox.sweep.ensemble` and not multiprocessing from
    the app: forking a process that runs Qt is unsafe, and "spawn" re-imports the app's main
    module. The child has no Qt, so it may fork its own pool. It reads its task from a
    pickle this class writes, prints `done N` as seeds finish, and writes the result as .npz.
    """

    def __init__(self, world, lens_id: str, turns: int, seeds: list[int] | None = None, shocks=(),
                 jobs: int | None = None) -> None:
        self.world, self.lens_id, self.turns = world.copy(), lens_id, turns
        self.seeds = list(range(SEEDS)) if seeds is None else list(seeds)
        self.shocks = list(shocks)
        self.jobs = jobs
        self._process: subprocess.Popen | None = None
        self._folder: tempfile.TemporaryDirectory | None = None
        self._done = 0
        self._reader: threading.Thread | None = None

    def start(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="alliance-ensemble-")
        folder = Path(self._folder.name)
        with open(folder / "task.pickle", "wb") as handle:
            pickle.dump({"world": self.world, "lens": self.lens_id, "seeds": self.seeds, "turns": self.turns,
                         "shocks": self.shocks, "jobs": self.jobs}, handle)
        self._process = subprocess.Popen(
            [sys.executable, "-m", "alliance_sandbox.sweep.ensemble", str(folder / "task.pickle"),
             str(folder / "result.npz")],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            start_new_session=True)
        self._reader = threading.Thread(target=self._read_progress, daemon=True)
        self._reader.start()

    def _read_progress(self) -> None:
        for line in self._process.stdout:
            if line.startswith("done "):
                self._done = int(line.split()[1])

    @property
    def total(self) -> int:
        return len(self.seeds)

    @property
    def done(self) -> int:
        """Seeds finished so far."""
        return self._done

    @property
    def finished(self) -> bool:
        return self._process is not None and self._process.poll() is not None

    def result(self) -> Ensemble:
        """The ensemble; RuntimeError with the worker's last message if it failed."""
        self._reader.join(timeout=10)
        errors = self._process.stderr.read().strip()
        self._process.stdout.close()
        self._process.stderr.close()
        try:
            if self._process.returncode != 0:
                raise RuntimeError(errors.splitlines()[-1] if errors else f"exit status {self._process.returncode}")
            with np.load(Path(self._folder.name) / "result.npz") as data:
                return Ensemble(list(data["ids"]), data["seeds"].tolist(),
                                *(data[f.name] for f in dataclasses.fields(Ensemble)[2:]))
        finally:
            self._folder.cleanup()

    def cancel(self) -> None:
        """Stop at once: the worker and its pool are ended."""
        if self._process is None or self._process.poll() is not None:
            return
        try:
            os.killpg(self._process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        self._process.wait(timeout=10)
        self._reader.join(timeout=10)
        self._process.stdout.close()
        self._process.stderr.close()
        self._folder.cleanup()


def _main(task_path: str, out_path: str) -> int:
    from .executors import default_jobs

    with open(task_path, "rb") as handle:
        task = pickle.load(handle)
    seeds = task["seeds"]
    chunks = [seeds[k:k + 5] for k in range(0, len(seeds), 5)]
    jobs = min(task["jobs"] or default_jobs(), len(chunks))
    method = "fork" if sys.platform.startswith("linux") else None
    results: dict[int, list] = {}
    with cf.ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(method)) as pool:
        futures = {pool.submit(run_seeds, task["world"], task["lens"], chunk, task["turns"], task["shocks"]): k
                   for k, chunk in enumerate(chunks)}
        done = 0
        for future in cf.as_completed(futures):
            results[futures[future]] = future.result()
            done += len(chunks[futures[future]])
            print(f"done {done}", flush=True)
    runs = [run for k in range(len(chunks)) for run in results[k]]
    ensemble = combine(task["world"].ids, seeds, runs)
    np.savez(out_path, **{f.name: np.asarray(getattr(ensemble, f.name)) for f in dataclasses.fields(Ensemble)})
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1], sys.argv[2]))
