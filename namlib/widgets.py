"""Interactive explorers for the notebooks (ipywidgets): move a control, see the plot and the rows.

* :func:`timeline_explorer`: a year-range slider and one checkbox per kind of event redraw
  :func:`namlib.plots.timeline` and list the matching events.
* :func:`member_explorer`: a region drop-down and a year slider show
  :func:`namlib.plots.world_map` (zoomed to the region) and the list of states.

Each explorer draws into ONE figure that it keeps (no new figure per change) and shows it as
a PNG in an HTML widget (an ``<img>`` with alt text that says what the picture shows, kept
current on every redraw), swapped in place, so nothing flickers. Redraw times are kept
in ``explorer.timings`` (seconds). Without ipywidgets, or with ``static=True``, an explorer
says so in one line and returns the static plot's Axes instead.

An explorer object exposes ``controls`` (the widgets), ``update()`` (redraw from the
controls' values; returns the seconds it took), ``rows`` (the rows shown), ``image`` and
``table`` (the output widgets) and ``widget`` (the whole box), so it can be driven headless.

Example:
    >>> ex = timeline_explorer()
    >>> ex.controls["years"].value = (2019, 2024)
    >>> bool(ex.rows["start_date"].dt.year.min() >= 2019)
    True
"""

from __future__ import annotations

import base64
import html
import re
import time
from collections.abc import Callable
from typing import Any

import matplotlib as mpl
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from namlib import plots
from namlib.alt_text import describe_figure, keep_margins, png, set_alt
from namlib.loading import load
from namlib.membership import members_in

try:  # ipywidgets is optional at run time: without it the explorers fall back to static plots
    import ipywidgets as W
except ImportError:  # pragma: no cover - exercised by monkeypatching in the tests
    W = None

__all__ = ["Explorer", "member_explorer", "timeline_explorer", "widgets_available"]

NO_WIDGETS = "Interactive explorer unavailable here (ipywidgets is not installed): showing a static plot instead."
STATIC_ASKED = "Static version (static=True): no interactive controls."


def widgets_available() -> bool:
    """True when ipywidgets can be imported (the front end must still be able to show them)."""
    return W is not None


class Explorer:
    """A figure kept for the explorer's life, its controls, a table and the redraw callback."""

    def __init__(
        self,
        name: str,
        size: tuple[float, float],
        margins: tuple[float, float, float, float],
        controls: dict[str, Any],
        draw: Callable[[Explorer], pd.DataFrame],
        layout: list[Any],
    ):
        self.name = name
        self.figure = Figure(figsize=size, dpi=100)
        FigureCanvasAgg(self.figure)
        keep_margins(self.figure)  # laid out with fixed margins, like a plot: drawn once, uncropped
        self.ax = self.figure.add_axes(plots.axes_rect(size, margins))
        self.controls = controls
        self._draw = draw
        self.rows = pd.DataFrame()
        self.timings: list[float] = []
        self.png = b""
        # Never narrower than 560 px: in a narrow column (800 px with the file browser open) the
        # picture scrolls sideways instead of shrinking until its labels cannot be read.
        # An HTML widget holding an <img>, not an Image widget: an Image widget cannot carry alt
        # text, so a screen reader would announce nothing. The aspect ratio keeps the picture's
        # box while a new PNG is decoded, so the page does not jump on a redraw.
        self.image = W.HTML(layout=W.Layout(width="100%", max_width=f"{int(size[0] * 100)}px", min_width="560px"))
        self.aspect = f"{int(size[0] * 100)} / {int(size[1] * 100)}"
        self.alt = ""
        self.status = W.HTML()
        self.table = W.HTML(layout=W.Layout(max_height="260px", overflow="auto"))
        self._boxes = [box for box in layout if isinstance(box, W.Box)]
        frame = W.Box([self.image], layout=W.Layout(overflow="auto hidden"))
        self._boxes.append(frame)
        self.widget = W.VBox([*layout, self.status, frame, self.table], layout=W.Layout(max_width="100%"))
        for control in _flatten(controls):
            control.observe(self._changed, names="value")

    def _changed(self, change: object = None) -> None:
        self.update()

    def update(self) -> float:
        """Redraw from the controls' values; return (and record) the seconds it took."""
        started = time.perf_counter()
        with mpl.rc_context(plots.STYLE):
            self.rows = self._draw(self)
            self.png = png(self.figure)
        self.alt = describe_figure(self.figure)
        self.image.value = (
            f'<img src="data:image/png;base64,{base64.b64encode(self.png).decode("ascii")}" '
            f'alt="{html.escape(self.alt, quote=True)}" '
            f'style="display:block;width:100%;height:auto;aspect-ratio:{self.aspect}">'
        )
        seconds = time.perf_counter() - started
        self.timings.append(seconds)
        return seconds

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = dict(self.widget._repr_mimebundle_(**kwargs) or {})
        # Front ends without widget support fall back to the picture and the one-line note.
        bundle["image/png"] = base64.b64encode(self.png).decode("ascii")
        bundle["text/plain"] = f"{self.name} (interactive: needs a Jupyter front end with widgets)"
        return bundle

    def close(self) -> None:
        """Close this explorer's widgets (its figure is not managed by pyplot: nothing to close there)."""
        for widget in [*_flatten(self.controls), self.image, self.status, self.table, *self._boxes, self.widget]:
            widget.close()


