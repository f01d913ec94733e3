"""Who chaired NAM and when: a Gantt chart, one row per country, one bar per person, and its text form.

Example:
    >>> ax = chair_periods(start=2017)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Venezuela', 'Azerbaijan', 'Uganda']
    >>> table, text = describe_chair_periods(start=2017)
    >>> int(table.loc[table["country"] == "Azerbaijan", "extension_days"].iloc[0]) > 365
    True
"""

from __future__ import annotations

from typing import Any

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from namlib.alt_text import set_alt
from namlib.loading import load
from namlib.plots.labels import HAlign, LabelPlacer, text_size_pt
from namlib.plots.registry import register
from namlib.plots.style import INK, OKABE_ITO, house_style, label_margin, new_axes, set_title, styled
from namlib.plots.text import (
    Description,
    as_object,
    date_num,
    dates,
    fmt_date,
    plural,
    reference_date,
    timestamp,
)

__all__ = ["describe_chair_periods", "chair_periods"]

#: One bar run as drawn: row, start, end of the term proper, outer end, chair, colour, alpha.
Span = tuple[int, float, float, float, str, str, float]

_C = OKABE_ITO
_COLUMNS = [
    "chair_id",
    "country",
    "chair",
    "start",
    "end",
    "drawn_end",
    "open",
    "planned_end",
    "extension_days",
    "start_precision",
    "end_precision",
    "exact",
]


def _precision(chairs: pd.DataFrame, column: str) -> pd.Series:
    """``start_precision``/``end_precision``; an older table's single ``date_precision`` serves for both."""
    for name in (column, "date_precision"):
        if name in chairs:
            return as_object(chairs[name]).reset_index(drop=True)
    return pd.Series("day", index=range(len(chairs)), dtype="object")


def _planned_end(start: pd.Timestamp, year: Any) -> pd.Timestamp | None:
    """The anniversary of ``start`` in ``year`` (a cell of an Int64 column: an integer or NA)."""
    if year is None or pd.isna(year) or pd.isna(start):
        return None
    end_year = int(year)
    try:
        return start.replace(year=end_year)
    except ValueError:  # 29 February
        return start.replace(year=end_year, day=28)


def _chair_frame(chairs: pd.DataFrame, start: int | None, as_of: pd.Timestamp) -> tuple[pd.DataFrame, int]:
    """One row per dated term, with its drawn and planned ends; and how many rows had no start date."""
    frame = pd.DataFrame(
        {
            "chair_id": chairs["chair_id"].astype("object") if "chair_id" in chairs else range(len(chairs)),
            "country": chairs["country"].astype("object"),
            "chair": chairs["chair"].astype("object"),
            "start": dates(chairs["start_date"]),
            "end": dates(chairs["end_date"]) if "end_date" in chairs else pd.NaT,
            "start_precision": _precision(chairs, "start_precision"),
            "end_precision": _precision(chairs, "end_precision"),
            "planned_end_year": (chairs["planned_end_year"].astype("Int64") if "planned_end_year" in chairs else pd.NA),
        }
    ).reset_index(drop=True)
    undated = int(frame["start"].isna().sum())
    frame = frame[frame["start"].notna()].copy()
    frame["open"] = frame["end"].isna()
    frame["start_precision"] = frame["start_precision"].fillna("day").astype(str)
    frame["end_precision"] = frame["end_precision"].where(frame["open"] | frame["end_precision"].notna(), "day")
    frame["exact"] = (frame["start_precision"] == "day") & (frame["open"] | (frame["end_precision"] == "day"))
    frame["drawn_end"] = frame["end"].fillna(as_of)
    frame["planned_end"] = pd.Series(
        [_planned_end(s, y) for s, y in zip(frame["start"], frame["planned_end_year"], strict=True)],
        index=frame.index,
        dtype="datetime64[ns]",
    )
    extension = (frame["drawn_end"] - frame["planned_end"]).dt.days
    frame["extension_days"] = extension.where(extension > 0).astype("Int64")
    frame.loc[frame["open"], "extension_days"] = pd.NA  # an open term has not run past anything yet
    if start is not None:
        frame = frame[frame["drawn_end"] >= timestamp(start)]
    frame = frame.sort_values(["start", "chair_id"], kind="stable").reset_index(drop=True)
    return frame[_COLUMNS], undated


