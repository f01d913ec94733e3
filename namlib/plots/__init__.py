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

One module per plot, holding the plot and its text form: ``timeline.py``,
``membership_growth.py``, ``members_by_region.py``, ``world_map.py``, ``chair_periods.py``,
``attendance.py``. Beside them, what they share: ``style.py`` (colours, matplotlib settings,
title, spines and grid of an Axes), ``labels.py`` (label placement), ``projection.py`` (the
map's shapes and projection), ``text.py`` (:class:`Description` and the helpers of the text
forms) and ``registry.py`` (:data:`PLOTS`). Each plot module registers its plot; this package
imports every module, so a new plot is one new file (see CONTRIBUTING.md, "Adding a plot").

Example:
    >>> ax = membership_growth()
    >>> ax.get_title()
    'NAM member states per year, 1961–2025'
    >>> table, text = describe_membership_growth()
    >>> int(table.set_index("year").loc[2024, "member"])
    121
    >>> sorted(PLOTS)[:3]
    ['attendance', 'chair_periods', 'members_by_region']
"""

from __future__ import annotations

import importlib
import pkgutil

import pandas as pd

from namlib.alt_text import install as _alt_text_install
from namlib.plots.attendance import attendance, describe_attendance
from namlib.plots.chair_periods import chair_periods, describe_chair_periods
from namlib.plots.members_by_region import describe_members_by_region, members_by_region
from namlib.plots.membership_growth import describe_membership_growth, membership_growth
from namlib.plots.projection import projected_world as projected_world
from namlib.plots.projection import region_bounds as region_bounds
from namlib.plots.projection import world_shapes
from namlib.plots.registry import PLOTS as PLOTS
from namlib.plots.registry import PlotSpec as PlotSpec
from namlib.plots.style import INK as INK
from namlib.plots.style import KIND_NAMES as KIND_NAMES
from namlib.plots.style import KIND_STYLE as KIND_STYLE
from namlib.plots.style import NO_DATA as NO_DATA
from namlib.plots.style import OKABE_ITO, STYLE
from namlib.plots.style import QUALIFIER_STYLE as QUALIFIER_STYLE
from namlib.plots.style import REGION_COLORS as REGION_COLORS
from namlib.plots.style import SEA as SEA
from namlib.plots.style import STATUS_COLORS as STATUS_COLORS
from namlib.plots.style import STATUS_LABELS as STATUS_LABELS
from namlib.plots.style import axes_rect as axes_rect
from namlib.plots.style import set_title as set_title
from namlib.plots.style import styled as styled
from namlib.plots.text import Description
from namlib.plots.text import PlotInputError as PlotInputError
from namlib.plots.text import reference_date as reference_date
from namlib.plots.timeline import describe_timeline, timeline
from namlib.plots.timeline import timeline_layout as timeline_layout
from namlib.plots.world_map import MAP_LAYOUT as MAP_LAYOUT
from namlib.plots.world_map import describe_world_map, world_map
from namlib.plots.world_map import recolor_world_map as recolor_world_map

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


def _discover() -> None:
    """Import every module of this package (each plot module registers its plot) and make every
    registered plot and its text form a name of the package, listed in ``__all__``.

    The six plots above are also imported by name, so that type checkers see them; a new plot
    needs no line here.
    """
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    for spec in PLOTS.values():
        # A plot function shares its module's name: the package's name is the function.
        for function in (spec.draw, spec.describe):
            globals()[function.__name__] = function
            if function.__name__ not in __all__:
                __all__.append(function.__name__)


_discover()


def __getattr__(name: str) -> pd.Timestamp:
    # AS_OF: the dataset's reference date (datapackage.json, namlib.reference_date), read when asked for.
    if name == "AS_OF":
        return reference_date()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# The names the explorers and tests used before namlib.plots was a package (private then).
_projected = projected_world
_rect = axes_rect
_timeline_layout = timeline_layout
_update_map_colors = recolor_world_map
