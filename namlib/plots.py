"""Standard plots of the dataset, drawn once and well so lessons can call one function.

Every plot function

* takes an optional ``ax`` (a new figure is made when it is ``None``) and returns the Axes;
* sets a title and axis labels and uses one colour-blind-safe style (the Okabe-Ito palette,
  :data:`OKABE_ITO`), with shapes or hatching as a second cue wherever colour carries meaning;
* has a text form, ``describe_<name>(...)``, taking the same data arguments and returning a
  :class:`Description`: the DataFrame behind the plot and a short plain-language description,
  for screen-reader users and printed handouts. The plot is drawn from that same table, so
  the two always agree.

Nothing here calls ``plt.show()`` or writes files; the output is deterministic.

Example:
    >>> ax = membership_growth()
    >>> ax.get_title()
    'NAM member states per year, 1961–2025'
    >>> table, text = describe_membership_growth()
    >>> int(table.set_index("year").loc[2024, "member"])
    121
"""

from __future__ import annotations

import difflib
import html
import json
import re
import textwrap
from collections.abc import Iterable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import matplotlib as mpl
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PatchCollection
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path as MplPath
from matplotlib.textpath import TextToPath

from namlib.alt_text import install as _alt_text_install
from namlib.alt_text import set_alt
from namlib.errors import NamlibError
from namlib.loading import load
from namlib.membership import members_in, membership_by_year

_alt_text_install()  # matplotlib is loaded now: its figures get alt text in a notebook

__all__ = [
    "OKABE_ITO",
    "STYLE",
    "Description",
    "attendance",
    "chair_periods",
    "describe_attendance",
    "describe_chair_periods",
    "describe_members_by_region",
    "describe_membership_growth",
    "describe_timeline",
    "describe_world_map",
    "members_by_region",
    "membership_growth",
    "timeline",
    "world_map",
    "world_shapes",
]

# --------------------------------------------------------------------------- style

#: The Okabe-Ito palette (Okabe & Ito 2008), safe for the common kinds of colour blindness.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}
_C = OKABE_ITO
NO_DATA = "#DDDDDD"  # light grey: not a member or observer / no value
INK = "#333333"
SEA = "#EEF4F8"

#: Matplotlib settings used by every plot (applied with :func:`styled`).
STYLE = {
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.labelsize": 10,
    "axes.labelcolor": INK,
    "axes.edgecolor": "#888888",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": cycler(color=[_C[k] for k in ("blue", "orange", "bluish_green", "vermillion",
                                                      "reddish_purple", "sky_blue", "yellow", "black")]),
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "xtick.color": INK,
    "ytick.color": INK,
    "legend.fontsize": 8.5,
    "legend.frameon": False,
    "grid.color": "#E3E3E3",
    "grid.linewidth": 0.8,
    "hatch.linewidth": 0.8,
    "figure.dpi": 100,
    "figure.facecolor": "white",  # readable in dark-themed front ends too
    "savefig.dpi": 100,
    "svg.hashsalt": "namlib",
}

@contextmanager
def styled():
    """Apply :data:`STYLE` while drawing, then restore just those settings.

    ``matplotlib.rc_context`` would restore *every* setting on exit, including the
    backend and interactive mode that Jupyter's inline backend sets up the first
    time a figure is drawn; figures after the first would then never show. This
    context touches only the keys in STYLE.

    Example:
        >>> import matplotlib as mpl
        >>> before = mpl.rcParams["font.size"]
        >>> with styled():
        ...     mpl.rcParams["axes.titleweight"]
        'bold'
        >>> mpl.rcParams["font.size"] == before
        True
    """
    saved = {key: mpl.rcParams[key] for key in STYLE}
    mpl.rcParams.update(STYLE)
    try:
        yield
    finally:
        mpl.rcParams.update(saved)


STATUS_COLORS = {
    "member": _C["blue"],
    "observer_state": _C["orange"],
    "observer_organization": _C["reddish_purple"],
}
STATUS_LABELS = {
    "member": "member state",
    "observer_state": "observer state",
    "observer_organization": "observer organisation",
}
REGION_COLORS = {
    "Africa": _C["bluish_green"],
    "Asia": _C["vermillion"],
    "Latin America and the Caribbean": _C["sky_blue"],
    "Europe": _C["yellow"],
    "Americas": _C["sky_blue"],
    "Oceania": _C["reddish_purple"],
}
#: Colour and marker of each kind of event (the marker is a second cue besides colour).
KIND_STYLE = {
    "conference": (_C["black"], "D"),
    "summit": (_C["blue"], "o"),
    "ministerial": (_C["orange"], "s"),
    "bureau": (_C["sky_blue"], "^"),
    "un": (_C["bluish_green"], "v"),
    "initiative": (_C["reddish_purple"], "P"),
    "network": (_C["vermillion"], "X"),
    "anniversary": (_C["yellow"], "*"),
    "statement": (_C["black"], "h"),
    "election": (_C["vermillion"], "d"),
}
#: How a kind of event is named for readers (the data keep the short codes).
KIND_NAMES = {
    "conference": "conference",
    "summit": "summit",
    "ministerial": "ministerial meeting",
    "bureau": "Coordinating Bureau",
    "un": "United Nations",
    "initiative": "initiative",
    "network": "network",
    "anniversary": "anniversary",
    "statement": "statement",
    "election": "election",
}
_KIND_LABEL_PRIORITY = ["summit", "conference", "anniversary", "ministerial", "un", "bureau",
                        "initiative", "network", "statement", "election"]
QUALIFIER_STYLE = {  # symbol, hatch, label
    "exact": ("", None, "exact count"),
    "at_least": ("≥ ", "////", "at least (“more than”): hatched, ≥"),
    "about": ("≈ ", "....", "about: dotted, ≈"),
}
#: The dataset's reference date: an open term (the current chair) is drawn up to here.
AS_OF = pd.Timestamp("2025-12-31")

_SHORT_REGION = {"Latin America and the Caribbean": "Latin America\nand the Caribbean"}


class PlotInputError(NamlibError, ValueError):
    """A plot was asked for something the data does not have."""


# --------------------------------------------------------------------------- text form


@dataclass(frozen=True, repr=False)
class Description:
    """The text form of a plot: ``table`` (the DataFrame drawn) and ``text`` (plain words).

    Unpacks as ``table, text = describe_...()``; ``print()`` gives the text and the table;
    in a notebook it shows as a paragraph and an HTML table.
    """

    table: pd.DataFrame
    text: str

    def __iter__(self):
        return iter((self.table, self.text))

    def __str__(self) -> str:
        if self.table.empty:
            return self.text
        return f"{self.text}\n\n{self.table.to_string(index=False)}"

    __repr__ = __str__

    def _repr_html_(self) -> str:
        table = "" if self.table.empty else self.table.to_html(index=False, na_rep="")
        return f"<p>{html.escape(self.text)}</p>{table}"


# --------------------------------------------------------------------------- helpers


def _axes(ax: Axes | None, size: tuple[float, float], margins: tuple[float, float, float, float]) -> Axes:
    """``ax``, or a new figure of ``size`` inches with fixed margins (left, right, bottom, top) in inches.

    Fixed margins (not tight_layout) keep figure creation cheap and let labels be placed
    before the first draw.
    """
    if ax is not None:
        return ax
    fig = plt.figure(figsize=size)
    return fig.add_axes(_rect(size, margins))


