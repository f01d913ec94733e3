"""Member states per NAM regional group (or continent), as labelled bars, and its text form.

Example:
    >>> ax = members_by_region(year=1961)
    >>> ax.get_title()
    'NAM member states by NAM regional group (1961)'
    >>> table, text = describe_members_by_region(by="continent")
    >>> list(table.columns)
    ['continent', 'member states']
"""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes

from namlib.alt_text import set_alt
from namlib.loading import load
from namlib.plots.registry import register
from namlib.plots.style import INK, NO_DATA, REGION_COLORS, house_style, new_axes, set_title, styled
from namlib.plots.text import Description, PlotInputError, current_or, join

__all__ = ["describe_members_by_region", "members_by_region"]

_BY = {"region": "NAM regional group", "continent": "continent"}
_SHORT_REGION = {"Latin America and the Caribbean": "Latin America\nand the Caribbean"}


def describe_members_by_region(
    members: pd.DataFrame | None = None, year: int | None = None, by: str = "region"
) -> Description:
    """Text form of :func:`members_by_region`: member states per region (or continent).

    Example:
        >>> table, text = describe_members_by_region()
        >>> int(table["member states"].sum())
        121
    """
    if by not in _BY:
        raise PlotInputError(f"by must be 'region' or 'continent', not {by!r}.")
    members = load("members") if members is None else members
    rows = current_or(members, year)
    rows = rows[rows["status"].astype("str") == "member"]
    groups = rows[by].astype("object").where(rows[by].notna(), "(not given)")
    counts = groups.value_counts()
    enum = list(members[by].cat.categories) if isinstance(members[by].dtype, pd.CategoricalDtype) else []
    order = [g for g in enum if g in counts.index] + sorted(g for g in counts.index if g not in enum)
    table = pd.DataFrame({by: order, "member states": [int(counts[g]) for g in order]})
    when = f"in {year}" if year is not None else "today (current members)"
    if table.empty:
        return Description(table, f"No member states {when}.")
    parts = join([f"{g} {n}" for g, n in zip(table[by], table["member states"], strict=True)])
    text = f"NAM member states {when} by {_BY[by]}: {parts}; {int(table['member states'].sum())} in all."
    return Description(table, text)


def members_by_region(
    members: pd.DataFrame | None = None, year: int | None = None, by: str = "region", ax: Axes | None = None
) -> Axes:
    """Member states per NAM regional group (or ``by="continent"``), as labelled bars.

    ``year=None`` counts current members; a year counts the members of that year (see
    :func:`namlib.members_in`). One bar (``gid="bars"``) per group.

    Example:
        >>> ax = members_by_region()
        >>> len(ax.patches)
        4
    """
    description = describe_members_by_region(members, year, by)
    table = description.table
    with styled():
        ax = new_axes(ax, (7.5, 4.6), (0.75, 0.25, 0.85, 0.45))
        labels = [_SHORT_REGION.get(g, g) for g in table[by]]
        colors = [REGION_COLORS.get(g, NO_DATA) for g in table[by]]
        bars = ax.bar(
            range(len(table)),
            table["member states"],
            color=colors,
            edgecolor=INK,
            linewidth=0.6,
            gid="bars",
            width=0.65,
        )
        ax.bar_label(bars, padding=2, fontsize=10)
        ax.set_xticks(range(len(table)), labels)
        top = int(table["member states"].max()) if len(table) else 1
        ax.set_ylim(0, top * 1.15 + 1)
        house_style(ax, grid="y")
        ax.set_xlabel(_BY[by])
        ax.set_ylabel("member states")
        when = str(year) if year is not None else "current"
        set_title(ax, f"NAM member states by {_BY[by]} ({when})")
    set_alt(ax, description.text)
    return ax


register(members_by_region, describe_members_by_region)
