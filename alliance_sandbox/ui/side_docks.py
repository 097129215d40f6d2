"""Docks made on first use (Predict, Branches): a tab by the inspector, kept on the window."""
from __future__ import annotations

from PySide6.QtCore import Qt


def open_side_dock(window, attribute: str, make):
    """`window.<attribute>`, made by `make(window.controller, window)` the first time and
    tabbed with the inspector; shown and raised."""
    dock = getattr(window, attribute, None)
    if dock is None:
        dock = make(window.controller, window)
        setattr(window, attribute, dock)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        inspector = window.docks.get("inspector")
        if inspector is not None:
            window.tabifyDockWidget(inspector, dock)
    dock.show()
    dock.raise_()
    return dock