def _flatten(controls: dict[str, Any]) -> list[Any]:
    out = []
    for value in controls.values():
        out.extend(_flatten(value) if isinstance(value, dict) else [value])
    return out


def _html_table(frame: pd.DataFrame, limit: int = 200) -> str:
    shown = frame.head(limit)
    body = shown.to_html(index=False, escape=True, na_rep="", border=0)
    body = body.replace('<table class="dataframe">', '<table style="border-collapse:collapse;font-size:12px">')
    more = f"<p>… and {len(frame) - limit} more</p>" if len(frame) > limit else ""
    return body + more


# --------------------------------------------------------------------------- timeline


def _timeline_drawer(events: pd.DataFrame) -> Callable[[Explorer], pd.DataFrame]:
    """The timeline explorer's redraw: the timeline of the chosen years and kinds, and its events."""

    def draw(ex: Explorer) -> pd.DataFrame:
        lo, hi = ex.controls["years"].value
        chosen = [k for k, box in ex.controls["kinds"].items() if box.value]
        ex.ax.clear()
        if chosen:
            plots.timeline(events, start=lo, end=hi, kinds=chosen, ax=ex.ax, label_size=9.5)
            table, text = plots.describe_timeline(events, start=lo, end=hi, kinds=chosen)
        else:
            plots.set_title(ex.ax, "No kind of event chosen")
            ex.ax.set_xlabel("date")
            ex.ax.set_ylabel("kind of event")
            table, text = plots.describe_timeline(events, start=lo, end=hi, kinds=[])
        ex.status.value = f"<p>{html.escape(text)}</p>"
        shown = table.assign(start_date=table["start_date"].dt.strftime("%Y-%m-%d"))
        ex.table.value = _html_table(shown[["start_date", "kind", "title"]])
        return table

    return draw


def timeline_explorer(events: pd.DataFrame | None = None, static: bool = False) -> Explorer | Axes:
    """Explore the timeline: a year-range slider and event-kind checkboxes.

    Controls: ``controls["years"]`` (IntRangeSlider) and ``controls["kinds"][kind]``
    (Checkbox). Each change redraws :func:`namlib.plots.timeline` into the same figure and
    lists the matching events. With ``static=True`` or without ipywidgets, prints one line
    and returns the static timeline's Axes.

    Example:
        >>> ex = timeline_explorer()
        >>> ex.controls["kinds"]["summit"].value = False
        >>> "summit" in set(ex.rows["kind"])
        False
    """
    events = load("events") if events is None else events
    if static or W is None:
        print(STATIC_ASKED if static else NO_WIDGETS)
        return plots.timeline(events)
    dates = pd.to_datetime(events["start_date"], errors="coerce").dropna()
    first, last = (int(dates.dt.year.min()), int(dates.dt.year.max())) if len(dates) else (1955, 2025)
    present = set(events["kind"].astype("object").dropna())
    kinds_present = [k for k in plots.KIND_STYLE if k in present] + sorted(present - set(plots.KIND_STYLE))
    years = W.IntRangeSlider(
        value=(first, last),
        min=first,
        max=last,
        step=1,
        description="Years",
        continuous_update=False,
        layout=W.Layout(width="60%", min_width="300px"),
    )
    boxes = {
        k: W.Checkbox(value=True, description=plots.KIND_NAMES.get(k, k), indent=False, layout=W.Layout(width="auto"))
        for k in kinds_present
    }
    controls = {"years": years, "kinds": boxes}
    # Narrower than the static timeline, with larger labels: shown in a notebook column of
    # 700-900 px, its labels stay about 11 px high instead of 7.
    (_, height), margins = plots.timeline_layout(max(len(kinds_present), 1))
    size = (8.0, height + 0.4)

    draw = _timeline_drawer(events)
    layout = [years, W.HBox(list(boxes.values()), layout=W.Layout(flex_flow="row wrap"))]
    explorer = Explorer("Timeline explorer", size, margins, controls, draw, layout)
    explorer.update()
    return explorer


