"""File > Export: the turn on view as a map, charts, series or handout, at a size for slides.

The writing is `exports.py` (shared with `alliance-sandbox export`); this module only asks
where (`ask_path`, a small method tests answer) and at what size (the Size submenu: like the
map on screen, or a slide size, remembered for the session).
"""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu

from . import exports
from .file_actions import suggested_file_name

#: (text, size or None for the map's size on screen)
SIZES = (
    ("Like the Map on Screen", None),
    ("1280 × 720 (Slides, 16:9)", (1280, 720)),
    ("1920 × 1080 (HD Slides)", (1920, 1080)),
    ("1024 × 768 (4:3 Projector)", (1024, 768)),
)
#: (key, menu text, suffix, file-dialog filter)
ITEMS = (
    ("map_svg", "&Map as SVG…", ".svg", "SVG pictures (*.svg)"),
    ("map_pdf", "Map as &PDF…", ".pdf", "PDF documents (*.pdf)"),
    ("map_png", "Map as P&NG…", ".png", "PNG pictures (*.png)"),
    ("charts_svg", "&Charts as SVG…", ".svg", "SVG pictures (*.svg)"),
    ("charts_png", "Charts as PN&G…", ".png", "PNG pictures (*.png)"),
    ("series", "&Series as CSV…", ".csv", "CSV tables (*.csv)"),
    ("handout", "&Handout (one-page PDF)…", ".pdf", "PDF documents (*.pdf)"),
)


class ExportMenu(QObject):
    """The Export submenu of a window; `menu` goes into the File menu."""

    def __init__(self, window, controller) -> None:
        super().__init__(window)
        self.window, self.controller = window, controller
        self.menu = QMenu("E&xport", window)
        self.menu.setObjectName("exportMenu")
        self.actions: dict[str, QAction] = {}
        for key, text, suffix, file_filter in ITEMS:
            action = self.menu.addAction(text)
            action.setObjectName(f"export:{key}")
            action.triggered.connect(lambda _=False, k=key, s=suffix, f=file_filter: self.export(k, s, f))
            self.actions[key] = action
            if key in ("map_png", "charts_png"):
                self.menu.addSeparator()
        self.menu.addSeparator()
        sizes = self.menu.addMenu("Si&ze of Map and Charts")
        self.size_group = QActionGroup(self)
        for k, (text, size) in enumerate(SIZES):
            action = sizes.addAction(text)
            action.setCheckable(True)
            action.setData(size)
            action.setChecked(k == 1)
            self.size_group.addAction(action)
        self.size_menu = sizes

    # --- questions (tests answer them) ------------------------------------------------------
    def ask_path(self, title: str, suggested: str, file_filter: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self.window, title, suggested, file_filter)
        return path or None

    # --- doing it ------------------------------------------------------------------------------
    def export_size(self) -> tuple[int, int]:
        checked = self.size_group.checkedAction()
        size = checked.data() if checked is not None else None
        if size:
            return tuple(size)
        vp = self.window.map.viewport().size()
        return max(200, vp.width()), max(200, vp.height() + round(exports.TITLE_PX * 1.7))

    def suggested_path(self, key: str, suffix: str) -> str:
        record = self.controller.record
        stem = Path(suggested_file_name(self.controller.scenario.name)).stem
        what = key.split("_")[0]
        return os.path.join(self.window.files.last_folder(),
                            f"{stem}-{what}-turn{record.turn}-{record.lens.id}{suffix}")

    def export(self, key: str, suffix: str, file_filter: str) -> bool:
        """Ask where, then write; False when cancelled or failed (the error is shown)."""
        text = dict((k, t) for k, t, *_ in ITEMS)[key].replace("&", "").rstrip("…")
        path = self.ask_path(f"Export {text}", self.suggested_path(key, suffix), file_filter)
        if not path:
            return False
        if not path.lower().endswith(suffix):
            path += suffix
        c = self.controller
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if key.startswith("map"):
                exports.write_map(path, c.scenario.name, c.record, self.export_size(),
                                  presentation=self.window.map.presentation())
            elif key.startswith("charts"):
                exports.write_charts(path, c, self.export_size())
            elif key == "series":
                exports.write_series(path, c.history[: c.view_turn + 1])
            else:
                exports.write_handout(path, c)
        except exports.ExportError as error:
            self.window.show_error("Export failed", str(error))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self.window.statusBar().showMessage(f"Exported {text.lower()} to {path}", 8000)
        return True
