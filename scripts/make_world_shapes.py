"""Build namlib/assets/world_110m.json, the country shapes behind ``namlib.plots.world_map``.

Run ONCE by a maintainer (the output is committed; nothing downloads at run time):

    .venv/bin/python scripts/make_world_shapes.py            # fetches the npm package with `npm pack`
    .venv/bin/python scripts/make_world_shapes.py --package-dir /path/to/unpacked/world-atlas

Where the shapes come from
--------------------------
* npm package ``world-atlas`` version 2.0.2 (Mike Bostock; package licence ISC), files
  ``countries-110m.json`` (polygons) and ``countries-50m.json`` (only to place a dot for small
  states that the 1:110m file leaves out). Both are TopoJSON redistributions of Natural Earth
  version 4.1.0 "Admin 0 - Countries" at 1:110m and 1:50m scale.
* Natural Earth data is in the public domain ("No permission is needed to use Natural Earth.
  Crediting the authors is unnecessary", naturalearthdata.com/about/terms-of-use). We credit
  them anyway: "Made with Natural Earth".
* ISO 3166-1 numeric -> alpha-3 codes: Debian's ``iso-codes`` package (4.15.0),
  ``/usr/share/iso-codes/json/iso_3166-1.json`` (LGPL-2.1+; only the codes are used, as facts).

What the script does
--------------------
1. Decodes the TopoJSON itself: quantized, delta-encoded arcs -> absolute longitude/latitude
   (``transform.scale``/``translate``); arc index ``~i`` (negative) means arc ``i`` reversed; the
   first point of every arc after the first in a ring is dropped (it repeats the last one).
2. Rounds coordinates to 2 decimals, drops repeated points and rings that collapse, and
   orients rings (exterior counter-clockwise, holes clockwise) so matplotlib's non-zero fill
   leaves holes (Lesotho inside South Africa) empty.
3. Maps ids to ISO alpha-3. Known quirks of Natural Earth 1:110m, which give no id:
   - "N. Cyprus" is coded ``CYP`` and "Somaliland" ``SOM``: coloured with the UN member state
     whose territory they are in international law (the ISO 3166 view), kept as separate shapes
     with their own names.
   - "Kosovo" is coded ``XKX`` (the user-assigned code the EU and IMF use; not an ISO code)
     and drawn as its own shape, as Natural Earth draws it. Neither Kosovo nor Serbia is a NAM
     member, so this choice changes no colour in the status map.
   - France's shape includes French Guiana and Norway's includes Svalbard (Natural Earth's
     choice at this scale).
4. For states in the 1:50m file but not in the 1:110m file (Singapore, Bahrain, Maldives,
   Caribbean and Pacific island states, ...), stores one point: the area centroid of the
   state's largest polygon. ``world_map`` draws these as dots, so small members are not lost.

Output format (compact JSON, a few hundred KB at most)::

    {"source": ..., "license": ..., "countries": [
        {"iso3": "AFG", "name": "Afghanistan", "polygons": [[[lon, lat, lon, lat, ...], hole...], ...]}],
     "points": [{"iso3": "SGP", "name": "Singapore", "lon": 103.82, "lat": 1.36}]}

Each ring is a flat list ``[lon0, lat0, lon1, lat1, ...]`` (not closed: the last point is not
repeated); the first ring of a polygon is its exterior, the others are holes.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "world-atlas"
VERSION = "2.0.2"
ISO_JSON = Path("/usr/share/iso-codes/json/iso_3166-1.json")
OUT = Path(__file__).resolve().parents[1] / "namlib" / "assets" / "world_110m.json"

# Natural Earth shapes that have no ISO numeric id in world-atlas 2.0.2.
QUIRKS = {"N. Cyprus": "CYP", "Somaliland": "SOM", "Kosovo": "XKX"}


def fetch_package(folder: Path) -> Path:
    """`npm pack` the pinned world-atlas version into ``folder`` and unpack it."""
    subprocess.run(["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent"], cwd=folder, check=True)
    tarball = folder / f"{PACKAGE}-{VERSION}.tgz"
    with tarfile.open(tarball) as tar:
        tar.extractall(folder, filter="data")
    return folder / "package"


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute (lon, lat) points of every arc, undoing quantization and delta encoding."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(x), float(y)) for x, y, *_ in arc])
            continue
        (kx, ky), (dx, dy) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for qx, qy, *_ in arc:
            x += qx
            y += qy
            points.append((x * kx + dx, y * ky + dy))
        arcs.append(points)
    return arcs


def ring_points(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for n, index in enumerate(indices):
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if n == 0 else arc[1:])
    return points


def unwrap(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Make longitudes continuous across the antimeridian (179 -> -180 becomes 179 -> 180)."""
    out = [ring[0]]
    for x, y in ring[1:]:
        px = out[-1][0]
        while x - px > 180:
            x -= 360
        while x - px < -180:
            x += 360
        out.append((x, y))
    return out


def clip(ring: list[tuple[float, float]], bound: float, keep_below: bool) -> list[tuple[float, float]]:
    """Sutherland-Hodgman: the part of ``ring`` with x <= bound (or x >= bound)."""

    def inside(p: tuple[float, float]) -> bool:
        return p[0] <= bound if keep_below else p[0] >= bound

    out: list[tuple[float, float]] = []
    for n, current in enumerate(ring):
        previous = ring[n - 1]
        if inside(current):
            if not inside(previous):
                out.append(crossing(previous, current, bound))
            out.append(current)
        elif inside(previous):
            out.append(crossing(previous, current, bound))
    return out