def _label_margin(labels: Iterable[str], fontsize: float, extra: float = 0.45) -> float:
    """Left margin (inches) wide enough for the longest tick label plus the axis label."""
    widest = max((_text_size_pt(str(label), fontsize)[0] for label in labels), default=0.0)
    return widest / 72 + extra


def _rect(size: tuple[float, float], margins: tuple[float, float, float, float]) -> tuple[float, ...]:
    """Axes rectangle (figure fractions) for fixed margins in inches: left, right, bottom, top."""
    (width, height), (left, right, bottom, top) = size, margins
    return (left / width, bottom / height, 1 - (left + right) / width, 1 - (bottom + top) / height)


def _timeline_layout(lanes: int) -> tuple[tuple[float, float], tuple[float, float, float, float]]:
    return (11, 1.35 + 0.62 * lanes), (1.55, 0.3, 0.6, 0.75)  # left: room for "Coordinating Bureau"


MAP_LAYOUT = ((10, 5.0), (0.1, 0.1, 0.3, 0.4))


def _text(value) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value)


def _dates(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series, errors="coerce").astype("datetime64[ns]")


def _num(dates) -> np.ndarray:
    values = pd.to_datetime(pd.Series(dates), errors="coerce").astype("datetime64[ns]").to_numpy()
    return mdates.date2num(values)


def _timestamp(value, end: bool = False) -> pd.Timestamp | None:
    """A year (int) or a date-like value as a Timestamp; a year means its first (or last) day."""
    if value is None:
        return None
    if isinstance(value, int | np.integer):
        return pd.Timestamp(int(value), 12, 31) if end else pd.Timestamp(int(value), 1, 1)
    return pd.Timestamp(value)


def _fmt_date(value) -> str:
    if value is None or pd.isna(value):
        return "unknown date"
    return f"{value.day} {value:%b %Y}"


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _join(items: list[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, at a word boundary where possible, with "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-(") + "…"


_TEXT_TO_PATH = TextToPath()


@lru_cache(maxsize=4096)
def _text_size_pt(text: str, size: float) -> tuple[float, float]:
    """Width and height of ``text`` in points, from the font's metrics (no renderer needed)."""
    prop = FontProperties(family=mpl.rcParams["font.family"], size=size)
    width, height, descent = _TEXT_TO_PATH.get_text_width_height_descent(text, prop, ismath=False)
    return width, max(height, size) * 1.15


class _LabelPlacer:
    """Greedy, deterministic placement of text boxes that must not overlap (display pixels)."""

    def __init__(self, ax: Axes):
        self.ax = ax
        self.px_per_pt = ax.figure.dpi / 72
        box = ax.bbox
        self.bounds = (box.x0, box.y0, box.x1, box.y1)
        self.boxes: list[tuple[float, float, float, float]] = []

    def block(self, box: tuple[float, float, float, float]) -> None:
        self.boxes.append(box)

    def fits(self, box: tuple[float, float, float, float]) -> bool:
        x0, y0, x1, y1 = box
        bx0, by0, bx1, by1 = self.bounds
        if x0 < bx0 - 1 or x1 > bx1 + 1 or y0 < by0 - 1 or y1 > by1 + 1:
            return False
        return all(x1 <= a0 or x0 >= a1 or y1 <= b0 or y0 >= b1 for a0, b0, a1, b1 in self.boxes)

    def box(self, x: float, y: float, size: tuple[float, float], ha: str, va: str, dx: float = 0, dy: float = 0):
        """Box of a text of ``size`` (points) anchored at data (x, y), offset by (dx, dy) points."""
        px, py = self.ax.transData.transform((x, y))
        w, h = size[0] * self.px_per_pt, size[1] * self.px_per_pt
        px += dx * self.px_per_pt
        py += dy * self.px_per_pt
        x0 = {"left": px, "right": px - w, "center": px - w / 2}[ha]
        y0 = {"bottom": py, "top": py - h, "center": py - h / 2}[va]
        return (x0, y0, x0 + w, y0 + h)


def set_title(ax: Axes, title: str, pad: float = 6) -> None:
    """The house title: left-aligned, bold, 12 pt (set explicitly, so it holds outside ``STYLE``).

    It is the Axes' main (centre) title moved to the left edge, so ``ax.get_title()`` returns it.

    Example:
        >>> fig, ax = plt.subplots()
        >>> set_title(ax, "Summits")
        >>> ax.get_title()
        'Summits'
        >>> plt.close(fig)
    """
    fig_w, fig_h = ax.figure.get_size_inches()
    box = ax.get_position()
    left_in, width_in = box.x0 * fig_w, box.width * fig_w
    x = 0.0
    needed = _text_size_pt(title, 12)[0] * 1.08 / 72  # bold is about 8 % wider
    if needed > fig_w - left_in - 0.1:  # too long from the axes' edge: start at the figure's edge
        x = -(left_in - 0.1) / width_in
        if needed > fig_w - 0.2:
            chars = max(20, int(len(title) * (fig_w - 0.2) / needed))
            title = "\n".join(textwrap.wrap(title, chars))
    text = ax.set_title(title, loc="center", fontsize=12, fontweight="bold", pad=pad)
    text.set_horizontalalignment("left")
    text.set_x(x)


def _house_style(ax: Axes, grid: str | None = None) -> None:
    """Spines, ticks and grid set explicitly, so an Axes made outside :data:`STYLE` looks the same."""
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=9, colors=INK)
    if grid:
        ax.grid(axis=grid, color="#E3E3E3", linewidth=0.8)
        ax.set_axisbelow(True)


def _title_with_legend(ax: Axes, title: str, handles: list) -> None:
    """Title on top, a one-row legend between it and the axes (never over the data)."""
    if handles:
        ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0), ncols=len(handles), borderaxespad=0.3,
                  handlelength=1.6, handletextpad=0.4, columnspacing=1.4, borderpad=0.1)
    set_title(ax, title, pad=22 if handles else 6)


def _ensure_category(values: pd.Series) -> pd.Series:
    return values.astype("object").where(values.notna(), None)


# =========================================================================== timeline


