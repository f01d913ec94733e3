"""Comparing a student's Series or DataFrame with the answer, and saying the first thing to fix.

Shared by the ``series`` and ``frame`` kinds. :func:`compare_pandas` brings both sides to
plain dtypes (:func:`plain_values`), applies the exercise's ``ignore_*`` options and compares
them with ``pandas.testing``; where they differ, the message names the most useful fix first:
the columns, a type mistake (dates left as text), the row labels, the number of rows, the
order, then the first differing value.

Example:
    >>> exp = pd.Series([3, 1], index=pd.Index(["Baku", "Cairo"], name="city"))
    >>> compare_pandas(exp.astype("Int64"), exp, {}) is None
    True
    >>> compare_pandas(exp.reset_index(drop=True), exp, {})[1][:38]
    'Your rows are numbered 0, 1, 2, …, but'
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any, overload

import numpy as np
import pandas as pd

from namlib.exercises.describe import is_missing, is_number, plain, show


def _kind_of_values(values: pd.Series) -> str:
    """'text', 'dates', 'numbers', 'booleans' or 'other' for a column."""
    dtype = values.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return "booleans"
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return "dates"
    if pd.api.types.is_numeric_dtype(dtype):
        return "numbers"
    if isinstance(dtype, pd.CategoricalDtype):
        return _kind_of_values(pd.Series(dtype.categories))
    sample = [plain(v) for v in values.dropna().head(50).tolist()]
    if sample and all(isinstance(v, str) for v in sample):
        return "text"
    if sample and all(isinstance(v, pd.Timestamp | dt.date) for v in sample):
        return "dates"
    if sample and all(is_number(v) for v in sample):
        return "numbers"
    return "text" if not sample and pd.api.types.is_string_dtype(dtype) else "other"


def _dtype_mistake(got: pd.Series, expected: pd.Series, name: str | None) -> str | None:
    """Catch known type mistakes in a column: dates or numbers left as text."""
    have, want = _kind_of_values(got), _kind_of_values(expected)
    where = f"Your column {name}" if name is not None else "Your Series"
    access = f"df['{name}']" if name is not None else "s"
    if want == "dates" and have == "text":
        return f"{where} holds text, not dates: parse it with pd.to_datetime, e.g. {access} = pd.to_datetime({access})."
    if want == "dates" and have == "numbers":
        return f"{where} holds numbers, not dates: does it hold years? The answer has full dates there."
    if want == "numbers" and have == "text":
        return f"{where} holds text, not numbers: convert it with pd.to_numeric, e.g. pd.to_numeric({access})."
    return None


def _sortable(value: Any) -> tuple:
    value = plain(value)
    if is_missing(value):
        return (4, "")
    if is_number(value) or isinstance(value, bool):
        return (0, value)
    if isinstance(value, str):
        return (1, value)
    if isinstance(value, pd.Timestamp | dt.datetime):
        return (2, value.isoformat())
    if isinstance(value, dt.date):
        return (2, value.isoformat())
    return (3, str(value))


def _row_keys(frame: pd.DataFrame | pd.Series, with_index: bool) -> list[tuple]:
    rows = (
        [(v,) for v in frame.tolist()]
        if isinstance(frame, pd.Series)
        else list(frame.itertuples(index=False, name=None))
    )
    labels = frame.index.tolist() if with_index else [None] * len(rows)
    return [
        ((_sortable(label),) if with_index else ()) + tuple(_sortable(v) for v in row)
        for label, row in zip(labels, rows, strict=True)
    ]


def _sort_rows(frame: pd.DataFrame | pd.Series, with_index: bool = False) -> pd.DataFrame | pd.Series:
    """Rows in a canonical order, by their values (and first by their labels when ``with_index``)."""
    keys = _row_keys(frame, with_index)
    order = sorted(range(len(keys)), key=keys.__getitem__)
    return frame.iloc[order]


@overload
def plain_values(values: pd.Series) -> pd.Series: ...
@overload
def plain_values(values: pd.Index) -> pd.Index: ...
def plain_values(values: pd.Series | pd.Index) -> pd.Series | pd.Index:
    """A column or index with its values in one plain dtype, so that equal values compare equal.

    A right answer may hold its labels as a categorical, as ``str`` or as ``object``, and its
    counts as ``int64``, ``Int64`` or floats without missing values: all of these become
    text (one text dtype), int64 (whole numbers), float64, bool or datetime64[ns].

    Example:
        >>> labels = [pd.Series(["b", "a"], dtype=t) for t in ("category", "str", object)]
        >>> len({str(plain_values(s).dtype) for s in labels})
        1
        >>> [str(plain_values(pd.Series(v, dtype=t)).dtype) for v, t in [([1, 2], "Int64"), ([1.0, 2.0], "float")]]
        ['int64', 'int64']
    """
    if isinstance(values, pd.MultiIndex):
        return pd.MultiIndex.from_arrays(
            [plain_values(values.get_level_values(i)) for i in range(values.nlevels)], names=values.names
        )
    items = [plain(v) for v in values.tolist()]
    present = [v for v in items if not is_missing(v)]
    dtype: Any = object
    if present and all(isinstance(v, bool) for v in present):
        dtype = bool if len(present) == len(items) else object
    elif present and all(is_number(v) for v in present):
        whole = len(present) == len(items) and all(float(v).is_integer() for v in present)
        dtype = "int64" if whole and all(abs(v) < 2**63 for v in present) else "float64"
        items = [np.nan if is_missing(v) else v for v in items]
    elif present and all(isinstance(v, pd.Timestamp | dt.datetime) for v in present):
        dtype = "datetime64[ns]"
        items = [pd.NaT if is_missing(v) else v for v in items]
    elif present and all(isinstance(v, str) for v in present):
        items = [np.nan if is_missing(v) else v for v in items]
    try:
        array = np.array(items, dtype=dtype) if dtype != "datetime64[ns]" else pd.to_datetime(items)
    except (TypeError, ValueError, OverflowError):
        array = np.array(items, dtype=object)
    if isinstance(values, pd.Index):
        return pd.Index(array, name=values.name, dtype=array.dtype, tupleize_cols=False)
    return pd.Series(array, index=values.index, name=values.name)


def plain_pandas(obj: pd.DataFrame | pd.Series) -> pd.DataFrame | pd.Series:
    """A Series or DataFrame with every column and its index in plain dtypes (:func:`plain_values`)."""
    # A RangeIndex stays one: it tells "rows numbered 0, 1, 2" apart from labels that happen to be numbers.
    index = obj.index if isinstance(obj.index, pd.RangeIndex) else plain_values(obj.index)
    out: pd.DataFrame | pd.Series
    if isinstance(obj, pd.Series):
        out = plain_values(obj)
    else:
        out = pd.DataFrame({i: plain_values(obj.iloc[:, i]) for i in range(obj.shape[1])})
        out.columns = obj.columns
    out.index = index
    return out


def _same_value(a: Any, b: Any) -> bool:
    a, b = plain(a), plain(b)
    if is_missing(a) or is_missing(b):
        return is_missing(a) and is_missing(b)
    if is_number(a) and is_number(b):
        try:
            return math.isclose(float(a), float(b), rel_tol=1e-5, abs_tol=1e-8)
        except OverflowError:
            return a == b
    if isinstance(a, pd.Timestamp | dt.date) and isinstance(b, pd.Timestamp | dt.date):
        return pd.Timestamp(a) == pd.Timestamp(b)
    try:
        return bool(a == b)
    except Exception:
        return False


def _assert_equal(got, expected, settings: dict) -> AssertionError | None:
    check_dtype = settings.get("check_dtype", False)
    common = dict(
        check_dtype=check_dtype,
        check_names=settings.get("check_names", False),
        check_index_type=check_dtype,
        check_categorical=check_dtype,
        check_freq=False,
        check_flags=False,
    )
    try:
        if isinstance(expected, pd.DataFrame):
            pd.testing.assert_frame_equal(got, expected, check_column_type=check_dtype, **common)
        else:
            pd.testing.assert_series_equal(got, expected, **common)
    except AssertionError as err:
        return err
    except (TypeError, ValueError) as err:
        return AssertionError(str(err))
    return None


def _arrange(obj, expected, settings: dict):
    """Apply the exercise's ignore_* options to a Series or DataFrame (already in plain dtypes)."""
    if (
        isinstance(obj, pd.DataFrame)
        and settings.get("ignore_column_order")
        and set(obj.columns) == set(expected.columns)
    ):
        obj = obj[list(expected.columns)]
    if settings.get("ignore_row_order"):
        # Labels first, then values: the same order for both sides whatever the labels' dtype.
        obj = _sort_rows(obj, with_index=not settings.get("ignore_index"))
    if settings.get("ignore_index"):
        obj = obj.reset_index(drop=True)
    return obj


