"""A machine reads the state names off the projector's map (tools/check_label_ocr.py):
at least three quarters of them on the hardest bundled maps. Skipped without tesseract."""
import importlib.util
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
def test_ocr_reads_three_quarters_of_the_names_on_the_projector():
    spec = importlib.util.spec_from_file_location("check_label_ocr", ROOT / "tools" / "check_label_ocr.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    paths = [ROOT / "assets" / "scenarios" / f"{name}.json" for name in ("cold-war-1955", "east-asia")]
    for name, turn, ratio, missed in tool.check(paths, [0], (1024, 768)):
        assert ratio >= 0.75, (name, turn, missed)
    # the crowded one: Europe after the Soviet collapse, many labels beside their discs
    hardest = [ROOT / "assets" / "scenarios" / "end-of-cold-war-1989.json"]
    for name, turn, ratio, missed in tool.check(hardest, [8], (1024, 768)):
        assert ratio >= 0.75, (name, turn, missed)
