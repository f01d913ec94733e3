"""Who belonged to NAM in a given year: the counting rule, written once.

The ``members`` table has one row per spell of a status (a country that moved
from observer to member has two rows). A spell counts in year ``Y`` when it had
begun by then (``joined <= Y``) and had not yet ended (``left > Y``, or ``left``
empty and the spell still ``current``). A spell whose start year no source
gives is counted for the years the dataset's sources describe (the 2010s on)
and flagged in :func:`membership_by_year` as ``unknown_start``.

The UN's membership, for comparison, is counted by :func:`un_membership_by_year`
from the ``un_members`` table: a state counts on a day when it had been admitted
by then, had not left, and was not in a gap (Indonesia 1965-66, Syria 1958-61).

Example:
    >>> members_in(2019)["status"].value_counts().loc["member"]
    np.int64(120)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from namlib.descriptor import facts_in
from namlib.errors import NamlibError
from namlib.loading import _tables, data_dir, load


def _statuses() -> list[str]:
    """The values of members.status, as its schema's enum lists them (member, observer_state, ...)."""
    field = next(f for f in _tables()["members"].fields if f.name == "status")  # cached schema
    return list(field.enum or ())


def _known_from() -> int:
    """Before this year a spell with no known start year is left out (unknown), not counted:
    datapackage.json, namlib.observers_known_from."""
    return facts_in(data_dir()).observers_known_from


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
    unknown = active & unknown_start & (year < _known_from())
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

    Spells with no known start year are included only from the dataset's
    ``observers_known_from`` year on (datapackage.json; 2011), the period the
    sources describe; before that they are left out (unknown).

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
    counts = rows["status"].astype("str").value_counts().reindex(_statuses(), fill_value=0)
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
    for name in _statuses():
        table[name] = (counted & (status == name)).sum(axis=1)
    table["unknown_start"] = unknown.sum(axis=1)
    return pd.DataFrame(table).astype("Int64")


def _un_members_on(un_members: pd.DataFrame, days) -> np.ndarray:
    """Boolean matrix (days x rows): which rows of ``un_members`` count as UN members on each day.

    A row counts on day D when ``admitted <= D``, ``left`` is empty or after D, and D is not in
    the row's gap (``gap_start <= D < gap_end``). The one place the UN counting rule is written.
    """
    day = pd.to_datetime(pd.Series(days)).to_numpy(dtype="datetime64[ns]")[:, None]

    def column(name: str) -> np.ndarray:
        if name not in un_members:
            return np.full(len(un_members), np.datetime64("NaT"), dtype="datetime64[ns]")
        return pd.to_datetime(un_members[name]).to_numpy(dtype="datetime64[ns]")

    admitted, left, gap_start, gap_end = (column(c) for c in ("admitted", "left", "gap_start", "gap_end"))
    started = ~np.isnat(admitted) & (admitted <= day)
    ongoing = np.isnat(left) | (left > day)
    in_gap = ~np.isnat(gap_start) & (gap_start <= day) & (np.isnat(gap_end) | (gap_end > day))
    return started & ongoing & ~in_gap


def un_membership_by_year(first: int = 1945, last: int = 2025, un_members: pd.DataFrame | None = None) -> pd.DataFrame:
    """The number of UN member states at 31 December of each year from ``first`` to ``last``.

    Columns: ``year`` and ``un_members``. Counted from the ``un_members`` table: a state
    counts when it was admitted on or before the day, had not left by then and was not in a
    gap (Indonesia 1965-66, Syria 1958-61). Merge it with :func:`membership_by_year` on ``year``
    to compare NAM's size with the UN's.

    Example:
        >>> table = un_membership_by_year(1945, 2011)
        >>> table.set_index("year").loc[[1945, 1960, 1991, 2011], "un_members"].tolist()
        [51, 99, 166, 193]
        >>> nam = membership_by_year(1961, 2011)[["year", "member"]]
        >>> both = nam.merge(table, on="year")
        >>> both.loc[both["year"] == 1961, ["member", "un_members"]].values.tolist()
        [[25, 104]]
    """
    first, last = _year(first), _year(last)
    un_members = load("un_members") if un_members is None else un_members
    years = np.arange(first, last + 1)
    days = [f"{year}-12-31" for year in years]
    counted = _un_members_on(un_members, days).sum(axis=1) if len(years) else np.array([], dtype=int)
    return pd.DataFrame({"year": years, "un_members": counted}).astype("Int64")