def _chair_text(table: pd.DataFrame, undated: int, as_of: pd.Timestamp) -> str:
    text = (
        f"{plural(len(table), 'chair')} of NAM from {table['start'].iloc[0].year} "
        f"({table['chair'].iloc[0]}, {table['country'].iloc[0]}) on, one bar per person, one row per country."
    )
    for _, row in table[table["extension_days"].notna()].iterrows():
        text += (
            f" {row['country']} ({row['chair']}) held the chair from {fmt_date(row['start'])} to"
            f" {fmt_date(row['end'])}, {int(row['extension_days'])} days past the planned end in"
            f" {row['planned_end'].year} (hatched)."
        )
    for _, row in table[table["open"]].iterrows():
        text += f" {row['country']} ({row['chair']}) has held the chair since {fmt_date(row['start'])}"
        if pd.notna(row["planned_end"]) and row["planned_end"] > as_of:
            text += f", planned until {row['planned_end'].year} (dotted outline)"
        text += f"; the bar is drawn to {fmt_date(as_of)}."
    rough = int((~table["exact"]).sum())
    if rough:
        text += f" For {plural(rough, 'chair')} a start or end day is not known, only the month or year (pale bars)."
    if undated:
        text += f" {plural(undated, 'row')} without a start date left out."
    return text


def describe_chair_periods(
    chairs: pd.DataFrame | None = None, start: int | None = None, as_of: str | pd.Timestamp | None = None
) -> Description:
    """Text form of :func:`chair_periods`: each chair's term as drawn.

    ``planned_end`` is the anniversary of the start in ``planned_end_year``; ``extension_days``
    is how long the term ran past it. An open term (the current chair) is drawn to ``as_of``,
    by default the dataset's reference date (:func:`~namlib.plots.text.reference_date`).

    Example:
        >>> table, text = describe_chair_periods(start=2017)
        >>> table["country"].tolist()
        ['Venezuela', 'Azerbaijan', 'Uganda']
    """
    chairs = load("chairmanships") if chairs is None else chairs
    as_of = reference_date() if as_of is None else pd.Timestamp(as_of)
    table, undated = _chair_frame(chairs, start, as_of)
    if table.empty:
        return Description(table, "No chairs to show.")
    return Description(table, _chair_text(table, undated, as_of))


def chair_periods(
    chairs: pd.DataFrame | None = None,
    start: int | None = None,
    ax: Axes | None = None,
    as_of: str | pd.Timestamp | None = None,
) -> Axes:
    """Who chaired NAM and when: a Gantt chart, one row per country, one bar per person.

    A term that ran past its planned end (Azerbaijan: planned to 2022, handed over in January
    2024) has the extra time hatched; the current chair's open term is drawn with an arrow to
    ``as_of``, by default the dataset's reference date (``namlib.reference_date`` in
    datapackage.json), and a planned end after that as a dotted outline. Pale bars: dates known
    only to the month or year. Bars are patches with ``gid`` ``"term"``, ``"extension"`` or
    ``"planned"``.

    Example:
        >>> ax = chair_periods(start=2017)
        >>> sum(p.get_gid() == "extension" for p in ax.patches)
        1
    """
    as_of = reference_date() if as_of is None else pd.Timestamp(as_of)
    description = describe_chair_periods(chairs, start, as_of)
    table = description.table
    countries = list(dict.fromkeys(table["country"]))
    with styled():
        left = label_margin(countries, 9)
        ax = new_axes(ax, (11, 1.3 + 0.36 * max(len(countries), 1)), (left, 0.35, 0.6, 0.5))
        lo = _chair_axes(ax, table, countries, as_of)
        height = 0.6
        spans = _chair_bars(ax, table, {c: i for i, c in enumerate(countries)}, as_of, height)
        _chair_labels(ax, spans, height)
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=4, maxticks=14))
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator(), show_offset=False))
        ax.set_xlabel(f"date  ·  open term drawn to {fmt_date(as_of)}")
        ax.set_ylabel("chair country")
        years = f"{lo.year}–{as_of.year}" if len(table) else ""
        set_title(ax, f"Who chaired NAM, {years}".rstrip(", "))
        ax.legend(handles=_chair_legend(table, as_of), loc="lower left", handlelength=1.6)
    set_alt(ax, description.text)
    return ax


def _chair_axes(ax: Axes, table: pd.DataFrame, countries: list[str], as_of: pd.Timestamp) -> pd.Timestamp:
    """Dates on x (to the latest end, drawn or planned), one row per country on y; returns the first date."""
    lo = table["start"].min() if len(table) else as_of - pd.Timedelta(days=365)
    hi = max(
        table["drawn_end"].max() if len(table) else as_of,
        table["planned_end"].max() if table["planned_end"].notna().any() else lo,
    )
    pad = max((hi - lo) * 0.02, pd.Timedelta(days=60))
    ax.set_xlim(date_num([lo - pad])[0], date_num([hi + pad * 3])[0])
    ax.set_ylim(len(countries) - 0.4, -0.6)
    ax.set_yticks(range(len(countries)), countries)
    ax.tick_params(axis="y", length=0)
    house_style(ax, grid="x")
    return lo


