"""Run by tests/ui/test_autosave.py as a subprocess: the real app window, real events, then
a kill -9. Prints (as one JSON line) what the session held just before the kill.

    python crash_session.py SCENARIO.json   (ALLIANCE_SANDBOX_DATA_DIR names the data folder)
"""
from __future__ import annotations

import json
import os
import signal
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from alliance_sandbox.scenario import load_scenario
from alliance_sandbox.ui.main_window import MainWindow


def main() -> None:
    app = QApplication(sys.argv[:1])
    window = MainWindow(load_scenario(sys.argv[1]))
    window.resize(1200, 800)
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.activateWindow()
    QTest.qWait(50)
    # an edit at turn 0: drag state B on the map with the mouse
    view = window.map
    viewport = view.viewport()
    start = view.mapFromScene(view.state_item("B").scenePos())
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for k in range(1, 6):
        QTest.mouseMove(viewport, start + QPoint(12 * k, 8 * k))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(60, 40))
    # two turns, a lens switch (key 1: power), one more turn
    for key in (Qt.Key.Key_Space, Qt.Key.Key_Space, Qt.Key.Key_1, Qt.Key.Key_Space):
        QTest.keyClick(window, key)
    # an edit at turn 3: drag state C
    start = view.mapFromScene(view.state_item("C").scenePos())
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for k in range(1, 6):
        QTest.mouseMove(viewport, start + QPoint(-10 * k, 6 * k))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(-50, 30))
    # let the autosave write what it has (it writes within a second of the last change)
    deadline = time.monotonic() + 10
    last_change = time.monotonic()
    while time.monotonic() < deadline and time.monotonic() - last_change < 1.5:
        app.processEvents()
        QTest.qWait(20)
    sim = window.controller.run
    world = sim.world
    print(json.dumps({
        "turns": len(sim.history) - 1,
        "lens": sim.lens.id,
        "lon": world.lon.tolist(), "lat": world.lat.tolist(),
        "first_lon": sim.history[0].world.lon.tolist(),
        "capability": world.capability.tolist(),
        "writes": window.autosave.writes,
    }), flush=True)
    os.kill(os.getpid(), signal.SIGKILL)


if __name__ == "__main__":
    main()
