"""Sweeps: many headless runs over a grid of scenarios, lenses, seeds, settings and shock sets.

    alliance-sandbox sweep SCENARIO... --lens all --seeds 0:50 --out DIR [--jobs N | --scheduler ADDR | --shard I/N]

Why a package of its own: a sweep is the engine run many times, with executors, streamed
files and resume around it; none of that belongs in the engine, and none of it needs Qt
(an import-linter contract checks it). The pieces, each small:

    grid.py       the spec (what to run) and its tasks, each with a run id hashed from its parameters
    worker.py     one task -> one run row and its per-turn rows (runs in any process)
    executors.py  where tasks run: in this process, a local process pool, or a Dask cluster
    store.py      DIR/runs.parquet, DIR/turns/part-*.parquet, DIR/sweep.json (CSV without pyarrow)
    progress.py   the progress bar (tqdm, or plain lines in a log)
    summary.py    the one-screen summary at the end
    command.py    the `sweep` subcommand

docs/sweep-output.md documents the command and every output column.
"""