def _labels_differ(got, expected) -> bool:
    """True when the two have different row labels, whatever their order."""
    keys = [sorted(_sortable(v) for v in x.index.tolist()) for x in (got, expected)]
    return keys[0] != keys[1]


def _labels_as_answer(got, expected):
    """``got`` relabelled with the answer's labels when only their type differs, else None.

    A decade typed as text ("1960") or a number read back from a file labels the same row as
    the answer's 1960: the student's table is right, and is judged on its values.

    Example:
        >>> got = pd.Series([2, 4], index=["1960", "1970"])
        >>> _labels_as_answer(got, pd.Series([2, 4], index=[1960, 1970])).index.tolist()
        [1960, 1970]
        >>> _labels_as_answer(got, pd.Series([2, 4], index=[1960, 1980])) is None
        True
    """
    if got.index.nlevels != 1 or expected.index.nlevels != 1:
        return None
    by_text = {str(plain(label)).strip(): label for label in expected.index}
    if len(by_text) != len(expected.index):
        return None
    try:
        labels = [by_text[str(plain(label)).strip()] for label in got.index]
    except (KeyError, TypeError):
        return None
    out = got.copy()
    out.index = pd.Index(labels, name=got.index.name)
    return out


def _label_message(got, expected) -> str:
    """The first thing to fix when the row labels are not the answer's."""
    name = expected.index.name
    example = show(expected.index[0], 30) if len(expected) else "…"
    if isinstance(got.index, pd.RangeIndex) and not isinstance(expected.index, pd.RangeIndex):
        how = (
            f"set the index to `{name}` first (`.set_index('{name}')`), or group by it"
            if isinstance(name, str)
            else "set the index first (`.set_index(...)`), or group by the right column"
        )
        return (
            f"Your rows are numbered 0, 1, 2, …, but the answer's rows are labelled by "
            f"{f'`{name}`' if isinstance(name, str) else 'a key'} (such as {example}): {how}."
        )
    return (
        "The row labels (the index) are not the answer's: the answer's are like "
        f"{example}. Check what the rows should be labelled by (set_index, groupby)."
    )


