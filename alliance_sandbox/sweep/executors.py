"""Where a sweep's tasks run: this process, a local process pool, or a Dask cluster.

Every executor runs the same function (`worker.run_batch`) on the same batches and yields
each batch's results as it finishes, so the rows are the same whichever ran them; only
`elapsed_s` and `worker` differ. Tasks travel in batches because one run takes 20-100 ms:
one task per run would spend a visible share of the time sending and receiving.
"""
from __future__ import annotations

import math
import multiprocessing
import os
import signal
import sys
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

from .grid import SweepError, Task
from .worker import RunContext, prepared, run_batch

#: A batch holds at most this many runs (about half a second of work on the bundled scenarios),
#: and there are at least BATCHES_PER_WORKER batches per worker so the last ones balance.
MAX_BATCH = 12
BATCHES_PER_WORKER = 4


def batches(tasks: list[Task], workers: int) -> list[list[Task]]:
    """Consecutive slices of the task list (seeds outermost stays outermost)."""
    if not tasks:
        return []
    size = max(1, min(MAX_BATCH, math.ceil(len(tasks) / (max(1, workers) * BATCHES_PER_WORKER))))
    return [tasks[k:k + size] for k in range(0, len(tasks), size)]


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


class InProcess:
    """Runs batches one after another here (`--jobs 1`): no process start, easiest to debug."""

    kind = "in-process"

    def __init__(self) -> None:
        self.workers = 1

    def describe(self) -> dict:
        return {"kind": self.kind, "jobs": 1}

    def run(self, ctx: RunContext, work: list[list[Task]]) -> Iterator[list]:
        for batch in work:
            yield run_batch(ctx, batch)

    def close(self, interrupted: bool = False) -> None:
        pass


def _install(ctx: RunContext) -> None:
    """A pool worker's start: keep the context; leave Ctrl+C to the command, which stops us."""
    global _CTX
    _CTX = ctx
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_installed(batch: list[Task]) -> list:
    return run_batch(_CTX, batch)


_CTX: RunContext | None = None


class LocalPool:
    """A pool of `jobs` worker processes on this machine; the context is sent once per worker."""

    kind = "local"

    def __init__(self, jobs: int) -> None:
        self.workers = jobs
        self._pool: ProcessPoolExecutor | None = None

    def describe(self) -> dict:
        return {"kind": self.kind, "jobs": self.workers}

    def run(self, ctx: RunContext, work: list[list[Task]]) -> Iterator[list]:
        # fork on Linux: workers start in milliseconds with the engine already imported
        method = "fork" if sys.platform.startswith("linux") else None
        if not work:
            return
        if method == "fork":
            prepared(ctx)  # parsed here once; every forked worker starts with it
        self._pool = ProcessPoolExecutor(min(self.workers, len(work)), mp_context=multiprocessing.get_context(method),
                                         initializer=_install, initargs=(ctx,))
        pending = {self._pool.submit(_run_installed, batch) for batch in work}
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()

    def close(self, interrupted: bool = False) -> None:
        """Stop the workers; when interrupted, at once (their unfinished batches are lost and
        `--resume` runs them again), rather than after the batches they are running."""
        if self._pool is None:
            return
        if interrupted:
            for process in list(getattr(self._pool, "_processes", {}).values()):
                process.terminate()
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool = None


class DaskCluster:
    """The workers of a Dask distributed scheduler (`--scheduler tcp://HOST:PORT`).

    The context is scattered to every worker once; each batch is one Dask task. Workers need
    this package installed (the same version: the run ids include it).
    """

    kind = "dask"

    def __init__(self, address: str, connect_timeout: float = 20.0) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise SweepError("--scheduler: needs Dask: pip install 'alliance-sandbox[cluster]'") from None
        self.address = address
        try:
            self._client = Client(address, timeout=connect_timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as error:
            raise SweepError(f"--scheduler: {address}: cannot connect: {error}") from None
        self.workers = max(1, sum(w.get("nthreads", 1) for w in self._client.scheduler_info()["workers"].values()))

    def describe(self) -> dict:
        return {"kind": self.kind, "scheduler": self.address, "workers": self.workers}

    def run(self, ctx: RunContext, work: list[list[Task]]) -> Iterator[list]:
        from distributed import as_completed

        shared = self._client.scatter(ctx, broadcast=True)
        futures = [self._client.submit(run_batch, shared, batch, pure=False) for batch in work]
        try:
            for future in as_completed(futures, loop=self._client.loop):
                yield future.result()
        finally:
            self._client.cancel(futures)

    def close(self, interrupted: bool = False) -> None:
        self._client.close()


def make_executor(jobs: int | None, scheduler: str | None):
    if scheduler:
        return DaskCluster(scheduler)
    jobs = default_jobs() if jobs is None else jobs
    return InProcess() if jobs == 1 else LocalPool(jobs)
