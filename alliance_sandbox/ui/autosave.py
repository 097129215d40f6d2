"""Autosave and recovery: a crash, a power cut or a kill loses at most the last edit.

What is kept: the session as it stands, in one JSON file in the user's data folder
(`autosave/session-PID.json`, written atomically by the Save rules of scenario/atomic.py):
the scenario at turn 0 with its edits (validated on the way back in, like any file), the
lens each turn was played under, the lens for the next step, the seed, the turn on view,
and the exact arrays of turn 0 and of the latest turn together with the random generator's
state. Restoring replays the turns from turn 0 under the same lenses and seed (the engine is
deterministic, so the history and Back are the session's own), then puts the latest turn's
exact world and generator in place, so edits made at any turn are there.

When: a moment after each change (at most one write a second, so a drag does not write a
file per mouse move), and every 30 s. A clean exit removes the file; a session with nothing
to lose (turn 0, no edits) has none. At the next start, a file whose process is no longer
running means a crash: the app offers to restore it (`offer_recovery`), newest first, and the
file is removed once the user has answered.
"""
from __future__ import annotations

import base64
import dataclasses
import datetime as _dt
import json
import os
import re
import time
import zlib
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from alliance_sandbox import resources
from alliance_sandbox.engine.world import Settings, World
from alliance_sandbox.lenses import LENSES, get_lens
from alliance_sandbox.scenario import ScenarioError, load_scenario, scenario_to_data
from alliance_sandbox.scenario.atomic import remove_stale_temps, write_file
from alliance_sandbox.scenario.validate import scenario_from_data

FORMAT = "alliance-sandbox session"
VERSION = 1
#: How often the session is written even without a change signal (issue 10: every 30 s).
INTERVAL_MS = 30_000
#: At most one write this often while changes keep coming (a drag emits one per mouse move).
MIN_GAP_MS = 1_000
_NAME = re.compile(r"session-(\d+)\.json")


def autosave_dir() -> Path:
    folder = resources.data_dir() / "autosave"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def session_path(pid: int | None = None) -> Path:
    return autosave_dir() / f"session-{os.getpid() if pid is None else pid}.json"


# ---------------------------------------------------------------- the exact world, as JSON


def _array_data(array: np.ndarray) -> dict:
    """An array exactly, compactly: its bytes compressed (most tie matrices are mostly zero),
    so a 200-state world's session is tens of kB, written in milliseconds."""
    raw = np.ascontiguousarray(array).tobytes()
    return {"dtype": array.dtype.str, "shape": list(array.shape),
            "zlib": base64.b64encode(zlib.compress(raw, 1)).decode("ascii")}


def _array_from(data: dict) -> np.ndarray:
    dtype = np.dtype(data["dtype"])
    if dtype.kind not in "fiub":
        raise ValueError(f"not a numeric array: {dtype}")
    array = np.frombuffer(zlib.decompress(base64.b64decode(data["zlib"])), dtype=dtype)
    return array.reshape([int(k) for k in data["shape"]]).copy()


