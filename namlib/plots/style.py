"""The house style of every plot: colours, matplotlib settings and the per-Axes styling.

Everything a plot needs to look like the others: the colour-blind-safe Okabe-Ito palette
(:data:`OKABE_ITO`) and what each colour means (:data:`STATUS_COLORS`, :data:`KIND_STYLE`, ...),
the matplotlib settings (:data:`STYLE`, applied with :func:`styled`), a new figure with fixed
margins (:func:`new_axes`), and the title, spines and grid of one Axes (:func:`set_title`,
:func:`house_style`, :func:`title_with_legend`).

Example:
    >>> OKABE_ITO["blue"]
    '#0072B2'
    >>> with styled():
    ...     ax = new_axes(None, (6, 3), (0.8, 0.2, 0.5, 0.4))
    ...     house_style(ax, grid="y")
    ...     set_title(ax, "Summits per decade")
    >>> ax.get_title()
    'Summits per decade'
    >>> [round(float(v), 3) for v in ax.get_position().bounds]
    [0.133, 0.167, 0.833, 0.7]
    >>> plt.close(ax.figure)
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Literal

import matplotlib as mpl
import matplotlib.pyplot as plt
from cycler import cycler
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.typing import RcKeyType

from namlib.alt_text import keep_margins
from namlib.plots.labels import figure_of, text_size_pt

__all__ = [
    "CYCLE",
    "INK",
    "KIND_NAMES",
    "KIND_STYLE",
    "NO_DATA",
    "OKABE_ITO",
    "QUALIFIER_STYLE",
    "REGION_COLORS",
    "SEA",
    "STATUS_COLORS",
    "STATUS_LABELS",
    "STYLE",
    "Margins",
    "Size",
    "axes_rect",
    "house_style",
    "label_margin",
    "new_axes",
    "set_title",
    "styled",
    "title_with_legend",
]

#: A figure size in inches: (width, height).
Size = tuple[float, float]
#: Fixed margins around the Axes in inches: (left, right, bottom, top).
Margins = tuple[float, float, float, float]

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
#: The palette in the order plots use it for a series of things (lines, sources, categories).
CYCLE = [
    _C[k] for k in ("blue", "orange", "bluish_green", "vermillion", "reddish_purple", "sky_blue", "yellow", "black")
]
NO_DATA = "#DDDDDD"  # light grey: not a member or observer / no value
INK = "#333333"
SEA = "#EEF4F8"

#: Matplotlib settings used by every plot (applied with :func:`styled`).
STYLE: dict[RcKeyType, Any] = {
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.labelsize": 10,
    "axes.labelcolor": INK,
    "axes.edgecolor": "#888888",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": cycler(color=CYCLE),
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
def styled() -> Iterator[None]:
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
#: How a head-count's qualifier is shown: symbol before the number, hatch of the bar, legend label.
QUALIFIER_STYLE: dict[str, tuple[str, str | None, str]] = {
    "exact": ("", None, "exact count"),
    "at_least": ("≥ ", "////", "at least (“more than”): hatched, ≥"),
    "about": ("≈ ", "....", "about: dotted, ≈"),
}


def axes_rect(size: Size, margins: Margins) -> tuple[float, float, float, float]:
    """Axes rectangle (figure fractions) for fixed margins in inches: left, right, bottom, top.

    For ``Figure.add_axes``; the explorers use it to lay out their own figure like a plot's.

    Example:
        >>> axes_rect((10, 5), (1, 1, 1, 1))
        (0.1, 0.2, 0.8, 0.6)
    """
    (width, height), (left, right, bottom, top) = size, margins
    return (left / width, bottom / height, 1 - (left + right) / width, 1 - (bottom + top) / height)


def new_axes(ax: Axes | None, size: Size, margins: Margins) -> Axes:
    """``ax``, or a new figure of ``size`` inches with fixed margins (left, right, bottom, top) in inches.

    Fixed margins (not tight_layout) keep figure creation cheap and let labels be placed
    before the first draw; the figure is marked (:func:`namlib.alt_text.keep_margins`) so
    that its picture is drawn once, uncropped.
    """
    if ax is not None:
        return ax
    fig = plt.figure(figsize=size)
    keep_margins(fig)
    return fig.add_axes(axes_rect(size, margins))


def label_margin(labels: Iterable[object], fontsize: float, extra: float = 0.45) -> float:
    """Left margin (inches) wide enough for the longest tick label plus the axis label."""
    widest = max((text_size_pt(str(label), fontsize)[0] for label in labels), default=0.0)
    return widest / 72 + extra


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
    fig_w, fig_h = figure_of(ax).get_size_inches()
    box = ax.get_position()
    left_in, width_in = box.x0 * fig_w, box.width * fig_w
    x = 0.0
    needed = text_size_pt(title, 12)[0] * 1.08 / 72  # bold is about 8 % wider
    if needed > fig_w - left_in - 0.1:  # too long from the axes' edge: start at the figure's edge
        x = -(left_in - 0.1) / width_in
        if needed > fig_w - 0.2:
            chars = max(20, int(len(title) * (fig_w - 0.2) / needed))
            title = "\n".join(textwrap.wrap(title, chars))
    text = ax.set_title(title, loc="center", fontsize=12, fontweight="bold", pad=pad)
    text.set_horizontalalignment("left")
    text.set_x(x)


def house_style(ax: Axes, grid: Literal["x", "y", "both"] | None = None) -> None:
    """Spines, ticks and grid set explicitly, so an Axes made outside :data:`STYLE` looks the same."""
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=9, colors=INK)
    if grid:
        ax.grid(axis=grid, color="#E3E3E3", linewidth=0.8)
        ax.set_axisbelow(True)


def title_with_legend(ax: Axes, title: str, handles: list[Artist]) -> None:
    """Title on top, a one-row legend between it and the axes (never over the data)."""
    if handles:
        ax.legend(
            handles=handles,
            loc="lower left",
            bbox_to_anchor=(0, 1.0),
            ncols=len(handles),
            borderaxespad=0.3,
            handlelength=1.6,
            handletextpad=0.4,
            columnspacing=1.4,
            borderpad=0.1,
        )
    set_title(ax, title, pad=22 if handles else 6)