def _timeline_frame(events, start, end, kinds) -> tuple[pd.DataFrame, int, pd.Timestamp, pd.Timestamp]:
    events = load("events") if events is None else events
    frame = pd.DataFrame(
        {
            "event_id": events["event_id"].astype("object") if "event_id" in events else range(len(events)),
            "start_date": _dates(events["start_date"]),
            "end_date": _dates(events["end_date"]) if "end_date" in events else pd.NaT,
            "date_precision": _ensure_category(events["date_precision"]) if "date_precision" in events else "day",
            "kind": _ensure_category(events["kind"]),
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
    lo, hi = _timestamp(start), _timestamp(end, end=True)
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


def _lanes(frame: pd.DataFrame, kinds) -> list[str]:
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


def _kind_count(n: int, kind: str) -> str:
    one, many = _KIND_NOUNS.get(kind, (kind, kind + "s"))
    return f"{n} {one if n == 1 else many}"


def describe_timeline(events: pd.DataFrame | None = None, start: int | str | pd.Timestamp | None = None,
                      end: int | str | pd.Timestamp | None = None, kinds: Iterable[str] | str | None = None,
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
        by_kind = _join([_kind_count(int(counts[k]), k) for k in _lanes(frame, kinds) if k in counts])
        rough = int((table["date_precision"] != "day").sum())
        text = (
            f"Timeline of {_plural(len(table), 'dated event')}, {_years(lo, hi, 'from {} to {}', 'in {}')}: {by_kind}. "
            f"The first is {table['title'].iloc[0]} ({_fmt_date(table['start_date'].iloc[0])}), "
            f"the last {table['title'].iloc[-1]} ({_fmt_date(table['start_date'].iloc[-1])})."
        )
        if rough:
            text += f" {_plural(rough, 'event')} known only to the month or year (hollow markers)."
    if undated:
        text += f" {_plural(undated, 'event')} without a date left out."
    return Description(table, text)


def timeline(
    events: pd.DataFrame | None = None,
    start: int | str | pd.Timestamp | None = None,
    end: int | str | pd.Timestamp | None = None,
    kinds: Iterable[str] | str | None = None,
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
        ax = _axes(ax, *_timeline_layout(len(lanes)))
        span = hi - lo
        pad = max(span * 0.015, pd.Timedelta(days=20))
        if span < pd.Timedelta(days=1):
            pad = pd.Timedelta(days=365)
        ax.set_xlim(_num([lo - pad])[0], _num([hi + pad])[0])
        ax.set_ylim(len(lanes) - 0.5, -0.5)
        ax.set_yticks(range(len(lanes)), [KIND_NAMES.get(k, k) for k in lanes])
        ax.tick_params(axis="y", length=0)
        for y in range(len(lanes)):
            ax.axhline(y, color="#EEEEEE", linewidth=0.8, zorder=0)
        _house_style(ax, grid="x")
        lane_of = {k: i for i, k in enumerate(lanes)}
        x0 = _num(frame["start_date"])
        x1 = _num(frame["end_date"])
        ys = frame["kind"].map(lane_of).to_numpy(dtype=float)
        long = x1 > x0
        if long.any():
            colors = [KIND_STYLE.get(k, (INK, "o"))[0] for k in frame.loc[long, "kind"]]
            ax.hlines(ys[long], x0[long], x1[long], colors=colors, linewidth=2.2, alpha=0.7, zorder=2,
                      gid="durations")
        exact = (frame["date_precision"] == "day").to_numpy()
        for kind in lanes:
            color, marker = KIND_STYLE.get(kind, (INK, "o"))
            is_kind = (frame["kind"] == kind).to_numpy()
            for filled in (True, False):
                mask = is_kind & (exact if filled else ~exact)
                if not mask.any():
                    continue
                ax.scatter(x0[mask], ys[mask], s=60 if marker == "*" else 38, marker=marker,
                           facecolors=color if filled else "white", edgecolors=INK if marker == "*" else color,
                           linewidths=0.6 if marker == "*" else 1.4, zorder=3, gid="events")
        hidden = _timeline_labels(ax, frame, x0, ys, len(lanes), label_size) if label else None
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=4, maxticks=12))
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator(), show_offset=False))
        xlabel = "date"
        if hidden:
            xlabel += f"  ·  {hidden} of {len(frame)} events unlabelled for lack of room (narrow start/end to see them)"
        ax.set_xlabel(xlabel)
        ax.set_ylabel("kind of event")
        handles = [
            Line2D([], [], marker="o", linestyle="", markerfacecolor=INK, markeredgecolor=INK,
                   label="dated to the day"),
            Line2D([], [], marker="o", linestyle="", markerfacecolor="white", markeredgecolor=INK,
                   label="dated to the month or year only"),
            Line2D([], [], color=INK, linewidth=2.2, alpha=0.7, label="lasted several days"),
        ]
        _title_with_legend(ax, f"NAM events, {_years(lo, hi)}", handles)
    set_alt(ax, describe_timeline(events, start, end, kinds).text)
    return ax


