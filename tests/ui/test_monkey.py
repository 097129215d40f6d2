"""The GUI monkey (tests/ui/monkey.py) over every bundled scenario: zero exceptions, zero
Qt warnings. Seeded and bounded in the suite; `pytest -m monkey_long` runs a long one
(MONKEY_ACTIONS and MONKEY_SEED in the environment change its length and seed)."""
from __future__ import annotations

import os
import re
import sys
import traceback

import pytest
from monkey import Monkey
from PySide6.QtCore import QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox

from alliance_sandbox.ui.file_actions import bundled_scenarios

#: What the offscreen platform plugin itself cannot do (no window manager): not the app's.
PLATFORM_LIMITS = re.compile(r"^This plugin does not support ")
pytestmark = pytest.mark.qt_log_ignore(PLATFORM_LIMITS.pattern)


def run_monkey(qtbot, window, seed: int, actions_per_scenario: int) -> Monkey:
    exceptions, warnings = [], []
    old_hook = sys.excepthook
    sys.excepthook = lambda kind, value, tb: exceptions.append(value)

    def on_message(kind, context, text):
        if kind != QtMsgType.QtDebugMsg and kind != QtMsgType.QtInfoMsg and not PLATFORM_LIMITS.match(text):
            warnings.append(text)
        if previous is not None:
            previous(kind, context, text)

    previous = qInstallMessageHandler(on_message)
    # the real dialogs: the monkey's answerer closes them (the fixture's stand-ins refuse them)
    for name in ("ask_open_path", "ask_save_path", "ask_save_changes", "show_error"):
        window.__dict__.pop(name, None)
    monkey = Monkey(qtbot, window, seed)
    try:
        for name, path in bundled_scenarios():
            window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
            assert window.files.open_path(path), name
            del window.ask_save_changes
            monkey.log.append(f"open {name}")
            monkey.run(actions_per_scenario)
            if window.autosave.save_now() is False and window.autosave.last_error:  # a net, not a hole
                exceptions.append(RuntimeError(f"autosave failed: {window.autosave.last_error}"))
            assert not exceptions and not warnings, (
                f"seed {seed}, after: {monkey.log[-8:]}\nQt warnings: {warnings}\nexceptions:\n"
                + "\n".join("".join(traceback.format_exception(e)) for e in exceptions))
    finally:
        qInstallMessageHandler(previous)
        sys.excepthook = old_hook
        window.pause()
        if window.is_presenting():
            window.set_presentation(False)
        window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    assert window.isVisible() and QApplication.activeModalWidget() is None
    return monkey


def test_the_monkey_breaks_nothing(qtbot, window):
    monkey = run_monkey(qtbot, window, seed=20261203, actions_per_scenario=40)
    assert sum(1 for line in monkey.log if not line.startswith("open")) == 40 * len(bundled_scenarios())


@pytest.mark.monkey_long
def test_the_long_monkey_breaks_nothing(qtbot, window, request):
    if "monkey_long" not in (request.config.getoption("-m") or ""):
        pytest.skip("a long run: select it with -m monkey_long")
    run_monkey(qtbot, window, seed=int(os.environ.get("MONKEY_SEED", "1")),
               actions_per_scenario=int(os.environ.get("MONKEY_ACTIONS", "1500")))
