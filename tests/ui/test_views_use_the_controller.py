"""Views read the run through the controller's accessors, never through its `Simulation`.

Views that reach into `controller.sim` all depend on how the engine keeps a run (its history
list, its live world, its lens attribute), so a change there breaks views one by one. The
controller alone holds the run (`Controller._sim`) and exposes what views need.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

import alliance_sandbox.ui as ui

UI = Path(ui.__file__).parent
VIEWS = sorted(p for p in UI.glob("*.py") if p.name != "controller.py")
RUN_ATTRIBUTES = {"sim", "_sim"}


def _controller_aliases(tree: ast.AST) -> set[str]:
    """Local names bound to a controller (`c = self.controller`, `first = panes[0].controller`)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and ast.unparse(node.value).endswith("controller"):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


def run_reads(source: str) -> list[str]:
    """`controller.sim`-like reads in `source`: any `._sim`, `.sim` of a controller, and a read
    through the `run` handle (`controller.run.history`; passing the handle on is fine)."""
    tree = ast.parse(source)
    aliases = _controller_aliases(tree)

    def is_controller(node: ast.AST) -> bool:
        base = ast.unparse(node)
        return base.endswith("controller") or base in aliases

    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute):
            continue
        inner = node.value
        if (node.attr == "_sim" or node.attr in RUN_ATTRIBUTES and is_controller(inner)
                or isinstance(inner, ast.Attribute) and inner.attr == "run" and is_controller(inner.value)):
            found.append((node.lineno, f"line {node.lineno}: {ast.unparse(node)}"))
    return [text for _line, text in sorted(found)]


def test_the_check_finds_the_ways_a_view_could_reach_the_run():
    source = ("def f(self, pane):\n    c = self.controller\n    a = self.controller.sim.history\n"
              "    b = c.sim.lens\n    d = pane.controller._sim\n    e = branch.sim\n"
              "    g = c.run.world\n    keep(self.controller.run)\n")
    assert run_reads(source) == ["line 3: self.controller.sim", "line 4: c.sim", "line 5: pane.controller._sim",
                                 "line 7: c.run.world"]


@pytest.mark.parametrize("path", VIEWS, ids=lambda p: p.name)
def test_no_view_reads_the_controllers_simulation(path):
    assert run_reads(path.read_text(encoding="utf-8")) == [], \
        f"{path.name} reads the controller's Simulation: use an accessor of ui/controller.py"


def test_the_controller_has_no_public_simulation(controller):
    """A view written against the old attribute fails at once, not on some later code path."""
    assert not hasattr(controller, "sim")
    assert controller.history[0] is controller.record and controller.latest_turn == 0
