"""Who belonged to NAM in a given year: the counting rule, written once.

The ``members`` table has one row per spell of a status (a country that moved
from observer to member has two rows). A spell counts in year ``Y`` when it had
begun by then (``joined <= Y``) and had not yet ended (``left > Y``, or ``left``
empty and the spell still ``current``). A spell whose start year no source
gives is counted for the years the dataset's sources describe (the 2010s on)
and flagged in :func:`membership_by_year` as ``unknown_start``.

Example:
    >>> members_in(2019)["status"].value_counts().loc["member"]
    np.int64(120)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from namlib.errors import NamlibError
from namlib.loading import load

STATUSES = ["member", "observer_state", "observer_organization"]


#: Before this year, a spell with no known start year is left out (unknown), not counted.
KNOWN_FROM = 2011


def _spells_in(members: pd.DataFrame, years: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Boolean matrices (years x rows): spells counted in each year, and spells left out as unknown."""
    joined = members["joined"].to_numpy(dtype=float, na_value=np.nan)
    left = members["left"].to_numpy(dtype=float, na_value=np.nan)
    current = members["current"].to_numpy(dtype=bool, na_value=False)
    year = years[:, None]
    unknown_start = np.isnan(joined)
    started = unknown_start | (joined <= year)
    ongoing = (left > year) | (np.isnan(left) & current)
    active = started & ongoing
    unknown = active & unknown_start & (year < KNOWN_FROM)
    return active & ~unknown, unknown


def _year(value) -> int:
    """A year given by a student: a whole number (2019, np.int64(2019), 2019.0); else a clear error.

    Example:
        >>> _year("2019")
        Traceback (most recent call last):
        ...
        namlib.errors.NamlibError: A year is a whole number without quotes, such as 2019; you gave the text '2019'.
    """
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        raise NamlibError(f"A year is a whole number without quotes, such as 2019; you gave the text {value!r}.")
    raise NamlibError(f"A year is a whole number such as 2019; you gave {type(value).__name__} {value!r}.")


def members_in(year: int, members: pd.DataFrame | None = None) -> pd.DataFrame:
    """The rows of ``members`` whose status held in ``year``.

    Spells with no known start year are included only from 2011 on, the period
    the sources describe; before that they are left out (unknown).

    Example:
        >>> sorted(members_in(1961).query("status == 'member'")["name"])[:3]
        ['Afghanistan', 'Algeria', 'Burma']
    """
    members = load("members") if members is None else members
    counted, _ = _spells_in(members, np.array([_year(year)]))
    return members[counted[0]]


def count_in(year: int, members: pd.DataFrame | None = None) -> pd.Series:
    """How many members, observer states and observer organisations in ``year``.

    Example:
        >>> count_in(2024).to_dict()
        {'member': 121, 'observer_state': 18, 'observer_organization': 10}
    """
    rows = members_in(year, members)
    counts = rows["status"].astype("str").value_counts().reindex(STATUSES, fill_value=0)
    counts.index.name = "status"
    counts.name = f"count in {year}"
    return counts.astype(int)


def membership_by_year(first: int = 1961, last: int = 2025, members: pd.DataFrame | None = None) -> pd.DataFrame:
    """Counts per year from ``first`` to ``last``, one row a year.

    Columns: ``year``, ``member``, ``observer_state``, ``observer_organization``,
    and ``unknown_start``, the number of spells left out because no source
    gives the year they began (before 2011).

    Example:
        >>> table = membership_by_year(1961, 2024)
        >>> table.set_index("year").loc[[1961, 2011, 2024], "member"].tolist()
        [25, 120, 121]
    """
    members = load("members") if members is None else members
    years = np.arange(first, last + 1)
    counted, unknown = _spells_in(members, years)
    status = members["status"].astype("str").to_numpy()
    table = {"year": years}
    for name in STATUSES:
        table[name] = (counted & (status == name)).sum(axis=1)
    table["unknown_start"] = unknown.sum(axis=1)
    return pd.DataFrame(table).astype("Int64")