# --------------------------------------------------------------------------- members


def _zoom(ex: Explorer, box: tuple[float, float, float, float], pad: float = 0.08) -> None:
    """Show ``box`` (x0, x1, y0, y1), widened to the axes' shape so an equal aspect fills it."""
    ax, figure = ex.ax, ex.figure
    x0, x1, y0, y1 = box[0] - pad, box[1] + pad, box[2] - pad, box[3] + pad
    width_in, height_in = (
        ax.get_position().width * figure.get_figwidth(),
        ax.get_position().height * figure.get_figheight(),
    )
    shape = width_in / height_in
    if (x1 - x0) / (y1 - y0) < shape:
        grow = ((y1 - y0) * shape - (x1 - x0)) / 2
        x0, x1 = x0 - grow, x1 + grow
    else:
        grow = ((x1 - x0) / shape - (y1 - y0)) / 2
        y0, y1 = y0 - grow, y1 + grow
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)


ALL = "All"


def _legend_below(ax: Axes) -> None:
    """Move the map's legend under the map, where it never covers land, zoomed or not."""
    legend = ax.get_legend()
    if legend is None:
        return
    entries = [
        (handle, text.get_text())
        for handle, text in zip(legend.legend_handles, legend.get_texts(), strict=True)
        if handle is not None
    ]
    handles, labels = [handle for handle, _ in entries], [label for _, label in entries]
    legend.remove()
    ax.set_xlabel("")  # the projection and shapes are credited in the caption instead
    ax.legend(
        handles,
        labels,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.01),
        ncols=len(handles),
        fontsize=8.5,
        handlelength=1.2,
        frameon=False,
    )


def _regions(members: pd.DataFrame) -> list[str]:
    """The regional groups that have members, in the table's order of categories."""
    column = members["region"]
    every = column.cat.categories if isinstance(column.dtype, pd.CategoricalDtype) else sorted(column.dropna().unique())
    present = set(column.dropna())
    return [str(r) for r in every if r in present]


def _member_rows(members: pd.DataFrame, year: int, region: str) -> pd.DataFrame:
    """That year's member and observer states; a region shows its member states only."""
    rows = members_in(year, members)
    rows = rows[rows["status"].astype(str).isin(["member", "observer_state"])]
    if region != ALL:
        # Observer states have no NAM regional group: a region shows its member states only.
        rows = rows[rows["region"].astype("object") == region]
    return rows


def _member_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The list beside the map: name, status, region, year joined, ISO3 code."""
    return (
        pd.DataFrame(
            {
                "name": rows["name"].astype(str).to_numpy(),
                "status": rows["status"].astype(str).to_numpy(),
                "region": rows["region"].astype("object").to_numpy(),
                "joined": rows["joined"].astype("Int64").array,  # 1961, never 1961.0
                "iso3": rows["iso3"].astype("object").to_numpy(),
            }
        )
        .sort_values(["status", "name"], kind="stable")
        .reset_index(drop=True)
    )


def _member_status(table: pd.DataFrame, region: str, year: int) -> str:
    """The caption above the map: how many member (and observer) states, and the map's credits."""
    counts = table["status"].value_counts()
    where = "" if region == ALL else f" in {region}"
    observers = (
        f"{int(counts.get('observer_state', 0))} observer states"
        if region == ALL
        else "observer states have no regional group (choose All to see them)"
    )
    return (
        f"<p>{year}{html.escape(where)}: {int(counts.get('member', 0))} member states; "
        f"{observers}. <span style='color:#666'>Map: Equal Earth projection, country shapes "
        "from Natural Earth 1:110m (public domain).</span></p>"
    )


