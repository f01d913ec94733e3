"""Who attended one meeting: every head-count the sources give, by category and source, and its text form.

Example:
    >>> ax = attendance("2019-10-25-baku-summit")
    >>> table = describe_attendance("2019-10-25-baku-summit").table
    >>> len([p for p in ax.patches if p.get_gid() == "bars"]) == len(table)
    True
    >>> describe_attendance("2019-10-25-baku").text  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    namlib.plots.text.PlotInputError: There is no event '2019-10-25-baku'. Did you mean '2019-10-25-baku-summit'...
"""

from __future__ import annotations

import difflib

import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from namlib.alt_text import set_alt
from namlib.errors import NamlibError
from namlib.loading import load
from namlib.plots.labels import shorten
from namlib.plots.registry import register
from namlib.plots.style import (
    CYCLE,
    INK,
    QUALIFIER_STYLE,
    house_style,
    label_margin,
    new_axes,
    styled,
    title_with_legend,
)
from namlib.plots.text import Description, PlotInputError, fmt_date, join

__all__ = ["attendance", "describe_attendance"]

_CATEGORY_WORDS = {
    "heads_of_state_or_government": "heads of state or government",
    "international_organizations": "international organisations",
}


def _category_label(category: object) -> str:
    text = str(category)
    return _CATEGORY_WORDS.get(text, text.replace("_", " "))


def _event_title(event_id: str) -> tuple[str, pd.Timestamp | None]:
    try:
        events = load("events")
    except NamlibError:  # pragma: no cover - a broken events table should not stop this plot
        return event_id, None
    match = events[events["event_id"].astype(str) == event_id]
    if match.empty:
        return event_id, None
    return str(match["title"].iloc[0]), match["start_date"].iloc[0]


def _unknown_event(event_id: str, table: pd.DataFrame) -> PlotInputError | None:
    """The error for an event that is in neither table (with close matches), else None."""
    known = sorted(set(table["event_id"].astype(str)))
    try:
        events = set(load("events")["event_id"].astype(str))
    except NamlibError:  # pragma: no cover
        events = set()
    if event_id in events:
        return None
    close = difflib.get_close_matches(event_id, known + sorted(events), n=3, cutoff=0.4)
    hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    return PlotInputError(
        f"There is no event {event_id!r}.{hint} Events with head-counts: {', '.join(known) if known else 'none yet'}."
    )