def _timeline_labels(ax: Axes, frame: pd.DataFrame, x0: np.ndarray, ys: np.ndarray, lanes: int,
                     fontsize: float = 7.5) -> int:
    """Place short titles above/below the markers, never overlapping; return how many had no room."""
    placer = _LabelPlacer(ax)
    lane_pt = (ax.bbox.height / placer.px_per_pt) / max(lanes, 1)
    _, text_h = _text_size_pt("Ag", fontsize)
    gap = 4.5
    levels = max(1, int((lane_pt / 2 - gap) // text_h))
    offsets = []
    for level in range(levels):
        offsets.append((gap + level * text_h, "bottom"))
        offsets.append((-gap - level * text_h, "top"))
    # markers are obstacles too
    for x, y in zip(x0, ys, strict=True):
        px, py = ax.transData.transform((x, y))
        r = 4 * placer.px_per_pt
        placer.block((px - r, py - r, px + r, py + r))
    rank = {k: i for i, k in enumerate(_KIND_LABEL_PRIORITY)}
    order = sorted(range(len(frame)), key=lambda i: (rank.get(frame["kind"].iat[i], 99), frame["start_date"].iat[i]))
    hidden = 0
    leaders: list[np.ndarray] = []
    span_years = (ax.get_xlim()[1] - ax.get_xlim()[0]) / 365.25
    for i in order:
        city = frame["city"].iat[i] if "city" in frame else None
        candidates = _label_candidates(str(frame["title"].iat[i]), str(frame["kind"].iat[i]), _text(city),
                                       long_range=span_years > 25)
        placed = False
        for label in candidates:
            size = _text_size_pt(label, fontsize)
            for dy, va in offsets:
                for ha, dx in (("left", -2.0), ("right", 2.0)):
                    box = placer.box(x0[i], ys[i], size, ha, va, dx=dx, dy=dy)
                    if placer.fits(box):
                        placer.block(box)
                        ax.annotate(label, (x0[i], ys[i]), xytext=(dx, dy), textcoords="offset points", ha=ha,
                                    va=va, fontsize=fontsize, color=INK, annotation_clip=False, gid="event-label")
                        # a leader from the marker's edge to the label's near corner (one collection, cheap)
                        corner = (box[0] if ha == "left" else box[2], box[1] if va == "bottom" else box[3])
                        marker = ax.transData.transform((x0[i], ys[i]))
                        edge = (marker[0], marker[1] + np.sign(corner[1] - marker[1]) * 3.5 * placer.px_per_pt)
                        leaders.append(ax.transData.inverted().transform([edge, corner]))
                        placed = True
                        break
                if placed:
                    break
            if placed:
                break
        hidden += not placed
    if leaders:
        ax.add_collection(LineCollection(leaders, colors="#9A9A9A", linewidths=0.6, zorder=2, gid="leaders"),
                          autolim=False)
    return hidden


def _label_candidates(title: str, kind: str, city: str | None, long_range: bool) -> list[str]:
    """Labels to try, longest first: the title without "NAM", then shorter cuts at a word."""
    clean = re.sub(r"\bNAM\s+", "", title).strip()
    clean = clean[:1].upper() + clean[1:]
    out = [city] if (long_range and kind == "summit" and city and re.match(r"\d", clean)) else []
    for limit in ((34, 22, 13) if long_range else (40, 26, 16)):
        out.append(_shorten(clean, limit))
    return list(dict.fromkeys(out))


# =========================================================================== membership growth

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
            return f"{year}: {_join(names)} {verb} ({n} members)"
        if names:
            return f"{year}: {len(names)} states join ({n} members)"
    return f"{year}: {n} members"


def describe_membership_growth(
    table: pd.DataFrame | None = None,
    annotate: Iterable[int] | Mapping[int, str] = (1961, 1979, 2011, 2024),
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
    first_complete = None
    if observers:
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
            frame[col] = values.where(keep.to_numpy(), pd.NA).astype("Int64").to_numpy()
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
        f"highest {counts.max()} (first in {int(counts.idxmax())})."
    )
    if texts:
        text += " Marked: " + "; ".join(texts.values()) + "."
    if observers and first_complete is not None:
        last = frame.iloc[-1]
        text += (
            f" Observers are shown from {first_complete}, the first year for which the sources give every observer"
            f" (for most, no source gives the year they became observers): in {y1}, "
            f"{_plural(int(last['observer_state']), 'observer state')} and "
            f"{_plural(int(last['observer_organization']), 'observer organisation')}."
        )
    return Description(frame, text)


def membership_growth(
    table: pd.DataFrame | None = None,
    annotate: Iterable[int] | Mapping[int, str] = (1961, 1979, 2011, 2024),
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
        ax = _axes(ax, (10, 5.2), (0.75, 0.3, 0.6, 0.45))
        years = frame["year"].to_numpy(dtype=float)
        ax.step(years, frame["member"].to_numpy(dtype=float, na_value=np.nan), where="mid",
                color=STATUS_COLORS["member"], linewidth=2.4, label="member states", gid="series")
        first = None
        if observers and "observer_state" in frame:
            shown = frame["observer_state"].notna()
            if shown.any():
                first = int(frame.loc[shown, "year"].iloc[0])
                for col, style in (("observer_state", "--"), ("observer_organization", ":")):
                    ax.step(years, frame[col].to_numpy(dtype=float, na_value=np.nan), where="mid",
                            color=STATUS_COLORS[col], linewidth=2, linestyle=style,
                            label=f"{STATUS_LABELS[col]}s (from {first}; earlier start years unknown)", gid="series")
        top = float(np.nanmax(frame["member"].to_numpy(dtype=float, na_value=np.nan))) if len(frame) else 1.0
        ax.set_ylim(0, max(top, 1) * 1.32)
        if len(years):
            ax.set_xlim(years.min() - 1, years.max() + 1)
        _house_style(ax, grid="y")
        ax.set_xlabel("year")
        ax.set_ylabel("number of states or organisations")
        y0, y1 = (int(years.min()), int(years.max())) if len(years) else (0, 0)
        set_title(ax, f"NAM member states per year, {y0}–{y1}" if len(years) else "NAM member states per year")
        ax.legend(loc="upper left")
        _growth_annotations(ax, frame)
    set_alt(ax, describe_membership_growth(table, annotate, observers).text)
    return ax


def _renderer(fig):
    try:
        return fig.canvas.get_renderer()
    except AttributeError:  # pragma: no cover - non-Agg canvases
        return fig._get_renderer()


def _growth_annotations(ax: Axes, frame: pd.DataFrame) -> None:
    """Put each note where it overlaps neither the lines, the legend nor another note."""
    notes = frame[frame["note"].notna()]
    if notes.empty:
        return
    placer = _LabelPlacer(ax)
    legend = ax.get_legend()
    if legend is not None:
        box = legend.get_window_extent(_renderer(ax.figure))
        placer.block((box.x0, box.y0, box.x1, box.y1))
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
    fontsize = 8.5
    offsets = [(dx, dy) for dist in (28, 50, 75, 100, 130) for dy in (-dist, dist) for dx in (10, -10, 60, -60)]
    for _, row in notes.iterrows():
        x, y = float(row["year"]), float(row["member"])
        size = _text_size_pt(str(row["note"]), fontsize)
        choice = None
        for dx, dy in offsets:
            ha, va = ("left" if dx > 0 else "right"), ("top" if dy < 0 else "bottom")
            box = placer.box(x, y, size, ha, va, dx=dx, dy=dy)
            if placer.fits(box):
                choice = (dx, dy, ha, va)
                placer.block(box)
                break
        dx, dy, ha, va = choice or (10, 28, "left", "bottom")
        ax.annotate(row["note"], (x, y), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                    fontsize=fontsize, color=INK, annotation_clip=False,
                    arrowprops={"arrowstyle": "-", "color": "#777777", "linewidth": 0.8, "shrinkA": 1, "shrinkB": 3})
        ax.plot([x], [y], "o", color=STATUS_COLORS["member"], markersize=4.5, zorder=4, gid="marked-year")


# =========================================================================== members by region

_BY = {"region": "NAM regional group", "continent": "continent"}


def _current_or(members: pd.DataFrame, year: int | None) -> pd.DataFrame:
    if year is None:
        current = members["current"].astype("boolean").fillna(False).astype(bool)
        return members[current.to_numpy()]
    return members_in(year, members)


def describe_members_by_region(members: pd.DataFrame | None = None, year: int | None = None,
                               by: str = "region") -> Description:
    """Text form of :func:`members_by_region`: member states per region (or continent).

    Example:
        >>> table, text = describe_members_by_region()
        >>> int(table["member states"].sum())
        121
    """
    if by not in _BY:
        raise PlotInputError(f"by must be 'region' or 'continent', not {by!r}.")
    members = load("members") if members is None else members
    rows = _current_or(members, year)
    rows = rows[rows["status"].astype("str") == "member"]
    groups = rows[by].astype("object").where(rows[by].notna(), "(not given)")
    counts = groups.value_counts()
    enum = list(members[by].cat.categories) if isinstance(members[by].dtype, pd.CategoricalDtype) else []
    order = [g for g in enum if g in counts.index] + sorted(g for g in counts.index if g not in enum)
    table = pd.DataFrame({by: order, "member states": [int(counts[g]) for g in order]})
    when = f"in {year}" if year is not None else "today (current members)"
    if table.empty:
        return Description(table, f"No member states {when}.")
    parts = _join([f"{g} {n}" for g, n in zip(table[by], table["member states"], strict=True)])
    text = f"NAM member states {when} by {_BY[by]}: {parts}; {int(table['member states'].sum())} in all."
    return Description(table, text)


def members_by_region(members: pd.DataFrame | None = None, year: int | None = None, by: str = "region",
                      ax: Axes | None = None) -> Axes:
    """Member states per NAM regional group (or ``by="continent"``), as labelled bars.

    ``year=None`` counts current members; a year counts the members of that year (see
    :func:`namlib.members_in`). One bar (``gid="bars"``) per group.

    Example:
        >>> ax = members_by_region()
        >>> len(ax.patches)
        4
    """
    table, _ = describe_members_by_region(members, year, by)
    with styled():
        ax = _axes(ax, (7.5, 4.6), (0.75, 0.25, 0.85, 0.45))
        labels = [_SHORT_REGION.get(g, g) for g in table[by]]
        colors = [REGION_COLORS.get(g, NO_DATA) for g in table[by]]
        bars = ax.bar(range(len(table)), table["member states"], color=colors, edgecolor=INK, linewidth=0.6,
                      gid="bars", width=0.65)
        ax.bar_label(bars, padding=2, fontsize=10)
        ax.set_xticks(range(len(table)), labels)
        top = int(table["member states"].max()) if len(table) else 1
        ax.set_ylim(0, top * 1.15 + 1)
        _house_style(ax, grid="y")
        ax.set_xlabel(_BY[by])
        ax.set_ylabel("member states")
        when = str(year) if year is not None else "current"
        set_title(ax, f"NAM member states by {_BY[by]} ({when})")
    set_alt(ax, describe_members_by_region(members, year, by).text)
    return ax


# =========================================================================== world map


def _equal_earth(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
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
def _raw_shapes() -> dict:
    text = resources.files("namlib").joinpath("assets/world_110m.json").read_text(encoding="utf-8")
    return json.loads(text)


def world_shapes() -> pd.DataFrame:
    """The shipped country shapes (Natural Earth 1:110m): one row per shape, with ISO3 code.

    Columns ``iso3``, ``name``, ``polygons`` (rings of longitude/latitude), ``rings``.

    Example:
        >>> shapes = world_shapes()
        >>> shapes["iso3"].nunique() > 170
        True
    """
    data = _raw_shapes()
    return pd.DataFrame(
        {
            "iso3": [c["iso3"] for c in data["countries"]],
            "name": [c["name"] for c in data["countries"]],
            "polygons": [c["polygons"] for c in data["countries"]],
            "rings": [sum(len(p) for p in c["polygons"]) for c in data["countries"]],
        }
    )


@lru_cache(maxsize=1)
def _projected() -> tuple[tuple[str, ...], tuple[MplPath, ...], pd.DataFrame, MplPath]:
    """Projected country paths (Antarctica left out), small-state points and the globe outline."""
    data = _raw_shapes()
    codes, paths = [], []
    for country in data["countries"]:
        if country["iso3"] == "ATA":
            continue
        verts, kinds = [], []
        for polygon in country["polygons"]:
            for ring in polygon:
                xy = np.asarray(ring, dtype=float).reshape(-1, 2)
                x, y = _equal_earth(xy[:, 0], xy[:, 1])
                ring_xy = np.column_stack([x, y])
                verts.append(np.vstack([ring_xy, ring_xy[:1]]))
                kinds.append([MplPath.MOVETO] + [MplPath.LINETO] * (len(ring_xy) - 1) + [MplPath.CLOSEPOLY])
        codes.append(country["iso3"])
        paths.append(MplPath(np.vstack(verts), np.concatenate(kinds).astype(MplPath.code_type)))
    points = pd.DataFrame(data["points"])
    px, py = _equal_earth(points["lon"].to_numpy(float), points["lat"].to_numpy(float))
    points = points.assign(x=px, y=py)
    lat = np.linspace(-90, 90, 91)
    ex, ey = _equal_earth(np.full_like(lat, 180.0), lat)
    outline = np.vstack([np.column_stack([ex, ey]), np.column_stack([-ex[::-1], ey[::-1]])])
    return tuple(codes), tuple(paths), points, MplPath(outline, closed=True)


def _map_values(column, year, members) -> tuple[pd.DataFrame, str]:
    """iso3 -> value table for the map, and the kind of value ('status', 'category', 'number')."""
    if isinstance(column, pd.Series):
        values = column.dropna()
        names = {c["iso3"]: c["name"] for c in _raw_shapes()["countries"]} | {
            p["iso3"]: p["name"] for p in _raw_shapes()["points"]}
        codes = [str(code) for code in values.index]
        table = pd.DataFrame({"iso3": codes, "name": [names.get(c, c) for c in codes],
                              "value": values.to_numpy()})
        kind = "number" if pd.api.types.is_numeric_dtype(column) else "category"
        return table, kind
    members = load("members") if members is None else members
    if column not in members:
        raise PlotInputError(f"The members table has no column {column!r}. Columns: {', '.join(members.columns)}.")
    rows = _current_or(members, year)
    statuses = ["member", "observer_state"] if column == "status" else ["member"]
    rows = rows[rows["status"].astype("str").isin(statuses)]
    rank = rows["status"].astype("str").map({"member": 0, "observer_state": 1})
    rows = rows.assign(_rank=rank.to_numpy()).sort_values(["_rank", "name"], kind="stable")
    coded = rows["iso3"].notna()
    rows = pd.concat([rows[coded].drop_duplicates("iso3"), rows[~coded]])  # a state without a code: not drawn
    table = pd.DataFrame({
        "iso3": rows["iso3"].astype("object").where(rows["iso3"].notna(), None).to_numpy(),
        "name": rows["name"].astype(str).to_numpy(),
        "status": rows["status"].astype(str).to_numpy(),
        "value": rows[column].astype("object").where(rows[column].notna(), None).to_numpy(),
    })
    if column == "status":
        kind = "status"
    elif pd.api.types.is_numeric_dtype(members[column]) and not pd.api.types.is_bool_dtype(members[column]):
        kind = "number"
    else:
        kind = "category"
    return table, kind


def _map_table(column, year, members) -> tuple[pd.DataFrame, str]:
    table, kind = _map_values(column, year, members)
    codes, _, points, _ = _projected()
    shape_codes, point_codes = set(codes), set(points["iso3"])
    table["on_map"] = [
        "shape" if c in shape_codes else "dot" if c in point_codes else "not drawn" for c in table["iso3"]
    ]
    return table.sort_values(["name"], kind="stable").reset_index(drop=True), kind


_COLUMN_LABELS = {"joined": "year joined", "region": "NAM regional group", "left": "year left"}


def _column_label(column) -> str:
    name = column if isinstance(column, str) else (column.name or "value")
    return _COLUMN_LABELS.get(str(name), str(name))


def describe_world_map(column: str | pd.Series = "status", year: int | None = None,
                       members: pd.DataFrame | None = None) -> Description:
    """Text form of :func:`world_map`: each state with a value, and how it is drawn.

    ``on_map`` is ``shape`` (a country shape), ``dot`` (too small for 1:110m: a dot) or
    ``not drawn`` (no present-day shape, e.g. Yugoslavia).

    Example:
        >>> table, text = describe_world_map()
        >>> sorted(set(table["on_map"]))
        ['dot', 'shape']
    """
    table, kind = _map_table(column, year, members)
    when = f"in {year}" if year is not None else "today"
    label = _column_label(column)
    if kind == "status":
        counts = table["value"].value_counts()
        text = (
            f"World map of NAM status {when}: {_plural(int(counts.get('member', 0)), 'member state')} (blue), "
            f"{_plural(int(counts.get('observer_state', 0)), 'observer state')} (orange); "
            "all other countries grey (neither)."
        )
    elif kind == "number":
        valued = table[table["value"].notna()]
        text = f"World map of {label} {when}, for {_plural(len(valued), 'member state')}"
        if len(valued):
            values = pd.to_numeric(valued["value"])
            lo, hi = valued.loc[values.idxmin()], valued.loc[values.idxmax()]
            text += f", from {lo['value']} ({lo['name']}) to {hi['value']} ({hi['name']})"
        text += "; darker is lower, lighter is higher; grey means no value."
    else:
        counts = table["value"].dropna().astype(str).value_counts()
        text = f"World map of {label} {when}: " + _join([f"{k} {v}" for k, v in counts.items()]) + "; grey: no value."
    dots = table.loc[table["on_map"] == "dot", "name"].tolist()
    missing = table.loc[table["on_map"] == "not drawn", "name"].tolist()
    if dots:
        text += f" {_plural(len(dots), 'small state')} shown as dots ({_join(dots)})."
    if missing:
        text += f" Not drawn (no present-day shape): {_join(missing)}."
    return Description(table, text)


def _value_colors(table: pd.DataFrame, kind: str, cmap) -> tuple[dict[str, str], list, object]:
    """Colour per iso3, legend handles, and a ScalarMappable for a colour bar (numbers only)."""
    colors: dict[str, str] = {}
    handles: list = []
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
        mapper = mpl.cm.ScalarMappable(norm=norm, cmap=cmap or "cividis")
        for iso3, value in zip(valued["iso3"], values, strict=True):
            colors[iso3] = mpl.colors.to_hex(mapper.to_rgba(value))
        handles = [Patch(facecolor=NO_DATA, label="no value")]
        return colors, handles, mapper
    categories = sorted(table["value"].dropna().astype(str).unique())
    palette = [REGION_COLORS.get(c) for c in categories]
    spare = iter([_C[k] for k in ("blue", "orange", "bluish_green", "vermillion", "reddish_purple", "sky_blue",
                                  "yellow", "black")])
    if cmap is not None:
        cm = mpl.colormaps[cmap] if isinstance(cmap, str) else cmap
        palette = [mpl.colors.to_hex(cm(i / max(len(categories) - 1, 1))) for i in range(len(categories))]
    used = set()
    for i, cat in enumerate(categories):
        color = palette[i] if palette[i] and palette[i] not in used else next(c for c in spare if c not in used)
        used.add(color)
        palette[i] = color
        handles.append(Patch(facecolor=color, label=str(cat)))
    lookup = dict(zip(categories, palette, strict=True))
    for iso3, value in zip(table["iso3"], table["value"], strict=True):
        if value is not None and not pd.isna(value):
            colors[iso3] = lookup[str(value)]
    handles.append(Patch(facecolor=NO_DATA, label="no value"))
    return colors, handles, None


def world_map(column: str | pd.Series = "status", year: int | None = None, members: pd.DataFrame | None = None,
              ax: Axes | None = None, cmap: str | mpl.colors.Colormap | None = None) -> Axes:
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
    codes, paths, points, outline = _projected()
    colors, handles, mapper = _value_colors(table, kind, cmap)
    with styled():
        ax = _axes(ax, *MAP_LAYOUT)
        ax.add_patch(PathPatch(outline, facecolor=SEA, edgecolor="#BBBBBB", linewidth=0.6, zorder=0, gid="globe"))
        patches = [PathPatch(p) for p in paths]
        collection = PatchCollection(patches, facecolors=[colors.get(c, NO_DATA) for c in codes],
                                     edgecolors="white", linewidths=0.35, zorder=1, gid="countries")
        ax.add_collection(collection, autolim=False)
        dots = points[points["iso3"].isin(colors)]
        ax.scatter(dots["x"], dots["y"], s=16, c=[colors[c] for c in dots["iso3"]] or None, edgecolors="white",
                   linewidths=0.5, zorder=2, gid="small-states")
        ymin = _equal_earth(np.array([0.0]), np.array([-58.0]))[1][0]
        ax.set_xlim(outline.vertices[:, 0].min() - 0.02, outline.vertices[:, 0].max() + 0.02)
        ax.set_ylim(ymin, outline.vertices[:, 1].max() + 0.02)
        ax.set_aspect("equal")
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_visible(False)
        if len(dots):
            handles.append(Line2D([], [], marker="o", linestyle="", markerfacecolor="#888888", markeredgecolor="white",
                                  label="small state (dot)"))
        ax.legend(handles=handles, loc="lower left", fontsize=8, handlelength=1.2)
        label = _column_label(column)
        if mapper is not None:
            inset = ax.inset_axes((0.02, 0.24, 0.2, 0.035))
            bar = ax.figure.colorbar(mapper, cax=inset, orientation="horizontal")
            bar.ax.tick_params(labelsize=7.5)
            bar.set_label(label, fontsize=8)
        ax.set_xlabel("Equal Earth projection · country shapes: Natural Earth 1:110m (public domain)", fontsize=8,
                      color="#666666")
        when = f"in {year}" if year is not None else "today"
        if kind == "status":
            set_title(ax, f"NAM member and observer states {when}")
        else:
            set_title(ax, f"NAM member states by {label} ({when})")
    set_alt(ax, describe_world_map(column, year, members).text)
    return ax


def _update_map_colors(ax: Axes, column="status", year=None, members=None, only=None) -> pd.DataFrame:
    """Recolour a map drawn by :func:`world_map` in place (for the explorer): no new artists.

    ``only``: the ISO3 codes that may be coloured (a region chosen in the explorer); every
    other country is drawn grey, so the map shows the same states as the list beside it.
    """
    table, kind = _map_table(column, year, members)
    if only is not None:
        table = table[table["iso3"].isin(set(only))]
    codes, _, points, _ = _projected()
    colors, _, _ = _value_colors(table, kind, None)
    for artist in ax.collections:
        if artist.get_gid() == "countries":
            artist.set_facecolor([colors.get(c, NO_DATA) for c in codes])
        elif artist.get_gid() == "small-states":
            dots = points[points["iso3"].isin(colors)]
            artist.set_offsets(dots[["x", "y"]].to_numpy() if len(dots) else np.empty((0, 2)))
            artist.set_facecolor([colors[c] for c in dots["iso3"]] or "none")
    when = f"in {year}" if year is not None else "today"
    if kind == "status":
        set_title(ax, f"NAM member and observer states {when}")
    return table


def region_bounds(iso3: Iterable[str]) -> tuple[float, float, float, float] | None:
    """Projected (x0, x1, y0, y1) bounds around the given countries' shapes and dots, or None.

    Example:
        >>> x0, x1, y0, y1 = region_bounds(["AZE"])
        >>> bool(x0 < x1 and y0 < y1)
        True
        >>> region_bounds(["YUG"]) is None
        True
    """
    codes, paths, points, _ = _projected()
    wanted = set(iso3)
    boxes = [p.get_extents() for c, p in zip(codes, paths, strict=True) if c in wanted]
    pts = points[points["iso3"].isin(wanted)]
    xs = [b.x0 for b in boxes] + [b.x1 for b in boxes] + pts["x"].tolist()
    ys = [b.y0 for b in boxes] + [b.y1 for b in boxes] + pts["y"].tolist()
    if not xs:
        return None
    return float(min(xs)), float(max(xs)), float(min(ys)), float(max(ys))


# =========================================================================== chair periods


def _precision(chairs: pd.DataFrame, column: str) -> pd.Series:
    """``start_precision``/``end_precision``; an older table's single ``date_precision`` serves for both."""
    for name in (column, "date_precision"):
        if name in chairs:
            return _ensure_category(chairs[name]).reset_index(drop=True)
    return pd.Series("day", index=range(len(chairs)), dtype="object")


def _planned_end(start: pd.Timestamp, year) -> pd.Timestamp | None:
    if year is None or pd.isna(year) or pd.isna(start):
        return None
    year = int(year)
    try:
        return start.replace(year=year)
    except ValueError:  # 29 February
        return start.replace(year=year, day=28)


def describe_chair_periods(chairs: pd.DataFrame | None = None, start: int | None = None,
                           as_of: str | pd.Timestamp = AS_OF) -> Description:
    """Text form of :func:`chair_periods`: each chair's term as drawn.

    ``planned_end`` is the anniversary of the start in ``planned_end_year``; ``extension_days``
    is how long the term ran past it. An open term (the current chair) is drawn to ``as_of``.

    Example:
        >>> table, text = describe_chair_periods(start=2017)
        >>> table["country"].tolist()
        ['Venezuela', 'Azerbaijan', 'Uganda']
    """
    chairs = load("chairmanships") if chairs is None else chairs
    as_of = pd.Timestamp(as_of)
    frame = pd.DataFrame({
        "chair_id": chairs["chair_id"].astype("object") if "chair_id" in chairs else range(len(chairs)),
        "country": chairs["country"].astype("object"),
        "chair": chairs["chair"].astype("object"),
        "start": _dates(chairs["start_date"]),
        "end": _dates(chairs["end_date"]) if "end_date" in chairs else pd.NaT,
        "start_precision": _precision(chairs, "start_precision"),
        "end_precision": _precision(chairs, "end_precision"),
        "planned_end_year": (chairs["planned_end_year"].astype("Int64") if "planned_end_year" in chairs
                             else pd.NA),
    }).reset_index(drop=True)
    undated = int(frame["start"].isna().sum())
    frame = frame[frame["start"].notna()].copy()
    frame["open"] = frame["end"].isna()
    frame["start_precision"] = frame["start_precision"].fillna("day").astype(str)
    frame["end_precision"] = frame["end_precision"].where(frame["open"] | frame["end_precision"].notna(), "day")
    frame["exact"] = (frame["start_precision"] == "day") & (frame["open"] | (frame["end_precision"] == "day"))
    frame["drawn_end"] = frame["end"].fillna(as_of)
    frame["planned_end"] = pd.Series(
        [_planned_end(s, y) for s, y in zip(frame["start"], frame["planned_end_year"], strict=True)],
        index=frame.index, dtype="datetime64[ns]",
    )
    extension = (frame["drawn_end"] - frame["planned_end"]).dt.days
    frame["extension_days"] = extension.where(extension > 0).astype("Int64")
    frame.loc[frame["open"], "extension_days"] = pd.NA  # an open term has not run past anything yet
    if start is not None:
        frame = frame[frame["drawn_end"] >= _timestamp(start)]
    frame = frame.sort_values(["start", "chair_id"], kind="stable").reset_index(drop=True)
    table = frame[["chair_id", "country", "chair", "start", "end", "drawn_end", "open", "planned_end",
                   "extension_days", "start_precision", "end_precision", "exact"]]
    if table.empty:
        return Description(table, "No chairs to show.")
    text = (
        f"{_plural(len(table), 'chair')} of NAM from {table['start'].iloc[0].year} "
        f"({table['chair'].iloc[0]}, {table['country'].iloc[0]}) on, one bar per person, one row per country."
    )
    for _, row in table[table["extension_days"].notna()].iterrows():
        text += (
            f" {row['country']} ({row['chair']}) held the chair from {_fmt_date(row['start'])} to"
            f" {_fmt_date(row['end'])}, {int(row['extension_days'])} days past the planned end in"
            f" {row['planned_end'].year} (hatched)."
        )
    for _, row in table[table["open"]].iterrows():
        text += f" {row['country']} ({row['chair']}) has held the chair since {_fmt_date(row['start'])}"
        if pd.notna(row["planned_end"]) and row["planned_end"] > as_of:
            text += f", planned until {row['planned_end'].year} (dotted outline)"
        text += f"; the bar is drawn to {_fmt_date(as_of)}."
    rough = int((~table["exact"]).sum())
    if rough:
        text += (f" For {_plural(rough, 'chair')} a start or end day is not known, only the month or year"
                 " (pale bars).")
    if undated:
        text += f" {_plural(undated, 'row')} without a start date left out."
    return Description(table, text)


def chair_periods(chairs: pd.DataFrame | None = None, start: int | None = None, ax: Axes | None = None,
                  as_of: str | pd.Timestamp = AS_OF) -> Axes:
    """Who chaired NAM and when: a Gantt chart, one row per country, one bar per person.

    A term that ran past its planned end (Azerbaijan: planned to 2022, handed over in January
    2024) has the extra time hatched; the current chair's open term is drawn to ``as_of`` (the
    dataset's reference date, 31 December 2025) with an arrow, and a planned end after that as
    a dotted outline. Pale bars: dates known only to the month or year. Bars are patches with
    ``gid`` ``"term"``, ``"extension"`` or ``"planned"``.

    Example:
        >>> ax = chair_periods(start=2017)
        >>> sum(p.get_gid() == "extension" for p in ax.patches)
        1
    """
    table, _ = describe_chair_periods(chairs, start, as_of)
    as_of = pd.Timestamp(as_of)
    countries = list(dict.fromkeys(table["country"]))
    row_of = {c: i for i, c in enumerate(countries)}
    with styled():
        left = _label_margin(countries, 9)
        ax = _axes(ax, (11, 1.3 + 0.36 * max(len(countries), 1)), (left, 0.35, 0.6, 0.5))
        lo = table["start"].min() if len(table) else as_of - pd.Timedelta(days=365)
        hi = max(table["drawn_end"].max() if len(table) else as_of,
                 table["planned_end"].max() if table["planned_end"].notna().any() else lo)
        pad = max((hi - lo) * 0.02, pd.Timedelta(days=60))
        ax.set_xlim(_num([lo - pad])[0], _num([hi + pad * 3])[0])
        ax.set_ylim(len(countries) - 0.4, -0.6)
        ax.set_yticks(range(len(countries)), countries)
        ax.tick_params(axis="y", length=0)
        _house_style(ax, grid="x")
        height = 0.6
        shade = {}
        spans = []
        for _, row in table.iterrows():
            y = row_of[row["country"]]
            shade[y] = shade.get(y, -1) + 1
            color = _C["blue"] if shade[y] % 2 == 0 else _C["sky_blue"]
            alpha = 1.0 if row["exact"] else 0.5
            s = _num([row["start"]])[0]
            e = _num([row["drawn_end"]])[0]
            term_end = outer = e
            if pd.notna(row["extension_days"]):
                term_end = _num([row["planned_end"]])[0]
                ax.barh(y, e - term_end, left=term_end, height=height, color="white", edgecolor=color,
                        hatch="////", linewidth=1.0, gid="extension")
            ax.barh(y, max(term_end - s, 1.0), left=s, height=height, color=color, alpha=alpha, edgecolor="white",
                    linewidth=0.6, gid="term")
            if row["open"]:
                if pd.notna(row["planned_end"]) and row["planned_end"] > as_of:
                    outer = _num([row["planned_end"]])[0]
                    ax.barh(y, outer - e, left=e, height=height, fill=False, edgecolor=color, linestyle=":",
                            linewidth=1.2, gid="planned")
                else:
                    ax.plot([e], [y], marker=">", color=color, markersize=7, gid="open-end")
                    outer = e + (ax.get_xlim()[1] - ax.get_xlim()[0]) * 0.008  # room for the arrow head
            spans.append((y, s, term_end, outer, str(row["chair"]), color, alpha))
        _chair_labels(ax, spans, height)
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=4, maxticks=14))
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator(), show_offset=False))
        ax.set_xlabel(f"date  ·  open term drawn to {_fmt_date(as_of)}")
        ax.set_ylabel("chair country")
        years = f"{lo.year}–{as_of.year}" if len(table) else ""
        set_title(ax, f"Who chaired NAM, {years}".rstrip(", "))
        handles = [Patch(facecolor=_C["blue"], label="term (persons alternate shades)")]
        if table["extension_days"].notna().any():
            handles.append(Patch(facecolor="white", edgecolor=_C["blue"], hatch="////", label="past the planned end"))
        if (table["open"] & table["planned_end"].gt(as_of)).any():
            handles.append(Patch(fill=False, edgecolor=_C["blue"], linestyle=":", label="planned, still to come"))
        if (~table["exact"]).any():
            handles.append(Patch(facecolor=_C["blue"], alpha=0.5, label="dates known to the month/year only"))
        ax.legend(handles=handles, loc="lower left", handlelength=1.6)
    set_alt(ax, describe_chair_periods(chairs, start, as_of).text)
    return ax


