"""The text form of a plot (:class:`Description`) and the helpers that build its table and words.

Every plot ``name(...)`` has a twin ``describe_name(...)`` that returns a :class:`Description`:
the DataFrame the plot is drawn from and a short plain-language text. The helpers here turn
the dataset's columns into that table (:func:`dates`, :func:`timestamp`, :func:`as_object`,
:func:`current_or`) and numbers into words (:func:`plural`, :func:`join`, :func:`fmt_date`);
:func:`reference_date` is the day an open term runs to.

Example:
    >>> import pandas as pd
    >>> table = pd.DataFrame({"year": [1961, 2011], "members": [25, 120]})
    >>> words = f"NAM grew from {plural(25, 'member')} to {join(['Azerbaijan', 'Fiji', '118 others'])}."
    >>> description = Description(table, words)
    >>> rows, text = description
    >>> text
    'NAM grew from 25 members to Azerbaijan, Fiji and 118 others.'
    >>> fmt_date(pd.Timestamp("1961-09-01"))
    '1 Sep 1961'
    >>> fmt_date(reference_date())
    '31 Dec 2025'
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import matplotlib.dates as mdates
import numpy as np
import pandas as pd

from namlib.descriptor import facts_in
from namlib.errors import NamlibError
from namlib.loading import data_dir
from namlib.membership import members_in

__all__ = [  # and AS_OF, the reference date, read when asked for (below)
    "When",
    "Description",
    "PlotInputError",
    "as_object",
    "as_text",
    "current_or",
    "date_num",
    "dates",
    "fmt_date",
    "join",
    "plural",
    "reference_date",
    "timestamp",
]

#: A year (int) or a date (a string such as "2019-10-25", or a date or Timestamp); None: no limit.
When = int | np.integer | str | date | None


def reference_date() -> pd.Timestamp:
    """The dataset's reference date: an open term (the current chair) is drawn up to here.

    Read from datapackage.json (``namlib.reference_date``) of the data namlib reads (``NAMLIB_DATA``
    or the shipped copy); ``AS_OF`` is the same value.

    Example:
        >>> reference_date()
        Timestamp('2025-12-31 00:00:00')
    """
    return pd.Timestamp(facts_in(data_dir()).reference_date)


def __getattr__(name: str) -> pd.Timestamp:
    # AS_OF, read when asked for (PEP 562): importing the plots never reads the data, and a
    # changed reference date in datapackage.json is seen without a restart.
    if name == "AS_OF":
        return reference_date()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class PlotInputError(NamlibError, ValueError):
    """A plot was asked for something the data does not have."""


@dataclass(frozen=True, repr=False)
class Description:
    """The text form of a plot: ``table`` (the DataFrame drawn) and ``text`` (plain words).

    Unpacks as ``table, text = describe_...()``; ``print()`` gives the text and the table;
    in a notebook it shows as a paragraph and an HTML table.

    ``text`` is wrapped at word boundaries to :data:`TEXT_WIDTH` columns, so that
    ``print(description.text)`` reads well: JupyterLab breaks a long printed line wherever the
    column ends, even inside a word ("Ilham A / liyev"). (Alt text and HTML join the lines again.)

    Example:
        >>> print(Description(pd.DataFrame(), "word " * 30).text.splitlines()[0])
        word word word word word word word word word word word word word word word word word
    """

    table: pd.DataFrame
    text: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", wrap(self.text))

    def __iter__(self) -> Iterator[Any]:
        return iter((self.table, self.text))

    def __str__(self) -> str:
        if self.table.empty:
            return self.text
        return f"{self.text}\n\n{self.table.to_string(index=False)}"

    __repr__ = __str__

    def _repr_html_(self) -> str:
        table = "" if self.table.empty else self.table.to_html(index=False, na_rep="")
        return f"<p>{html.escape(self.text)}</p>{table}"


# --------------------------------------------------------------------------- words

# Printed text forms fit a narrow notebook column (about 90 monospace characters at 800 px).
TEXT_WIDTH = 88


def wrap(text: str, width: int = TEXT_WIDTH) -> str:
    """``text`` with each line wrapped at word boundaries; its own line breaks are kept.

    Example:
        >>> wrap("Ilham Aliyev held the chair.", width=15)
        'Ilham Aliyev\\nheld the chair.'
    """
    return "\n".join(
        textwrap.fill(line, width, break_long_words=False, break_on_hyphens=False) if line.strip() else line
        for line in text.split("\n")
    )


def fmt_date(value: pd.Timestamp | None) -> str:
    """``1 Sep 1961``; ``unknown date`` for a missing value."""
    if value is None or pd.isna(value):
        return "unknown date"
    return f"{value.day} {value:%b %Y}"


def plural(n: int, word: str, plural: str | None = None) -> str:
    """``1 summit``, ``2 summits`` (``plural`` for an irregular word)."""
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def join(items: Iterable[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# --------------------------------------------------------------------------- table columns


def as_text(value: Any) -> str | None:
    """``value`` (a cell of any column) as a string, or None when it is missing."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value)


def dates(series: pd.Series) -> pd.Series:
    """A column of dates as ``datetime64[ns]`` (unreadable values become NaT)."""
    return pd.to_datetime(series, errors="coerce").astype("datetime64[ns]")


def date_num(values: object) -> np.ndarray:
    """Dates as matplotlib's date numbers (the x coordinates of a time axis)."""
    converted = pd.to_datetime(pd.Series(values), errors="coerce").astype("datetime64[ns]").to_numpy()
    return np.asarray(mdates.date2num(converted))


def timestamp(value: When, end: bool = False) -> pd.Timestamp | None:
    """A year (int) or a date-like value as a Timestamp; a year means its first (or last) day."""
    if value is None:
        return None
    if isinstance(value, int | np.integer):
        return pd.Timestamp(int(value), 12, 31) if end else pd.Timestamp(int(value), 1, 1)
    return pd.Timestamp(value)


def as_object(values: pd.Series) -> pd.Series:
    """A (categorical) column as plain Python objects, missing values as None."""
    return values.astype("object").where(values.notna(), None)


def current_or(members: pd.DataFrame, year: int | None) -> pd.DataFrame:
    """The rows of today's members and observers (``year=None``), else of ``year``."""
    if year is None:
        current = members["current"].astype("boolean").fillna(False).astype(bool)
        return members[current.to_numpy()]
    return members_in(year, members)
