"""Starting the desktop app: `run_app(...)`, called by the command line (`alliance_sandbox.cli`).

Why the scenario is read before Qt starts: a wrong path or an invalid file is reported in
the terminal, field by field, with exit status 2, and no window flashes up.

`run_app(screenshot=...)` renders the window off screen (QT_QPA_PLATFORM=offscreen works)
and exits without entering the event loop: how docs and lesson sheets get their pictures.
"""
from __future__ import annotations

import os
import sys

from alliance_sandbox.scenario import ScenarioError, load_scenario

from .file_actions import APPLICATION, ORGANISATION, default_scenario


def run_app(path: str | None = None, screenshot: str | None = None, turns: int = 0,
            size=(1600, 1000), presentation: bool = False) -> int:
    """Open the main window on `path` (or the tutorial); 0 on success, 2 for a bad file."""
    try:
        scenario = load_scenario(path) if path else default_scenario()
    except ScenarioError as error:
        print("\n".join(str(problem) for problem in error.problems), file=sys.stderr)  # as `validate` prints
        return 2

    if screenshot and not _has_display():
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a picture needs no screen
    elif not screenshot and not _has_display():
        print("alliance-sandbox: no display found (DISPLAY and WAYLAND_DISPLAY are unset); "
              "run it on a desktop, or use --screenshot OUT.png", file=sys.stderr)
        return 2

    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from .desktop import set_identity
    from .main_window import MainWindow
    from .style import AppLook, install_base_style

    app = QApplication.instance()
    if app is None:
        QApplication.setOrganizationName(ORGANISATION)
        QApplication.setApplicationName(APPLICATION)
        app = QApplication(sys.argv[:1])
    set_identity(app)
    install_base_style(app)
    window = MainWindow(scenario, persist=screenshot is None, look=AppLook(app))
    if screenshot:
        return _screenshot(app, window, screenshot, turns, size, presentation)
    if not window.restored_geometry:  # first run: the asked size, unless the screen is smaller
        free = window.screen().availableGeometry()
        if free.width() < size[0] or free.height() < size[1]:
            window.setGeometry(free)  # also right where no window manager maximizes (a bare X server)
            window.setWindowState(Qt.WindowState.WindowMaximized)
        else:
            window.resize(*size)
    window.show()
    if window.autosave is not None:  # after a crash: offer the autosaved session
        QTimer.singleShot(0, window, window.autosave.offer_recovery)
    if presentation:
        window.set_presentation(True)
    if turns > 0:
        window.controller.step(turns)
    return app.exec()


def _screenshot(app, window, out: str, turns: int, size, presentation: bool) -> int:
    window.resize(*size)
    window.show()
    if presentation:
        window.set_presentation(True, fullscreen=False)  # off screen: keep the asked size
        window.resize(*size)
    app.processEvents()
    if turns > 0:
        window.controller.step(turns)
    for _ in range(3):  # layouts settle over a few passes (docks, the wrapped lens claim)
        app.processEvents()
    window.map.fit_all()
    app.processEvents()
    ok = window.grab().save(out)
    # Nothing to ask on close: the run is thrown away, and the layout is not saved (persist=False).
    window.controller.undo_stack.setClean()
    window.close()
    _dispose(app, window)
    if not ok:
        print(f"alliance-sandbox: could not write {out}", file=sys.stderr)
        return 1
    print(out)
    return 0


def _dispose(app, window) -> None:
    """Destroy the window while Qt is still up: left to interpreter teardown, the order in
    which Python frees the Qt objects can crash the process after the picture is saved."""
    from PySide6.QtCore import QEvent

    window.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()


def _has_display() -> bool:
    """Whether Qt can open a window here: a display, or a platform chosen on purpose."""
    env = os.environ
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY") or env.get("QT_QPA_PLATFORM")
                or sys.platform in ("win32", "darwin"))
