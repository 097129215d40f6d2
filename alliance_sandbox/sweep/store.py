"""A sweep's folder: runs (one row per run), turns (parts), sweep.json; written as runs finish.

    DIR/runs.parquet          every finished run, rewritten atomically at each flush
    DIR/turns/part-NNNNN.parquet   the per-turn rows of the runs of one flush
    DIR/sweep.json            the spec, versions, executor, start and end of each session

Why this way: a Parquet file is only readable once closed, so appending to one open file
would leave nothing readable after a kill. Instead each flush (about once a second) writes
the new runs' turns as a closed part, then replaces runs.parquet with all runs so far (a
temporary file, then a rename). A kill loses only the runs since the last flush. The runs
file is the record of what is done: a turns part whose runs are not in it (killed between
the two writes) is deleted on `--resume`, and its runs run again, so no row is ever doubled.

Without pyarrow the same files are CSV (runs.csv, turns/part-NNNNN.csv).
"""
from __future__ import annotations

import csv
import importlib
import io
import json
import platform
import time
from datetime import datetime, timezone
from pathlib import Path

from alliance_sandbox.scenario.atomic import write_atomic

from .grid import SweepError

META = "sweep.json"
RUNS = "runs"
TURNS = "turns"
FORMAT = "alliance-sandbox-sweep"
FORMAT_VERSION = 1


def now_text() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def pyarrow_available() -> bool:
    try:
        importlib.import_module("pyarrow.parquet")  # imported, not just found: a broken install says no
    except ImportError:
        return False
    return True


def infer_type(values: list) -> str:
    """The column type of values no type table names (a column added to the run output later)."""
    value = next((v for v in values if v is not None), 0.0)
    return "str" if isinstance(value, str) else "int" if isinstance(value, (bool, int)) else "float"


class ParquetFiles:
    suffix = ".parquet"
    name = "parquet"

    def encode(self, columns: dict[str, list], types: dict[str, str]) -> bytes:
        import pyarrow as pa
        import pyarrow.parquet as pq

        arrow = {"str": pa.string(), "int": pa.int64(), "float": pa.float64()}
        schema = pa.schema([(name, arrow[types.get(name) or infer_type(values)]) for name, values in columns.items()])
        table = pa.table(columns, schema=schema)
        sink = pa.BufferOutputStream()
        pq.write_table(table, sink, compression="zstd")
        return sink.getvalue().to_pybytes()

    def read(self, path: Path, columns: list[str] | None = None) -> dict[str, list]:
        import pyarrow.parquet as pq

        return pq.read_table(path, columns=columns).to_pydict()


