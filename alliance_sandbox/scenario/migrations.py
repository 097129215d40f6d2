"""Converting files of older format versions to the current one, one version at a time.

Each migration is a small function registered with ``@migrator(from_version)``: it takes
the parsed JSON of version N and returns the JSON of version N + 1. They work on a copy,
never touch the file, and leave anything they do not recognise in place for the validator
to report (a migration must never raise on a malformed file).

History
-------
0 -> 1
    Version 0 is the pre-release draft format: no "schema_version" key (or 0); states said
    "power" for "capability" and "intentions" for "aggression"; ties were a list
    "alliances" with "strength" for "commitment" and no "kind" (all were alliances).
"""
from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from .fields import SCHEMA_VERSION

Migration = Callable[[dict], dict]

#: from_version -> function converting a file of that version to from_version + 1.
MIGRATIONS: dict[int, Migration] = {}


def migrator(from_version: int) -> Callable[[Migration], Migration]:
    """Register a function converting the format `from_version` to `from_version + 1`."""

    def register(function: Migration) -> Migration:
        if from_version in MIGRATIONS:
            raise ValueError(f"two migrations from version {from_version}")
        MIGRATIONS[from_version] = function
        return function

    return register


def file_version(data: dict) -> Any:
    """The version a parsed file declares: a missing key means the version 0 draft."""
    return data.get("schema_version", 0)


def migrate(data: dict, version: int) -> dict:
    """`data` (of format `version`) converted to SCHEMA_VERSION; a new dict, `data` untouched."""
    data = copy.deepcopy(data)
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        data["schema_version"] = version
    return data


def _rename(record: Any, old: str, new: str) -> None:
    """Rename a key of a dict in place, keeping its position; no-op if the new key exists."""
    if isinstance(record, dict) and old in record and new not in record:
        items = [(new if key == old else key, value) for key, value in record.items()]
        record.clear()
        record.update(items)


@migrator(0)
def v0_to_v1(data: dict) -> dict:
    """The draft format -> version 1 (see the module docstring)."""
    states = data.get("states")
    if isinstance(states, list):
        for state in states:
            _rename(state, "power", "capability")
            _rename(state, "intentions", "aggression")
    if "alliances" in data:
        alliances = data.pop("alliances")
        if isinstance(alliances, list):
            converted = []
            for tie in alliances:
                if isinstance(tie, dict):
                    tie = dict(tie)
                    _rename(tie, "strength", "commitment")
                    tie.setdefault("kind", "alliance")
                    # put "kind" after "b", where version 1 writes it
                    order = ["a", "b", "kind"]
                    tie = {**{k: tie[k] for k in order if k in tie},
                           **{k: v for k, v in tie.items() if k not in order}}
                converted.append(tie)
            alliances = converted
        ties = data.get("ties")
        if "ties" not in data:
            data["ties"] = alliances
        elif isinstance(ties, list) and isinstance(alliances, list):
            data["ties"] = ties + alliances
        else:  # nothing sensible to merge: let the validator name the key
            data["alliances"] = alliances
    return data
