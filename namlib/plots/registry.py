"""The one list of plots: each plot module registers its function and its text form here.

A plot module ends with ``register(name, describe_name, example={...})``. ``namlib.plots``
imports every module of the package, so the registry, the package's names (``namlib.plots.name``
and ``describe_name``) and ``__all__`` follow from the files alone; the tests that every plot
must pass (draws into a given Axes, is deterministic, has a text form, carries it as alt text)
run over :data:`PLOTS`.

Example:
    >>> from namlib import plots
    >>> spec = plots.PLOTS["members_by_region"]
    >>> spec.describe is plots.describe_members_by_region
    True
    >>> spec.module
    'namlib.plots.members_by_region'
    >>> ax = spec.draw(**spec.example)
    >>> ax.get_title()
    'NAM member states by NAM regional group (current)'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from matplotlib.axes import Axes

from namlib.plots.text import Description

__all__ = ["PLOTS", "PlotSpec", "register"]


@dataclass(frozen=True)
class PlotSpec:
    """One plot: its function, its text form, and the arguments of a typical call."""

    draw: Callable[..., Axes]
    describe: Callable[..., Description]
    #: keyword arguments for a typical call (the generic tests and the README pictures use them)
    example: Mapping[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """The plot's name: its function's name, which is also its module's last part."""
        return self.draw.__name__

    @property
    def module(self) -> str:
        """The module that defines the plot."""
        return self.draw.__module__


#: name -> plot, in the order the modules were imported (alphabetical by file name).
PLOTS: dict[str, PlotSpec] = {}


def register(
    draw: Callable[..., Axes], describe: Callable[..., Description], example: Mapping[str, Any] | None = None
) -> PlotSpec:
    """Add a plot to :data:`PLOTS`: ``draw`` must be called ``name`` and ``describe`` ``describe_name``.

    Registering the same function again (a module reloaded) replaces the entry.
    """
    spec = PlotSpec(draw, describe, dict(example or {}))
    if describe.__name__ != f"describe_{spec.name}":
        raise ValueError(f"the text form of {spec.name}() must be called describe_{spec.name}, not {describe.__name__}")
    if spec.module.rsplit(".", 1)[-1] != spec.name:
        raise ValueError(f"{spec.name}() must be defined in namlib/plots/{spec.name}.py, not in {spec.module}")
    PLOTS[spec.name] = spec
    return spec
