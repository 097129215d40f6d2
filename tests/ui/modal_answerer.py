"""Answers modal dialogs while a test runs, as a user would: reads them, then closes them.

A modal box (QMessageBox.warning, QFileDialog...) runs its own event loop, so the test
cannot click it after the call; a timer in that loop can. `ModalAnswerer` checks every
few milliseconds for an active modal widget, records its title and text, and answers it
(the given button for a message box, Cancel for anything else).
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox


class ModalAnswerer(QObject):
    def __init__(self, button: QMessageBox.StandardButton | None = None, interval_ms: int = 10) -> None:
        super().__init__()
        self.button = button
        self.seen: list[tuple[str, str]] = []
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._answer)

    def __enter__(self) -> ModalAnswerer:
        self.timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self.timer.stop()

    def _answer(self) -> None:
        widget = QApplication.activeModalWidget()
        if widget is None:
            return
        if isinstance(widget, QMessageBox):
            self.seen.append((widget.windowTitle(), widget.text() + "\n" + widget.informativeText()))
            button = widget.button(self.button) if self.button is not None else None
            if button is None:
                button = widget.escapeButton() or widget.defaultButton()
            if button is not None:
                button.click()
            else:
                widget.done(0)
        elif isinstance(widget, QDialog):
            self.seen.append((widget.windowTitle(), ""))
            widget.reject()
        else:
            self.seen.append((widget.windowTitle(), ""))
            widget.close()