def _counts_frame(rows: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """The head-counts of one event, in the order of the categories, with the number as shown."""
    categories = (
        list(table["category"].cat.categories) if isinstance(table["category"].dtype, pd.CategoricalDtype) else []
    )
    order = {c: i for i, c in enumerate(categories)}
    frame = pd.DataFrame(
        {
            "category": rows["category"].astype(str).to_numpy(),
            "source_id": rows["source_id"].astype(str).to_numpy(),
            "count": rows["count"].astype("Int64").to_numpy(),
            "qualifier": rows["qualifier"].astype(str).to_numpy(),
            "notes": rows["notes"].astype("object").to_numpy() if "notes" in rows else None,
        }
    )
    frame["_order"] = frame["category"].map(lambda c: order.get(c, len(order)))
    frame = frame.sort_values(["_order", "category", "source_id"], kind="stable").drop(columns="_order")
    frame = frame.reset_index(drop=True)
    frame["shown"] = [
        f"{QUALIFIER_STYLE.get(q, ('', None, ''))[0]}{c}" if pd.notna(c) else "unknown"
        for q, c in zip(frame["qualifier"], frame["count"], strict=True)
    ]
    return frame[["category", "source_id", "count", "qualifier", "shown", "notes"]]


def describe_attendance(event_id: str, table: pd.DataFrame | None = None) -> Description:
    """Text form of :func:`attendance`: every head-count for one event, by category and source.

    Example:
        >>> rows, text = describe_attendance("2019-10-25-baku-summit")
        >>> {"category", "source_id", "count", "qualifier", "shown"} <= set(rows.columns)
        True
    """
    table = load("attendance") if table is None else table
    rows = table[table["event_id"].astype(str) == event_id]
    if rows.empty:
        error = _unknown_event(event_id, table)
        if error is not None:
            raise error
    frame = _counts_frame(rows, table)
    title, when = _event_title(event_id)
    head = f"Head-counts for {title}" + (f" ({fmt_date(when)})" if when is not None else "")
    if frame.empty:
        return Description(frame, f"{head}: no source gives a head-count.")
    words = {"exact": "", "at_least": "at least ", "about": "about "}
    parts = []
    for category, group in frame.groupby("category", sort=False):
        counts = "; ".join(
            f"{words.get(q, '')}{c} ({s})"
            for q, c, s in zip(group["qualifier"], group["count"], group["source_id"], strict=True)
        )
        parts.append(f"{_category_label(category)}: {counts}")
    text = f"{head}, as each source gives them: " + "; ".join(parts) + "."
    disagree = [c for c, g in frame.groupby("category", sort=False) if g["count"].nunique() > 1]
    if disagree:
        text += f" Sources disagree on {join([_category_label(c) for c in disagree])}."
    return Description(frame, text)


def attendance(event_id: str, table: pd.DataFrame | None = None, ax: Axes | None = None) -> Axes:
    """Who attended one meeting, by category: one bar per (category, source).

    Sources often disagree, so every head-count is its own bar, labelled with its source id
    and coloured by source. The qualifier stays visible: "about" counts are dotted and shown
    with ≈, "at least" (more than) counts are hatched and shown with ≥. Bars have
    ``gid="bars"``.

    Example:
        >>> ax = attendance("2019-10-25-baku-summit")
        >>> ax.get_xlabel()
        'number counted (as each source gives it)'
    """
    description = describe_attendance(event_id, table)
    frame = description.table
    title, when = _event_title(event_id)
    labels = [f"{_category_label(c)} · {s}" for c, s in zip(frame["category"], frame["source_id"], strict=True)]
    with styled():
        left = label_margin(labels, 9)
        ax = new_axes(ax, (max(9.0, left + 6.0), 1.65 + 0.36 * max(len(frame), 2)), (left, 0.6, 0.6, 0.75))
        ys = np.arange(len(frame))
        counts = _draw_counts(ax, frame, ys)
        ax.set_yticks(ys, labels)
        ax.set_ylim(len(frame) - 0.5 if len(frame) else 0.5, -0.6)
        ax.set_xlim(0, (counts.max() if len(counts) else 1) * 1.18 + 1)
        house_style(ax, grid="x")
        if frame.empty:
            ax.text(
                0.5,
                0.5,
                "No source gives a head-count for this event.",
                ha="center",
                va="center",
                transform=ax.transAxes,
                color=INK,
            )
        ax.set_xlabel("number counted (as each source gives it)")
        ax.set_ylabel("what was counted · source")
        date = f" ({fmt_date(when)})" if when is not None else ""
        title_with_legend(ax, f"Head-counts: {shorten(str(title), 60)}{date}", _qualifier_handles(frame))
    set_alt(ax, description.text)
    return ax


def _draw_counts(ax: Axes, frame: pd.DataFrame, ys: np.ndarray) -> np.ndarray:
    """One bar per head-count, coloured by source, hatched or dotted by qualifier, with the number as shown.

    Returns the counts drawn (0 for an unknown one).
    """
    sources = list(dict.fromkeys(frame["source_id"]))
    source_color = {s: CYCLE[i % len(CYCLE)] for i, s in enumerate(sources)}
    counts = frame["count"].to_numpy(dtype=float, na_value=0.0)
    for y, count, qualifier, source in zip(ys, counts, frame["qualifier"], frame["source_id"], strict=True):
        _, hatch, _ = QUALIFIER_STYLE.get(qualifier, ("", None, ""))
        color = source_color[source]
        ax.barh(
            y,
            count,
            height=0.62,
            color=color if hatch is None else "white",
            edgecolor=color,
            hatch=hatch,
            linewidth=1.2,
            gid="bars",
        )
    for y, count, shown in zip(ys, counts, frame["shown"], strict=True):
        ax.annotate(shown, (count, y), xytext=(4, 0), textcoords="offset points", va="center", fontsize=9, color=INK)
    return counts


def _qualifier_handles(frame: pd.DataFrame) -> list[Artist]:
    """Legend entries for the qualifiers the counts use (exact, at least, about)."""
    used = [q for q in QUALIFIER_STYLE if q in set(frame["qualifier"])]
    return [
        Patch(
            facecolor=INK if QUALIFIER_STYLE[q][1] is None else "white",
            edgecolor=INK,
            hatch=QUALIFIER_STYLE[q][1],
            label=QUALIFIER_STYLE[q][2],
        )
        for q in used
    ]


register(attendance, describe_attendance, example={"event_id": "2019-10-25-baku-summit"})