def _initials(name: str) -> str:
    """'Mohamed Hussein Tantawi' -> 'M. H. Tantawi' (a short form for crowded rows)."""
    words = name.split()
    return " ".join([w[0] + "." for w in words[:-1]] + words[-1:])


def _chair_labels(ax: Axes, spans: list[tuple], height: float) -> None:
    """Name the persons beside their bars: one label per run of consecutive terms in a row
    ("Hosni Mubarak → Mohamed Hussein Tantawi → Mohamed Morsi"), right of the run, else left
    of it, with initials when the full names do not fit."""
    placer = _LabelPlacer(ax)
    fontsize = 8
    for y, s, _, e, *_ in spans:
        (px0, py0), (px1, py1) = ax.transData.transform([(s, y - height / 2), (e, y + height / 2)])
        placer.block((min(px0, px1), min(py0, py1), max(px0, px1), max(py0, py1)))
    runs: list[list[tuple]] = []
    for span in sorted(spans, key=lambda t: (t[0], t[1])):
        last = runs[-1][-1] if runs else None
        if last is not None and last[0] == span[0] and span[1] - last[3] < 200:
            runs[-1].append(span)
        else:
            runs.append([span])
    for run in runs:
        y, start, end = run[0][0], run[0][1], run[-1][3]
        names = [t[4] for t in run]
        texts = list(dict.fromkeys([" → ".join(names), " → ".join(_initials(n) for n in names)]))
        spot = None
        for text in texts:
            size = _text_size_pt(text, fontsize)
            for x, ha, dx in ((end, "left", 4), (start, "right", -4)):
                box = placer.box(x, y, size, ha, "center", dx=dx)
                if placer.fits(box):
                    spot = (text, x, ha, dx)
                    placer.block(box)
                    break
            if spot:
                break
        text, x, ha, dx = spot or (texts[-1], end, "left", 4)  # no free place: right of the run anyway
        ax.annotate(text, (x, y), xytext=(dx, 0), textcoords="offset points", ha=ha, va="center",
                    fontsize=fontsize, color=INK, gid="chair-label", annotation_clip=False)


