"""The map and the bars follow the controller like every dock does, though they never see it.

`MapView` is a plain widget (ui/map_view.py: signals out, never the model), so the Compare
window and the exports can show any world in it; so are the turn bar (Compare has one for
several runs) and the lens bar. In the main window these bindings do what a dock does for
itself: they subscribe to the controller's signals and redraw the widgets from
`controller.record`, and they turn the widgets' gestures (drag, click, tie menu, lens choice)
into controller calls. The window then only places the widgets; it never pushes a world
or a turn into them.
"""
from __future__ import annotations

from PySide6.QtCore import QObject

from .controller import Controller
from .map_view import MapView
from .toolbars import LensBar, PastBanner, TurnBar


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


class BarsBinding(QObject):
    """Keeps the lens bar on the lens a step would use, and the turn bar and the "looking back"
    banner on the turn on view; the lens bar's choice goes to the controller. (The turn bar's
    scrubs go through the window, which pauses a running play first.)"""

    def __init__(self, lens_bar: LensBar, turn_bar: TurnBar, past_banner: PastBanner,
                 controller: Controller) -> None:
        super().__init__(lens_bar)
        self.lens_bar, self.turn_bar, self.past_banner, self.controller = lens_bar, turn_bar, past_banner, controller
        lens_bar.lensChosen.connect(controller.set_lens)
        controller.changed.connect(self.show_lens)
        controller.changed.connect(self.show_turn)
        controller.historyChanged.connect(self.show_turn)
        self.show_lens()
        self.show_turn()

    def show_lens(self) -> None:
        c = self.controller
        active = c.active_lens
        self.lens_bar.set_active(active.id, pending=active.id != c.record.lens.id)

    def show_turn(self) -> None:
        c = self.controller
        record = c.record
        self.turn_bar.show_turn(record.turn, record.year, c.view_turn, c.latest_turn)
        self.past_banner.show_turn(c.view_turn, c.latest_turn)
