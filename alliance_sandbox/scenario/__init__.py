"""Scenario files: load, validate (every problem, field by field), migrate, save atomically,
and convert to and from the engine's `World`. No Qt here (see pyproject's import contracts).

    sc = load_scenario("assets/scenarios/europe_1914.json")
    world = build_world(sc)
    save_scenario(scenario_from_world(world, template=sc), "saves/mine.json")

The format is defined field by field in `fields.py`; docs/scenario-format.md describes it.
"""
from .convert import build_world, scenario_from_world
from .errors import Problem, ScenarioError
from .fields import LENS_IDS, MAX_FILE_BYTES, MAX_STATES, SCHEMA_VERSION
from .files import load_scenario, loads_scenario, save_scenario, scenario_to_data
from .model import AffinitySpec, Scenario, ShockSpec, StateSpec, TieSpec
from .schema import json_schema
from .validate import validate_data

__all__ = [
    "AffinitySpec",
    "LENS_IDS",
    "MAX_FILE_BYTES",
    "MAX_STATES",
    "Problem",
    "SCHEMA_VERSION",
    "Scenario",
    "ScenarioError",
    "ShockSpec",
    "StateSpec",
    "TieSpec",
    "build_world",
    "json_schema",
    "load_scenario",
    "loads_scenario",
    "save_scenario",
    "scenario_from_world",
    "scenario_to_data",
    "validate_data",
]