def _index_message(expected) -> str:
    if isinstance(expected.index, pd.RangeIndex):
        return (
            "The values are right, but the index (the row labels) is not the answer's 0, 1, 2, ...: "
            "reset it with .reset_index(drop=True)."
        )
    return (
        "The values are right, but the index (the row labels) differs from the answer's. "
        "Check what the rows should be labelled by (set_index, groupby)."
    )


def compare_pandas(got: Any, expected: Any, settings: dict) -> tuple[str, str] | None:
    """None when equal, else ``(status, message)`` saying what differs.

    Example:
        >>> exp = pd.DataFrame({"city": ["Baku"], "start_date": pd.to_datetime(["2019-10-25"])})
        >>> got = pd.DataFrame({"city": ["Baku"], "start_date": ["2019-10-25"]})
        >>> compare_pandas(got, exp, {})
        ('invalid', "Your column start_date holds text, not dates: parse it with pd.to_datetime,
        e.g. df['start_date'] = pd.to_datetime(df['start_date']).")
        >>> compare_pandas(exp.copy(), exp, {}) is None
        True
    """
    is_frame = isinstance(expected, pd.DataFrame)
    problem = _column_problem(got, expected, settings) if is_frame else _series_problem(got, expected, settings)
    if problem:
        return problem
    if is_frame:
        got = got[list(expected.columns)]
    if not settings.get("check_dtype"):
        got, expected = plain_pandas(got), plain_pandas(expected)
    got, problem = _label_problem(got, expected, settings)
    if problem:
        return problem
    if len(got) != len(expected):
        noun, rows = ("table", "rows") if is_frame else ("Series", "values")
        return "incorrect", f"Your {noun} has {len(got)} {rows}; the answer has {len(expected)}."
    g, e = _arrange(got, expected, settings), _arrange(expected, expected, settings)
    error = _assert_equal(g, e, settings)
    if error is None:
        return None
    return _value_problem(g, e, expected, settings) or _last_resort(g, e, expected, error)


def _column_problem(got: pd.DataFrame, expected: pd.DataFrame, settings: dict) -> tuple[str, str] | None:
    """What is wrong with a table's columns: missing, extra, repeated, in another order or of the wrong type."""
    got_cols, exp_cols = list(got.columns), list(expected.columns)
    missing = [c for c in exp_cols if c not in got_cols]
    extra = [c for c in got_cols if c not in exp_cols]
    if missing or extra:
        parts = []
        in_index = [c for c in missing if c in [n for n in got.index.names if n is not None]]
        if in_index:
            return (
                "incorrect",
                f"Column {', '.join(map(str, in_index))} is in your index, not in a column: "
                "move it back with .reset_index().",
            )
        if missing:
            parts.append(f"missing column{'s' if len(missing) > 1 else ''}: {', '.join(map(str, missing[:8]))}")
        if extra:
            parts.append(
                f"extra column{'s' if len(extra) > 1 else ''} (not in the answer): {', '.join(map(str, extra[:8]))}"
            )
        return "incorrect", "Your table has the wrong columns: " + "; ".join(parts) + "."
    if len(set(map(str, got_cols))) != len(got_cols):
        return "incorrect", "Your table has two columns with the same name."
    if got_cols != exp_cols and not settings.get("ignore_column_order"):
        return (
            "incorrect",
            f"Right columns, in a different order: put them as {', '.join(map(str, exp_cols))} "
            "(select them in that order with df[[...]]).",
        )
    got = got[exp_cols]
    for name in exp_cols:
        mistake = _dtype_mistake(got[name], expected[name], str(name))
        if mistake:
            return "invalid", mistake
    return None


