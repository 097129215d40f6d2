"""Each dock alone in a window, on a small made-up world: `python -m alliance_sandbox.ui.charts`
(or `.inspector`, `.log_dock`), with `--presentation` for the projector look.

Why: a dock is easier to look at, and to tune, without the rest of the app around it;
one helper so the three demos do not each repeat the set-up.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow

DEMO_SCENARIO = {
    "schema_version": 1,
    "name": "Demo: a rising revisionist",
    "start_year": 1910,
    "states": [
        {"id": "AUR", "name": "Aurelia", "capability": 3.0, "lon": 10, "lat": 50, "offense": 0.8,
         "aggression": 0.8, "satisfaction": -0.5},
        {"id": "BOR", "name": "Borealis", "capability": 2.0, "lon": 22, "lat": 58},
        {"id": "CAL", "name": "Caledon", "capability": 1.5, "lon": 0, "lat": 46},
        {"id": "DRA", "name": "Dravia", "capability": 1.0, "lon": 24, "lat": 45},
        {"id": "ESK", "name": "Eskaria", "capability": 0.6, "lon": 30, "lat": 52, "satisfaction": -0.2},
        {"id": "FEN", "name": "Fenmark", "capability": 0.4, "lon": 12, "lat": 60},
        {"id": "GAL", "name": "Galicia Minor", "capability": 0.3, "lon": 5, "lat": 40},
        {"id": "HEL", "name": "Helvania", "capability": 0.25, "lon": 8, "lat": 46.5, "satisfaction": 0.6},
        {"id": "IST", "name": "Istria", "capability": 0.8, "lon": 16, "lat": 44, "aggression": 0.6},
        {"id": "JUT", "name": "Jutmark", "capability": 0.2, "lon": 9, "lat": 56},
    ],
    "ties": [
        {"a": "BOR", "b": "CAL", "kind": "alliance", "commitment": 0.7},
        {"a": "AUR", "b": "IST", "kind": "entente"},
    ],
}



def demo_controller(scenario: dict | None = None):
    """A Controller on the demo scenario (for the demos and screenshots)."""
    from alliance_sandbox.scenario import loads_scenario
    from alliance_sandbox.ui.controller import Controller

    return Controller(loads_scenario(json.dumps(scenario or DEMO_SCENARIO)))


def run_dock_demo(make_dock: Callable[..., QDockWidget], area: Qt.DockWidgetArea, size: tuple[int, int],
                  steps: int = 0, select: str = "", live_until: int = 0) -> int:  # pragma: no cover
    """Show `make_dock(controller)` in a window of `size` after `steps` turns, with `select`
    selected; `live_until`: keep stepping (20 turns a second) until that many turns."""
    app = QApplication.instance() or QApplication(sys.argv)
    controller = demo_controller()
    if steps:
        controller.step(steps)
    if select:
        controller.select(select)
    window = QMainWindow()
    dock = make_dock(controller)
    dock.set_presentation("--presentation" in sys.argv)
    window.addDockWidget(area, dock)
    window.resize(*size)
    window.show()
    if live_until:
        timer = QTimer(window)
        timer.timeout.connect(
            lambda: controller.step(1) if len(controller.history) < live_until else timer.stop())
        timer.start(50)
    return app.exec()
