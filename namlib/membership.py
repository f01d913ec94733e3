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

import pandas as pd

from namlib.loading import load

STATUSES = ["member", "observer_state", "observer_organization"]


def _active(members: pd.DataFrame, year: int) -> pd.Series:
    started = members["joined"].isna() | (members["joined"] <= year)
    ongoing = (members["left"] > year).fillna(False) | (members["left"].isna() & members["current"])
    return (started & ongoing).fillna(False).astype(bool)


def members_in(year: int, members: pd.DataFrame | None = None) -> pd.DataFrame:
    """The rows of ``members`` whose status held in ``year``.

    Spells with no known start year are included only from 2011 on, the period
    the sources describe; before that they are left out (unknown).

    Example:
        >>> sorted(members_in(1961).query("status == 'member'")["name"])[:3]
        ['Afghanistan', 'Algeria', 'Cambodia']
    """
    members = load("members") if members is None else members
    mask = _active(members, year)
    if year < 2011:
        mask &= members["joined"].notna().to_numpy()
    return members[mask]


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
    and ``unknown_start``, the number of observer spells left out because no
    source gives the year they began (before 2011).

    Example:
        >>> table = membership_by_year(1961, 2024)
        >>> table.set_index("year").loc[[1961, 2011, 2024], "member"].tolist()
        [25, 120, 121]
    """
    members = load("members") if members is None else members
    rows = []
    for year in range(first, last + 1):
        counts = count_in(year, members)
        unknown = 0
        if year < 2011:
            unknown = int((_active(members, year) & members["joined"].isna()).sum())
        rows.append({"year": year, **counts.to_dict(), "unknown_start": unknown})
    return pd.DataFrame(rows).astype("Int64")
