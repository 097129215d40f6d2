"""Starting the desktop app: `main(argv)` for `python main.py`, `run_app(...)` for the CLI.

Why the scenario is read before Qt starts: a wrong path or an invalid file is reported in
the terminal, field by field, with exit status 2, and no window flashes up.

`run_app(screenshot=...)` renders the window off screen (QT_QPA_PLATFORM=offscreen works)
and exits without entering the event loop: how docs and lesson sheets get their pictures.
"""
from __future__ import annotations

import argparse
import sys

from alliance_sandbox.scenario import ScenarioError, load_scenario

from .file_actions import APPLICATION, ORGANISATION, default_scenario, problems_text


def _parse_size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"size must look like 1600x1000, got {text!r}") from None
    if not (320 <= width <= 10000 and 240 <= height <= 10000):
        raise argparse.ArgumentTypeError(f"size out of range: {text}")
    return width, height


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="alliance-sandbox", description="Watch alliance theory at work.")
    parser.add_argument("file", nargs="?", help="scenario file to open (default: the tutorial)")
    parser.add_argument("--screenshot", metavar="OUT.png", help="save a picture of the window and exit")
    parser.add_argument("--turns", type=int, default=0, help="turns to run before the screenshot")
    parser.add_argument("--size", type=_parse_size, default=(1600, 1000), metavar="WxH",
                        help="window size for the screenshot (default 1600x1000)")
    parser.add_argument("--presentation", action="store_true", help="start in presentation mode")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    return run_app(args.file, screenshot=args.screenshot, turns=args.turns, size=args.size,
                   presentation=args.presentation)


def run_app(path: str | None = None, screenshot: str | None = None, turns: int = 0,
            size=(1600, 1000), presentation: bool = False) -> int:
    """Open the main window on `path` (or the tutorial); 0 on success, 2 for a bad file."""
    try:
        scenario = load_scenario(path) if path else default_scenario()
    except ScenarioError as error:
        print(f"alliance-sandbox: cannot open {path}:", file=sys.stderr)
        print(problems_text(error), file=sys.stderr)
        return 2

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from .main_window import MainWindow
    from .style import AppLook, install_base_style

    app = QApplication.instance()
    if app is None:
        QApplication.setOrganizationName(ORGANISATION)
        QApplication.setApplicationName(APPLICATION)
        QApplication.setApplicationDisplayName("Alliance Sandbox")
        app = QApplication(sys.argv[:1])
    install_base_style(app)
    window = MainWindow(scenario, persist=screenshot is None, look=AppLook(app))
    if screenshot:
        return _screenshot(app, window, screenshot, turns, size, presentation)
    if not window.restored_geometry:  # first run: the asked size, unless the screen is smaller
        free = window.screen().availableGeometry()
        if free.width() < size[0] or free.height() < size[1]:
            window.setWindowState(Qt.WindowState.WindowMaximized)
        else:
            window.resize(*size)
    window.show()
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
    if not ok:
        print(f"alliance-sandbox: could not write {out}", file=sys.stderr)
        return 1
    print(out)
    return 0
