"""The map follows the controller like every dock does, though it never sees the controller.

`MapView` is a plain widget (ui/map_view.py: signals out, never the model), so the Compare
window and the exports can show any world in it. In the main window this binding is what a
dock does for itself: it subscribes to the controller's signals and redraws the map from
`controller.record`, and it turns the map's gestures (drag, click, tie menu) into controller
calls. The window then only places the map; it never pushes a world into it.
"""
from __future__ import annotations

from PySide6.QtCore import QObject

from .controller import Controller
from .map_view import MapView


def map_risks(record) -> dict:
    """The risks the main map colours states and ties by, from a turn record."""
    risks = record.risks
    return {"abandonment": risks.abandonment, "entrapment": risks.entrapment,
            "tie_abandonment": risks.tie_abandonment, "tie_entrapment": risks.tie_entrapment}


class MapBinding(QObject):
    """Keeps `map_view` showing the controller's turn on view, and sends its edits back."""

    def __init__(self, map_view: MapView, controller: Controller) -> None:
        super().__init__(map_view)
        self.map, self.controller = map_view, controller
        c, m = controller, map_view
        m.stateMoved.connect(lambda sid, lon, lat, *_: c.edit_state(sid, lon=lon, lat=lat))
        m.stateSelected.connect(c.select)
        m.tieRequested.connect(lambda a, b, kind: c.add_tie(a, b, kind))
        m.tieRemoveRequested.connect(c.remove_tie)
        c.changed.connect(self.show)
        c.selectionChanged.connect(m.select)
        c.highlightRequested.connect(m.set_highlight)
        c.scenarioLoaded.connect(self.show_new_scenario)  # before `changed`: the new world, then fit
        self.show_new_scenario()

    def show_new_scenario(self) -> None:
        self.show()
        self.map.fit_all()

    def show(self) -> None:
        record = self.controller.record
        self.map.set_world(record.world, map_risks(record), blocs=self.controller.tracked_blocs())
