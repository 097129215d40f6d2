"""Set-up the dock tests share: a four-state scenario, its controller, a dock shown alone.

(Qt runs off screen: tests/conftest.py sets QT_QPA_PLATFORM before any test imports Qt.)
"""
import copy
import json

import pytest

#: Four states and one alliance (Borealis-Caledon); Aurelia is strong, aggressive and
#: revisionist, so something happens within a few turns.
DOCK_SCENARIO = {
    "schema_version": 1,
    "name": "t",
    "start_year": 1914,
    "states": [
        {"id": "A", "name": "Aurelia", "capability": 3, "lon": 10, "lat": 50, "offense": 0.8,
         "aggression": 0.8, "satisfaction": -0.5},
        {"id": "B", "name": "Borealis", "capability": 2, "lon": 20, "lat": 55},
        {"id": "C", "name": "Caledon", "capability": 1.5, "lon": 0, "lat": 45},
        {"id": "D", "name": "Dravia", "capability": 1, "lon": 25, "lat": 45},
    ],
    "ties": [{"a": "B", "b": "C", "kind": "alliance", "commitment": 0.7}],
}


@pytest.fixture
def dock_scenario():
    """DOCK_SCENARIO as a fresh dict, to change in a test."""
    return copy.deepcopy(DOCK_SCENARIO)


@pytest.fixture
def make_controller(qtbot):
    """make_controller(data=None): a Controller on a scenario dict (DOCK_SCENARIO by default)."""
    from alliance_sandbox.scenario import loads_scenario
    from alliance_sandbox.ui.controller import Controller

    def make(data: dict | None = None):
        return Controller(loads_scenario(json.dumps(data or DOCK_SCENARIO)))

    return make


@pytest.fixture
def controller(make_controller):
    return make_controller()


@pytest.fixture
def show_dock(qtbot):
    """show_dock(dock, width, height): the dock as a window of its own, shown and exposed."""
    def show(dock, width: int, height: int):
        qtbot.addWidget(dock)
        dock.resize(width, height)
        dock.show()
        qtbot.waitExposed(dock)
        return dock

    return show
