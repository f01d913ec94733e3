"""Label placement: the size of a text before it is drawn, and boxes that must not overlap.

The plots place their labels themselves (event titles, chair names, notes on a line), before
the first draw and deterministically: :func:`text_size_pt` measures a text from the font's
metrics (no renderer needed) and a :class:`LabelPlacer` keeps the boxes already taken, in
display pixels, so that a label goes to the first candidate spot that is free.

Example:
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(4, 3))
    >>> placer = LabelPlacer(ax)
    >>> first = placer.box(0.5, 0.5, text_size_pt("Belgrade", 8), "left", "center")
    >>> placer.fits(first)
    True
    >>> placer.block(first)
    >>> placer.fits(first)  # taken now
    False
    >>> plt.close(fig)
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

import matplotlib as mpl
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath

__all__ = ["Box", "HAlign", "LabelPlacer", "VAlign", "figure_of", "shorten", "text_size_pt"]

#: A box in display pixels: (x0, y0, x1, y1).
Box = tuple[float, float, float, float]
#: Where a text is anchored, as matplotlib's ``ha`` and ``va`` take it.
HAlign = Literal["left", "right", "center"]
VAlign = Literal["bottom", "top", "center"]

_TEXT_TO_PATH = TextToPath()


def figure_of(artist: Artist) -> Figure:
    """The figure an Axes (or another artist) is drawn in: the top-level one, never a subfigure."""
    figure = artist.get_figure(root=True)
    if figure is None:
        raise ValueError(f"{artist!r} is not in a figure")
    return figure


@lru_cache(maxsize=4096)
def text_size_pt(text: str, size: float) -> tuple[float, float]:
    """Width and height of ``text`` in points, from the font's metrics (no renderer needed)."""
    prop = FontProperties(family=mpl.rcParams["font.family"], size=size)
    width, height, descent = _TEXT_TO_PATH.get_text_width_height_descent(text, prop, ismath=False)
    return width, max(height, size) * 1.15


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, at a word boundary where possible, with "…".

    Example:
        >>> shorten("Summit of the Non-Aligned Movement", 20)
        'Summit of the…'
    """
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-(") + "…"


class LabelPlacer:
    """Greedy, deterministic placement of text boxes that must not overlap (display pixels)."""

    def __init__(self, ax: Axes):
        self.ax = ax
        self.px_per_pt = figure_of(ax).dpi / 72
        box = ax.bbox
        self.bounds: Box = (box.x0, box.y0, box.x1, box.y1)
        self.boxes: list[Box] = []

    def block(self, box: Box) -> None:
        """Mark ``box`` as taken (a placed label, or an obstacle such as a marker or a bar)."""
        self.boxes.append(box)

    def fits(self, box: Box) -> bool:
        """True when ``box`` lies inside the Axes (within a pixel) and overlaps no taken box."""
        x0, y0, x1, y1 = box
        bx0, by0, bx1, by1 = self.bounds
        if x0 < bx0 - 1 or x1 > bx1 + 1 or y0 < by0 - 1 or y1 > by1 + 1:
            return False
        return all(x1 <= a0 or x0 >= a1 or y1 <= b0 or y0 >= b1 for a0, b0, a1, b1 in self.boxes)

    def box(
        self,
        x: float,
        y: float,
        size: tuple[float, float],
        ha: HAlign,
        va: VAlign,
        dx: float = 0,
        dy: float = 0,
    ) -> Box:
        """Box of a text of ``size`` (points) anchored at data (x, y), offset by (dx, dy) points."""
        px, py = self.ax.transData.transform((x, y))
        w, h = size[0] * self.px_per_pt, size[1] * self.px_per_pt
        px += dx * self.px_per_pt
        py += dy * self.px_per_pt
        x0 = {"left": px, "right": px - w, "center": px - w / 2}[ha]
        y0 = {"bottom": py, "top": py - h, "center": py - h / 2}[va]
        return (x0, y0, x0 + w, y0 + h)
