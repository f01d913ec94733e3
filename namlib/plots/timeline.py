"""The timeline: dated events on a time axis, one lane per kind of event, and its text form.

Example:
    >>> ax = timeline(start=2019, end=2024)
    >>> ax.get_yticklabels()[0].get_text()
    'summit'
    >>> table, text = describe_timeline(start=2019, end=2024, kinds="summit")
    >>> table["title"].iloc[[0, -1]].tolist()
    ['18th NAM summit, Baku', '19th NAM summit, Kampala']
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D

from namlib.alt_text import set_alt
from namlib.loading import load
from namlib.plots.labels import HAlign, LabelPlacer, VAlign, shorten, text_size_pt
from namlib.plots.registry import register
from namlib.plots.style import (
    INK,
    KIND_NAMES,
    KIND_STYLE,
    Margins,
    Size,
    house_style,
    new_axes,
    styled,
    title_with_legend,
)
from namlib.plots.text import (
    Description,
    When,
    as_object,
    as_text,
    date_num,
    dates,
    fmt_date,
    join,
    plural,
    timestamp,
)

__all__ = ["describe_timeline", "timeline", "timeline_layout"]

#: One kind of event or several.
Kinds = Iterable[str] | str | None

_SIDES: tuple[tuple[HAlign, float], ...] = (("left", -2.0), ("right", 2.0))  # a label's anchor and x offset
_KIND_LABEL_PRIORITY = [
    "summit",
    "conference",
    "anniversary",
    "ministerial",
    "un",
    "bureau",
    "initiative",
    "network",
    "statement",
    "election",
]
_KIND_NOUNS = {
    "conference": ("conference", "conferences"),
    "summit": ("summit", "summits"),
    "ministerial": ("ministerial meeting", "ministerial meetings"),
    "bureau": ("Coordinating Bureau meeting", "Coordinating Bureau meetings"),
    "un": ("UN event", "UN events"),
    "initiative": ("initiative", "initiatives"),
    "network": ("network meeting", "network meetings"),
    "anniversary": ("anniversary", "anniversaries"),
    "statement": ("statement", "statements"),
    "election": ("election", "elections"),
}


def timeline_layout(lanes: int) -> tuple[Size, Margins]:
    """Figure size and margins (inches) of a timeline with ``lanes`` kinds of event.

    The timeline explorer builds its own figure from it.

    Example:
        >>> timeline_layout(3)
        ((11, 3.21), (1.55, 0.3, 0.6, 0.75))
    """
    return (11, 1.35 + 0.62 * lanes), (1.55, 0.3, 0.6, 0.75)  # left: room for "Coordinating Bureau"


def _timeline_frame(
    events: pd.DataFrame | None, start: When, end: When, kinds: Kinds
) -> tuple[pd.DataFrame, int, pd.Timestamp, pd.Timestamp]:
    events = load("events") if events is None else events
    frame = pd.DataFrame(
        {
            "event_id": events["event_id"].astype("object") if "event_id" in events else range(len(events)),
            "start_date": dates(events["start_date"]),
            "end_date": dates(events["end_date"]) if "end_date" in events else pd.NaT,
            "date_precision": as_object(events["date_precision"]) if "date_precision" in events else "day",
            "kind": as_object(events["kind"]),
            "title": events["title"].astype("object"),
            "city": events["city"].astype("object") if "city" in events else None,
        }
    ).reset_index(drop=True)
    undated = int(frame["start_date"].isna().sum())
    frame = frame[frame["start_date"].notna()].copy()
    frame["end_date"] = frame["end_date"].fillna(frame["start_date"])
    frame["date_precision"] = frame["date_precision"].fillna("day")
    frame["kind"] = frame["kind"].fillna("unknown")
    if kinds is not None:
        kinds = [kinds] if isinstance(kinds, str) else list(kinds)
        frame = frame[frame["kind"].isin(kinds)]
    lo, hi = timestamp(start), timestamp(end, end=True)
    if lo is not None:
        frame = frame[frame["end_date"] >= lo]
    if hi is not None:
        frame = frame[frame["start_date"] <= hi]
    frame = frame.sort_values(["start_date", "event_id"], kind="stable").reset_index(drop=True)
    if lo is None:
        lo = frame["start_date"].min() if len(frame) else pd.Timestamp(1955, 1, 1)
    if hi is None:
        hi = frame["end_date"].max() if len(frame) else pd.Timestamp(2025, 12, 31)
    return frame, undated, lo, hi


def _lanes(frame: pd.DataFrame, kinds: Kinds) -> list[str]:
    order = list(KIND_STYLE)
    if kinds is not None:
        wanted = [kinds] if isinstance(kinds, str) else list(kinds)
        present = [k for k in order if k in wanted] + [k for k in wanted if k not in order]
    else:
        present = [k for k in order if k in set(frame["kind"])]
        present += sorted(set(frame["kind"]) - set(order))
    return present


def _years(lo: pd.Timestamp, hi: pd.Timestamp, span: str = "{}–{}", single: str = "{}") -> str:
    return single.format(lo.year) if lo.year == hi.year else span.format(lo.year, hi.year)


def _kind_count(n: int, kind: str) -> str:
    one, many = _KIND_NOUNS.get(kind, (kind, kind + "s"))
    return f"{n} {one if n == 1 else many}"


def describe_timeline(
    events: pd.DataFrame | None = None, start: When = None, end: When = None, kinds: Kinds = None
) -> Description:
    """Text form of :func:`timeline`: the events drawn, in date order, and a summary.

    Example:
        >>> table, text = describe_timeline(start=2019, end=2024)
        >>> bool(table["start_date"].dt.year.between(2019, 2024).all())
        True
    """
    frame, undated, lo, hi = _timeline_frame(events, start, end, kinds)
    table = frame[["start_date", "end_date", "date_precision", "kind", "title", "event_id"]].copy()
    table["date_precision"] = table["date_precision"].astype("str")
    table["kind"] = table["kind"].astype("str")
    if table.empty:
        text = f"No dated events between {lo.year} and {hi.year} for these kinds."
    else:
        counts = table["kind"].value_counts()
        by_kind = join([_kind_count(int(counts[k]), k) for k in _lanes(frame, kinds) if k in counts])
        rough = int((table["date_precision"] != "day").sum())
        text = (
            f"Timeline of {plural(len(table), 'dated event')}, {_years(lo, hi, 'from {} to {}', 'in {}')}: {by_kind}. "
            f"The first is {table['title'].iloc[0]} ({fmt_date(table['start_date'].iloc[0])}), "
            f"the last {table['title'].iloc[-1]} ({fmt_date(table['start_date'].iloc[-1])})."
        )
        if rough:
            text += f" {plural(rough, 'event')} known only to the month or year (hollow markers)."
    if undated:
        text += f" {plural(undated, 'event')} without a date left out."
    return Description(table, text)


def timeline(
    events: pd.DataFrame | None = None,
    start: When = None,
    end: When = None,
    kinds: Kinds = None,
    ax: Axes | None = None,
    label: bool = True,
    label_size: float = 7.5,
) -> Axes:
    """Dated events on a time axis, one lane per kind of event.

    ``events`` defaults to ``namlib.load("events")``; ``start``/``end`` are years (or dates)
    limiting the range; ``kinds`` keeps only some kinds. Filled markers are events dated to the
    day, hollow ones events dated only to the month or year; a line shows a multi-day event.
    Labels (short titles) are placed so that they never overlap: summits first, then the
    other kinds; an event without room stays unlabelled, and the x-axis label says how many.
    The markers are scatter collections with ``gid="events"``.

    Example:
        >>> ax = timeline(start=2019, end=2024)
        >>> ax.get_title()
        'NAM events, 2019–2024'
    """
    frame, _, lo, hi = _timeline_frame(events, start, end, kinds)
    lanes = _lanes(frame, kinds) or ["summit"]
    with styled():
        ax = new_axes(ax, *timeline_layout(len(lanes)))
        _lane_axes(ax, lanes, lo, hi)
        x0, ys = _draw_events(ax, frame, lanes)
        hidden = _timeline_labels(ax, frame, x0, ys, len(lanes), label_size) if label else None
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=4, maxticks=12))
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator(), show_offset=False))
        xlabel = "date"
        if hidden:
            xlabel += f"  ·  {hidden} of {len(frame)} events unlabelled for lack of room (narrow start/end to see them)"
        ax.set_xlabel(xlabel)
        ax.set_ylabel("kind of event")
        handles: list[Artist] = [
            Line2D(
                [], [], marker="o", linestyle="", markerfacecolor=INK, markeredgecolor=INK, label="dated to the day"
            ),
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                markerfacecolor="white",
                markeredgecolor=INK,
                label="dated to the month or year only",
            ),
            Line2D([], [], color=INK, linewidth=2.2, alpha=0.7, label="lasted several days"),
        ]
        title_with_legend(ax, f"NAM events, {_years(lo, hi)}", handles)
    set_alt(ax, describe_timeline(events, start, end, kinds).text)
    return ax


def _lane_axes(ax: Axes, lanes: list[str], lo: pd.Timestamp, hi: pd.Timestamp) -> None:
    """The time range (padded) on x, one named lane per kind of event on y."""
    span = hi - lo
    pad = max(span * 0.015, pd.Timedelta(days=20))
    if span < pd.Timedelta(days=1):
        pad = pd.Timedelta(days=365)
    ax.set_xlim(date_num([lo - pad])[0], date_num([hi + pad])[0])
    ax.set_ylim(len(lanes) - 0.5, -0.5)
    ax.set_yticks(range(len(lanes)), [KIND_NAMES.get(k, k) for k in lanes])
    ax.tick_params(axis="y", length=0)
    for y in range(len(lanes)):
        ax.axhline(y, color="#EEEEEE", linewidth=0.8, zorder=0)
    house_style(ax, grid="x")


def _draw_events(ax: Axes, frame: pd.DataFrame, lanes: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """A line per multi-day event, a marker per event (hollow: dated to the month or year only).

    Returns the markers' x and y coordinates, in the frame's order.
    """
    lane_of = {k: i for i, k in enumerate(lanes)}
    x0 = date_num(frame["start_date"])
    x1 = date_num(frame["end_date"])
    ys = frame["kind"].map(lane_of).to_numpy(dtype=float)
    long = x1 > x0
    if long.any():
        colors = [KIND_STYLE.get(k, (INK, "o"))[0] for k in frame.loc[long, "kind"]]
        ax.hlines(ys[long], x0[long], x1[long], colors=colors, linewidth=2.2, alpha=0.7, zorder=2, gid="durations")
    exact = (frame["date_precision"] == "day").to_numpy()
    for kind in lanes:
        color, marker = KIND_STYLE.get(kind, (INK, "o"))
        is_kind = (frame["kind"] == kind).to_numpy()
        for filled in (True, False):
            mask = is_kind & (exact if filled else ~exact)
            if not mask.any():
                continue
            ax.scatter(
                x0[mask],
                ys[mask],
                s=60 if marker == "*" else 38,
                marker=marker,
                facecolors=color if filled else "white",
                edgecolors=INK if marker == "*" else color,
                linewidths=0.6 if marker == "*" else 1.4,
                zorder=3,
                gid="events",
            )
    return x0, ys


def _timeline_labels(
    ax: Axes, frame: pd.DataFrame, x0: np.ndarray, ys: np.ndarray, lanes: int, fontsize: float = 7.5
) -> int:
    """Place short titles above/below the markers, never overlapping; return how many had no room."""
    placer = LabelPlacer(ax)
    lane_pt = (ax.bbox.height / placer.px_per_pt) / max(lanes, 1)
    _, text_h = text_size_pt("Ag", fontsize)
    gap = 4.5
    levels = max(1, int((lane_pt / 2 - gap) // text_h))
    offsets: list[tuple[float, VAlign]] = []
    for level in range(levels):
        offsets.append((gap + level * text_h, "bottom"))
        offsets.append((-gap - level * text_h, "top"))
    # markers are obstacles too
    for x, y in zip(x0, ys, strict=True):
        px, py = ax.transData.transform((x, y))
        r = 4 * placer.px_per_pt
        placer.block((px - r, py - r, px + r, py + r))
    rank = {k: i for i, k in enumerate(_KIND_LABEL_PRIORITY)}
    order = sorted(
        range(len(frame)), key=lambda i: (rank.get(str(frame["kind"].iat[i]), 99), frame["start_date"].iat[i])
    )
    hidden = 0
    leaders: list[np.ndarray] = []
    span_years = (ax.get_xlim()[1] - ax.get_xlim()[0]) / 365.25
    for i in order:
        city = frame["city"].iat[i] if "city" in frame else None
        candidates = _label_candidates(
            str(frame["title"].iat[i]), str(frame["kind"].iat[i]), as_text(city), long_range=span_years > 25
        )
        placed = False
        for label in candidates:
            placed = _place_label(ax, placer, label, x0[i], ys[i], offsets, fontsize, leaders)
            if placed:
                break
        hidden += not placed
    if leaders:
        ax.add_collection(
            LineCollection(leaders, colors="#9A9A9A", linewidths=0.6, zorder=2, gid="leaders"), autolim=False
        )
    return hidden


def _place_label(
    ax: Axes,
    placer: LabelPlacer,
    label: str,
    x: float,
    y: float,
    offsets: list[tuple[float, VAlign]],
    fontsize: float,
    leaders: list[np.ndarray],
) -> bool:
    """Draw ``label`` at the first free offset from the marker at (x, y), with a leader; False if none is free."""
    size = text_size_pt(label, fontsize)
    for dy, va in offsets:
        for ha, dx in _SIDES:
            box = placer.box(x, y, size, ha, va, dx=dx, dy=dy)
            if not placer.fits(box):
                continue
            placer.block(box)
            ax.annotate(
                label,
                (x, y),
                xytext=(dx, dy),
                textcoords="offset points",
                ha=ha,
                va=va,
                fontsize=fontsize,
                color=INK,
                annotation_clip=False,
                gid="event-label",
            )
            # a leader from the marker's edge to the label's near corner (one collection, cheap)
            corner = (box[0] if ha == "left" else box[2], box[1] if va == "bottom" else box[3])
            marker = ax.transData.transform((x, y))
            edge = (marker[0], marker[1] + np.sign(corner[1] - marker[1]) * 3.5 * placer.px_per_pt)
            leaders.append(ax.transData.inverted().transform([edge, corner]))
            return True
    return False


def _label_candidates(title: str, kind: str, city: str | None, long_range: bool) -> list[str]:
    """Labels to try, longest first: the title without "NAM", then shorter cuts at a word."""
    clean = re.sub(r"\bNAM\s+", "", title).strip()
    clean = clean[:1].upper() + clean[1:]
    out = [city] if (long_range and kind == "summit" and city and re.match(r"\d", clean)) else []
    for limit in (34, 22, 13) if long_range else (40, 26, 16):
        out.append(shorten(clean, limit))
    return list(dict.fromkeys(out))


register(timeline, describe_timeline)