def _encode(value):
    """Any value a World holds, as JSON: arrays compressed, dicts with their key types
    (a lens keeps arrays by name in `World.lens_state`), tuples marked; TypeError otherwise."""
    if isinstance(value, np.ndarray):
        return {"__array__": _array_data(value)}
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, dict):
        return {"__dict__": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if isinstance(value, tuple):
        return {"__tuple__": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    raise TypeError(f"cannot keep a {type(value).__name__} in the autosave")


def _decode(value):
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if isinstance(value, dict):
        if "__array__" in value:
            return _array_from(value["__array__"])
        if "__dict__" in value:
            return {_decode(k): _decode(v) for k, v in value["__dict__"]}
        if "__tuple__" in value:
            return tuple(_decode(v) for v in value["__tuple__"])
        raise ValueError("not an encoded value")
    return value


def world_to_data(world: World) -> dict:
    """Every field of a World, exactly (arrays bit for bit)."""
    data: dict = {}
    for f in dataclasses.fields(world):
        value = getattr(world, f.name)
        data[f.name] = dataclasses.asdict(value) if isinstance(value, Settings) else _encode(value)
    return data


def world_from_data(data: dict) -> World:
    """The World `world_to_data` wrote; ValueError/TypeError/KeyError/zlib.error if it does not fit."""
    names = {f.name for f in dataclasses.fields(World)}
    kwargs = {}
    for name, value in data.items():
        if name not in names:
            raise ValueError(f"unknown world field {name!r}")
        if name == "settings":
            kwargs[name] = Settings(**value)
            continue
        kwargs[name] = _decode(value)
        if isinstance(kwargs[name], np.ndarray) and kwargs[name].dtype.kind == "f" \
                and not np.isfinite(kwargs[name]).all():
            raise ValueError(f"{name} is not finite")
    return World(**kwargs)


# ---------------------------------------------------------------- the session


def session_data(controller, modified: bool) -> dict:
    history = controller.history
    return {
        "format": FORMAT,
        "version": VERSION,
        "saved_at": _dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "pid": os.getpid(),
        "path": None if controller.scenario.path is None else os.fspath(controller.scenario.path),
        "modified": bool(modified),
        "scenario": scenario_to_data(controller.current_scenario(0)),
        "seed": controller.run_seed,
        "turn_lenses": [record.lens.id for record in history[1:]],
        "lens": controller.lens.id,
        "view_turn": controller.view_turn,
        "first_world": world_to_data(history[0].world),
        "last_world": world_to_data(history[-1].world),
        "rng_state": history[-1].rng_state,
    }


@dataclasses.dataclass
class Crashed:
    """An autosave left by a process that is no longer running."""

    path: Path
    data: dict

    def summary(self) -> str:
        data = self.data
        name = data.get("scenario", {}).get("name", "?")
        turns = len(data.get("turn_lenses", []))
        lens = LENSES[data["lens"]].name if data.get("lens") in LENSES else data.get("lens", "?")
        when = data.get("saved_at", "?").replace("T", " ")
        return f"“{name}”, turn {turns}, {lens} lens, saved {when}"


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # alive under another user, or cannot tell: not ours to take
    return True


def crashed_sessions() -> list[Crashed]:
    """Autosaves of processes no longer running, newest first (unreadable ones removed)."""
    folder = autosave_dir()
    remove_stale_temps(folder)
    found = []
    for path in folder.glob("session-*.json"):
        match = _NAME.fullmatch(path.name)
        if not match or _running(int(match.group(1))):
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                raise ValueError("not a session")
        except (OSError, ValueError, RecursionError):
            _remove(path)
            continue
        found.append(Crashed(path, data))
    found.sort(key=lambda c: c.path.stat().st_mtime if c.path.exists() else 0, reverse=True)
    return found


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def restore_session(controller, data: dict) -> None:
    """Put a saved session into `controller`; ScenarioError/ValueError if it cannot be read.

    The scenario is validated like any file before anything changes."""
    if data.get("version") != VERSION:
        raise ValueError(f"session format {data.get('version')!r}, this program reads {VERSION}")
    scenario = scenario_from_data(data["scenario"], "autosaved session")
    path = data.get("path")
    scenario.path = Path(path) if isinstance(path, str) and path else None
    lenses = [get_lens(lens_id) for lens_id in data.get("turn_lenses", [])]
    next_lens = get_lens(data.get("lens", scenario.lens))
    first = last = None
    try:
        first = world_from_data(data["first_world"])
        last = world_from_data(data["last_world"])
    except (KeyError, TypeError, ValueError, zlib.error):
        first = last = None  # another engine version: turn 0's scenario and the replay still hold
    controller.restore(scenario, first, lenses, next_lens, last, data.get("rng_state"),
                       int(data.get("view_turn", 0)))


def _baseline_of(path: Path | None) -> dict | None:
    """What the restored session's file holds on disk now (None: no file, so all unsaved)."""
    if path is None:
        return None
    try:
        return scenario_to_data(load_scenario(path))
    except ScenarioError:
        return None


# ---------------------------------------------------------------- in the app


class Autosave(QObject):
    """Writes the window's session after changes and every 30 s; removes it on a clean exit."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.controller = window.controller
        self.path = session_path()
        self.enabled = True
        self.last_write = 0.0
        self.writes = 0
        self.last_error: str | None = None
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.timeout.connect(self.save_now)
        self._every = QTimer(self)
        self._every.setInterval(INTERVAL_MS)
        self._every.timeout.connect(self.save_now)
        self._every.start()
        self.controller.changed.connect(self.schedule)

    def schedule(self) -> None:
        """A change happened: write soon (now, if the last write is a second old)."""
        if not self.enabled or self._soon.isActive():
            return
        gap_ms = (time.monotonic() - self.last_write) * 1000
        self._soon.start(int(max(0, MIN_GAP_MS - gap_ms)))

    def save_now(self) -> bool:
        """Write the session (or remove the file when there is nothing to lose: turn 0, no edits)."""
        if not self.enabled:
            return False
        self.last_write = time.monotonic()
        modified = self.window.files.is_modified()  # once: it compares whole scenarios
        if not self.controller.has_run and not modified:
            _remove(self.path)
            return False
        try:
            data = session_data(self.controller, modified)
            payload = json.dumps(data, ensure_ascii=False, allow_nan=False).encode("utf-8")
            write_file(self.path, payload)
        except (ScenarioError, OSError, ValueError, TypeError) as error:
            # Autosave is a safety net: a full disk must not interrupt the lesson. The status
            # bar says so once; the next change tries again.
            reason = error.problems[0].reason if isinstance(error, ScenarioError) else str(error)
            if reason != self.last_error:
                self.window.statusBar().showMessage(f"Autosave failed: {reason}", 8000)
            self.last_error = reason
            return False
        self.last_error = None
        self.writes += 1
        return True

    def discard(self) -> None:
        """A clean exit: nothing to recover, so no file."""
        self.enabled = False
        self._soon.stop()
        self._every.stop()
        _remove(self.path)

    # --- at start -------------------------------------------------------------------------
    def offer_recovery(self) -> bool:
        """If an earlier session crashed, ask whether to restore it; True if restored.

        Also clears what interrupted saves left in the saves folder (scenario/atomic.py)."""
        remove_stale_temps(resources.saves_dir())
        for crashed in crashed_sessions():
            restore = ask_restore(self.window, crashed.summary())
            if restore:
                try:
                    restore_session(self.controller, crashed.data)
                except (ScenarioError, ValueError, KeyError, TypeError) as error:
                    text = str(error) if isinstance(error, ScenarioError) else f"{type(error).__name__}: {error}"
                    self.window.show_error("Cannot restore the session",
                                           f"The autosaved session could not be read:\n\n{text}")
                    _remove(crashed.path)
                    return False
                _remove(crashed.path)
                files = self.window.files
                files.set_baseline(_baseline_of(self.controller.scenario.path))
                self.window.update_modified()
                self.save_now()  # it is this session's autosave now
                return True
            _remove(crashed.path)
            return False
        return False


def ask_restore(parent: QWidget, summary: str) -> bool:
    answer = QMessageBox.question(
        parent, "Restore the last session?",
        "Alliance Sandbox did not close properly last time. Restore the session it saved?\n\n"
        f"{summary}",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
    return answer == QMessageBox.StandardButton.Yes
