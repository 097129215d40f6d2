"""File > New / Open / Open Example / Open Recent / Save / Save As, and dropped files.

Every question to the user goes through a small method of the window (`ask_save_changes`,
`ask_open_path`, `ask_save_path`, `show_error`), so tests can answer them without a dialog
blocking the event loop.

Bundled scenarios are templates: opening one gives an unsaved copy, so Ctrl+S asks where
to save (in `saves/`, or the user's data folder when installed) instead of overwriting the shipped file.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtCore import QMimeData, QObject, QSettings
from PySide6.QtWidgets import QMenu, QMessageBox

from alliance_sandbox import resources
from alliance_sandbox.scenario import (
    Scenario,
    ScenarioError,
    load_scenario,
    loads_scenario,
    save_scenario,
    scenario_to_data,
)

SCENARIO_DIR = resources.scenario_dir()
TUTORIAL = SCENARIO_DIR / "tutorial.json"
#: `saves/` in a checkout, the user's data folder when installed (alliance_sandbox.resources).
SAVES_DIR = resources.saves_dir()
MAX_RECENT = 8
#: Problems listed in an error box; a file worse than that needs the validator's CLI.
MAX_SHOWN_PROBLEMS = 15

ORGANISATION = APPLICATION = "AllianceSandbox"

#: Used only if no bundled scenario can be read (a broken install): the app still starts.
FALLBACK_SCENARIO = """{"schema_version": 1, "name": "Europe, about 1910", "start_year": 1910,
 "states": [
  {"id": "GBR", "name": "United Kingdom", "capability": 30, "lon": -1.5, "lat": 52.5, "satisfaction": 0.6},
  {"id": "FRA", "name": "France", "capability": 22, "lon": 2.5, "lat": 46.8, "satisfaction": 0.4},
  {"id": "RUS", "name": "Russia", "capability": 28, "lon": 37.6, "lat": 55.7},
  {"id": "GER", "name": "Germany", "capability": 38, "lon": 10.5, "lat": 51.2, "aggression": 0.7,
   "satisfaction": -0.4},
  {"id": "AUH", "name": "Austria-Hungary", "capability": 14, "lon": 16.4, "lat": 48.2},
  {"id": "ITA", "name": "Italy", "capability": 10, "lon": 12.5, "lat": 42.5}],
 "ties": [{"a": "GER", "b": "AUH", "kind": "alliance"}, {"a": "FRA", "b": "RUS", "kind": "alliance"}]}"""


def app_settings() -> QSettings:
    """The app's settings. Uses the default format so tests can point it at a temporary
    folder (QSettings.setDefaultFormat(IniFormat) + setPath) and never touch the user's."""
    return QSettings(QSettings.defaultFormat(), QSettings.Scope.UserScope, ORGANISATION, APPLICATION)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.realpath(a) == os.path.realpath(b)
    except (OSError, ValueError):
        return False


def is_bundled(path: str | os.PathLike | None) -> bool:
    if path is None:
        return False
    return _same_file(Path(path).parent, SCENARIO_DIR)


def bundled_scenarios() -> list[tuple[str, Path]]:
    """(name, path) of each bundled scenario, the tutorial first, then by name.

    Only the "name" is read (no validation): building the menu must stay instant."""
    found = []
    for path in sorted(SCENARIO_DIR.glob("*.json")):
        try:
            name = json.loads(path.read_text(encoding="utf-8")).get("name") or path.stem
        except (OSError, ValueError, AttributeError):
            continue
        found.append((str(name), path))
    found.sort(key=lambda item: (not _same_file(item[1], TUTORIAL), item[0].lower()))
    return found


def default_scenario(name: str | None = None) -> Scenario:
    """The tutorial as an unsaved copy (what the app opens with, and File > New)."""
    candidates = [TUTORIAL] + [path for _, path in bundled_scenarios()]
    scenario = None
    for path in candidates:
        try:
            scenario = load_scenario(path)
            break
        except ScenarioError:
            continue
    if scenario is None:
        scenario = loads_scenario(FALLBACK_SCENARIO, "built-in scenario")
    scenario.path = None
    if name is not None:
        scenario.name = name
    return scenario