def _series_problem(got: pd.Series, expected: pd.Series, settings: dict) -> tuple[str, str] | None:
    """A Series of the wrong type (dates as text...) or, where ``check_names``, with the wrong name."""
    mistake = _dtype_mistake(got, expected, None)
    if mistake:
        return "invalid", mistake
    if settings.get("check_names") and got.name != expected.name:
        return (
            "incorrect",
            f"Your Series is named {show(got.name)}; rename it to {show(expected.name)} with .rename().",
        )
    return None


def _label_problem(got: Any, expected: Any, settings: dict) -> tuple[Any, tuple[str, str] | None]:
    """``got`` (relabelled when only its labels' type differs) and what is wrong with its row labels."""
    mislabelled = not settings.get("ignore_index") and _labels_differ(got, expected)
    if mislabelled and not isinstance(got.index, pd.RangeIndex):
        relabelled = _labels_as_answer(got, expected)
        if relabelled is not None:
            got, mislabelled = relabelled, False
    numbered = isinstance(got.index, pd.RangeIndex) and not isinstance(expected.index, pd.RangeIndex)
    if mislabelled and (numbered or len(got) == len(expected)):
        # The index is the first thing to fix: value differences mean little while the rows are mislabelled.
        if (
            len(got) == len(expected)
            and _assert_equal(
                _sort_rows(got.reset_index(drop=True)).reset_index(drop=True),
                _sort_rows(expected.reset_index(drop=True)).reset_index(drop=True),
                settings,
            )
            is None
            and isinstance(expected.index, pd.RangeIndex)
        ):
            return got, ("incorrect", _index_message(expected))
        return got, ("incorrect", _label_message(got, expected))
    return got, None


def _value_problem(g: Any, e: Any, expected: Any, settings: dict) -> tuple[str, str] | None:
    """Where two Series or tables of the same length differ: index, row order, dtype, or the first value.

    ``g`` and ``e`` are the student's and the answer's, arranged as the settings say; the
    index message is about ``expected``'s own row labels.
    """
    is_frame = isinstance(e, pd.DataFrame)
    if (
        not settings.get("ignore_index")
        and _assert_equal(g.reset_index(drop=True), e.reset_index(drop=True), settings) is None
    ):
        return "incorrect", _index_message(expected)
    if not settings.get("ignore_row_order"):
        sg = _sort_rows(g.reset_index(drop=True)).reset_index(drop=True)
        se = _sort_rows(e.reset_index(drop=True)).reset_index(drop=True)
        if _assert_equal(sg, se, settings) is None:
            return (
                "incorrect",
                "The right rows, but in a different order: sort them as the question asks (.sort_values).",
            )
    columns = list(e.columns) if is_frame else [None]
    if settings.get("check_dtype"):
        for name in columns:
            have = (g[name] if is_frame else g).dtype
            want = (e[name] if is_frame else e).dtype
            if str(have) != str(want):
                where = f"Column {name}" if is_frame else "Your Series"
                return "incorrect", f"{where} has dtype {have}; the answer's has dtype {want}."
    for position in range(len(e)):
        for name in columns:
            have = (g[name] if is_frame else g).iloc[position]
            want = (e[name] if is_frame else e).iloc[position]
            if not _same_value(have, want):
                label = g.index[position]
                where = f"row {position} (counting from 0; index label {show(label)})"
                column = f", column {name}" if is_frame else ""
                return "incorrect", f"The first difference is at {where}{column}: your value there is {show(have)}."
    return None


def _last_resort(g: Any, e: Any, expected: Any, error: AssertionError) -> tuple[str, str]:
    """The index, else the first lines of pandas' own message."""
    if not g.index.equals(e.index):
        return "incorrect", _index_message(expected)
    noun = "table" if isinstance(e, pd.DataFrame) else "Series"
    first = [line for line in str(error).splitlines() if line.strip()][:3]
    return "incorrect", f"Your {noun} differs from the answer: " + " ".join(first)
