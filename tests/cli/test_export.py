"""`alliance-sandbox export`, through the real command and with no display: every file read back."""
import csv
import io
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET

import pytest
from test_cli import EUROPE_1936, cli, scenario, write

SVG = "{http://www.w3.org/2000/svg}"
NAMES = ["Aurelia", "Borduria", "Calvinia", "Dravia"]


def png_size(path):
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def svg_texts(path):
    root = ET.parse(path).getroot()
    return " ".join("".join(node.itertext()) for node in root.iter(f"{SVG}text"))


def test_every_export_is_written_and_reads_back(tmp_path):
    path = write(tmp_path, scenario())
    out = {k: tmp_path / name for k, name in
           (("map", "map.svg"), ("charts", "charts.svg"), ("series", "series.csv"), ("handout", "handout.pdf"))}
    result = cli("export", path, "--turns", "4", "--lens", "power", "--seed", "2",
                 *[a for k, p in out.items() for a in (f"--{k}", p)])
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # nothing from Qt on the terminal
    assert all(str(p) in result.stdout for p in out.values())
    # the map: state names as text, and the title names the scenario, lens and turn
    texts = svg_texts(out["map"])
    for name in NAMES:
        assert name in texts
    assert "cli test" in texts and "turn 4" in texts and "Balance of power" in texts
    assert "alliance" in texts and "area = capability" in texts  # the legend, as text too
    assert not list(ET.parse(out["map"]).getroot().iter(f"{SVG}image"))  # vectors, not a bitmap
    assert "turn" in svg_texts(out["charts"])  # the charts' axis titles are text too
    # the series: the documented header and one row per turn, as `run` counts its ties
    rows = list(csv.reader(io.StringIO(out["series"].read_text(encoding="utf-8"))))
    assert rows[0] == ["turn", "year", "lens", "ties", "blocs", "realignments", "mean_abandonment",
                       "mean_entrapment"]
    assert [r[0] for r in rows[1:]] == ["0", "1", "2", "3", "4"]
    assert {r[2] for r in rows[1:]} == {"power"}
    # the handout: a PDF whose text holds the scenario and the lens's claim
    assert out["handout"].read_bytes().startswith(b"%PDF")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed")
def test_pdf_text_is_selectable(tmp_path):
    map_pdf, handout = tmp_path / "map.pdf", tmp_path / "handout.pdf"
    result = cli("export", EUROPE_1936, "--turns", "2", "--lens", "threat", "--map", map_pdf, "--handout", handout)
    assert result.returncode == 0, result.stderr
    map_text = subprocess.run(["pdftotext", str(map_pdf), "-"], capture_output=True, text=True).stdout
    handout_text = subprocess.run(["pdftotext", str(handout), "-"], capture_output=True, text=True).stdout
    for text in (map_text, handout_text):
        assert "Europe 1936" in text and "Germany" in text
    assert "Walt (1987)" in handout_text and "Key events of turn 2" in handout_text


@pytest.mark.parametrize("size", [(1024, 768), (640, 900)])
def test_png_exports_have_the_asked_size(tmp_path, size):
    path = write(tmp_path, scenario())
    map_png, charts_png = tmp_path / "m.png", tmp_path / "c.png"
    result = cli("export", path, "--turns", "2", "--size", f"{size[0]}x{size[1]}", "--map", map_png,
                 "--charts", charts_png)
    assert result.returncode == 0, result.stderr
    assert png_size(map_png) == size and png_size(charts_png) == size


@pytest.mark.parametrize("args, message", [
    (["--map", "x.jpg"], "x.jpg: --map: the file name must end in .svg, .pdf, .png"),
    (["--charts", "x.pdf"], "x.pdf: --charts: the file name must end in .svg, .png"),
    ([], "give at least one of --map"),
    (["--lens", "nope", "--map", "x.png"], "unknown lens 'nope'"),
])
def test_bad_export_requests_are_one_line_and_write_nothing(tmp_path, args, message):
    path = write(tmp_path, scenario())
    result = cli("export", path, *args, cwd=tmp_path)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.json"]


def test_an_unwritable_place_is_reported_in_one_line(tmp_path):
    path = write(tmp_path, scenario())
    missing = tmp_path / "no-such-folder" / "m.png"
    result = cli("export", path, "--map", missing)
    assert result.returncode == 2 and f"{missing}: (file): cannot write" in result.stderr