def problems_text(error: ScenarioError) -> str:
    """The validator's messages for a message box: the file once, then field: reason."""
    problems = error.problems
    files = {p.path for p in problems}
    lines = []
    if len(files) == 1:
        lines.append(f"{next(iter(files))}:")
        lines += [f"• {p.field}: {p.reason}" for p in problems[:MAX_SHOWN_PROBLEMS]]
    else:
        lines += [f"• {p}" for p in problems[:MAX_SHOWN_PROBLEMS]]
    if len(problems) > MAX_SHOWN_PROBLEMS:
        lines.append(f"… and {len(problems) - MAX_SHOWN_PROBLEMS} more")
    return "\n".join(lines) or str(error)


def suggested_file_name(name: str) -> str:
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in name.strip().lower())
    return (safe.strip("_") or "scenario") + ".json"


def json_path_from_mime(mime: QMimeData) -> str | None:
    """The first local .json file among dropped URLs, else None."""
    if not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile() and url.toLocalFile().lower().endswith(".json"):
            return url.toLocalFile()
    return None


class RecentFiles:
    """Up to MAX_RECENT paths, newest first, kept in the app's settings."""

    KEY = "files/recent"

    def paths(self) -> list[str]:
        value = app_settings().value(self.KEY, [], type=list)
        return [str(p) for p in value if p][:MAX_RECENT]

    def add(self, path: str | os.PathLike) -> None:
        path = os.path.abspath(path)
        paths = [path] + [p for p in self.paths() if p != path]
        app_settings().setValue(self.KEY, paths[:MAX_RECENT])

    def remove(self, path: str) -> None:
        app_settings().setValue(self.KEY, [p for p in self.paths() if p != path])

    def clear(self) -> None:
        app_settings().setValue(self.KEY, [])