def _chair_bars(
    ax: Axes, table: pd.DataFrame, row_of: dict[str, int], as_of: pd.Timestamp, height: float
) -> list[Span]:
    """A bar per term (persons in a row alternate shades), hatched past the planned end, open ones to ``as_of``."""
    shade: dict[int, int] = {}
    spans: list[Span] = []
    for _, row in table.iterrows():
        y = row_of[row["country"]]
        shade[y] = shade.get(y, -1) + 1
        color = _C["blue"] if shade[y] % 2 == 0 else _C["sky_blue"]
        alpha = 1.0 if row["exact"] else 0.5
        s = date_num([row["start"]])[0]
        e = date_num([row["drawn_end"]])[0]
        term_end = outer = e
        if pd.notna(row["extension_days"]):
            term_end = date_num([row["planned_end"]])[0]
            ax.barh(
                y,
                e - term_end,
                left=term_end,
                height=height,
                color="white",
                edgecolor=color,
                hatch="////",
                linewidth=1.0,
                gid="extension",
            )
        ax.barh(
            y,
            max(term_end - s, 1.0),
            left=s,
            height=height,
            color=color,
            alpha=alpha,
            edgecolor="white",
            linewidth=0.6,
            gid="term",
        )
        if row["open"]:
            if pd.notna(row["planned_end"]) and row["planned_end"] > as_of:
                outer = date_num([row["planned_end"]])[0]
                ax.barh(
                    y,
                    outer - e,
                    left=e,
                    height=height,
                    fill=False,
                    edgecolor=color,
                    linestyle=":",
                    linewidth=1.2,
                    gid="planned",
                )
            else:
                ax.plot([e], [y], marker=">", color=color, markersize=7, gid="open-end")
                outer = e + (ax.get_xlim()[1] - ax.get_xlim()[0]) * 0.008  # room for the arrow head
        spans.append((y, s, term_end, outer, str(row["chair"]), color, alpha))
    return spans


def _chair_legend(table: pd.DataFrame, as_of: pd.Timestamp) -> list[Artist]:
    """Legend entries for the kinds of bar this chart has."""
    handles: list[Artist] = [Patch(facecolor=_C["blue"], label="term (persons alternate shades)")]
    if table["extension_days"].notna().any():
        handles.append(Patch(facecolor="white", edgecolor=_C["blue"], hatch="////", label="past the planned end"))
    if (table["open"] & table["planned_end"].gt(as_of)).any():
        handles.append(Patch(fill=False, edgecolor=_C["blue"], linestyle=":", label="planned, still to come"))
    if (~table["exact"]).any():
        handles.append(Patch(facecolor=_C["blue"], alpha=0.5, label="dates known to the month/year only"))
    return handles


def _initials(name: str) -> str:
    """'Mohamed Hussein Tantawi' -> 'M. H. Tantawi' (a short form for crowded rows)."""
    words = name.split()
    return " ".join([w[0] + "." for w in words[:-1]] + words[-1:])


def _runs(spans: list[Span]) -> list[list[Span]]:
    """Consecutive terms in a row (less than 200 days apart), each run in date order."""
    runs: list[list[Span]] = []
    for span in sorted(spans, key=lambda t: (t[0], t[1])):
        last = runs[-1][-1] if runs else None
        if last is not None and last[0] == span[0] and span[1] - last[3] < 200:
            runs[-1].append(span)
        else:
            runs.append([span])
    return runs


def _chair_labels(ax: Axes, spans: list[Span], height: float) -> None:
    """Name the persons beside their bars: one label per run of consecutive terms in a row
    ("Hosni Mubarak → Mohamed Hussein Tantawi → Mohamed Morsi"), right of the run, else left
    of it, with initials when the full names do not fit."""
    placer = LabelPlacer(ax)
    fontsize = 8
    for y, s, _, e, *_ in spans:
        (px0, py0), (px1, py1) = ax.transData.transform([(s, y - height / 2), (e, y + height / 2)])
        placer.block((min(px0, px1), min(py0, py1), max(px0, px1), max(py0, py1)))
    for run in _runs(spans):
        y, start, end = run[0][0], run[0][1], run[-1][3]
        names = [t[4] for t in run]
        texts = list(dict.fromkeys([" → ".join(names), " → ".join(_initials(n) for n in names)]))
        spot = None
        for text in texts:
            size = text_size_pt(text, fontsize)
            sides: tuple[tuple[float, HAlign, float], ...] = ((end, "left", 4), (start, "right", -4))
            for x, ha, dx in sides:
                box = placer.box(x, y, size, ha, "center", dx=dx)
                if placer.fits(box):
                    spot = (text, x, ha, dx)
                    placer.block(box)
                    break
            if spot:
                break
        text, x, ha, dx = spot or (texts[-1], end, "left", 4)  # no free place: right of the run anyway
        ax.annotate(
            text,
            (x, y),
            xytext=(dx, 0),
            textcoords="offset points",
            ha=ha,
            va="center",
            fontsize=fontsize,
            color=INK,
            gid="chair-label",
            annotation_clip=False,
        )


register(chair_periods, describe_chair_periods)
