"""Figures a screen reader can read, and that keep a readable size in a narrow column.

JupyterLab 4 shows a matplotlib figure as a bare ``<img>`` with no alternative text: a screen
reader announces nothing useful, and in a narrow column the picture shrinks until its labels
cannot be read. So, in a notebook, ``namlib`` also gives every figure an HTML form, which
JupyterLab prefers: the same PNG, with ``alt`` text that says what the figure shows, and a
minimum width (the output scrolls sideways rather than shrink the figure below 560 px).
Its text form (``text/plain``, what a console or a text export shows) is the same words.

The words: the text a namlib plot stores with :func:`set_alt` (the first paragraph of the
plot's ``describe_*`` text form), else a description read from the axes themselves
(kind of chart, title, axis labels, the names of the lines), so that a student's own
``df.plot()`` is described too.

Example:
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.plot([1961, 2011], [25, 120], label="NAM")
    >>> _ = ax.set_title("Members"); _ = ax.set_xlabel("year")
    >>> describe_figure(fig)
    'Line chart: Members. Horizontal axis: year. 1 line: NAM.'
    >>> set_alt(ax, "NAM grew from 25 members in 1961 to 120 in 2011.")
    >>> describe_figure(fig)
    'NAM grew from 25 members in 1961 to 120 in 2011.'
    >>> plt.close(fig)
"""

from __future__ import annotations

import base64
import html
import io
import sys
from typing import Any

MIN_WIDTH_PX = 560
_ATTRIBUTE = "_namlib_alt"
_FIXED_MARGINS = "_namlib_fixed_margins"


def set_alt(target: Any, text: str) -> None:
    """Store the alternative text of the figure that ``target`` (an Axes or a Figure) belongs to."""
    figure = getattr(target, "figure", None) or target
    setattr(figure, _ATTRIBUTE, " ".join(str(text).split()))


def keep_margins(figure: Any) -> None:
    """Mark a figure laid out with fixed margins: its picture keeps them as they are.

    Every other figure (a student's own ``df.plot()``) is cropped to what it draws
    (``bbox_inches="tight"``), which costs a second full draw; a namlib plot has placed
    its labels inside its margins already, so it is drawn once.
    """
    setattr(figure, _FIXED_MARGINS, True)


def _kind(ax) -> str:
    if ax.lines and not ax.patches:
        return "Line chart"
    if ax.patches and not ax.lines:
        return "Bar chart"
    if ax.collections and not ax.lines and not ax.patches:
        return "Map" if not ax.axison else "Chart"
    return "Chart"


def describe_figure(figure) -> str:
    """The alternative text of a figure: its stored text, else what its axes show."""
    stored = getattr(figure, _ATTRIBUTE, None)
    if stored:
        return stored
    parts = []
    for ax in figure.get_axes():
        title = ax.get_title() or (figure._suptitle.get_text() if getattr(figure, "_suptitle", None) else "")
        bits = [f"{_kind(ax)}{': ' + title if title else ''}."]
        if ax.get_xlabel():
            bits.append(f"Horizontal axis: {ax.get_xlabel()}.")
        if ax.get_ylabel():
            bits.append(f"Vertical axis: {ax.get_ylabel()}.")
        names = [line.get_label() for line in ax.lines if not str(line.get_label()).startswith("_")]
        if names:
            bits.append(f"{len(names)} line{'s' if len(names) > 1 else ''}: {', '.join(names)}.")
        parts.append(" ".join(bits))
    return " ".join(parts) or "A figure without axes."


def png(figure: Any) -> bytes:
    """The figure as PNG bytes, as a lesson shows it: cropped unless :func:`keep_margins` marked it."""
    out = io.BytesIO()
    crop = None if getattr(figure, _FIXED_MARGINS, False) else "tight"
    # Level 1 compression: a fraction of the time of the default level, and about the same
    # size for pictures of flat colours like these.
    options = {"metadata": {"Software": None}, "pil_kwargs": {"compress_level": 1}}
    figure.savefig(out, format="png", bbox_inches=crop, dpi=figure.dpi, **options)
    return out.getvalue()


def figure_html(figure) -> str:
    """The figure as an ``<img>`` with its alternative text and a minimum readable width."""
    picture = png(figure)
    # IPython asks for the HTML form first and the PNG right after, in the same display: keep
    # the picture for that, so that the figure is drawn once, not twice.
    figure._namlib_png = picture
    data = base64.b64encode(picture).decode("ascii")
    width = round(figure.get_size_inches()[0] * figure.dpi)
    alt = html.escape(describe_figure(figure), quote=True)
    return (
        f'<img src="data:image/png;base64,{data}" alt="{alt}" title="{alt}" '
        f'style="width:{width}px;max-width:100%;min-width:{min(MIN_WIDTH_PX, width)}px">'
    )


def _plain(figure, printer, cycle) -> None:
    printer.text(f"Figure: {describe_figure(figure)}")


def _png_once(figure) -> bytes:
    """The PNG form of a figure: the picture its HTML form has just drawn, else a new one."""
    kept = figure.__dict__.pop("_namlib_png", None)
    return kept if kept is not None else png(figure)


def patch_figure() -> bool:
    """Give matplotlib's Figure an HTML and a text form with alt text; True once matplotlib is loaded.

    A method on the class, not a display formatter: switching on the inline backend (at the
    first figure) removes every figure formatter, but not the class's own methods. An
    interactive backend's own HTML (WebAgg) still comes first.
    """
    module = sys.modules.get("matplotlib.figure")
    if module is None:
        return False
    figure_class = module.Figure
    if getattr(figure_class, "_namlib_alt_text", False):
        return True
    original = getattr(figure_class, "_repr_html_", None)

    def _repr_html_(self):
        shown = original(self) if original is not None else None
        return shown if shown is not None else figure_html(self)

    def _repr_pretty_(self, printer, cycle):
        _plain(self, printer, cycle)

    figure_class._repr_html_ = _repr_html_
    figure_class._repr_pretty_ = _repr_pretty_
    figure_class._namlib_alt_text = True
    return True


def install() -> bool:
    """In IPython, show every matplotlib figure with alt text; True when installed.

    Nothing imports matplotlib before a lesson does: the figure class is given its HTML form
    as soon as matplotlib is loaded (by namlib.plots at once, else after the cell that loaded
    it, before that cell's figures are shown: IPython runs the cell-end callbacks in the order
    they were registered, and this one comes before the inline backend's).
    """
    module = sys.modules.get("IPython")
    shell = module.get_ipython() if module is not None else None
    if shell is None:
        return False
    patch_figure()
    callbacks = shell.events.callbacks.get("post_execute", [])
    if not any(getattr(c, "__name__", "") == "_namlib_alt_text" for c in callbacks):

        def _namlib_alt_text() -> None:
            if patch_figure():
                # Before the inline backend shows this cell's figures: its PNG printer draws
                # each figure again; this one reuses the picture of the HTML form.
                shell.display_formatter.formatters["image/png"].for_type(
                    sys.modules["matplotlib.figure"].Figure, _png_once
                )

        shell.events.register("post_execute", _namlib_alt_text)
    return True