class FileActions(QObject):
    """What the File menu does, for one window and its controller."""

    FOLDER_KEY = "files/last_folder"

    def __init__(self, window, controller) -> None:
        super().__init__(window)
        self.window, self.controller = window, controller
        self.recent = RecentFiles()
        self._baseline: dict | None = None
        self.reset_baseline()

    # --- "is there anything to lose?" ----------------------------------------------------
    def reset_baseline(self) -> None:
        """Remember turn 0 as it is now: what is on disk (or was loaded)."""
        self._baseline = scenario_to_data(self.controller.current_scenario(0))

    def set_baseline(self, data: dict | None) -> None:
        """Compare with `data` (what the file holds) from now on; None: nothing is saved yet
        (a restored session whose file is gone), so the scenario counts as modified."""
        self._baseline = data

    def is_modified(self) -> bool:
        """Edits not saved. The undo stack alone is not enough: stepping clears it, but
        edits made at turn 0 stay in the history and Save writes them."""
        if not self.controller.undo_stack.isClean() or self.controller.has_later_edits():
            return True
        return scenario_to_data(self.controller.current_scenario(0)) != self._baseline

    def maybe_save_changes(self) -> bool:
        """True when it is fine to throw the current scenario away."""
        if not self.is_modified():
            return True
        answer = self.window.ask_save_changes()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    # --- folders ----------------------------------------------------------------------------
    def last_folder(self) -> str:
        folder = app_settings().value(self.FOLDER_KEY, "", type=str)
        if folder and os.path.isdir(folder):
            return folder
        SAVES_DIR.mkdir(parents=True, exist_ok=True)
        return str(SAVES_DIR)

    def _remember_folder(self, path: str | os.PathLike) -> None:
        if not is_bundled(path):
            app_settings().setValue(self.FOLDER_KEY, os.path.dirname(os.path.abspath(path)))

    # --- opening ----------------------------------------------------------------------------
    def new(self) -> bool:
        if not self.maybe_save_changes():
            return False
        self._load(default_scenario("Untitled"))
        return True

    def open_dialog(self) -> bool:
        path = self.window.ask_open_path()
        return bool(path) and self.open_path(path)

    def open_path(self, path: str | os.PathLike) -> bool:
        """Open a scenario file. An invalid file is reported field by field and the
        current scenario stays as it was (it is read and checked before anything changes)."""
        try:
            scenario = load_scenario(path)
        except ScenarioError as error:
            if any(p.reason == "file not found" for p in error.problems):
                self.recent.remove(os.path.abspath(path))
            self.window.show_error("Cannot open this scenario",
                                   "Nothing was changed. The file has these problems:\n\n" + problems_text(error))
            return False
        if not self.maybe_save_changes():
            return False
        if is_bundled(path):
            scenario.path = None  # a template: Save asks where to put the copy
        else:
            self.recent.add(path)
            self._remember_folder(path)
        self._load(scenario)
        return True

    def _load(self, scenario: Scenario) -> None:
        self.controller.load(scenario)
        self.reset_baseline()
        self.window.update_modified()

    # --- saving -----------------------------------------------------------------------------
    def save(self) -> bool:
        path = self.controller.scenario.path
        if path is None or is_bundled(path):
            return self.save_as()
        return self._write(self.controller.current_scenario(0), path, current=True)

    def save_as(self) -> bool:
        path = self.window.ask_save_path(self._suggest(self.controller.scenario))
        return bool(path) and self._write(self.controller.current_scenario(0), path, current=True)

    def save_turn_as(self) -> bool:
        """The turn on view as a new starting scenario; the open one stays as it is."""
        record = self.controller.record
        scenario = self.controller.current_scenario(self.controller.view_turn)
        if record.turn > 0:
            when = f"{record.year}" if record.year is not None else f"turn {record.turn}"
            scenario.name = f"{scenario.name} ({when})"
        scenario.path = None
        path = self.window.ask_save_path(self._suggest(scenario))
        return bool(path) and self._write(scenario, path, current=False)

    def _suggest(self, scenario: Scenario) -> str:
        if scenario.path is not None and not is_bundled(scenario.path):
            return str(scenario.path)
        return os.path.join(self.last_folder(), suggested_file_name(scenario.name))

    def _write(self, scenario: Scenario, path: str | os.PathLike, current: bool) -> bool:
        path = Path(path)
        if path.suffix.lower() != ".json":
            path = path.with_name(path.name + ".json")
        if is_bundled(path):
            self.window.show_error("Cannot save there", "The bundled examples are read-only; "
                                   f"choose another folder, e.g. {SAVES_DIR}.")
            return False
        try:
            # Atomic (temp file in the same folder, fsync, os.replace): our QSaveFile. A failed
            # save leaves the previous file's bytes as they were.
            save_scenario(scenario, path)
        except ScenarioError as error:
            self.window.show_error("Could not save", "The file was not written (any previous "
                                   "version is unchanged):\n\n" + problems_text(error))
            return False
        except OSError as error:
            self.window.show_error("Could not save", f"The file was not written (any previous "
                                   f"version is unchanged):\n\n{path}: {error.strerror or error}")
            return False
        self.recent.add(path)
        self._remember_folder(path)
        if current:
            self.controller.mark_saved(scenario)
            self.reset_baseline()
        self.window.update_modified()
        self.window.statusBar().showMessage(f"Saved {path}", 5000)
        return True

    # --- menus --------------------------------------------------------------------------------
    def populate_examples(self, menu: QMenu) -> None:
        menu.clear()
        examples = bundled_scenarios()
        for name, path in examples:
            menu.addAction(name).triggered.connect(lambda _=False, p=path: self.open_path(p))
        if not examples:
            menu.addAction("(no examples found)").setEnabled(False)

    def populate_recent(self, menu: QMenu) -> None:
        menu.clear()
        paths = self.recent.paths()
        for n, path in enumerate(paths, start=1):
            label = f"&{n} {os.path.basename(path)}" if n < 10 else os.path.basename(path)
            action = menu.addAction(label)
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))
        if paths:
            menu.addSeparator()
            menu.addAction("Clear list").triggered.connect(self.recent.clear)
        else:
            menu.addAction("(none yet)").setEnabled(False)