def crossing(a: tuple[float, float], b: tuple[float, float], bound: float) -> tuple[float, float]:
    t = (bound - a[0]) / (b[0] - a[0])
    return bound, a[1] + t * (b[1] - a[1])


def split_antimeridian(ring: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """Cut a ring that crosses the 180th meridian into pieces inside [-180, 180].

    Natural Earth rings for Fiji and Chukotka (Russia) jump from +180 to -180; drawn on a flat
    map such a ring would smear a band across the whole world.
    """
    if all(abs(b[0] - a[0]) <= 180 for a, b in zip(ring, ring[1:], strict=False)):
        return [ring]
    ring = unwrap(ring)
    pieces = []
    for shift in (-360.0, 0.0, 360.0):
        moved = [(x + shift, y) for x, y in ring]
        piece = clip(clip(moved, 180.0, keep_below=True), -180.0, keep_below=False)
        if len(piece) >= 3 and abs(signed_area(piece)) > 1e-9:
            pieces.append(piece)
    return pieces


def signed_area(ring: list[tuple[float, float]]) -> float:
    total = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        total += x0 * y1 - x1 * y0
    return total / 2


def centroid(ring: list[tuple[float, float]]) -> tuple[float, float]:
    area = signed_area(ring)
    if abs(area) < 1e-12:
        xs, ys = zip(*ring, strict=True)
        return sum(xs) / len(xs), sum(ys) / len(ys)
    cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return cx / (6 * area), cy / (6 * area)


def clean(ring: list[tuple[float, float]], exterior: bool) -> list[tuple[float, float]] | None:
    """Round to 2 decimals, drop repeats and the closing point, orient; None if it collapses."""
    out: list[tuple[float, float]] = []
    for x, y in ring:
        point = (round(x, 2), round(y, 2))
        if not out or point != out[-1]:
            out.append(point)
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()
    if len(out) < 3 or abs(signed_area(out)) < 1e-6:
        return None
    if (signed_area(out) > 0) != exterior:
        out.reverse()
    return out


def geometry_polygons(geometry: dict) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def iso_codes() -> dict[str, str]:
    if not ISO_JSON.exists():
        raise SystemExit(f"{ISO_JSON} is missing: apt-get install -y iso-codes")
    rows = json.loads(ISO_JSON.read_text(encoding="utf-8"))["3166-1"]
    return {row["numeric"]: row["alpha_3"] for row in rows}


def code_for(geometry: dict, iso: dict[str, str]) -> str | None:
    name = geometry["properties"]["name"]
    if name in QUIRKS:
        return QUIRKS[name]
    return iso.get(str(geometry.get("id")))


def countries(topology: dict, iso: dict[str, str]) -> list[dict]:
    arcs = decode_arcs(topology)
    out = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = code_for(geometry, iso)
        if code is None:
            raise SystemExit(f"No ISO code for {geometry['properties']['name']!r} (id {geometry.get('id')!r})")
        polygons = []
        for polygon in geometry_polygons(geometry):
            exterior = split_antimeridian(ring_points(polygon[0], arcs))
            holes = [ring_points(indices, arcs) for indices in polygon[1:]]
            if len(exterior) > 1 and holes:
                raise SystemExit(f"{geometry['properties']['name']}: a polygon with holes crosses the antimeridian")
            for piece in exterior:
                rings = [clean(piece, exterior=True)] + [clean(hole, exterior=False) for hole in holes]
                if rings[0] is None:
                    continue
                polygons.append([[v for point in ring for v in point] for ring in rings if ring is not None])
        if polygons:
            out.append({"iso3": code, "name": geometry["properties"]["name"], "polygons": polygons})
    return sorted(out, key=lambda c: (c["iso3"], c["name"]))


def small_states(topology_50m: dict, known: set[str], iso: dict[str, str]) -> list[dict]:
    arcs = decode_arcs(topology_50m)
    out = []
    for geometry in topology_50m["objects"]["countries"]["geometries"]:
        code = code_for(geometry, iso)
        if code is None or code in known:
            continue
        rings = [ring_points(polygon[0], arcs) for polygon in geometry_polygons(geometry)]
        if not rings:
            continue
        largest = max(rings, key=lambda r: abs(signed_area(r)))
        lon, lat = centroid(largest)
        out.append({"iso3": code, "name": geometry["properties"]["name"], "lon": round(lon, 2), "lat": round(lat, 2)})
    return sorted(out, key=lambda p: p["iso3"])


def build(package_dir: Path) -> dict:
    iso = iso_codes()
    topo_110 = json.loads((package_dir / "countries-110m.json").read_text(encoding="utf-8"))
    topo_50 = json.loads((package_dir / "countries-50m.json").read_text(encoding="utf-8"))
    shapes = countries(topo_110, iso)
    points = small_states(topo_50, {c["iso3"] for c in shapes}, iso)
    return {
        "source": (
            f"Natural Earth 4.1.0 Admin 0 countries, 1:110m (polygons) and 1:50m (points for small states), "
            f"via npm package {PACKAGE} {VERSION} (countries-110m.json, countries-50m.json); "
            "ISO codes from Debian iso-codes 4.15.0. Built by scripts/make_world_shapes.py."
        ),
        "license": "Public domain (Natural Earth). Made with Natural Earth.",
        "coordinates": "longitude, latitude in degrees (WGS84), rounded to 2 decimals",
        "countries": shapes,
        "points": points,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package-dir", type=Path, help="an unpacked world-atlas package (default: npm pack it)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        package_dir = args.package_dir or fetch_package(Path(tmp))
        data = build(package_dir)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    size = args.out.stat().st_size
    print(f"{args.out}: {len(data['countries'])} shapes, {len(data['points'])} points, {size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
