"""The wheel is a working app: built from this checkout, installed in a fresh environment
outside it, it finds its examples, its world map and its schema, and draws what the
checkout draws (not the built-in fallback over a blank grid).

Fast and offline: the wheel is built with the suite's own setuptools (no build isolation,
no index), and the fresh environment borrows the suite's installed dependencies through a
.pth line instead of downloading them. The suite's own (editable) copy of the package is not
visible there: a .pth line adds a folder, not the .pth files inside it.
"""
from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: What a wheel is built from; everything else in the checkout must not matter.
SOURCES = ("pyproject.toml", "setup.py", "README.md", "alliance_sandbox", "assets", "docs")


def _run(args, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=300, **kwargs)
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(python, alliance-sandbox script, environment, working folder) of a fresh install."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    source.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(ROOT / name, source / name)
    dist = base / "dist"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
          "--disable-pip-version-check", "-q", "-w", dist, source])
    wheel = next(dist.glob("alliance_sandbox-*.whl"))

    venv = base / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv])
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    purelib = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    (purelib / "borrowed_from_the_suite.pth").write_text(
        "\n".join(site.getsitepackages() + [site.getusersitepackages()]) + "\n", encoding="utf-8")
    _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index",
          "--disable-pip-version-check", "-q", wheel])

    work = base / "elsewhere"
    work.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    env.update(QT_QPA_PLATFORM="offscreen", ALLIANCE_SANDBOX_DATA_DIR=str(base / "data"),
               XDG_CONFIG_HOME=str(base / "config"), HOME=str(base / "home"))
    script = bin_dir / ("alliance-sandbox.exe" if os.name == "nt" else "alliance-sandbox")
    return python, script, env, work, wheel


def test_the_wheel_carries_every_file_of_assets(installed):
    wheel = installed[-1]
    with zipfile.ZipFile(wheel) as archive:
        carried = {name.removeprefix("alliance_sandbox/assets/") for name in archive.namelist()
                   if name.startswith("alliance_sandbox/assets/")}
    on_disk = {path.relative_to(ROOT / "assets").as_posix() for path in (ROOT / "assets").rglob("*")
               if path.is_file() and "__pycache__" not in path.parts}
    assert carried == on_disk


def test_the_wheel_carries_every_page_of_docs(installed):
    """Help opens these inside the app, and their links lead to one another."""
    wheel = installed[-1]
    with zipfile.ZipFile(wheel) as archive:
        carried = {name.removeprefix("alliance_sandbox/docs/") for name in archive.namelist()
                   if name.startswith("alliance_sandbox/docs/")}
    assert carried == {path.name for path in (ROOT / "docs").glob("*.md")}


HELP_CHECK = """
import json
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
from alliance_sandbox.ui.help_browser import DOCS, PAGES, help_actions
window = QMainWindow()
errors = []
window.show_error = lambda *args: errors.append(args)
shown = {}
for action in help_actions(window):
    action.trigger()
    shown[action.objectName()] = window.help_window.browser.toPlainText()
print(json.dumps({"docs": str(DOCS), "pages": [key for key, _, _ in PAGES], "shown": shown, "errors": errors}))
"""


def test_the_installed_help_opens_its_pages(installed):
    """Help > Teacher's Guide and Lens Reference in an installed app show the pages (the menu
    offered no entry at all before the wheel carried the docs)."""
    python, _script, env, work, _wheel = installed
    found = json.loads(_run([python, "-c", HELP_CHECK], env=env, cwd=work).stdout)
    assert Path(found["docs"]).is_relative_to(python.parents[1])
    assert sorted(found["shown"]) == sorted(f"help:{key}" for key in found["pages"])
    assert not found["errors"]
    from alliance_sandbox.ui.help_browser import PAGES

    for key, _text, name in PAGES:
        heading = (ROOT / "docs" / name).read_text(encoding="utf-8").splitlines()[0].lstrip("# ").strip()
        assert heading in found["shown"][f"help:{key}"]


def test_the_installed_package_carries_its_assets(installed):
    python, _script, env, work, _wheel = installed
    code = (
        "import json, alliance_sandbox\n"
        "from alliance_sandbox import resources\n"
        "from alliance_sandbox.ui.file_actions import bundled_scenarios, default_scenario, SAVES_DIR\n"
        "print(json.dumps({'package': alliance_sandbox.__file__, 'checkout': str(resources.CHECKOUT),\n"
        "  'assets': str(resources.assets_dir()), 'map': resources.world_map_path().is_file(),\n"
        "  'schema': resources.schema_path().is_file(), 'icon': resources.icon_path().is_file(),\n"
        "  'examples': sorted(p.name for _, p in bundled_scenarios()), 'default': default_scenario().name,\n"
        "  'saves': str(SAVES_DIR)}))\n"
    )
    found = json.loads(_run([python, "-c", code], env=env, cwd=work).stdout)
    venv = python.parents[1]
    assert Path(found["package"]).is_relative_to(venv), "the suite's copy was imported, not the wheel's"
    assert found["checkout"] == "None"
    assert Path(found["assets"]).is_relative_to(venv)
    assert found["map"] and found["schema"] and found["icon"]
    assert found["examples"] == sorted(p.name for p in (ROOT / "assets" / "scenarios").glob("*.json"))
    tutorial = json.loads((ROOT / "assets" / "scenarios" / "tutorial.json").read_text(encoding="utf-8"))
    assert found["default"] == tutorial["name"]
    assert Path(found["saves"]) == Path(env["ALLIANCE_SANDBOX_DATA_DIR"]) / "saves"


def test_the_installed_command_validates_a_bundled_example_and_knows_its_version(installed):
    python, script, env, work, _wheel = installed
    from alliance_sandbox import __version__

    assert __version__ in _run([script, "--version"], env=env, cwd=work).stdout
    example = _run([python, "-c", "from alliance_sandbox import resources; "
                    "print(resources.scenario_dir() / 'europe-1914.json')"], env=env, cwd=work).stdout.strip()
    assert "ok:" in _run([script, "validate", example], env=env, cwd=work).stdout


def test_the_installed_app_draws_what_the_checkout_draws(installed, tmp_path):
    """The screenshot of the installed app is the checkout's, pixel for pixel (within a
    tolerance): the same example on the same world map, not the fallback on a blank grid."""
    _python, script, env, work, _wheel = installed
    args = ["--screenshot", "{out}", "--size", "900x640"]
    wheel_png, checkout_png = tmp_path / "wheel.png", tmp_path / "checkout.png"
    _run([script, *(a.format(out=wheel_png) for a in args)], env=env, cwd=work)
    checkout_env = dict(env, PYTHONPATH=str(ROOT))
    _run([sys.executable, "-m", "alliance_sandbox.cli", *(a.format(out=checkout_png) for a in args)],
         env=checkout_env, cwd=work)
    from PySide6.QtGui import QImage

    a, b = QImage(str(wheel_png)), QImage(str(checkout_png))
    assert a.size() == b.size() and not a.isNull()
    width, height = a.width(), a.height()
    step = 3
    differ = sum(a.pixel(x, y) != b.pixel(x, y) for x in range(0, width, step) for y in range(0, height, step))
    assert differ / ((width // step + 1) * (height // step + 1)) < 0.01
