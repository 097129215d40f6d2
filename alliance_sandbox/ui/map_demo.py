"""The map view alone on twelve European states of about 1910, for trying it out by hand:
`python -m alliance_sandbox.ui.map_demo [--presentation]`. Drag a state, right-click one to
ally it, hover for its numbers. Tests use `demo_world` as a small realistic world.

Why a module of its own: the view (map_view.py) stays about the view; this wires it to a
world in miniature, the way the controller does in the app.
"""
from __future__ import annotations

import numpy as np

from alliance_sandbox.ui.map_view import MapView


def demo_world():
    """Twelve European states of about 1910: two alliances and an entente, for the demo."""
    from alliance_sandbox.engine.world import World

    rows = [  # id, name, capability, lon, lat, offense, aggression, satisfaction
        ("GBR", "United Kingdom", 30, -1.5, 52.5, 0.5, 0.3, 0.6),
        ("FRA", "France", 22, 2.5, 46.8, 0.5, 0.3, 0.4),
        ("RUS", "Russia", 28, 37.6, 55.7, 0.4, 0.4, 0.1),
        ("GER", "Germany", 38, 10.5, 51.2, 0.7, 0.6, -0.4),
        ("AUH", "Austria-Hungary", 14, 16.4, 48.2, 0.4, 0.5, -0.1),
        ("ITA", "Italy", 10, 12.5, 42.5, 0.4, 0.3, -0.2),
        ("OTT", "Ottoman Empire", 7, 32.9, 39.9, 0.3, 0.3, -0.3),
        ("SRB", "Serbia", 2, 20.5, 44.8, 0.3, 0.5, -0.5),
        ("BEL", "Belgium", 2, 4.4, 50.8, 0.1, 0.1, 0.8),
        ("NTH", "Netherlands", 2, 5.3, 52.1, 0.1, 0.1, 0.8),
        ("SPN", "Spain", 4, -3.7, 40.4, 0.2, 0.1, 0.2),
        ("ROM", "Romania", 3, 26.1, 44.4, 0.2, 0.2, 0.0),
    ]
    ids = [r[0] for r in rows]
    n = len(rows)
    col = list(zip(*rows))
    world = World(
        ids=ids, names=list(col[1]), capability=np.array(col[2], float),
        short_names=["Britain", "", "", "", "A-Hungary", "", "Ottomans", "", "Belg.", "Neth.",
                     "", "Rom."],
        lon=np.array(col[3]), lat=np.array(col[4]), offense=np.array(col[5]),
        aggression=np.array(col[6]), satisfaction=np.array(col[7]),
        tie_kind=np.zeros((n, n), np.int8), commitment=np.zeros((n, n)),
        affinity=np.zeros((n, n)),
    )
    ix = world.index
    for a, b, kind, c in [
        ("GER", "AUH", "alliance", 0.9), ("GER", "ITA", "alliance", 0.5),
        ("AUH", "ITA", "alliance", 0.5), ("FRA", "RUS", "alliance", 0.8),
        ("GBR", "FRA", "entente", 0.5), ("GBR", "RUS", "entente", 0.4),
        ("RUS", "SRB", "alignment", 0.3), ("GER", "OTT", "coalition", 0.5),
        ("GBR", "BEL", "alignment", 0.3), ("AUH", "ROM", "alignment", 0.2),
    ]:
        world.set_tie(ix[a], ix[b], kind, c)
    return world


def demo_risks(world) -> dict:
    rng = np.random.default_rng(1)
    return {"abandonment": rng.uniform(0, 0.6, world.n), "entrapment": rng.uniform(0, 0.6, world.n)}


def main(argv: list[str] | None = None) -> int:
    import sys

    from PySide6.QtWidgets import QApplication

    argv = sys.argv if argv is None else argv
    app = QApplication.instance() or QApplication(argv)
    view = MapView()
    world = demo_world()
    view.set_world(world, demo_risks(world))
    view.set_presentation("--presentation" in argv)

    def moved(sid, lon, lat, _old_lon, _old_lat):  # the controller's part, in miniature
        world.lon[world.index[sid]], world.lat[world.index[sid]] = lon, lat
        view.set_world(world, demo_risks(world))

    def tie(a, b, kind):
        world.set_tie(world.index[a], world.index[b], kind, 0.6)
        view.set_world(world, demo_risks(world))

    def untie(a, b):
        world.remove_tie(world.index[a], world.index[b])
        view.set_world(world, demo_risks(world))

    view.stateMoved.connect(moved)
    view.tieRequested.connect(tie)
    view.tieRemoveRequested.connect(untie)
    view.resize(1200, 800)
    view.setWindowTitle("Alliance Sandbox: map view demo")
    view.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
