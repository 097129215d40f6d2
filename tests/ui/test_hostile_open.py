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
