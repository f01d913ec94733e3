"""The world map's geometry: the shipped country shapes and the Equal Earth projection.

The shapes are Natural Earth 1:110m (public domain), shipped in ``namlib/assets/world_110m.json``
(built by ``scripts/make_world_shapes.py``). :func:`projected_world` projects them once (and
caches them) for :func:`namlib.plots.world_map` and the member explorer; states too small for
that scale are points.

Example:
    >>> x, y = equal_earth(np.array([0.0, 180.0]), np.array([0.0, 0.0]))
    >>> [round(float(v), 4) for v in x]
    [0.0, 2.7066]
    >>> world = projected_world()
    >>> "AZE" in world.codes and "ATA" not in world.codes
    True
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
from matplotlib.path import Path as MplPath

__all__ = ["ProjectedWorld", "equal_earth", "projected_world", "raw_shapes", "region_bounds", "world_shapes"]


def equal_earth(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Equal Earth projection (Šavrič, Patterson & Jenny 2018), in units of the Earth's radius."""
    a1, a2, a3, a4 = 1.340264, -0.081106, 0.000893, 0.003796
    lam, phi = np.radians(lon), np.radians(lat)
    theta = np.arcsin(np.sqrt(3) / 2 * np.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = 2 * np.sqrt(3) * lam * np.cos(theta) / (3 * (a1 + 3 * a2 * t2 + t6 * (7 * a3 + 9 * a4 * t2)))
    y = theta * (a1 + a2 * t2 + t6 * (a3 + a4 * t2))
    return x, y


@lru_cache(maxsize=1)
def raw_shapes() -> dict[str, Any]:
    """The shipped shapes file as read: ``countries`` (iso3, name, polygons) and ``points``."""
    text = resources.files("namlib").joinpath("assets/world_110m.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def world_shapes() -> pd.DataFrame:
    """The shipped country shapes (Natural Earth 1:110m): one row per shape, with ISO3 code.

    Columns ``iso3``, ``name``, ``polygons`` (rings of longitude/latitude), ``rings``.

    Example:
        >>> shapes = world_shapes()
        >>> shapes["iso3"].nunique() > 170
        True
    """
    data = raw_shapes()
    return pd.DataFrame(
        {
            "iso3": [c["iso3"] for c in data["countries"]],
            "name": [c["name"] for c in data["countries"]],
            "polygons": [c["polygons"] for c in data["countries"]],
            "rings": [sum(len(p) for p in c["polygons"]) for c in data["countries"]],
        }
    )


class ProjectedWorld(NamedTuple):
    """The projected map: country codes and paths (in the same order), small states, the globe."""

    codes: tuple[str, ...]
    paths: tuple[MplPath, ...]
    points: pd.DataFrame  # iso3, name, lon, lat and the projected x, y of each small state
    outline: MplPath  # the edge of the globe


def _country_path(country: dict[str, Any]) -> MplPath:
    verts, kinds = [], []
    for polygon in country["polygons"]:
        for ring in polygon:
            xy = np.asarray(ring, dtype=float).reshape(-1, 2)
            x, y = equal_earth(xy[:, 0], xy[:, 1])
            ring_xy = np.column_stack([x, y])
            verts.append(np.vstack([ring_xy, ring_xy[:1]]))
            kinds.append([MplPath.MOVETO] + [MplPath.LINETO] * (len(ring_xy) - 1) + [MplPath.CLOSEPOLY])
    return MplPath(np.vstack(verts), np.concatenate(kinds).astype(MplPath.code_type))


@lru_cache(maxsize=1)
def projected_world() -> ProjectedWorld:
    """Projected country paths (Antarctica left out), small-state points and the globe outline.

    Computed once and cached: treat the result as read-only. It unpacks as
    ``codes, paths, points, outline``.
    """
    data = raw_shapes()
    countries = [country for country in data["countries"] if country["iso3"] != "ATA"]
    codes = tuple(str(country["iso3"]) for country in countries)
    paths = tuple(_country_path(country) for country in countries)
    points = pd.DataFrame(data["points"])
    px, py = equal_earth(points["lon"].to_numpy(float), points["lat"].to_numpy(float))
    points = points.assign(x=px, y=py)
    lat = np.linspace(-90, 90, 91)
    ex, ey = equal_earth(np.full_like(lat, 180.0), lat)
    outline = np.vstack([np.column_stack([ex, ey]), np.column_stack([-ex[::-1], ey[::-1]])])
    return ProjectedWorld(codes, paths, points, MplPath(outline, closed=True))


def region_bounds(iso3: Iterable[str]) -> tuple[float, float, float, float] | None:
    """Projected (x0, x1, y0, y1) bounds around the given countries' shapes and dots, or None.

    Example:
        >>> x0, x1, y0, y1 = region_bounds(["AZE"])
        >>> bool(x0 < x1 and y0 < y1)
        True
        >>> region_bounds(["YUG"]) is None
        True
    """
    codes, paths, points, _ = projected_world()
    wanted = set(iso3)
    boxes = [p.get_extents() for c, p in zip(codes, paths, strict=True) if c in wanted]
    pts = points[points["iso3"].isin(wanted)]
    xs = [b.x0 for b in boxes] + [b.x1 for b in boxes] + pts["x"].tolist()
    ys = [b.y0 for b in boxes] + [b.y1 for b in boxes] + pts["y"].tolist()
    if not xs:
        return None
    return float(min(xs)), float(max(xs)), float(min(ys)), float(max(ys))
