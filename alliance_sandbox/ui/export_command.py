"""`alliance-sandbox export`: the app's exports with no window and no display.

The run is made by the app's own `Controller` (so an export from here and one from File >
Export are the same pictures), and Qt runs on the offscreen platform when there is no screen.
"""
from __future__ import annotations

import dataclasses
import os
import sys


def _quiet_offscreen_docks(mode, context, message) -> None:
    """Drop the offscreen platform's one harmless note about docked widgets; print the rest."""
    if "does not support propagateSizeHints" in message:
        return
    print(message, file=sys.stderr)


def run_export(scenario, *, lens: str | None, turns: int, seed: int | None, size: tuple[int, int],
               outputs: dict[str, str]) -> list[str]:
    """Write each of `outputs` ({"map"|"charts"|"series"|"handout": path}); the lines to print.

    Raises exports.ExportError (`PATH: option: reason`) for a bad name or an unwritable file."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from . import exports
    from .controller import Controller
    from .style import install_base_style

    for key, suffixes in (("map", exports.MAP_SUFFIXES), ("charts", exports.CHART_SUFFIXES),
                          ("series", (".csv",)), ("handout", (".pdf",))):
        if key in outputs:  # every name checked before anything is run or written
            exports.check_suffix(outputs[key], suffixes, f"--{key}")
    changes = {}
    if lens is not None:
        changes["lens"] = lens
    if seed is not None:
        changes["seed"] = seed
    scenario = dataclasses.replace(scenario, **changes)

    previous = qInstallMessageHandler(_quiet_offscreen_docks)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_base_style(app)
    controller = Controller(scenario)
    try:
        if turns:
            controller.step(turns)
        lines = []
        record = controller.record
        what = f"turn {record.turn} of {scenario.name!r} under {record.lens.id}, seed {scenario.seed}"
        if "map" in outputs:
            exports.write_map(outputs["map"], scenario.name, controller.record, size)
        if "charts" in outputs:
            exports.write_charts(outputs["charts"], controller, size)
        if "series" in outputs:
            exports.write_series(outputs["series"], controller.history)
        if "handout" in outputs:
            exports.write_handout(outputs["handout"], controller)
        for key in ("map", "charts", "series", "handout"):
            if key in outputs:
                lines.append(f"{outputs[key]}: {key}, {what}")
        return lines
    finally:
        controller.deleteLater()
        app.processEvents()
        qInstallMessageHandler(previous)
