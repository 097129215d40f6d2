"""Shared test setup.

Qt runs off screen (no display needed). Nothing Qt is imported at module level here, so the
engine, lens and scenario tests still run on a machine without Qt; the Qt set-up below only
happens for tests under tests/ui.
"""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

try:  # property tests: a few dozen cases in the suite, thousands on demand (--hypothesis-profile=long)
    from hypothesis import HealthCheck, settings

    settings.register_profile("suite", max_examples=30, deadline=None, database=None, derandomize=True,
                              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    settings.register_profile("long", max_examples=3000, deadline=None,
                              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))
except ImportError:  # the test extra is not installed: the property tests are not collected either
    pass


def _is_ui_test(request) -> bool:
    return "ui" in request.node.path.relative_to(request.config.rootpath).parts[:2]


@pytest.fixture(autouse=True)
def isolated_settings(request, tmp_path):
    """UI tests: QSettings read and write a temporary folder, never the user's settings;
    pyqtgraph handles every mouse move (its rate limit would drop a fast test drag)."""
    if not _is_ui_test(request):
        yield None
        return
    import pyqtgraph as pg
    from PySide6.QtCore import QSettings

    folder = tmp_path / "settings"
    folder.mkdir()
    # the autosaved session goes to a temporary data folder too (alliance_sandbox.resources)
    from alliance_sandbox.resources import DATA_DIR_VARIABLE

    saved_data_dir = os.environ.get(DATA_DIR_VARIABLE)
    os.environ[DATA_DIR_VARIABLE] = str(tmp_path / "data")
    old_format = QSettings.defaultFormat()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    pg.setConfigOption("mouseRateLimit", -1)
    yield folder
    QSettings.setDefaultFormat(old_format)
    if saved_data_dir is None:
        os.environ.pop(DATA_DIR_VARIABLE, None)
    else:
        os.environ[DATA_DIR_VARIABLE] = saved_data_dir


#: A small valid scenario: two pairs of allies and a loner, years from 1900.
SMALL_SCENARIO = {
    "schema_version": 1,
    "name": "Test world",
    "seed": 7,
    "lens": "threat",
    "start_year": 1900,
    "states": [
        {"id": "A", "name": "Avalon", "capability": 30, "lon": -2.0, "lat": 50.0, "satisfaction": 0.5},
        {"id": "B", "name": "Brigadoon", "capability": 25, "lon": 12.0, "lat": 48.0,
         "aggression": 0.8, "satisfaction": -0.5},
        {"id": "C", "name": "Cockaigne", "capability": 20, "lon": 25.0, "lat": 55.0},
        {"id": "D", "name": "Duloc", "capability": 10, "lon": 5.0, "lat": 42.0},
        {"id": "E", "name": "Erewhon", "capability": 8, "lon": 30.0, "lat": 40.0},
    ],
    "ties": [
        {"a": "A", "b": "D", "kind": "alliance"},
        {"a": "B", "b": "E", "kind": "entente"},
    ],
}


@pytest.fixture
def scenario_data():
    """SMALL_SCENARIO as a fresh dict, to change in a test."""
    import copy

    return copy.deepcopy(SMALL_SCENARIO)


@pytest.fixture
def scenario_file(tmp_path):
    """A valid scenario file in a temporary folder."""
    import json

    path = tmp_path / "small.json"
    path.write_text(json.dumps(SMALL_SCENARIO), encoding="utf-8")
    return path


@pytest.fixture
def window(qtbot, scenario_file):
    """The main window on `scenario_file`, shown, active, and with every dialog answered
    without blocking: unexpected questions fail the test, errors are collected in
    `window.shown_errors`, unsaved changes are discarded at teardown."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from alliance_sandbox.scenario import load_scenario
    from alliance_sandbox.ui.main_window import MainWindow

    def before_close(win):  # pytest-qt closes the window before fixtures tear down
        win.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
        win.pause()
        if win.is_presenting():
            win.set_presentation(False)

    win = MainWindow(load_scenario(scenario_file))
    qtbot.addWidget(win, before_close_func=before_close)
    win.shown_errors = []
    win.show_error = lambda title, text: win.shown_errors.append((title, text))

    def unexpected(*_args):
        raise AssertionError("a dialog was opened that the test did not expect")

    win.ask_open_path = unexpected
    win.ask_save_path = unexpected
    win.ask_save_changes = unexpected
    win.resize(1280, 860)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    return win
