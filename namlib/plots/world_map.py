"""The world map of NAM member and observer states (or of any column per country), and its text form.

Example:
    >>> ax = world_map(year=1961)
    >>> ax.get_title()
    'NAM member and observer states in 1961'
    >>> table, text = describe_world_map(year=1961)
    >>> text.split(":")[0]
    'World map of NAM status in 1961'
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.cm import ScalarMappable
from matplotlib.collections import PatchCollection
from matplotlib.colors import Colormap
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch

from namlib.alt_text import set_alt
from namlib.loading import load
from namlib.plots.labels import figure_of
from namlib.plots.projection import equal_earth, projected_world, raw_shapes
from namlib.plots.registry import register
from namlib.plots.style import (
    CYCLE,
    NO_DATA,
    REGION_COLORS,
    SEA,
    STATUS_COLORS,
    STATUS_LABELS,
    Margins,
    Size,
    new_axes,
    set_title,
    styled,
)
from namlib.plots.text import Description, PlotInputError, current_or, join, plural

__all__ = ["MAP_LAYOUT", "describe_world_map", "recolor_world_map", "world_map"]

#: Figure size and margins (inches) of the map; the member explorer builds its figure from it.
MAP_LAYOUT: tuple[Size, Margins] = ((10, 5.0), (0.1, 0.1, 0.3, 0.4))

#: What is coloured: the status, a category (e.g. the region) or a number (e.g. the year joined).
ValueKind = Literal["status", "category", "number"]
#: A colour map by name or object, or None for the default.
Cmap = str | Colormap | None

_COLUMN_LABELS = {"joined": "year joined", "region": "NAM regional group", "left": "year left"}


def _series_values(column: pd.Series) -> tuple[pd.DataFrame, ValueKind]:
    values = column.dropna()
    shapes = raw_shapes()
    names = {c["iso3"]: c["name"] for c in shapes["countries"]} | {p["iso3"]: p["name"] for p in shapes["points"]}
    codes = [str(code) for code in values.index]
    table = pd.DataFrame({"iso3": codes, "name": [names.get(c, c) for c in codes], "value": values.to_numpy()})
    kind: ValueKind = "number" if pd.api.types.is_numeric_dtype(column) else "category"
    return table, kind


def _map_values(
    column: str | pd.Series, year: int | None, members: pd.DataFrame | None
) -> tuple[pd.DataFrame, ValueKind]:
    """iso3 -> value table for the map, and the kind of value ('status', 'category', 'number')."""
    if isinstance(column, pd.Series):
        return _series_values(column)
    members = load("members") if members is None else members
    if column not in members:
        raise PlotInputError(f"The members table has no column {column!r}. Columns: {', '.join(members.columns)}.")
    rows = current_or(members, year)
    statuses = ["member", "observer_state"] if column == "status" else ["member"]
    rows = rows[rows["status"].astype("str").isin(statuses)]
    rank = rows["status"].astype("str").map({"member": 0, "observer_state": 1})
    rows = rows.assign(_rank=rank.to_numpy()).sort_values(["_rank", "name"], kind="stable")
    coded = rows["iso3"].notna()
    rows = pd.concat([rows[coded].drop_duplicates("iso3"), rows[~coded]])  # a state without a code: not drawn
    table = pd.DataFrame(
        {
            "iso3": rows["iso3"].astype("object").where(rows["iso3"].notna(), None).to_numpy(),
            "name": rows["name"].astype(str).to_numpy(),
            "status": rows["status"].astype(str).to_numpy(),
            "value": rows[column].astype("object").where(rows[column].notna(), None).to_numpy(),
        }
    )
    kind: ValueKind
    if column == "status":
        kind = "status"
    elif pd.api.types.is_numeric_dtype(members[column]) and not pd.api.types.is_bool_dtype(members[column]):
        kind = "number"
    else:
        kind = "category"
    return table, kind


def _map_table(
    column: str | pd.Series, year: int | None, members: pd.DataFrame | None
) -> tuple[pd.DataFrame, ValueKind]:
    table, kind = _map_values(column, year, members)
    codes, _, points, _ = projected_world()
    shape_codes, point_codes = set(codes), set(points["iso3"])
    table["on_map"] = [
        "shape" if c in shape_codes else "dot" if c in point_codes else "not drawn" for c in table["iso3"]
    ]
    return table.sort_values(["name"], kind="stable").reset_index(drop=True), kind


def _column_label(column: str | pd.Series) -> str:
    name = column if isinstance(column, str) else (column.name or "value")
    return _COLUMN_LABELS.get(str(name), str(name))


def _when(year: int | None) -> str:
    return f"in {year}" if year is not None else "today"


def describe_world_map(
    column: str | pd.Series = "status", year: int | None = None, members: pd.DataFrame | None = None
) -> Description:
    """Text form of :func:`world_map`: each state with a value, and how it is drawn.

    ``on_map`` is ``shape`` (a country shape), ``dot`` (too small for 1:110m: a dot) or
    ``not drawn`` (no present-day shape, e.g. Yugoslavia).

    Example:
        >>> table, text = describe_world_map()
        >>> sorted(set(table["on_map"]))
        ['dot', 'shape']
    """
    table, kind = _map_table(column, year, members)
    when = _when(year)
    label = _column_label(column)
    if kind == "status":
        counts = table["value"].value_counts()
        text = (
            f"World map of NAM status {when}: {plural(int(counts.get('member', 0)), 'member state')} (blue), "
            f"{plural(int(counts.get('observer_state', 0)), 'observer state')} (orange); "
            "all other countries grey (neither)."
        )
    elif kind == "number":
        valued = table[table["value"].notna()]
        text = f"World map of {label} {when}, for {plural(len(valued), 'member state')}"
        if len(valued):
            values = pd.to_numeric(valued["value"])
            lo, hi = valued.iloc[int(values.argmin())], valued.iloc[int(values.argmax())]
            text += f", from {lo['value']} ({lo['name']}) to {hi['value']} ({hi['name']})"
        text += "; darker is lower, lighter is higher; grey means no value."
    else:
        counts = table["value"].dropna().astype(str).value_counts()
        text = f"World map of {label} {when}: " + join([f"{k} {v}" for k, v in counts.items()]) + "; grey: no value."
    dots = table.loc[table["on_map"] == "dot", "name"].tolist()
    missing = table.loc[table["on_map"] == "not drawn", "name"].tolist()
    if dots:
        text += f" {plural(len(dots), 'small state')} shown as dots ({join(dots)})."
    if missing:
        text += f" Not drawn (no present-day shape): {join(missing)}."
    return Description(table, text)


def _value_colors(
    table: pd.DataFrame, kind: ValueKind, cmap: Cmap
) -> tuple[dict[str, str], list[Artist], ScalarMappable | None]:
    """Colour per iso3, legend handles, and a ScalarMappable for a colour bar (numbers only)."""
    colors: dict[str, str] = {}
    handles: list[Artist] = []
    if kind == "status":
        for iso3, value in zip(table["iso3"], table["value"], strict=True):
            colors[iso3] = STATUS_COLORS.get(value, NO_DATA)
        handles = [Patch(facecolor=STATUS_COLORS[s], label=STATUS_LABELS[s]) for s in ("member", "observer_state")]
        handles.append(Patch(facecolor=NO_DATA, label="neither"))
        return colors, handles, None
    if kind == "number":
        valued = table[table["value"].notna()]
        values = pd.to_numeric(valued["value"]).to_numpy(dtype=float)
        norm = mpl.colors.Normalize(vmin=values.min() if len(values) else 0, vmax=values.max() if len(values) else 1)
        mapper = ScalarMappable(norm=norm, cmap=cmap or "cividis")
        for iso3, value in zip(valued["iso3"], values, strict=True):
            colors[iso3] = mpl.colors.to_hex(tuple(mapper.to_rgba(value)))
        handles = [Patch(facecolor=NO_DATA, label="no value")]
        return colors, handles, mapper
    colors, handles = _category_colors(table, cmap)
    return colors, handles, None


def _category_palette(table: pd.DataFrame, cmap: Cmap) -> dict[str, str]:
    """Category -> colour: the region's own colour where it has one, else a spare one (or ``cmap``'s)."""
    categories = sorted(table["value"].dropna().astype(str).unique())
    palette = [REGION_COLORS.get(c) for c in categories]
    spare = iter(CYCLE)
    if cmap is not None:
        cm = mpl.colormaps[cmap] if isinstance(cmap, str) else cmap
        palette = [mpl.colors.to_hex(cm(i / max(len(categories) - 1, 1))) for i in range(len(categories))]
    used: set[str] = set()
    chosen: list[str] = []
    for color in palette:
        color = color if color and color not in used else next(c for c in spare if c not in used)
        used.add(color)
        chosen.append(color)
    return dict(zip(categories, chosen, strict=True))


def _category_colors(table: pd.DataFrame, cmap: Cmap) -> tuple[dict[str, str], list[Artist]]:
    """Colour per iso3 and the legend handles of a map of categories."""
    lookup = _category_palette(table, cmap)
    handles: list[Artist] = [Patch(facecolor=color, label=str(cat)) for cat, color in lookup.items()]
    colors: dict[str, str] = {}
    for iso3, value in zip(table["iso3"], table["value"], strict=True):
        if value is not None and not pd.isna(value):
            colors[iso3] = lookup[str(value)]
    handles.append(Patch(facecolor=NO_DATA, label="no value"))
    return colors, handles


def world_map(
    column: str | pd.Series = "status",
    year: int | None = None,
    members: pd.DataFrame | None = None,
    ax: Axes | None = None,
    cmap: Cmap = None,
) -> Axes:
    """A world map of NAM member and observer states, or of any column per country.

    ``column="status"`` colours members, observer states and everyone else; another column of
    the members table (e.g. ``"joined"``, ``"region"``) or a Series indexed by ISO3 code
    colours by that value (numbers with ``cmap``, default ``"cividis"``, and a colour bar).
    ``year=None`` means today's members; a year shows that year's members and observers on
    today's borders. Shapes: Natural Earth 1:110m (public domain), Equal Earth projection,
    Antarctica left out. States too small for that scale are drawn as dots.
    Artists: one PatchCollection ``gid="countries"`` and one scatter ``gid="small-states"``.

    Example:
        >>> ax = world_map()
        >>> ax.get_title()
        'NAM member and observer states today'
    """
    table, kind = _map_table(column, year, members)
    colors, handles, mapper = _value_colors(table, kind, cmap)
    with styled():
        ax = new_axes(ax, *MAP_LAYOUT)
        dots = _draw_world(ax, colors)
        if len(dots):
            handles.append(
                Line2D(
                    [],
                    [],
                    marker="o",
                    linestyle="",
                    markerfacecolor="#888888",
                    markeredgecolor="white",
                    label="small state (dot)",
                )
            )
        ax.legend(handles=handles, loc="lower left", fontsize=8, handlelength=1.2)
        label = _column_label(column)
        if mapper is not None:
            inset = ax.inset_axes((0.02, 0.24, 0.2, 0.035))
            bar = figure_of(ax).colorbar(mapper, cax=inset, orientation="horizontal")
            bar.ax.tick_params(labelsize=7.5)
            bar.set_label(label, fontsize=8)
        ax.set_xlabel(
            "Equal Earth projection · country shapes: Natural Earth 1:110m (public domain)", fontsize=8, color="#666666"
        )
        if kind == "status":
            set_title(ax, f"NAM member and observer states {_when(year)}")
        else:
            set_title(ax, f"NAM member states by {label} ({_when(year)})")
    set_alt(ax, describe_world_map(column, year, members).text)
    return ax


def _draw_world(ax: Axes, colors: dict[str, str]) -> pd.DataFrame:
    """The globe, the countries in their colours (grey without one) and the small states as dots.

    Returns the small states drawn (those with a colour).
    """
    codes, paths, points, outline = projected_world()
    ax.add_patch(PathPatch(outline, facecolor=SEA, edgecolor="#BBBBBB", linewidth=0.6, zorder=0, gid="globe"))
    patches = [PathPatch(p) for p in paths]
    collection = PatchCollection(
        patches,
        facecolors=[colors.get(c, NO_DATA) for c in codes],
        edgecolors="white",
        linewidths=0.35,
        zorder=1,
        gid="countries",
    )
    ax.add_collection(collection, autolim=False)
    dots = points[points["iso3"].isin(colors)]
    ax.scatter(
        dots["x"],
        dots["y"],
        s=16,
        c=[colors[c] for c in dots["iso3"]] or None,
        edgecolors="white",
        linewidths=0.5,
        zorder=2,
        gid="small-states",
    )
    edge = np.asarray(outline.vertices)
    ymin = equal_earth(np.array([0.0]), np.array([-58.0]))[1][0]
    ax.set_xlim(edge[:, 0].min() - 0.02, edge[:, 0].max() + 0.02)
    ax.set_ylim(ymin, edge[:, 1].max() + 0.02)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
    return dots


def recolor_world_map(
    ax: Axes,
    column: str | pd.Series = "status",
    year: int | None = None,
    members: pd.DataFrame | None = None,
    only: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Recolour a map drawn by :func:`world_map` in place, with no new artists; return its table.

    For the member explorer, which redraws the same map for another year. ``only``: the ISO3
    codes that may be coloured (a region chosen in the explorer); every other country is drawn
    grey, so the map shows the same states as the list beside it. A status map gets the title
    of the year.

    Example:
        >>> ax = world_map()
        >>> table = recolor_world_map(ax, year=1961, only=["IND", "EGY"])
        >>> sorted(table["name"]), ax.get_title()
        (['Egypt', 'India'], 'NAM member and observer states in 1961')
    """
    table, kind = _map_table(column, year, members)
    if only is not None:
        table = table[table["iso3"].isin(set(only))]
    codes, _, points, _ = projected_world()
    colors, _, _ = _value_colors(table, kind, None)
    for artist in ax.collections:
        if artist.get_gid() == "countries":
            artist.set_facecolor([colors.get(c, NO_DATA) for c in codes])
        elif artist.get_gid() == "small-states":
            dots = points[points["iso3"].isin(colors)]
            artist.set_offsets(dots[["x", "y"]].to_numpy() if len(dots) else np.empty((0, 2)))
            artist.set_facecolor([colors[c] for c in dots["iso3"]] or "none")
    if kind == "status":
        set_title(ax, f"NAM member and observer states {_when(year)}")
    return table


register(world_map, describe_world_map)
