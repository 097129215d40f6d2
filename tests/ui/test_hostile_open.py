"""A hostile file opened in the app (File > Open, a drop, Open Recent) gives a dialog that
names the file, the field and the reason; never a traceback, and nothing changes."""
from __future__ import annotations

import json

import pytest
from modal_answerer import ModalAnswerer
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from alliance_sandbox.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(r"does not support propagateSizeHints")  # offscreen platform

SMALL = {"schema_version": 1, "name": "Hostile", "states": [
    {"id": "A", "name": "A", "capability": 1, "lon": 0, "lat": 0},
    {"id": "B", "name": "B", "capability": 1, "lon": 5, "lat": 5}]}


def hostile(kind: str) -> str:
    if kind == "nested 500 deep":
        return json.dumps(SMALL)[:-1] + ', "_x": ' + "[" * 500 + "]" * 500 + "}"
    if kind == "lone surrogate":
        return json.dumps(SMALL).replace('"name": "A"', '"name": "A\\ud800"')
    if kind == "capability 1.7e308":
        return json.dumps(SMALL).replace('"capability": 1,', '"capability": 1.7e308,', 1)
    raise ValueError(kind)


FIELDS = {"nested 500 deep": "_x[0]", "lone surrogate": "states[0].name", "capability 1.7e308": "states[0].capability"}


def _drop(window, path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(window.rect().center(), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(window.rect().center()), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)


@pytest.mark.parametrize("how", ["open", "drop", "recent"])
@pytest.mark.parametrize("kind", list(FIELDS))
def test_a_hostile_file_gets_a_dialog_and_changes_nothing(qtbot, window, tmp_path, kind, how):
    path = tmp_path / "hostile.json"
    path.write_text(hostile(kind), encoding="utf-8")
    del window.show_error  # the real message box, answered below
    before = window.controller.scenario.name
    with ModalAnswerer() as answerer:
        if how == "open":
            window.ask_open_path = lambda: str(path)
            window.acts["open"].trigger()
        elif how == "drop":
            _drop(window, path)
        else:
            window.files.recent.add(path)
            menu = window.menus["recent"]
            window.files.populate_recent(menu)
            menu.actions()[0].trigger()
        qtbot.waitUntil(lambda: bool(answerer.seen), timeout=3000)
    (title, text), = answerer.seen
    assert title == "Cannot open this scenario"
    assert str(path) in text and f"• {FIELDS[kind]}" in text
    assert "Traceback" not in text and "Error" not in text
    assert window.controller.scenario.name == before
    assert isinstance(window, MainWindow) and window.isVisible()


def _valid(kind: str) -> dict:
    states = [{"id": f"S{i}", "name": f"State {i}", "capability": 1 + i, "lon": -170 + 3 * i % 340,
               "lat": -60 + 7 * i % 120} for i in range(12)]
    data = {"schema_version": 1, "name": kind, "states": states, "ties": [{"a": "S0", "b": "S1", "kind": "alliance"}]}
    if kind == "all on one spot":
        for state in states:
            state["lon"] = state["lat"] = 0
    elif kind == "one giant, the rest nothing":
        for state in states:
            state["capability"] = 0
        states[3]["capability"] = 1e9
    elif kind == "a single state":
        data["states"], data["ties"] = states[:1], []
    elif kind == "the largest world":
        data["states"] = [{"id": f"S{i}", "name": "N" * 200, "capability": 1, "lon": (i * 7.3) % 360 - 180,
                           "lat": (i * 3.1) % 180 - 90} for i in range(500)]
        data["ties"] = [{"a": f"S{i}", "b": f"S{i + 1}", "kind": "alignment"} for i in range(499)]
    elif kind == "rich text in names":
        states[0]["name"] = '<img src="/etc/passwd"><h1 style="font-size:400px">Big</h1>'
    return data


@pytest.mark.parametrize("kind", ["all on one spot", "one giant, the rest nothing", "a single state",
                                  "the largest world", "rich text in names"])
def test_an_extreme_but_valid_file_opens_runs_and_draws(qtbot, window, tmp_path, kind):
    path = tmp_path / "extreme.json"
    path.write_text(json.dumps(_valid(kind)), encoding="utf-8")
    assert window.files.open_path(path), window.shown_errors
    for key in (Qt.Key.Key_Space, Qt.Key.Key_Space, Qt.Key.Key_F, Qt.Key.Key_Left, Qt.Key.Key_Space):
        qtbot.keyClick(window, key)
    window.controller.select(window.controller.history[-1].world.ids[0])
    assert not window.grab().isNull()
    assert len(window.controller.history) == 3 and not window.shown_errors


HOSTILE_NAME = '<img src="/etc/passwd"><h1 style="font-size:400px">Big</h1>'


def test_names_from_a_file_are_shown_as_plain_text(qtbot, window, tmp_path):
    """A name holding HTML must not resize the panel or load a local image: every label
    showing it takes it as plain text (or shows it escaped)."""
    from PySide6.QtWidgets import QLabel

    data = _valid("rich text in names")
    path = tmp_path / "rich.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert window.files.open_path(path)
    window.controller.select("S0")  # the inspector shows it, with its ties (S0-S1)
    window.controller.select("S1")  # S0 as a partner in S1's ties
    window.controller.select("S0")
    qtbot.keyClick(window, Qt.Key.Key_Space)
    shown = [label for label in window.findChildren(QLabel) if "<img" in label.text()]
    assert shown, "the name is shown somewhere"
    rich = [label.objectName() or label.text()[:40] for label in shown
            if label.textFormat() != Qt.TextFormat.PlainText]
    assert not rich, f"labels that render a file's text as HTML: {rich}"
