"""Membership growth: member states (and observers) per year, with marked years, and its text form.

Example:
    >>> ax = membership_growth(annotate={1992: "1992: the Jakarta summit"}, observers=False)
    >>> [line.get_label() for line in ax.lines if line.get_gid() == "series"]
    ['member states']
    >>> description = describe_membership_growth(annotate=(2011,))
    >>> description.table.dropna(subset="note")["note"].tolist()
    ['2011: Azerbaijan and Fiji join (120 members)']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from namlib.alt_text import set_alt
from namlib.loading import load
from namlib.membership import membership_by_year
from namlib.plots.labels import HAlign, LabelPlacer, VAlign, text_size_pt
from namlib.plots.registry import register
from namlib.plots.style import INK, STATUS_COLORS, STATUS_LABELS, house_style, new_axes, set_title, styled
from namlib.plots.text import Description, join, plural

__all__ = ["describe_membership_growth", "membership_growth"]

#: Years to mark: a tuple of years (texts made from the data) or a ``{year: text}`` dict.
Annotate = Iterable[int] | Mapping[int, str]

_DEFAULT_NOTES = {
    1961: "1961: {n} founding members at Belgrade",
    1979: "1970s: decolonisation wave, {gain:+d} members since 1969",
}


def _annotation_text(year: int, counts: pd.Series, members: pd.DataFrame | None) -> str:
    n = int(counts.get(year, 0))
    if year in _DEFAULT_NOTES:
        gain = n - int(counts.get(1969, counts.iloc[0]))
        return _DEFAULT_NOTES[year].format(n=n, gain=gain)
    if members is not None:
        joined = members[(members["status"].astype("str") == "member") & (members["joined"] == year)]
        names = sorted(joined["name"].astype("str"))
        if 0 < len(names) <= 3:
            verb = "joins" if len(names) == 1 else "join"
            return f"{year}: {join(names)} {verb} ({n} members)"
        if names:
            return f"{year}: {len(names)} states join ({n} members)"
    return f"{year}: {n} members"


def _with_observers(frame: pd.DataFrame, table: pd.DataFrame) -> int | None:
    """Add the observer columns to ``frame``, empty before every observer's start is known.

    Returns that first complete year (None when no year is complete).
    """
    unknown = table["unknown_start"].fillna(0).astype(int).to_numpy() if "unknown_start" in table else None
    complete = np.ones(len(table), bool) if unknown is None else (unknown == 0)
    # observer lines start at the first year from which every later year is complete
    idx = len(complete)
    while idx > 0 and complete[idx - 1]:
        idx -= 1
    first_complete = int(frame["year"].iloc[idx]) if idx < len(frame) else None
    for col in ("observer_state", "observer_organization"):
        values = table[col].astype("Int64") if col in table else pd.Series(pd.NA, index=table.index, dtype="Int64")
        keep = frame["year"] >= (first_complete if first_complete is not None else 10**6)
        frame[col] = values.where(keep.to_numpy()).astype("Int64").to_numpy()  # NA where not kept
    return first_complete


def describe_membership_growth(
    table: pd.DataFrame | None = None,
    annotate: Annotate = (1961, 1979, 2011, 2024),
    observers: bool = True,
) -> Description:
    """Text form of :func:`membership_growth`: counts per year and the annotated years.

    Observer counts are left empty (unknown) for years before every observer's start year is
    known (before 2011 in this dataset), not shown as too-low numbers.

    Example:
        >>> table, text = describe_membership_growth()
        >>> text.split(",")[:2]
        ['NAM member states per year', ' 1961–2025: from 25 in 1961 to 121 in 2025']
    """
    members = None
    if table is None:
        members = load("members")
        table = membership_by_year()
    frame = pd.DataFrame({"year": table["year"].astype(int), "member": table["member"].astype("Int64")})
    first_complete = _with_observers(frame, table) if observers else None
    counts = frame.set_index("year")["member"].dropna().astype(int)
    notes = annotate if isinstance(annotate, Mapping) else {y: None for y in annotate}
    texts = {}
    for year, text in notes.items():
        if year in counts.index:
            texts[int(year)] = text or _annotation_text(int(year), counts, members)
    frame["note"] = frame["year"].map(texts).astype("object")
    if frame.empty:
        return Description(frame, "No membership counts to show.")
    y0, y1 = int(frame["year"].iloc[0]), int(frame["year"].iloc[-1])
    text = (
        f"NAM member states per year, {y0}–{y1}: from {counts.iloc[0]} in {y0} to {counts.iloc[-1]} in {y1}, "
        f"highest {counts.max()} (first in {int(counts.index[int(counts.argmax())])})."
    )
    if texts:
        text += " Marked: " + "; ".join(texts.values()) + "."
    if observers and first_complete is not None:
        last = frame.iloc[-1]
        text += (
            f" Observers are shown from {first_complete}, the first year for which the sources give every observer"
            f" (for most, no source gives the year they became observers): in {y1}, "
            f"{plural(int(last['observer_state']), 'observer state')} and "
            f"{plural(int(last['observer_organization']), 'observer organisation')}."
        )
    return Description(frame, text)


def membership_growth(
    table: pd.DataFrame | None = None,
    annotate: Annotate = (1961, 1979, 2011, 2024),
    observers: bool = True,
    ax: Axes | None = None,
) -> Axes:
    """Members (and observer states and organisations) per year, with annotated years.

    ``table`` defaults to :func:`namlib.membership_by_year`; ``annotate`` is a tuple of years
    (texts made from the data) or a ``{year: text}`` dict. Observer lines start only in the
    first year from which every observer's start is known, and the legend says so. The lines
    carry ``gid="series"``.

    Example:
        >>> ax = membership_growth(annotate=(2011,))
        >>> [t.get_text() for t in ax.texts]
        ['2011: Azerbaijan and Fiji join (120 members)']
    """
    description = describe_membership_growth(table, annotate, observers)
    frame = description.table
    with styled():
        ax = new_axes(ax, (10, 5.2), (0.75, 0.3, 0.6, 0.45))
        years = frame["year"].to_numpy(dtype=float)
        _draw_series(ax, frame, years, observers)
        top = float(np.nanmax(frame["member"].to_numpy(dtype=float, na_value=np.nan))) if len(frame) else 1.0
        ax.set_ylim(0, max(top, 1) * 1.32)
        if len(years):
            ax.set_xlim(years.min() - 1, years.max() + 1)
        house_style(ax, grid="y")
        ax.set_xlabel("year")
        ax.set_ylabel("number of states or organisations")
        y0, y1 = (int(years.min()), int(years.max())) if len(years) else (0, 0)
        set_title(ax, f"NAM member states per year, {y0}–{y1}" if len(years) else "NAM member states per year")
        ax.legend(loc="upper left")
        _growth_annotations(ax, frame)
    set_alt(ax, description.text)
    return ax


def _draw_series(ax: Axes, frame: pd.DataFrame, years: np.ndarray, observers: bool) -> None:
    """The members' line, and the observers' lines from the first year every observer is known."""
    ax.step(
        years,
        frame["member"].to_numpy(dtype=float, na_value=np.nan),
        where="mid",
        color=STATUS_COLORS["member"],
        linewidth=2.4,
        label="member states",
        gid="series",
    )
    if observers and "observer_state" in frame:
        shown = frame["observer_state"].notna()
        if shown.any():
            first = int(frame.loc[shown, "year"].iloc[0])
            for col, style in (("observer_state", "--"), ("observer_organization", ":")):
                ax.step(
                    years,
                    frame[col].to_numpy(dtype=float, na_value=np.nan),
                    where="mid",
                    color=STATUS_COLORS[col],
                    linewidth=2,
                    linestyle=style,
                    label=f"{STATUS_LABELS[col]}s (from {first}; earlier start years unknown)",
                    gid="series",
                )


def _growth_annotations(ax: Axes, frame: pd.DataFrame) -> None:
    """Put each note where it overlaps neither the lines, the legend nor another note."""
    notes = frame[frame["note"].notna()]
    if notes.empty:
        return
    placer = LabelPlacer(ax)
    legend = ax.get_legend()
    if legend is not None:
        extent = legend.get_window_extent()  # with the figure's own renderer
        placer.block((extent.x0, extent.y0, extent.x1, extent.y1))
    _block_lines(placer, ax, frame)
    fontsize = 8.5
    offsets = [(dx, dy) for dist in (28, 50, 75, 100, 130) for dy in (-dist, dist) for dx in (10, -10, 60, -60)]
    for _, row in notes.iterrows():
        x, y = float(row["year"]), float(row["member"])
        size = text_size_pt(str(row["note"]), fontsize)
        choice = None
        for dx, dy in offsets:
            ha: HAlign = "left" if dx > 0 else "right"
            va: VAlign = "top" if dy < 0 else "bottom"
            box = placer.box(x, y, size, ha, va, dx=dx, dy=dy)
            if placer.fits(box):
                choice = (dx, dy, ha, va)
                placer.block(box)
                break
        dx, dy, ha, va = choice or (10, 28, "left", "bottom")
        ax.annotate(
            str(row["note"]),
            (x, y),
            xytext=(dx, dy),
            textcoords="offset points",
            ha=ha,
            va=va,
            fontsize=fontsize,
            color=INK,
            annotation_clip=False,
            arrowprops={"arrowstyle": "-", "color": "#777777", "linewidth": 0.8, "shrinkA": 1, "shrinkB": 3},
        )
        ax.plot([x], [y], "o", color=STATUS_COLORS["member"], markersize=4.5, zorder=4, gid="marked-year")


def _block_lines(placer: LabelPlacer, ax: Axes, frame: pd.DataFrame) -> None:
    """Mark every step of every line as taken, with a few pixels to spare."""
    years = frame["year"].to_numpy(dtype=float)
    pad = 3
    for col in ("member", "observer_state", "observer_organization"):
        if col not in frame:
            continue
        values = frame[col].to_numpy(dtype=float, na_value=np.nan)
        for k, (x, v) in enumerate(zip(years, values, strict=True)):
            if np.isnan(v):
                continue
            nxt = values[k + 1] if k + 1 < len(values) else v
            nxt = v if np.isnan(nxt) else nxt
            (ax0, ay0), (ax1, ay1) = ax.transData.transform([(x - 0.5, min(v, nxt)), (x + 0.5, max(v, nxt))])
            placer.block((ax0 - pad, ay0 - pad, ax1 + pad, ay1 + pad))


register(membership_growth, describe_membership_growth)
