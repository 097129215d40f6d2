"""The world map backdrop: the shipped asset, the map item, and how it renders."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import importlib.util
import json
import struct
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QGraphicsItem, QGraphicsScene

from alliance_sandbox.ui.world_map import (
    ASSET_PATH,
    MAP_Z,
    build_map_item,
    load_world_outlines,
    set_map_style,
)

REPO = Path(__file__).resolve().parents[2]
PARIS = (2.35, 48.86)
MID_ATLANTIC = (-30.0, 30.0)
OCEAN = QColor("#cfe3f0")


@pytest.fixture(scope="module")
def app():
    return QApplication.instance() or QApplication([])


@pytest.fixture(scope="module")
def outlines():
    return load_world_outlines()


def _bbox(rings):
    pts = np.concatenate(rings)
    return pts[:, 0].min(), pts[:, 1].min(), pts[:, 0].max(), pts[:, 1].max()


# --------------------------------------------------------------------------
# The asset
# --------------------------------------------------------------------------


def test_asset_is_where_the_package_looks_and_says_its_license():
    assert ASSET_PATH == REPO / "assets" / "world_110m.json"
    doc = json.loads(ASSET_PATH.read_text(encoding="utf-8"))
    assert doc["license"] == "public domain"
    assert "Natural Earth" in doc["source"]
    assert (REPO / "assets" / "ATTRIBUTION.md").is_file()


def test_asset_has_the_countries(outlines):
    assert len(outlines) >= 170
    ids = [cid for cid, _name, _rings in outlines]
    assert len(set(ids)) == len(ids)
    # ISO_A3 is -99 for these two in this Natural Earth version: keyed on ADM0_A3.
    assert "FRA" in ids and "NOR" in ids
    names = {cid: name for cid, name, _rings in outlines}
    assert names["FRA"] == "France" and names["NOR"] == "Norway"


def test_france_contains_paris(outlines):
    france = next(rings for cid, _n, rings in outlines if cid == "FRA")
    x0, y0, x1, y1 = _bbox(france)
    assert x0 <= PARIS[0] <= x1 and y0 <= PARIS[1] <= y1
    # France's rings include overseas French Guiana, so also check the ring itself.
    assert any(_ring_contains(r, PARIS) for r in france)


def _ring_contains(ring, pt):
    x, y = ring[:, 0], ring[:, 1]
    xn, yn = np.roll(x, -1), np.roll(y, -1)
    crosses = (y > pt[1]) != (yn > pt[1])
    with np.errstate(divide="ignore", invalid="ignore"):
        xi = x + (pt[1] - y) * (xn - x) / (yn - y)
    return bool(np.count_nonzero(crosses & (pt[0] < xi)) % 2)


def test_every_ring_is_valid(outlines):
    for cid, _name, rings in outlines:
        assert rings, cid
        for ring in rings:
            assert ring.ndim == 2 and ring.shape[1] == 2, cid
            assert len(ring) >= 3, cid
            assert np.all(np.isfinite(ring)), cid
            assert np.all((ring[:, 0] >= -180) & (ring[:, 0] <= 180)), cid
            assert np.all((ring[:, 1] >= -90) & (ring[:, 1] <= 90)), cid


# --------------------------------------------------------------------------
# The item
# --------------------------------------------------------------------------


def test_item_covers_the_world_in_lon_minus_lat(app):
    item = build_map_item()
    r = item.boundingRect()
    assert r.left() == pytest.approx(-180, abs=2)
    assert r.right() == pytest.approx(180, abs=2)
    assert r.top() == pytest.approx(-84, abs=2)  # northernmost land (Greenland ~83.6N)
    assert r.bottom() == pytest.approx(90, abs=2)  # Antarctica to the pole


def test_item_stays_out_of_the_way(app):
    item = build_map_item()
    assert item.zValue() == MAP_Z and item.zValue() < -1000
    flags = item.flags()
    assert not flags & QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
    assert not flags & QGraphicsItem.GraphicsItemFlag.ItemIsMovable
    assert item.acceptedMouseButtons() == Qt.MouseButton.NoButton
    assert item.pen().isCosmetic()


def test_presentation_style_has_more_contrast(app):
    item = build_map_item()
    normal_edge = item.pen().color().lightness()
    set_map_style(item, presentation=True)
    assert item.pen().isCosmetic()
    assert item.pen().color().lightness() < normal_edge
    assert item.pen().widthF() >= 1.0
    set_map_style(item, presentation=False)
    assert item.pen().color().lightness() == normal_edge


def test_outline_never_runs_along_the_antimeridian(app):
    """Cut edges at lon +/-180 (Fiji, Chukotka, Antarctica) are not stroked."""
    outline = build_map_item().outline_path()
    prev = None
    bad = 0
    for i in range(outline.elementCount()):
        e = outline.elementAt(i)
        if e.isLineTo() and prev is not None:
            if abs(prev[0]) >= 179.999 and abs(e.x) >= 179.999:
                bad += 1
        prev = (e.x, e.y)
    assert bad == 0


def test_load_and_build_are_fast(app):
    load_world_outlines()  # warm the file cache
    best = min(_timed_build() for _ in range(3))
    assert best < 0.25  # target is < 60 ms; generous for a loaded CI machine


def _timed_build():
    t0 = time.perf_counter()
    build_map_item(load_world_outlines())
    return time.perf_counter() - t0


# --------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------

PX_PER_DEG = 4


def _render(item):
    scene = QGraphicsScene()
    scene.addItem(item)
    w, h = 360 * PX_PER_DEG, 180 * PX_PER_DEG
    img = QImage(w, h, QImage.Format.Format_ARGB32)
    img.fill(OCEAN)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    scene.render(p, QRectF(0, 0, w, h), QRectF(-180, -90, 360, 180))
    p.end()
    scene.removeItem(item)
    return img


def _pixel(img, lon, lat):
    x = int((lon + 180) * PX_PER_DEG)
    y = int((90 - lat) * PX_PER_DEG)
    return img.pixelColor(x, y)


@pytest.mark.parametrize("presentation", [False, True])
def test_render_land_at_paris_ocean_in_mid_atlantic(app, presentation):
    item = build_map_item()
    set_map_style(item, presentation)
    img = _render(item)
    paris = _pixel(img, *PARIS)
    atlantic = _pixel(img, *MID_ATLANTIC)
    assert paris.rgb() != OCEAN.rgb()
    assert paris.rgb() == item.brush().color().rgb()
    assert atlantic.rgb() == OCEAN.rgb()
    # Also open ocean south of Hawaii and in the Indian Ocean.
    assert _pixel(img, -150, 0).rgb() == OCEAN.rgb()
    assert _pixel(img, 75, -30).rgb() == OCEAN.rgb()


# --------------------------------------------------------------------------
# The converter's readers, on a tiny shapefile made here
# --------------------------------------------------------------------------


def _load_converter():
    path = REPO / "tools" / "convert_natural_earth.py"
    spec = importlib.util.spec_from_file_location("convert_natural_earth", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _tiny_shapefile(tmp_path):
    polys = [  # (ADM0_A3, ISO_A3, NAME, rings)
        ("FRA", "-99", "France", [[(0, 45), (0, 50), (5, 50), (5, 45), (0, 45)]]),
        ("FJI", "FJI", "Fiji", [[(178, -17), (178, -16), (180, -16), (180, -17), (178, -17)],
                                [(-180, -17), (-180, -16), (-179.5, -16.5), (-180, -17)]]),
    ]
    recs = b""
    for i, (_a, _b, _n, rings) in enumerate(polys, 1):
        pts = [p for r in rings for p in r]
        parts, k = [], 0
        for r in rings:
            parts.append(k)
            k += len(r)
        body = struct.pack("<i4d2i", 5, 0, 0, 0, 0, len(rings), len(pts))
        body += struct.pack(f"<{len(parts)}i", *parts)
        body += b"".join(struct.pack("<2d", *p) for p in pts)
        recs += struct.pack(">2i", i, len(body) // 2) + body
    header = struct.pack(">7i", 9994, 0, 0, 0, 0, 0, (100 + len(recs)) // 2)
    header += struct.pack("<2i4d4d", 1000, 5, -180, -17, 180, 50, 0, 0, 0, 0)
    (tmp_path / "ne_110m_admin_0_countries.shp").write_bytes(header + recs)

    fields = [("ADM0_A3", 3), ("ISO_A3", 3), ("NAME", 10)]
    rec_len = 1 + sum(n for _f, n in fields)
    hdr_len = 32 + 32 * len(fields) + 1
    dbf = struct.pack("<B3BIHH20x", 3, 124, 1, 1, len(polys), hdr_len, rec_len)
    for name, n in fields:
        dbf += name.encode().ljust(11, b"\0") + b"C" + b"\0" * 4 + bytes([n, 0]) + b"\0" * 14
    dbf += b"\r"
    for a, b, nm, _r in polys:
        dbf += b" " + a.encode().ljust(3) + b.encode().ljust(3) + nm.encode().ljust(10)
    dbf += b"\x1a"
    (tmp_path / "ne_110m_admin_0_countries.dbf").write_bytes(dbf)


def test_converter_reads_a_shapefile(tmp_path):
    conv = _load_converter()
    _tiny_shapefile(tmp_path)
    out = tmp_path / "out.json"
    assert conv.main([str(tmp_path), "--out", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["license"] == "public domain"
    by_id = {c["id"]: c for c in doc["countries"]}
    assert set(by_id) == {"FRA", "FJI"}  # keyed on ADM0_A3, not ISO_A3's -99
    assert by_id["FRA"]["name"] == "France"
    assert by_id["FRA"]["rings"] == [[0, 45, 0, 50, 5, 50, 5, 45]]  # closing point dropped
    assert len(by_id["FJI"]["rings"]) == 2
    outlines = load_world_outlines(out)
    assert [cid for cid, _n, _r in outlines] == ["FJI", "FRA"]
