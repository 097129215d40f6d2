"""Can a machine read the state names on the map? OCR (tesseract) on the app's window.

Issue 8 asks that a class read at least three quarters of the state names of every bundled
scenario on a 1024x768 projector. A person judges the gallery (docs/gallery/); this tool gives
the same judgement a number: it renders each scenario as `--screenshot --presentation` does,
runs tesseract on the picture, and counts the states whose name or short name it read.

    .venv/bin/python tools/check_label_ocr.py [--size 1024x768] [--turns 0 8] [--min 0.75] [FILE ...]

Prints one line per scenario and turn (ratio, and the names not read); exits 1 when a ratio is
below --min, 2 when tesseract is missing. tests/ui/test_label_ocr.py runs it (skipped without
tesseract).
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SCENARIOS = REPO / "assets" / "scenarios"


def _words(text: str) -> str:
    """Upper-case letters only, words separated by one space: what OCR and names are compared as."""
    return " " + " ".join(re.sub(r"[^A-Z]+", " ", text.upper()).split()) + " "


def read_names(image_paths: list[str], names: list[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """(read, not read): the names (full, short) tesseract finds in any of the pictures."""
    texts = []
    for image_path in image_paths:
        for psm in ("11", "3"):  # sparse text (labels) and a page: each finds some the other misses
            run = subprocess.run(["tesseract", image_path, "stdout", "--psm", psm],
                                 capture_output=True, text=True, timeout=120)
            texts.append(run.stdout)
    seen = _words(" ".join(texts))
    read, missed = [], []
    for name, short in names:
        forms = [f for f in (name, short) if f]
        ok = any(_words(f) in seen for f in forms)
        (read if ok else missed).append(name)
    return read, missed


def _ink_only(image):
    """Black where the picture is near-black (text, ties, outlines), white elsewhere: land,
    sea and colours are noise to OCR, the letters are what a reader reads."""
    import numpy as np
    from PySide6.QtGui import QImage

    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = gray.width(), gray.height(), gray.bytesPerLine()
    pixels = np.frombuffer(gray.constBits(), dtype=np.uint8).reshape(height, stride)[:, :width]
    ink = np.where(pixels < 90, 0, 255).astype(np.uint8)
    out = QImage(ink.tobytes(), width, height, width, QImage.Format.Format_Grayscale8)
    return out.copy()


def render(app, path: Path, turns: int, size: tuple[int, int], out: str) -> list[tuple[str, str]]:
    """Draw the scenario's map as the projector shows it and save it three times the size
    (tesseract reads small bold text better enlarged), once as drawn and once as ink only;
    return each state's (name, short name)."""
    from PySide6.QtCore import Qt

    from alliance_sandbox.scenario import load_scenario
    from alliance_sandbox.ui.main_window import MainWindow

    window = MainWindow(load_scenario(path), persist=False)
    window.resize(*size)
    window.show()
    window.set_presentation(True, fullscreen=False)
    window.resize(*size)
    app.processEvents()
    if turns:
        window.controller.step(turns)
    for _ in range(3):
        app.processEvents()
    window.map.fit_all()
    app.processEvents()
    image = window.map.grab().toImage()
    big = image.scaled(image.width() * 3, image.height() * 3, Qt.AspectRatioMode.KeepAspectRatio,
                       Qt.TransformationMode.SmoothTransformation)
    big.save(out)
    _ink_only(big).save(out.replace(".png", "-ink.png"))
    world = window.controller.record.world
    # a state that joined another (World.joined) is not drawn, so not counted
    names = [(world.names[i], world.short_names[i]) for i in range(world.n) if world.joined[i] < 0]
    window.controller.undo_stack.setClean()
    window.close()
    window.deleteLater()
    app.processEvents()
    return names


def check(paths: list[Path], turns: list[int], size: tuple[int, int]) -> list[tuple[str, int, float, list[str]]]:
    """(scenario, turn, share of names read, names not read) for each scenario and turn."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for path in paths:
            for turn in turns:
                out = str(Path(tmp) / f"{path.stem}-{turn}.png")
                names = render(app, path, turn, size, out)
                read, missed = read_names([out, out.replace(".png", "-ink.png")], names)
                results.append((path.stem, turn, len(read) / max(1, len(names)), missed))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="scenarios (default: every bundled one)")
    parser.add_argument("--size", default="1024x768")
    parser.add_argument("--turns", type=int, nargs="+", default=[0, 8])
    parser.add_argument("--min", type=float, default=0.75, help="the share of names that must be read")
    args = parser.parse_args(argv)
    if shutil.which("tesseract") is None:
        print("check_label_ocr: tesseract is not installed (apt-get install tesseract-ocr)", file=sys.stderr)
        return 2
    width, height = (int(v) for v in args.size.lower().split("x"))
    paths = args.files or sorted(SCENARIOS.glob("*.json"))
    failed = False
    for name, turn, ratio, missed in check(paths, args.turns, (width, height)):
        low = ratio < args.min
        failed |= low
        print(f"{'LOW ' if low else 'ok  '} {name} turn {turn}: {100 * ratio:.0f}% of the names read"
              + (f"; not read: {', '.join(missed)}" if missed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
