"""namlib: the dataset and helpers behind the NAM teaching notebooks.

Load a table, look at its fields, check the data:

    >>> import namlib
    >>> summits = namlib.load("summits")
    >>> int(summits["number"].max())
    19
    >>> namlib.describe("summits")["field"].tolist()[:3]
    ['number', 'city', 'country']

Plots (``namlib.plots``), explorers (``namlib.widgets``) and exercises are
imported only when first used, so ``import namlib`` stays fast and does not
load matplotlib or ipywidgets.
"""

from __future__ import annotations

import importlib

from namlib import alt_text as _alt_text
from namlib.errors import DataError, NamlibError, UnknownTableError, install_friendly_errors
from namlib.loading import data_dir, describe, list_tables, load, table_names
from namlib.membership import count_in, members_in, membership_by_year, un_membership_by_year

__version__ = "0.1.0"

# In a notebook, every matplotlib figure gets alternative text and a minimum readable width
# (namlib.alt_text). Registered by class name: this imports neither matplotlib nor IPython.
_alt_text.install()

# name -> module that defines it; imported on first use (PEP 562).
_LAZY = {
    "validate": "namlib.validation",
    "Report": "namlib.validation",
    "plots": "namlib.plots",
    "widgets": "namlib.widgets",
    "exercises": "namlib.exercises",
    "exercise": "namlib.exercises",
    "check": "namlib.exercises",
    "hint": "namlib.exercises",
    "quiz": "namlib.exercises",
    "solution": "namlib.exercises",
    "progress": "namlib.exercises",
    "glossary": "namlib.vocabulary",
}

__all__ = [
    "DataError",
    "NamlibError",
    "UnknownTableError",
    "count_in",
    "data_dir",
    "describe",
    "list_tables",
    "load",
    "members_in",
    "membership_by_year",
    "table_names",
    "un_membership_by_year",
    *_LAZY,
]


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None and name.startswith("load_"):
        # load_summits(), load_members(), ...: made on first use by namlib.loading, so that
        # `import namlib` never reads the data (a broken datapackage.json must not stop it).
        from namlib import loading

        try:
            return getattr(loading, name)
        except AttributeError:
            pass
    if module is None:
        raise AttributeError(f"module 'namlib' has no attribute {name!r}")
    loaded = importlib.import_module(module)
    value = loaded if module.endswith("." + name) else getattr(loaded, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    try:
        loaders = [f"load_{name}" for name in table_names()]
    except NamlibError:
        loaders = []
    return sorted(set(globals()) | set(__all__) | set(loaders))


install_friendly_errors()
