"""Every public method of a UI class is one the app uses: what only tests read goes in
tests/ui/peek.py, so a view's API is what the program needs and no more.

The map modules (ui/map_*.py, ui/world_map.py) are left out: the map is still being reworked
in another branch.
"""
from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import pytest

import alliance_sandbox
import alliance_sandbox.ui as ui

PACKAGE = Path(alliance_sandbox.__file__).parent
UI = Path(ui.__file__).parent
CHECKED = sorted(p for p in UI.glob("*.py")
                 if not p.name.startswith("map_") and p.name not in ("world_map.py", "__init__.py"))


def names_used(paths) -> set[str]:
    """Every attribute read, name and identifier-like string (getattr, signal names) in `paths`."""
    used = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute):
                used.add(node.attr)
            elif isinstance(node, ast.Name):
                used.add(node.id)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.isidentifier():
                used.add(node.value)
    return used


def public_methods(path: Path):
    """(class, method name) of the public methods a module's classes define themselves, less
    Qt's own (an override such as QUndoCommand.redo is called by Qt)."""
    module = importlib.import_module(f"alliance_sandbox.ui.{path.stem}")
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if not isinstance(node, ast.ClassDef):
            continue
        cls = getattr(module, node.name)
        qt_bases = [base for base in inspect.getmro(cls)[1:] if base.__module__.startswith(("PySide6", "shiboken6"))]
        for item in node.body:
            if (isinstance(item, ast.FunctionDef) and not item.name.startswith("_")
                    and not any(hasattr(base, item.name) for base in qt_bases)):
                yield node.name, item.name


def test_the_check_sees_a_method_nobody_calls(tmp_path):
    source = tmp_path / "m.py"
    source.write_text("class A:\n    def used(self): ...\n    def unused(self): ...\nA().used()\n")
    tree = ast.parse(source.read_text())
    defined = {item.name for item in tree.body[0].body}
    assert defined - names_used([source]) == {"unused"}


@pytest.mark.parametrize("path", CHECKED, ids=lambda p: p.name)
def test_every_public_method_is_used_by_the_app(qapp, path):
    used = names_used(p for p in PACKAGE.rglob("*.py"))
    unused = [f"{cls}.{name}" for cls, name in public_methods(path) if name not in used]
    assert unused == [], f"{path.name}: only tests call {unused}: move them to tests/ui/peek.py"