# =========================================================================== attendance

_CATEGORY_WORDS = {
    "heads_of_state_or_government": "heads of state or government",
    "international_organizations": "international organisations",
}


def _category_label(category: str) -> str:
    return _CATEGORY_WORDS.get(category, category.replace("_", " "))


def _event_title(event_id: str) -> tuple[str, pd.Timestamp | None]:
    try:
        events = load("events")
    except NamlibError:  # pragma: no cover - a broken events table should not stop this plot
        return event_id, None
    match = events[events["event_id"].astype(str) == event_id]
    if match.empty:
        return event_id, None
    return str(match["title"].iloc[0]), match["start_date"].iloc[0]


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
        known = sorted(set(table["event_id"].astype(str)))
        try:
            events = set(load("events")["event_id"].astype(str))
        except NamlibError:  # pragma: no cover
            events = set()
        if event_id not in events:
            close = difflib.get_close_matches(event_id, known + sorted(events), n=3, cutoff=0.4)
            hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
            raise PlotInputError(f"There is no event {event_id!r}.{hint} Events with head-counts: "
                                 f"{', '.join(known) if known else 'none yet'}.")
    categories = list(table["category"].cat.categories) if isinstance(table["category"].dtype,
                                                                          pd.CategoricalDtype) else []
    order = {c: i for i, c in enumerate(categories)}
    frame = pd.DataFrame({
        "category": rows["category"].astype(str).to_numpy(),
        "source_id": rows["source_id"].astype(str).to_numpy(),
        "count": rows["count"].astype("Int64").to_numpy(),
        "qualifier": rows["qualifier"].astype(str).to_numpy(),
        "notes": rows["notes"].astype("object").to_numpy() if "notes" in rows else None,
    })
    frame["_order"] = frame["category"].map(lambda c: order.get(c, len(order)))
    frame = frame.sort_values(["_order", "category", "source_id"], kind="stable").drop(columns="_order")
    frame = frame.reset_index(drop=True)
    frame["shown"] = [
        f"{QUALIFIER_STYLE.get(q, ('', None, ''))[0]}{c}" if pd.notna(c) else "unknown"
        for q, c in zip(frame["qualifier"], frame["count"], strict=True)
    ]
    frame = frame[["category", "source_id", "count", "qualifier", "shown", "notes"]]
    title, when = _event_title(event_id)
    head = f"Head-counts for {title}" + (f" ({_fmt_date(when)})" if when is not None else "")
    if frame.empty:
        return Description(frame, f"{head}: no source gives a head-count.")
    words = {"exact": "", "at_least": "at least ", "about": "about "}
    parts = []
    for category, group in frame.groupby("category", sort=False):
        counts = "; ".join(f"{words.get(q, '')}{c} ({s})" for q, c, s in
                           zip(group["qualifier"], group["count"], group["source_id"], strict=True))
        parts.append(f"{_category_label(category)}: {counts}")
    text = f"{head}, as each source gives them: " + "; ".join(parts) + "."
    disagree = [c for c, g in frame.groupby("category", sort=False) if g["count"].nunique() > 1]
    if disagree:
        text += f" Sources disagree on {_join([_category_label(c) for c in disagree])}."
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
    frame, _ = describe_attendance(event_id, table)
    title, when = _event_title(event_id)
    sources = list(dict.fromkeys(frame["source_id"]))
    palette = [_C[k] for k in ("blue", "orange", "bluish_green", "vermillion", "reddish_purple", "sky_blue",
                               "yellow", "black")]
    source_color = {s: palette[i % len(palette)] for i, s in enumerate(sources)}
    labels = [f"{_category_label(c)} · {s}" for c, s in zip(frame["category"], frame["source_id"], strict=True)]
    with styled():
        left = _label_margin(labels, 9)
        ax = _axes(ax, (max(9.0, left + 6.0), 1.65 + 0.36 * max(len(frame), 2)), (left, 0.6, 0.6, 0.75))
        ys = np.arange(len(frame))
        counts = frame["count"].to_numpy(dtype=float, na_value=0.0)
        for y, count, qualifier, source in zip(ys, counts, frame["qualifier"], frame["source_id"], strict=True):
            _, hatch, _ = QUALIFIER_STYLE.get(qualifier, ("", None, ""))
            color = source_color[source]
            ax.barh(y, count, height=0.62, color=color if hatch is None else "white", edgecolor=color,
                    hatch=hatch, linewidth=1.2, gid="bars")
        for y, count, shown in zip(ys, counts, frame["shown"], strict=True):
            ax.annotate(shown, (count, y), xytext=(4, 0), textcoords="offset points", va="center", fontsize=9,
                        color=INK)
        ax.set_yticks(ys, labels)
        ax.set_ylim(len(frame) - 0.5 if len(frame) else 0.5, -0.6)
        ax.set_xlim(0, (counts.max() if len(counts) else 1) * 1.18 + 1)
        _house_style(ax, grid="x")
        if frame.empty:
            ax.text(0.5, 0.5, "No source gives a head-count for this event.", ha="center", va="center",
                    transform=ax.transAxes, color=INK)
        ax.set_xlabel("number counted (as each source gives it)")
        ax.set_ylabel("what was counted · source")
        date = f" ({_fmt_date(when)})" if when is not None else ""
        used = [q for q in QUALIFIER_STYLE if q in set(frame["qualifier"])]
        handles = [Patch(facecolor=INK if QUALIFIER_STYLE[q][1] is None else "white", edgecolor=INK,
                         hatch=QUALIFIER_STYLE[q][1], label=QUALIFIER_STYLE[q][2]) for q in used]
        _title_with_legend(ax, f"Head-counts: {_shorten(str(title), 60)}{date}", handles)
    set_alt(ax, describe_attendance(event_id, table).text)
    return ax