def _member_drawer(members: pd.DataFrame, regions: list[str]) -> Callable[[Explorer], pd.DataFrame]:
    """The member explorer's redraw: the map drawn once, then recoloured and zoomed in place."""
    bounds = {r: plots.region_bounds(members.loc[members["region"] == r, "iso3"].dropna().astype(str)) for r in regions}
    full: list[tuple[tuple[float, float], tuple[float, float]]] = []  # the whole map's limits, once drawn

    def draw(ex: Explorer) -> pd.DataFrame:
        chosen_region, chosen_year = ex.controls["region"].value, ex.controls["year"].value
        rows = _member_rows(members, chosen_year, chosen_region)
        if not full:
            plots.world_map(year=chosen_year, members=members, ax=ex.ax)
            full.append((ex.ax.get_xlim(), ex.ax.get_ylim()))
            _legend_below(ex.ax)
        # The map colours exactly the states of the list (and of the caption), nothing else.
        only = None if chosen_region == ALL else rows["iso3"].dropna().astype(str)
        plots.recolor_world_map(ex.ax, year=chosen_year, members=members, only=only)
        box = bounds.get(chosen_region)
        if box is None:
            ex.ax.set_xlim(*full[0][0])
            ex.ax.set_ylim(*full[0][1])
        else:
            _zoom(ex, box)
        plots.set_title(
            ex.ax,
            f"NAM member and observer states in {chosen_year}"
            if chosen_region == ALL
            else f"NAM member states in {chosen_year}: {chosen_region}",
        )
        table = _member_table(rows)
        ex.status.value = _member_status(table, chosen_region, chosen_year)
        # The map is recoloured, not redrawn: its alt text is this caption's words, kept current.
        set_alt(ex.ax, "World map, " + html.unescape(re.sub(r"<[^>]+>", "", ex.status.value)).split(" Map:")[0])
        ex.table.value = _html_table(table.drop(columns="iso3"))
        return table

    return draw


def member_explorer(members: pd.DataFrame | None = None, static: bool = False) -> Explorer | Axes:
    """Explore who belongs: a region drop-down (or "All") and a year slider.

    Controls: ``controls["region"]`` (Dropdown) and ``controls["year"]`` (IntSlider). The
    map is recoloured in place for the year and zoomed to the region; the list shows that
    year's member and observer states in the region. With ``static=True`` or without
    ipywidgets, prints one line and returns the static map's Axes.

    Example:
        >>> ex = member_explorer()
        >>> ex.controls["year"].value = 1961
        >>> int((ex.rows["status"] == "member").sum())
        25
    """
    members = load("members") if members is None else members
    if static or W is None:
        print(STATIC_ASKED if static else NO_WIDGETS)
        return plots.world_map(members=members)
    joined = pd.to_numeric(members["joined"], errors="coerce").dropna()
    first = int(joined.min()) if len(joined) else 1961
    last = int(plots.AS_OF.year)
    regions = _regions(members)
    region = W.Dropdown(options=[ALL, *regions], value=ALL, description="Region")
    year = W.IntSlider(value=last, min=first, max=last, step=1, description="Year", continuous_update=False)
    controls = {"region": region, "year": year}
    (width, height), (left, right, bottom, top) = plots.MAP_LAYOUT
    size, margins = (width, height + 0.25), (left, right, bottom + 0.25, top)  # room for the legend under the map
    draw = _member_drawer(members, regions)
    # The controls wrap onto two lines in a narrow column rather than pushing the slider off-screen.
    row = W.HBox([region, year], layout=W.Layout(flex_flow="row wrap"))
    explorer = Explorer("Member explorer", size, margins, controls, draw, [row])
    explorer.update()
    return explorer
