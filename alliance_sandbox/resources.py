"""Where the program's own files are, and where the user's go: the one place that knows.

Why a module for it: the scenarios, the world map, the schema and the icon live in the
repository's top-level `assets/` (tools regenerate them there), and the wheel carries the
same folder inside the package as `alliance_sandbox.assets` (see `setup.py`); so with the
docs' pages (`docs/*.md`, `alliance_sandbox.docs`), which Help opens. Every reader
asks here, so an installed app finds its examples and map exactly as a checkout does.

The user's files: a checkout saves to `saves/` beside the code (what a teacher who cloned
the repository expects); an installed app saves to the user's data folder (platformdirs:
`~/.local/share/alliance-sandbox` on Linux), which also holds the autosaved session.
`ALLIANCE_SANDBOX_DATA_DIR` overrides that folder (tests; a portable install).

No Qt here: the command line and the scenario code use it too.
"""
from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources
from pathlib import Path

#: The program's name on disk (data folder, .desktop file, icon).
APP_ID = "alliance-sandbox"
#: The environment variable that moves the user's data folder.
DATA_DIR_VARIABLE = "ALLIANCE_SANDBOX_DATA_DIR"

_PACKAGE_ROOT = Path(__file__).resolve().parent
#: The repository, when the package runs from a checkout (editable install or `python main.py`).
CHECKOUT = _PACKAGE_ROOT.parent if (_PACKAGE_ROOT.parent / "pyproject.toml").is_file() \
    and (_PACKAGE_ROOT.parent / "assets").is_dir() else None


def _bundled(folder: str) -> Path:
    """A top-level folder of the checkout (tools write there), else the package data of the
    same name an installed wheel carries (setup.py)."""
    if CHECKOUT is not None:
        return CHECKOUT / folder
    packaged = resources.files("alliance_sandbox") / folder  # a Path for an installed wheel
    return Path(str(packaged)) if isinstance(packaged, Path) else _PACKAGE_ROOT / folder


@lru_cache(maxsize=1)
def assets_dir() -> Path:
    """The folder of bundled files: scenarios, map, schema, icon."""
    return _bundled("assets")


def docs_dir() -> Path:
    """The docs' pages (markdown) that Help opens inside the app."""
    return _bundled("docs")


def asset(*parts: str) -> Path:
    """A bundled file, e.g. asset("world_110m.json")."""
    return assets_dir().joinpath(*parts)


def scenario_dir() -> Path:
    return asset("scenarios")


def world_map_path() -> Path:
    return asset("world_110m.json")


def schema_path() -> Path:
    return asset("scenario.schema.json")


def icon_path() -> Path:
    return asset("icon.svg")


def data_dir() -> Path:
    """The user's data folder (created on first use): autosaves; saves when installed."""
    folder = user_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def user_data_dir() -> Path:
    """The user's data folder, not created (`data_dir()` creates it)."""
    override = os.environ.get(DATA_DIR_VARIABLE)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False))


def saves_dir() -> Path:
    """Where File > Save suggests putting a new scenario (not created: the caller does)."""
    return CHECKOUT / "saves" if CHECKOUT is not None else user_data_dir() / "saves"