class CsvFiles:
    suffix = ".csv"
    name = "csv"

    def encode(self, columns: dict[str, list], types: dict[str, str]) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        names = list(columns)
        writer.writerow(names)
        for row in zip(*(columns[n] for n in names)):
            writer.writerow("" if v is None else v for v in row)
        return out.getvalue().encode("utf-8")

    def read(self, path: Path, columns: list[str] | None = None) -> dict[str, list]:
        with open(path, newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        header, body = rows[0], rows[1:]
        wanted = columns or header
        return {name: [r[header.index(name)] for r in body] for name in wanted}


def files_for(name: str):
    if name == "parquet":
        if not pyarrow_available():
            raise SweepError("--format parquet: needs pyarrow: pip install 'alliance-sandbox[sweep]'")
        return ParquetFiles()
    return CsvFiles()


def versions() -> dict:
    """Versions of the program and of what shapes its numbers or files (read, not imported)."""
    from importlib.metadata import PackageNotFoundError, version

    from alliance_sandbox import __version__

    found = {"alliance_sandbox": __version__, "python": platform.python_version()}
    for package in ("numpy", "networkx", "pyarrow", "distributed"):
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            pass
    return found


class SweepStore:
    """The output folder of one sweep: what is done, and writing what finishes."""

    def __init__(self, out: Path, files, run_types: dict[str, str], turn_types: dict[str, str] | None,
                 flush_seconds: float = 1.0) -> None:
        self.out = out
        self.files = files
        self.run_types = run_types
        self.turn_types = turn_types
        self.flush_seconds = flush_seconds
        self.runs: list[dict] = []
        self.done: set[str] = set()
        self._new_runs: list[dict] = []
        self._new_turns: list[dict] = []
        self._last_flush = time.monotonic()
        self._next_part = 0
        self.meta: dict = {}

    @property
    def runs_path(self) -> Path:
        return self.out / (RUNS + self.files.suffix)

    @property
    def turns_dir(self) -> Path:
        return self.out / TURNS

    # --- opening -----------------------------------------------------------------------
    def open(self, spec: dict, resume: bool, session: dict, total: int) -> None:
        """Start a new sweep in `out`, or (resume) load what an earlier one finished."""
        meta_path = self.out / META
        if meta_path.exists():
            if not resume:
                raise SweepError(f"{self.out}: --out: already holds a sweep; add --resume to finish it, "
                                 "or choose another folder")
            self.meta = self._read_meta(meta_path)
            if self.meta.get("spec") != spec:
                changed = sorted(k for k in set(spec) | set(self.meta.get("spec", {}))
                                 if spec.get(k) != self.meta.get("spec", {}).get(k))
                raise SweepError(f"{meta_path}: spec: differs from this command in {', '.join(changed)}; "
                                 "--resume needs the same scenario files, lenses, seeds, turns, settings, shocks, "
                                 "shard and --no-turns")
            if self.meta.get("files") != self.files.name:
                raise SweepError(f"{meta_path}: files: this sweep writes {self.meta.get('files')}; "
                                 f"pass --format {self.meta.get('files')}")
            self._load_done()
        else:
            if self.out.exists() and (not self.out.is_dir() or any(self.out.iterdir())):
                raise SweepError(f"{self.out}: --out: not an empty folder nor a sweep's folder")
            try:
                self.turns_dir.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise SweepError(f"{self.out}: --out: cannot create: {error.strerror or error}") from None
            self.meta = {"format": FORMAT, "format_version": FORMAT_VERSION, "spec": spec,
                         "files": self.files.name, "runs": total, "started": now_text(), "finished": None,
                         "sessions": []}
        self.meta["versions"] = versions()
        session = dict(session, started=now_text(), finished=None, runs_before=len(self.done))
        self.meta["sessions"].append(session)
        self.meta["finished"] = None
        self._write_meta()

    def _read_meta(self, path: Path) -> dict:
        try:
            meta = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise SweepError(f"{path}: (json): cannot read: {error}") from None
        if not isinstance(meta, dict) or meta.get("format") != FORMAT:
            raise SweepError(f"{path}: format: not a sweep's record")
        return meta

    def _load_done(self) -> None:
        for stale in list(self.out.glob(".*.tmp")) + list(self.turns_dir.glob(".*.tmp")):
            stale.unlink()
        if self.runs_path.exists():
            columns = self.files.read(self.runs_path)
            names = list(columns)
            self.runs = [dict(zip(names, values)) for values in zip(*columns.values())]
            self.done = {row["run_id"] for row in self.runs}
        self.turns_dir.mkdir(exist_ok=True)
        for part in sorted(self.turns_dir.glob("part-*" + self.files.suffix)):
            ids = set(self.files.read(part, ["run_id"])["run_id"])
            if not ids <= self.done:  # written before a kill, its runs never recorded
                part.unlink()
                continue
            self._next_part = max(self._next_part, int(part.name[5:10]) + 1)

    # --- writing -----------------------------------------------------------------------
    def add(self, results: list[tuple[dict, dict | None]]) -> None:
        for row, turns in results:
            if row["run_id"] in self.done:
                continue
            self.done.add(row["run_id"])
            self._new_runs.append(row)
            if turns is not None:
                self._new_turns.append(turns)
        if time.monotonic() - self._last_flush >= self.flush_seconds:
            self.flush()

    def flush(self) -> None:
        """Write the new runs' turns as one part, then all runs so far (the commit)."""
        if not self._new_runs:
            return
        if self._new_turns and self.turn_types is not None:
            columns = {name: [v for part in self._new_turns for v in part[name]] for name in self._new_turns[0]}
            part = self.turns_dir / f"part-{self._next_part:05d}{self.files.suffix}"
            write_atomic(part, self.files.encode(columns, self.turn_types))
            self._next_part += 1
        self.runs.extend(self._new_runs)
        self._new_runs, self._new_turns = [], []
        names = list(self.run_types)
        write_atomic(self.runs_path, self.files.encode({n: [r[n] for r in self.runs] for n in names}, self.run_types))
        self._last_flush = time.monotonic()

    def close(self, interrupted: bool) -> None:
        self.flush()
        stamp = now_text()
        self.meta["sessions"][-1].update(finished=stamp, runs_after=len(self.runs), interrupted=interrupted)
        if not interrupted and len(self.runs) >= self.meta["runs"]:
            self.meta["finished"] = stamp
        self._write_meta()

    def _write_meta(self) -> None:
        text = json.dumps(self.meta, indent=1, ensure_ascii=False) + "\n"
        write_atomic(self.out / META, text.encode("utf-8"))
