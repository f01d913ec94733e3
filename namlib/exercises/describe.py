"""Describing a student's value in words, and reading NumPy and pandas scalars as Python values.

Every kind's messages use these: :func:`show` (a short, deterministic description),
:func:`plain` (NumPy and pandas scalars as Python values), :func:`single` (the one value
inside a one-element Series, list...), and the messages for a container or a missing value
where one value is expected.

Example:
    >>> show("Baku"), show(np.int64(3)), single(pd.Series([120])), article("object")
    ("'Baku'", '3', 120, 'an object')
    >>> print(container_message([1, 2], "a number"))
    Your answer is a list of 2 items, but a number is expected: give just that one value, without brackets.
"""

from __future__ import annotations

import datetime as dt
import decimal
import fractions
import math
from typing import Any

import numpy as np
import pandas as pd


def plain(value: Any) -> Any:
    """NumPy and pandas scalars as the Python values they stand for.

    Example:
        >>> plain(np.int64(3)), plain(np.float64(2.5)), plain(np.array(7)), plain(np.str_("x"))
        (3, 2.5, 7, 'x')
        >>> plain(np.datetime64("2019-10-25"))
        Timestamp('2019-10-25 00:00:00')
    """
    if isinstance(value, np.datetime64):
        return pd.NaT if np.isnat(value) else pd.Timestamp(value)
    if isinstance(value, np.timedelta64):
        return pd.Timedelta(value)
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray) and value.ndim == 0:
        return plain(value[()])
    return value


def single(value: Any) -> Any:
    """The one value inside a one-element Series, DataFrame, Index, array, list or tuple.

    ``df.loc[mask, "col"]`` gives a Series even when one row matches; a student
    who stops there has the right value, so single-value answers take it out.
    Anything else comes back unchanged.

    Example:
        >>> single(pd.Series([120])), single(pd.DataFrame({"n": [7]})), single([3]), single(np.array([2.5]))
        (120, 7, 3, 2.5)
        >>> single(pd.Series([1, 2])).tolist()
        [1, 2]
    """
    if isinstance(value, pd.DataFrame):
        return plain(value.iat[0, 0]) if value.shape == (1, 1) else value
    if isinstance(value, pd.Series) and len(value) == 1:
        return plain(value.iloc[0])
    if isinstance(value, pd.Index) and len(value) == 1:
        return plain(value[0])
    if isinstance(value, np.ndarray) and value.ndim >= 1 and value.size == 1:
        return plain(value.reshape(-1)[0])
    if isinstance(value, list | tuple) and len(value) == 1 and not isinstance(value[0], list | tuple):
        return plain(value[0])
    return value


def is_missing(value: Any) -> bool:
    """True for NaN, None, pd.NA and NaT (never raises)."""
    value = plain(value)
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, decimal.Decimal):
        return value.is_nan()
    return False


def is_number(value: Any) -> bool:
    """True for int, float, Decimal and Fraction, but not for bool.

    Example:
        >>> is_number(3), is_number(2.5), is_number(True), is_number("3")
        (True, True, False, False)
    """
    return isinstance(value, int | float | decimal.Decimal | fractions.Fraction) and not isinstance(value, bool)


def show(value: Any, limit: int = 60) -> str:
    """A short, deterministic description of a student's value (no memory addresses).

    Example:
        >>> show("Baku"), show(3.5), show(10**50), show(object()), show([1, [2]])
        ("'Baku'", '3.5', 'a number with 51 digits', 'an object', '[1, [2]]')
    """
    value = plain(value)
    if isinstance(value, str):
        text = repr(value)
        return text if len(text) <= limit else text[: limit - 4] + "…'"
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, int):
        if abs(value) >= 10**30:
            return f"a number with {int(abs(value).bit_length() * math.log10(2)) + 1} digits"
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, pd.Timestamp | dt.datetime | dt.date):
        if is_missing(value):
            return "NaT (a missing date)"
        return repr(value.date().isoformat() if isinstance(value, dt.datetime) else value.isoformat())
    if value is pd.NA:
        return "<NA> (a missing value)"
    if isinstance(value, list | tuple) and len(value) <= 5:
        inner = ", ".join(show(v, 20) for v in value)
        text = f"[{inner}]" if isinstance(value, list) else f"({inner}{',' if len(value) == 1 else ''})"
        if len(text) <= limit:
            return text
    return article(type(value).__name__)


def article(noun: str) -> str:
    """``"a list"``, ``"an object"``."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def plural(count: int, one: str, many: str | None = None) -> str:
    """``"1 row"``, ``"3 rows"``."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def container_message(value: Any, wanted: str) -> str | None:
    """The message for a table, column or list given where one value was expected."""
    if isinstance(value, pd.DataFrame):
        return (
            f"Your answer is a whole table (a DataFrame with {plural(value.shape[0], 'row')} and "
            f"{plural(value.shape[1], 'column')}), but {wanted} is expected. To count rows use `len(df)`; "
            "to add up a column use `df['column'].sum()`; to read one cell select it, e.g. "
            "`df.loc[row, 'column']`, or take the single value out with `.item()`."
        )
    if isinstance(value, pd.Series):
        if len(value) == 1:
            return (
                f"Your answer is a Series holding one value, but {wanted} is expected: "
                "take the value out with `.item()`."
            )
        return (
            f"Your answer is a column of values (a Series of length {len(value)}), but {wanted} is expected. "
            "Use `len(s)` to count them, `s.sum()` to add them up, or select one value (`s.iloc[0]`, `.item()`)."
        )
    if isinstance(value, pd.Index):
        return f"Your answer is a pandas Index of length {len(value)}, but {wanted} is expected."
    if isinstance(value, np.ndarray):
        return f"Your answer is a NumPy array of {plural(value.size, 'value')}, but {wanted} is expected."
    if isinstance(value, list | tuple | set | frozenset | dict):
        name = type(value).__name__
        return (
            f"Your answer is {article(name)} of {plural(len(value), 'item')}, but {wanted} is expected: "
            "give just that one value, without brackets."
        )
    return None


def missing_message(value: Any, wanted: str) -> str:
    """The message for a missing value (NaN, None, NaT) where ``wanted`` is expected."""
    return (
        f"Your answer is {show(value)}: a missing value, where {wanted} is expected. "
        "Did a filter select no rows, or a lookup find nothing? Print the steps before it to see."
    )


def show_items(items: list, limit: int = 5) -> str:
    """The first ``limit`` items, described, and how many more there are."""
    shown = [show(x, 40) for x in items[:limit]]
    more = f" and {len(items) - limit} more" if len(items) > limit else ""
    return ", ".join(shown) + more


def letter(index: int) -> str:
    """The letter of option ``index``: 0 is ``"A"``.

    Example:
        >>> letter(0), letter(2)
        ('A', 'C')
    """
    return chr(ord("A") + index)
